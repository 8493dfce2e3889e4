import Foundation

/// The outcome of one allocation: what each claim is authorised, and what the
/// strategy found on the way (its ratio, cap or stopping point) for the trace.
public struct AllocationResult: Sendable, Hashable {
    /// The strategy that produced this result.
    public let strategy: AllocationStrategy
    /// The budget as given.
    public let budget: Money
    /// Σ eligible over all claims.
    public let demand: Money
    /// min(budget, demand): exactly what the authorised amounts add up to.
    public let allocated: Money
    /// The claims, in the order they were given.
    public let claims: [AllocationClaim]
    /// The authorised fen of each claim, in the same order.
    public let authorisedFen: [Int64]
    /// The strategy's own figures.
    public let finding: AllocationFinding

    /// One entry per claim, in the order the claims were given. Made on demand: pairing
    /// 60,000 claims with their amounts is a copy of every credit code.
    public var allocations: [ClaimAllocation] {
        zip(claims, authorisedFen).map { ClaimAllocation(claim: $0, authorised: Money(fen: $1)) }
    }

    /// The authorised amounts alone, in input order.
    public var authorised: [Money] { authorisedFen.map { Money(fen: $0) } }

    /// The budget left unspent because demand fell short of it.
    public var unspent: Money { Money(fen: budget.fen - allocated.fen) }

    /// Counts and amounts over every claim.
    public var summary: AllocationSummary { AllocationSummary(authorised: authorised) }

    /// Counts and amounts over the claims that `include` picks, e.g. one city's.
    public func summary(where include: (AllocationClaim) -> Bool) -> AllocationSummary {
        AllocationSummary(authorised: zip(claims, authorisedFen).filter { include($0.0) }.map { Money(fen: $0.1) })
    }
}
