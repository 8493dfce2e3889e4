/// An exact non-negative score as a fraction, kept reduced. Scores are compared, averaged and
/// ranked exactly, so two applications that tie really tie, and one that is ahead by a hair
/// is ahead; only a page rounds them (to hundredths of a point).
public struct ScoreFraction: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The numerator.
    public let numerator: Int128
    /// The denominator, positive.
    public let denominator: Int128

    /// `numerator / denominator`, reduced; the denominator must not be zero.
    public init(_ numerator: Int128, _ denominator: Int128 = 1) {
        precondition(denominator != 0, "zero denominator")
        let sign: Int128 = denominator < 0 ? -1 : 1
        let g = Self.gcd(numerator.magnitude, denominator.magnitude)
        self.numerator = sign * numerator / Int128(g)
        self.denominator = sign * denominator / Int128(g)
    }

    /// Zero.
    public static let zero = ScoreFraction(0)

    private static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return max(a, 1)
    }

    public static func + (a: ScoreFraction, b: ScoreFraction) -> ScoreFraction {
        ScoreFraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static func - (a: ScoreFraction, b: ScoreFraction) -> ScoreFraction {
        ScoreFraction(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static func * (a: ScoreFraction, b: ScoreFraction) -> ScoreFraction {
        ScoreFraction(a.numerator * b.numerator, a.denominator * b.denominator)
    }

    /// The fraction divided by a positive whole number.
    public static func / (a: ScoreFraction, n: Int) -> ScoreFraction { ScoreFraction(a.numerator, a.denominator * Int128(n)) }

    public static func < (a: ScoreFraction, b: ScoreFraction) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// The value in hundredths, rounded half up: what pages and exports show.
    public var hundredths: Int64 { hundredths(.halfUp) }

    /// The value in hundredths, rounded by `rule`.
    public func hundredths(_ rule: RoundingRule) -> Int64 { Int64(RoundingRule.roundedQuotient(numerator * 100, denominator, rule)) }

    /// "87.25" — two decimals, half up.
    public var description: String { text(.halfUp) }

    /// Two decimals, rounded by `rule`: `.down` never shows a value below a threshold as equal to it.
    public func text(_ rule: RoundingRule) -> String {
        let h = hundredths(rule)
        let sign = h < 0 ? "-" : ""
        let m = h.magnitude
        let cents = m % 100
        return "\(sign)\(m / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
