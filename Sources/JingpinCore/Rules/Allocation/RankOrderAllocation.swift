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
        var amounts = [Int64](repeating: 0, count: claims.count)
        var remaining = input.allocatable
        var fullyFunded = 0
        var partial: PartialFunding?
        for index in rankOrder(claims) {
            let eligible = claims[index].eligible.fen
            if eligible <= remaining {
                amounts[index] = eligible
                remaining -= eligible
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
            break
        }
        return (amounts, .rankOrder(fullyFunded: fullyFunded, partial: partial))
    }

    /// Claim positions by rank score descending, then credit code ascending, then input position.
    static func rankOrder(_ claims: [AllocationClaim]) -> [Int] {
        ClaimRanking.order(Array(claims.indices), byDescending: claims.map(\.rankScore), claims: claims)
    }
}
