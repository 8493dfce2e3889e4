import Foundation

/// One enterprise's claim on a year's budget: the amount it is eligible for under
/// the reward rules, before the budget is applied.
public struct AllocationClaim: Sendable, Hashable, Codable {
    /// The claimant's unified social credit code; the key that breaks every tie,
    /// so the same claims always give the same amounts whatever order they come in.
    public let creditCode: String
    /// What the rules would pay with an unlimited budget; never negative.
    public let eligible: Money
    /// Priority under rank-order allocation: higher is funded first. Ignored by
    /// the other strategies.
    public let rankScore: Int64

    /// A claim of `eligible` for `creditCode`, ranked by `rankScore` (0 when rank does not matter).
    public init(creditCode: String, eligible: Money, rankScore: Int64 = 0) {
        self.creditCode = creditCode
        self.eligible = eligible
        self.rankScore = rankScore
    }
}
