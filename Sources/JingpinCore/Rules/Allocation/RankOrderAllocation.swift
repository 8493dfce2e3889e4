import Foundation

/// Rank-order allocation: claims are taken by rank score (highest first, ties by
/// credit code ascending) and paid in full while the money lasts.
///
/// The first claim that cannot be paid in full gets whatever is left and the
/// allocation stops there: every claim after it gets nothing, even one small
/// enough to fit in what remains. Skipping ahead would pay a lower-ranked claim
/// before a higher-ranked one, which is what ranking is meant to rule out ("fund
/// in rank order until the money runs out"). Claims with nothing eligible before
/// the stop count as paid in full.
enum RankOrderAllocation {
    static func allocate(_ claims: [AllocationClaim], _ input: AllocationInput) -> ([Int64], AllocationFinding) {
        let eligible = claims.map(\.eligible.fen)
        let scores = claims.map(\.rankScore)
        var order = ClaimRanking.byDescendingKey(Array(claims.indices), key: scores)
        var amounts = [Int64](repeating: 0, count: claims.count)
        var remaining = input.allocatable
        var fullyFunded = 0
        var partial: PartialFunding?

        // Claims with the same score are taken a run at a time: a run that fits in
        // full is paid in full in any order, so only the run where the money runs
        // out needs to be put in credit-code order.
        var start = 0
        runs: while start < order.count {
            let end = ClaimRanking.endOfRun(order, from: start, key: scores)
            let run = start..<end
            // A run's total is at most the demand, which fits in Int64.
            let runTotal = order[run].reduce(Int64(0)) { $0 + eligible[$1] }
            if runTotal <= remaining {
                for index in order[run] { amounts[index] = eligible[index] }
                remaining -= runTotal
                fullyFunded += run.count
                start = end
                continue
            }
            ClaimRanking.sortByCreditCode(&order, run, claims: claims)
            for index in order[run] {
                if eligible[index] <= remaining {
                    amounts[index] = eligible[index]
                    remaining -= eligible[index]
                    fullyFunded += 1
                    continue
                }
                if remaining > 0 {
                    amounts[index] = remaining
                    partial = PartialFunding(
                        claimIndex: index,
                        creditCode: claims[index].creditCode,
                        authorised: Money(fen: remaining),
                        eligible: claims[index].eligible
                    )
                }
                break runs
            }
            preconditionFailure("a run that does not fit must stop somewhere within it")
        }
        return (amounts, .rankOrder(fullyFunded: fullyFunded, partial: partial))
    }
}
