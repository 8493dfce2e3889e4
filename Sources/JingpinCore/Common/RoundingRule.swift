import Foundation

/// How an exact quotient is brought to a whole number of the smaller unit; every
/// rounding in the product names one of these, so it happens once and on purpose.
public enum RoundingRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// Halves go away from zero (2.5 → 3, −2.5 → −3): the rule of Chinese finance practice (四舍五入).
    case halfUp
    /// Halves go to the even neighbour (2.5 → 2, 3.5 → 4): banker's rounding, unbiased over many sums.
    case halfEven
    /// Truncates toward zero (2.9 → 2, −2.9 → −2): never pays out more than was computed.
    case down

    /// `numerator / denominator` rounded by this rule; traps on a zero denominator
    /// or when the quotient does not fit, both of which are programming errors.
    public func divide(_ numerator: Int64, by denominator: Int64) -> Int64 {
        Self.roundedQuotient(numerator, denominator, self)
    }

    /// `numerator / denominator` rounded by `rounding`; the same as `rounding.divide(_:by:)`.
    public static func divide(_ numerator: Int64, by denominator: Int64, rounding: RoundingRule) -> Int64 {
        roundedQuotient(numerator, denominator, rounding)
    }

    /// Integer division with a rounding rule, for any width (Int64 and Int128).
    static func roundedQuotient<T: FixedWidthInteger & SignedInteger>(
        _ numerator: T, _ denominator: T, _ rule: RoundingRule
    ) -> T {
        let (quotient, remainder) = truncatingDivision(numerator, denominator)
        return rounded(quotient, remainder, numerator, denominator, rule)
    }

    /// The same for 128 bits, with a fast path: when the denominator fits in 64 bits and the
    /// quotient does too — every reward amount — `WideDivision` gives quotient and remainder
    /// at once, instead of two calls to the 128-bit division routine.
    static func roundedQuotient(_ numerator: Int128, _ denominator: Int128, _ rule: RoundingRule) -> Int128 {
        let n = numerator.magnitude
        if denominator > 0, let d = UInt64(exactly: denominator), UInt64(truncatingIfNeeded: n >> 64) < d {
            let (q, r) = WideDivision.quotientAndRemainder(n, d)
            let negative = numerator < 0
            let quotient = negative ? -Int128(q) : Int128(q)
            let remainder = negative ? -Int128(r) : Int128(r)
            return rounded(quotient, remainder, numerator, denominator, rule)
        }
        let (quotient, remainder) = truncatingDivision(numerator, denominator)
        return rounded(quotient, remainder, numerator, denominator, rule)
    }

    /// Quotient and remainder truncated toward zero; traps on a zero denominator or a
    /// quotient that does not fit, both programming errors.
    private static func truncatingDivision<T: FixedWidthInteger & SignedInteger>(_ numerator: T, _ denominator: T) -> (T, T) {
        precondition(denominator != 0, "division by zero")
        let (quotient, overflow) = numerator.dividedReportingOverflow(by: denominator)
        precondition(!overflow, "quotient does not fit")
        return (quotient, numerator.remainderReportingOverflow(dividingBy: denominator).partialValue)
    }

    /// The truncated `quotient` and `remainder` of `numerator / denominator` moved to the
    /// neighbour the rule picks. Compares `|r|` with `|d| − |r|` instead of `2|r|` with `|d|`,
    /// which avoids the one overflow a doubling could cause.
    @inline(__always)
    private static func rounded<T: FixedWidthInteger & SignedInteger>(
        _ quotient: T, _ remainder: T, _ numerator: T, _ denominator: T, _ rule: RoundingRule
    ) -> T {
        if remainder == 0 { return quotient }
        // The exact result lies strictly between `quotient` and `quotient + step`.
        let step: T = (numerator < 0) != (denominator < 0) ? -1 : 1
        let rest = remainder.magnitude
        let otherSide = denominator.magnitude - rest
        switch rule {
        case .down:
            return quotient
        case .halfUp:
            return rest >= otherSide ? quotient + step : quotient
        case .halfEven:
            if rest > otherSide { return quotient + step }
            if rest < otherSide { return quotient }
            return quotient.isMultiple(of: 2) ? quotient : quotient + step
        }
    }
}
