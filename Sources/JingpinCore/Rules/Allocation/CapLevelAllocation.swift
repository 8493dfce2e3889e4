import Foundation

/// Cap-level allocation: every claim is paid min(eligible, C) for the one whole-fen
/// cap C with Σ min(eligibleᵢ, C) ≤ B < Σ min(eligibleᵢ, C + 1), so claims at or
/// below the cap are paid in full and only the largest are cut.
///
/// The L = B − Σ min(eligibleᵢ, C) fen left over are fewer than the claims above
/// the cap, and go one each to them, largest eligible first, then credit code
/// ascending. Largest first because those claims lose the most to the cap, so
/// the fen goes where the cut is deepest; any such claim has eligible ≥ C + 1, so
/// the extra fen never takes it over its eligible amount.
/// When the budget covers the demand, nobody is cut and C is the largest eligible.
enum CapLevelAllocation {
    static func allocate(_ claims: [AllocationClaim], _ input: AllocationInput) -> ([Int64], AllocationFinding) {
        let eligible = claims.map(\.eligible.fen)
        let budget = input.allocatable
        if budget == input.demand {
            let cap = Money(fen: eligible.max() ?? 0)
            return (eligible, .capLevel(cap: cap, claimsAboveCap: 0, leftoverFen: 0))
        }

        // One sort serves both steps: largest first for the leftover fen, and
        // read backwards, smallest first for the search of the cap.
        let order = ClaimRanking.byDescendingKey(Array(eligible.indices), key: eligible)
        let (cap, leftover) = level(sortedEligible: order.reversed().map { eligible[$0] }, budget: budget)
        let aboveCap = Array(order.prefix { eligible[$0] > cap })
        var amounts = eligible
        for index in aboveCap { amounts[index] = cap }
        for index in LargestRemainder.leaders(leftover, sortedByKey: aboveCap, key: eligible, claims: claims) {
            amounts[index] += 1
        }
        return (amounts, .capLevel(cap: Money(fen: cap), claimsAboveCap: aboveCap.count, leftoverFen: leftover))
    }

    /// The cap C and the leftover fen L for a budget below Σ eligible.
    ///
    /// Sort-and-scan: with the k smallest amounts paid in full (their sum is
    /// `paidInFull`) and the other m = n − k capped, spending is paidInFull + m × C.
    /// The first k where capping the rest at the k-th smallest would overspend is
    /// where the cap lies: C = ⌊(B − paidInFull) / m⌋, L = (B − paidInFull) mod m < m.
    /// O(n) after the O(n log n) sort.
    static func level(sortedEligible: [Int64], budget: Int64) -> (cap: Int64, leftover: Int64) {
        var paidInFull: Int64 = 0
        let count = sortedEligible.count
        for (k, amount) in sortedEligible.enumerated() {
            let capped = Int64(count - k)
            // m × amount can exceed Int64 for many large claims, so it is compared in 128 bits.
            if Int128(paidInFull) + Int128(capped) * Int128(amount) > Int128(budget) {
                let rest = budget - paidInFull
                return (rest / capped, rest % capped)
            }
            // Not overspent: paidInFull + m × amount ≤ B, so the sum stays within the budget.
            paidInFull += amount
        }
        preconditionFailure("cap level asked for a budget that covers the whole demand")
    }
}
