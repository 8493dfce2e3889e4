import Foundation

/// The exact fraction by which pro-rata allocation scales every claim, in lowest terms.
///
/// Kept as a fraction of integers because no decimal of it is exact: a budget
/// of 2 over a demand of 3 is 2/3, not 0.6667.
public struct AllocationRatio: Sendable, Hashable, CustomStringConvertible {
    /// The upper part, at most `denominator`.
    public let numerator: Int64
    /// The lower part, always positive.
    public let denominator: Int64

    /// allocated / demand in lowest terms; 1/1 when nothing is cut, including
    /// when nothing was claimed.
    init(allocated: Int64, demand: Int64) {
        guard demand > 0, allocated < demand else {
            self.numerator = 1
            self.denominator = 1
            return
        }
        var a = demand, b = allocated
        while b != 0 { (a, b) = (b, a % b) }
        self.numerator = allocated / a
        self.denominator = demand / a
    }

    /// "2/3".
    public var description: String { "\(numerator)/\(denominator)" }
}
