import Foundation

/// One claim and the amount authorised for it.
public struct ClaimAllocation: Sendable, Hashable {
    /// The claim as given.
    public let claim: AllocationClaim
    /// What the budget pays: from 0 to `claim.eligible`.
    public let authorised: Money

    /// What the claim loses to the budget: eligible − authorised, never negative.
    public var shortfall: Money { Money(fen: claim.eligible.fen - authorised.fen) }
}
