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
    ///
    /// Works on the truncated quotient and remainder so that no intermediate
    /// value is larger than the operands: comparing `|r|` with `|d| − |r|`
    /// instead of `2|r|` with `|d|` avoids the one overflow a doubling could cause.
    static func roundedQuotient<T: FixedWidthInteger & SignedInteger>(
        _ numerator: T, _ denominator: T, _ rule: RoundingRule
    ) -> T {
        precondition(denominator != 0, "division by zero")
        let (quotient, overflow) = numerator.dividedReportingOverflow(by: denominator)
        precondition(!overflow, "quotient does not fit")
        let remainder = numerator.remainderReportingOverflow(dividingBy: denominator).partialValue
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
