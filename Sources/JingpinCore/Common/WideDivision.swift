/// Exact division of a 128-bit magnitude by a 64-bit divisor, without the 128-bit division
/// routine.
///
/// Swift lowers 128-bit division (and `dividingFullWidth`) to a call to the compiler
/// runtime's `__udivti3`, which costs as much as the rest of a reward formula together. Every
/// amount the engine divides has a quotient far below 2⁵² fen, so a floating-point estimate
/// lands within a couple of units of the true quotient; multiplying back, exactly, and
/// stepping by the divisor corrects it. The answer is exact: the estimate only decides where
/// the exact check starts.
public enum WideDivision {
    /// Quotients below this are estimated; above it a Double could be off by more than a few units.
    private static let estimateLimit: Double = 0x1p52

    /// ⌊n / d⌋ and n mod d, for d > 0, when the quotient fits in 64 bits.
    @inline(__always)
    public static func quotientAndRemainder(_ n: UInt128, _ d: UInt64) -> (quotient: UInt64, remainder: UInt64) {
        precondition(d > 0, "division by zero")
        if let small = UInt64(exactly: n) { return (small / d, small % d) }  // one hardware division
        let high = UInt64(truncatingIfNeeded: n >> 64)
        let low = UInt64(truncatingIfNeeded: n)
        let estimate = (Double(high) * 0x1p64 + Double(low)) / Double(d)
        guard estimate < estimateLimit else {
            precondition(high < d, "quotient does not fit in 64 bits")
            return d.dividingFullWidth((high: high, low: low))
        }
        var q = UInt64(estimate)
        // r = n − q·d, exact; |r| is at most a few d, so the loops below run a step or two.
        var r = Int128(bitPattern: n) - Int128(q) * Int128(d)
        while r < 0 {
            q -= 1
            r += Int128(d)
        }
        while r >= Int128(d) {
            q += 1
            r -= Int128(d)
        }
        return (q, UInt64(r))
    }
}
