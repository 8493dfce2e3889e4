import Foundation

/// Why a typed amount of money was refused; each case has its own plain-language message.
public enum MoneyParseError: Error, Sendable, Hashable {
    /// Nothing but whitespace, a currency sign or "元" was entered.
    case empty
    /// Something other than digits, one point, thousands commas, a leading minus, ¥/￥ or a trailing 元.
    case invalidCharacters
    /// Commas not in groups of three ("1,23.4"), a comma after the point, or more than one point
    /// ("1.2.3", as in the European "1.234.567"): both are a grouping mix-up to the person typing.
    case misplacedGrouping
    /// Three or more digits after the point where the amount must be exact to the fen.
    case tooManyDecimals
    /// The amount is beyond the Int64 range of fen (about ±9.2 × 10¹⁶ yuan).
    case overflow

    /// The message in both languages, for callers that show both at once.
    public var message: (zh: String, en: String) {
        switch self {
        case .empty:
            return ("请填写金额", "Enter an amount")
        case .invalidCharacters:
            return ("金额只能包含数字、小数点和千位逗号，例如 1,234.56",
                    "Enter the amount in yuan using digits, for example 1,234.56")
        case .misplacedGrouping:
            return ("金额格式不对：千位逗号应每3位一组，小数点只能有一个，例如 1,234,567.89",
                    "Put commas between groups of three digits and use one decimal point at most, for example 1,234,567.89")
        case .tooManyDecimals:
            return ("金额最多保留两位小数（精确到分）",
                    "Enter the amount to the fen: no more than two digits after the decimal point")
        case .overflow:
            return ("金额过大，超出系统可处理的范围",
                    "The amount is too large for the system to handle")
        }
    }

    /// The message in one language.
    public func message(_ language: Language) -> String {
        switch language {
        case .zhHans: return message.zh
        case .en: return message.en
        }
    }
}
