import Foundation

/// Counts and amounts over a set of authorised amounts: a whole allocation, or
/// any part of it (one city, one industry) picked by the caller.
public struct AllocationSummary: Sendable, Hashable {
    /// How many claims were summarised.
    public let claimCount: Int
    /// How many of them were authorised more than nothing.
    public let fundedCount: Int
    /// Σ authorised.
    public let total: Money
    /// The median amount among the funded claims; nil when none was funded.
    ///
    /// For an even count this is the lower of the two middle amounts, not their
    /// mean: it is then an amount some claimant actually received, and it needs
    /// no rounding rule.
    public let median: Money?
    /// The largest amount authorised; nil when none was funded.
    public let largest: Money?

    /// Summarises `authorised`, which must come from one allocation (or a part of
    /// one), so that its total is within the budget and cannot overflow.
    public init<S: Sequence<Money>>(authorised: S) {
        var claimCount = 0
        var total: Int64 = 0
        var funded: [Int64] = []
        for amount in authorised {
            claimCount += 1
            total += amount.fen
            if amount.fen > 0 { funded.append(amount.fen) }
        }
        funded.sort()
        self.claimCount = claimCount
        self.fundedCount = funded.count
        self.total = Money(fen: total)
        // Index (k − 1) / 2 is the middle for odd k and the lower middle for even k.
        self.median = funded.isEmpty ? nil : Money(fen: funded[(funded.count - 1) / 2])
        self.largest = funded.last.map { Money(fen: $0) }
    }
}
