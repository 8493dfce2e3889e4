import Foundation

/// Why a typed value was refused, in plain words for the person who typed it.
public enum IndicatorValueError: Error, Sendable, Hashable {
    /// Not a number at all.
    case notANumber
    /// More decimal places than the indicator keeps.
    case tooManyDecimals(allowed: Int)
    /// Outside the allowed range (stored units).
    case outOfRange
    /// Not one of the options.
    case unknownOption(options: [String])
    /// Not yes or no.
    case notABoolean

    /// A stable code for files and the API.
    public var code: String {
        switch self {
        case .notANumber: "not_a_number"
        case .tooManyDecimals: "too_many_decimals"
        case .outOfRange: "out_of_range"
        case .unknownOption: "unknown_option"
        case .notABoolean: "not_a_boolean"
        }
    }

    /// The reason as a key of the strings table (`domain.value.*`), with the range written as the
    /// user types values — what the forms and the API show.
    public func message(indicator: Indicator) -> Message {
        switch self {
        case .notANumber: return Message("domain.value.not_a_number")
        case .tooManyDecimals(let n): return Message("domain.value.too_many_decimals", "\(n)")
        case .outOfRange:
            // A range is set on numbers only, whose written form is the same in both languages.
            let lo = indicator.minimum.map { IndicatorValue.format($0, indicator, .zhHans) }
            let hi = indicator.maximum.map { IndicatorValue.format($0, indicator, .zhHans) }
            switch (lo, hi) {
            case let (lo?, hi?): return Message("domain.value.between", "\(lo)", "\(hi)")
            case let (lo?, nil): return Message("domain.value.at_least", "\(lo)")
            case let (nil, hi?): return Message("domain.value.at_most", "\(hi)")
            case (nil, nil): return Message("domain.value.out_of_range")
            }
        case .unknownOption(let options):
            return Message("domain.value.unknown_option", .named(zh: options.joined(separator: "、"), en: options.joined(separator: ", ")))
        case .notABoolean: return Message("domain.value.not_a_boolean")
        }
    }

    /// The reason in words, for the import report and the command line (whose texts are not yet
    /// keys of the strings table; the same words as `domain.value.*`).
    public func message(_ l: Language, indicator: Indicator) -> String {
        switch (self, l) {
        case (.notANumber, .en): return "Enter a number"
        case (.notANumber, _): return "请输入数字"
        case (.tooManyDecimals(let n), .en): return "Use at most \(n) decimal places"
        case (.tooManyDecimals(let n), _): return "最多保留\(n)位小数"
        case (.outOfRange, _):
            let lo = indicator.minimum.map { IndicatorValue.format($0, indicator, l) }
            let hi = indicator.maximum.map { IndicatorValue.format($0, indicator, l) }
            switch (lo, hi, l) {
            case let (lo?, hi?, .en): return "Enter a value from \(lo) to \(hi)"
            case let (lo?, hi?, _): return "应在\(lo)到\(hi)之间"
            case let (lo?, nil, .en): return "Enter a value of at least \(lo)"
            case let (lo?, nil, _): return "不能小于\(lo)"
            case let (nil, hi?, .en): return "Enter a value of at most \(hi)"
            case let (nil, hi?, _): return "不能大于\(hi)"
            default: return l == .en ? "Out of range" : "超出范围"
            }
        case (.unknownOption(let options), .en): return "Choose one of \(options.joined(separator: ", "))"
        case (.unknownOption(let options), _): return "请从以下选项中选择：\(options.joined(separator: "、"))"
        case (.notABoolean, .en): return "Answer yes or no"
        case (.notABoolean, _): return "请填写“是”或“否”"
        }
    }
}

