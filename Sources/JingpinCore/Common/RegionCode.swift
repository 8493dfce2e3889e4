import Foundation

/// A six-digit administrative division code (行政区划代码), e.g. 330106 for Xihu District.
///
/// The digits nest: the first two name the province, the first four the city,
/// all six the county. Everything below is read from that structure alone; whether
/// a code actually exists is the job of `RegionDirectory`.
public struct RegionCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The six digits.
    public let value: String

    /// Accepts exactly six ASCII digits (surrounding whitespace trimmed).
    public init(_ raw: String) throws(RegionCodeError) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count == 6, text.allSatisfy(\.isASCIIDigit) else { throw .notSixDigits }
        value = text
    }

    /// A code already known to be six digits (built from another code's prefix).
    private init(trusted value: String) {
        self.value = value
    }

    /// The code itself.
    public var description: String { value }

    /// "xx0000" is a province, "xxxx00" a city, anything else a county-level division.
    public var level: RegionLevel {
        if value.hasSuffix("0000") { return .province }
        if value.hasSuffix("00") { return .city }
        return .county
    }

    /// The province "xx0000" this code belongs to (itself for a province).
    public var provinceCode: RegionCode { RegionCode(trusted: String(value.prefix(2)) + "0000") }

    /// The city: itself for a city, "xxxx00" for a county, nil for a province.
    ///
    /// Also nil for a county whose digits 3–4 are "00" (a county-level city governed
    /// directly by the province, as in some provinces): "xx0000" would be the province.
    public var cityCode: RegionCode? {
        switch level {
        case .province: return nil
        case .city: return self
        case .county:
            let city = RegionCode(trusted: String(value.prefix(4)) + "00")
            return city.level == .city ? city : nil
        }
    }

    /// Whether `other` lies within this region: a province holds every code with its
    /// first two digits, a city every code with its first four (itself included),
    /// a county only itself.
    public func contains(_ other: RegionCode) -> Bool {
        switch level {
        case .province: return other.value.prefix(2) == value.prefix(2)
        case .city: return other.value.prefix(4) == value.prefix(4)
        case .county: return other == self
        }
    }

    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.value < rhs.value }

    /// Decodes from the plain six-digit string, checking it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(container.decode(String.self))
    }

    /// Encodes as the plain six-digit string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// Why a region code was refused.
public enum RegionCodeError: Error, Sendable, Hashable {
    /// The text is not exactly six digits.
    case notSixDigits

    /// Plain-language text for the person who typed the code.
    public func message(_ language: Language) -> String {
        switch language {
        case .zhHans: return "行政区划代码应为6位数字，例如 330106"
        case .en: return "Enter the 6-digit region code, for example 330106"
        }
    }
}
