import Foundation

/// The figures every strategy starts from, checked once: the total demand and
/// the part of the budget that can actually be paid out.
struct AllocationInput {
    /// Σ eligible, in fen.
    let demand: Int64
    /// min(budget, demand), in fen: what the authorised amounts must add up to exactly.
    let allocatable: Int64

    /// Refuses a negative budget or eligible amount, and a demand beyond Int64.
    ///
    /// The budget is checked first so that its message wins when both are wrong;
    /// among claims, the first negative one in input order is reported.
    init(claims: [AllocationClaim], budget: Money) throws(AllocationError) {
        guard budget.fen >= 0 else { throw .negativeBudget(budget) }
        var demand: Int64 = 0
        for claim in claims {
            guard claim.eligible.fen >= 0 else {
                throw .negativeEligible(creditCode: claim.creditCode, eligible: claim.eligible)
            }
            let (sum, overflow) = demand.addingReportingOverflow(claim.eligible.fen)
            if overflow { throw .demandTooLarge }
            demand = sum
        }
        self.demand = demand
        self.allocatable = min(budget.fen, demand)
    }
}