/// Reading and writing indicator values. Every value is one Int64 in the indicator's
/// stored unit: fen for money, basis points for rates, thousandths for quantities.
public enum IndicatorValue {
    /// Parses typed text (already non-empty) into the stored value, checking the range.
    public static func parse(_ text: String, _ indicator: Indicator) -> Result<Int64, IndicatorValueError> {
        let t = text.trimmingCharacters(in: .whitespaces)
        let value: Int64
        switch indicator.type {
        case .money:
            do { value = try Money.parse(t).fen } catch {
                return .failure(error == .tooManyDecimals ? .tooManyDecimals(allowed: 2) : .notANumber)
            }
        case .integer:
            switch fixedPoint(t, scale: 0) {
            case .success(let v): value = v
            case .failure(let e): return .failure(e)
            }
        case .rate:
            let percent = t.hasSuffix("%") ? String(t.dropLast()).trimmingCharacters(in: .whitespaces) : t
            switch fixedPoint(percent, scale: 2) {
            case .success(let v): value = v
            case .failure(let e): return .failure(e)
            }
        case .quantity:
            switch fixedPoint(t, scale: 3) {
            case .success(let v): value = v
            case .failure(let e): return .failure(e)
            }
        case .boolean:
            switch t.lowercased() {
            case "1", "true", "yes", "y", "是", "有": value = 1
            case "0", "false", "no", "n", "否", "无": value = 0
            default: return .failure(.notABoolean)
            }
        case .enumeration(let options):
            guard let i = options.firstIndex(where: { $0.caseInsensitiveCompare(t) == .orderedSame }) else {
                return .failure(.unknownOption(options: options))
            }
            value = Int64(i)
        }
        if let lo = indicator.minimum, value < lo { return .failure(.outOfRange) }
        if let hi = indicator.maximum, value > hi { return .failure(.outOfRange) }
        return .success(value)
    }

    /// Writes a stored value as a person would type it ("1234.56", "3.25", "12.345", "是", "AA").
    public static func format(_ stored: Int64, _ indicator: Indicator, _ l: Language) -> String {
        switch indicator.type {
        case .money: Money(fen: stored).yuanString
        case .integer: String(stored)
        case .rate: decimal(stored, scale: 2)
        case .quantity: decimal(stored, scale: 3)
        case .boolean: stored != 0 ? (l == .en ? "yes" : "是") : (l == .en ? "no" : "否")
        case .enumeration(let options): options.indices.contains(Int(stored)) ? options[Int(stored)] : String(stored)
        }
    }

    /// A plain decimal with exactly the digits stored: 1234500 at scale 3 → "1234.5"; trailing zeros dropped.
    static func decimal(_ stored: Int64, scale: Int) -> String {
        var divisor: Int64 = 1
        for _ in 0..<scale { divisor *= 10 }
        let negative = stored < 0
        let magnitude = stored.magnitude
        let whole = magnitude / UInt64(divisor)
        var fraction = String(magnitude % UInt64(divisor))
        fraction = String(repeating: "0", count: scale - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (negative ? "-" : "") + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// Parses "-12.5" exactly into a scaled integer (scale 2 → -1250); no rounding, ever.
    static func fixedPoint(_ text: String, scale: Int) -> Result<Int64, IndicatorValueError> {
        var chars = Substring(text)
        var negative = false
        if chars.first == "-" || chars.first == "+" {
            negative = chars.first == "-"
            chars = chars.dropFirst()
        }
        let parts = chars.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholePart = parts.first, !wholePart.isEmpty, wholePart.allSatisfy(\.isASCIIDigit) else {
            return .failure(.notANumber)
        }
        let fractionPart = parts.count > 1 ? parts[1] : ""
        guard parts.count == 1 || (!fractionPart.isEmpty && fractionPart.allSatisfy(\.isASCIIDigit)) else {
            return .failure(.notANumber)
        }
        guard fractionPart.count <= scale else { return .failure(.tooManyDecimals(allowed: scale)) }
        let digits = String(wholePart) + String(fractionPart) + String(repeating: "0", count: scale - fractionPart.count)
        guard let magnitude = Int64(digits) else { return .failure(.outOfRange) }
        return .success(negative ? -magnitude : magnitude)
    }
}
