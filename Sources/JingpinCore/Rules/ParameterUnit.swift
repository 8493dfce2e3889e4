import Foundation

/// The unit a parameter's integer values are stored in. Every value is an `Int64`, so
/// thresholds compare exactly (≥ means ≥) and sums never drift.
public enum ParameterUnit: String, Sendable, Hashable, Codable, CaseIterable {
    /// Money in fen (分): ¥1.00 is 100.
    case fen
    /// A rate in basis points: 3 % is 300.
    case basisPoints = "basis_points"
    /// A quantity or level in thousandths: digital level 2.0 is 2000.
    case thousandths
    /// A whole number of things (products, incidents).
    case count
    /// A whole number of years.
    case years
    /// Yes (1) or no (0).
    case boolean

    /// The value written for people: `¥8,000,000.00`, `3.00 %`, `2.0`, `5`, `2 年`, `是`.
    public func format(_ value: Int64, _ language: Language) -> String {
        switch self {
        case .fen: return Money(fen: value).formatted(language)
        case .basisPoints: return Self.decimal(value, places: 2) + " %"
        case .thousandths:
            let text = Self.decimal(value, places: 3)
            // 2.000 reads as 2.0: keep one decimal, drop trailing zeros beyond it.
            var trimmed = Substring(text)
            while trimmed.hasSuffix("0"), let dot = trimmed.firstIndex(of: "."), trimmed.distance(from: dot, to: trimmed.endIndex) > 2 {
                trimmed = trimmed.dropLast()
            }
            return String(trimmed)
        case .count: return String(value)
        case .years: return language == .en ? "\(value) year\(value == 1 ? "" : "s")" : "\(value) 年"
        case .boolean: return value != 0 ? (language == .en ? "yes" : "是") : (language == .en ? "no" : "否")
        }
    }

    /// The unit's name for people.
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.fen, .en): "yuan (stored in fen)"
        case (.fen, _): "元（以分存储）"
        case (.basisPoints, .en): "percent (stored in basis points)"
        case (.basisPoints, _): "百分比（以基点存储）"
        case (.thousandths, .en): "level or quantity (stored in thousandths)"
        case (.thousandths, _): "等级或数量（以千分之一存储）"
        case (.count, .en): "count"
        case (.count, _): "个数"
        case (.years, .en): "years"
        case (.years, _): "年"
        case (.boolean, .en): "yes or no"
        case (.boolean, _): "是或否"
        }
    }

    /// `value / 10^places` with exactly `places` decimals, computed on integers.
    static func decimal(_ value: Int64, places: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let whole = magnitude / UInt64(scale)
        let frac = String(magnitude % UInt64(scale))
        return sign + String(whole) + "." + String(repeating: "0", count: places - frac.count) + frac
    }
}
