import Foundation

/// What a strategy worked out besides the amounts, to be shown in the calculation trace.
public enum AllocationFinding: Sendable, Hashable {
    /// Every exact share is eligible × `ratio`; `leftoverFen` fen left after
    /// rounding every share down went one each to the largest remainders.
    case proRata(ratio: AllocationRatio, leftoverFen: Int64)
    /// Every claim got min(eligible, `cap`), except that `leftoverFen` of the
    /// `claimsAboveCap` claims above the cap got one fen more.
    case capLevel(cap: Money, claimsAboveCap: Int, leftoverFen: Int64)
    /// The first `fullyFunded` claims in rank order were paid in full; `partial`
    /// is the claim that got what was left, if anything was.
    case rankOrder(fullyFunded: Int, partial: PartialFunding?)
}

/// The one claim in a rank-order allocation that got less than its eligible
/// amount but more than nothing.
public struct PartialFunding: Sendable, Hashable {
    /// Its position in the input.
    public let claimIndex: Int
    /// Its credit code.
    public let creditCode: String
    /// What it was paid: the money left when its turn came.
    public let authorised: Money
    /// What it was eligible for.
    public let eligible: Money
}
