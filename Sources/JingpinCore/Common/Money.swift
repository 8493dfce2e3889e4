import Foundation

/// An amount of renminbi held as whole fen (1 yuan = 100 fen), so that sums are exact.
///
/// There is no `Double` money anywhere: amounts are parsed exactly from text,
/// and where a division is unavoidable it rounds once, by a named `RoundingRule`.
/// Encoded as a bare integer of fen, matching the `*_fen` columns and
/// `amountFen` JSON fields that carry the unit in their name.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The amount in fen; negative for refunds, deductions and clawbacks.
    public let fen: Int64

    /// An amount of `fen` fen.
    public init(fen: Int64) {
        self.fen = fen
    }

    /// Nothing; the starting point of a sum.
    public static let zero = Money(fen: 0)

    /// The same amount with the opposite sign.
    public var negated: Money { Money(fen: -fen) }

    /// Whether the amount is below zero.
    public var isNegative: Bool { fen < 0 }

    /// Debugging text in plain yuan, e.g. "1234.56".
    public var description: String { yuanString }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }

    /// Sum that traps on overflow; use `adding(_:)` where the operands come from users.
    public static func + (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen + rhs.fen) }

    /// Difference that traps on overflow; use `subtracting(_:)` where the operands come from users.
    public static func - (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen - rhs.fen) }

    /// The same amount with the opposite sign.
    public static prefix func - (value: Money) -> Money { value.negated }

    /// The sum, or `.overflow` instead of a crash when it leaves the Int64 range.
    public func adding(_ other: Money) throws(MoneyArithmeticError) -> Money {
        let (sum, overflow) = fen.addingReportingOverflow(other.fen)
        if overflow { throw .overflow }
        return Money(fen: sum)
    }

    /// The difference, or `.overflow` instead of a crash when it leaves the Int64 range.
    public func subtracting(_ other: Money) throws(MoneyArithmeticError) -> Money {
        let (difference, overflow) = fen.subtractingReportingOverflow(other.fen)
        if overflow { throw .overflow }
        return Money(fen: difference)
    }

    /// Sums amounts exactly, or throws `.overflow`.
    public static func sum<S: Sequence>(_ amounts: S) throws(MoneyArithmeticError) -> Money where S.Element == Money {
        var total = Money.zero
        for amount in amounts { total = try total.adding(amount) }
        return total
    }

    /// `numerator / denominator` rounded once by `rounding` (see `RoundingRule`).
    public static func divide(_ numerator: Int64, by denominator: Int64, rounding: RoundingRule) -> Int64 {
        RoundingRule.roundedQuotient(numerator, denominator, rounding)
    }

    /// This amount × `bp` / 10 000 (a rate in basis points), rounded to fen once.
    ///
    /// The product is taken in 128 bits so a large amount times a large rate
    /// cannot overflow before the division; only a result beyond Int64 traps.
    public func multiplied(byBasisPoints bp: Int64, rounding: RoundingRule) -> Money {
        let product = Int128(fen) * Int128(bp)
        let quotient = RoundingRule.roundedQuotient(product, Int128(10_000), rounding)
        guard let result = Int64(exactly: quotient) else {
            preconditionFailure("amount × rate does not fit in Int64 fen")
        }
        return Money(fen: result)
    }

    public init(from decoder: any Decoder) throws {
        fen = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fen)
    }
}

/// Why exact money arithmetic could not give an answer.
public enum MoneyArithmeticError: Error, Sendable, Hashable {
    /// The result is beyond ±92 233 720 368 547 758.07 yuan, the range of Int64 fen.
    case overflow

    /// Plain-language text for the person who entered the amounts.
    public func message(_ language: Language) -> String {
        switch language {
        case .zhHans: return "金额过大，超出系统可处理的范围"
        case .en: return "The amount is too large for the system to handle"
        }
    }
}
