import Foundation

/// Pro-rata allocation: every claim is scaled by the same ratio B / T, where T is
/// Σ eligible and B = min(budget, T).
///
/// The exact share eligibleᵢ × B / T is rounded down, then the B − Σ floors
/// leftover fen go one each to the claims with the largest fractional remainders
/// (the largest-remainder, or Hamilton, rule), ties by credit code ascending. So
/// each amount is its exact share rounded down or up, never more than one fen
/// away, and never more than the claim's eligible amount: a share with a
/// remainder is strictly below eligible, so its floor + 1 still fits.
enum ProRataAllocation {
    static func allocate(_ claims: [AllocationClaim], _ input: AllocationInput) -> ([Int64], AllocationFinding) {
        let total = input.demand
        let budget = input.allocatable
        let ratio = AllocationRatio(allocated: budget, demand: total)
        // Nothing is cut: skip the arithmetic, which would also divide by a zero total.
        if budget == total {
            return (claims.map(\.eligible.fen), .proRata(ratio: ratio, leftoverFen: 0))
        }

        var amounts = [Int64](repeating: 0, count: claims.count)
        var remainders = [Int64](repeating: 0, count: claims.count)
        var candidates: [Int] = []
        var floorSum: Int64 = 0
        for (index, claim) in claims.enumerated() {
            // eligible × budget can reach ~10²⁶ fen², far beyond Int64, so the product
            // is kept in 128 bits; the quotient is ≤ eligible and the remainder < total,
            // so both fit back in Int64.
            let product = UInt128(claim.eligible.fen) * UInt128(budget)
            let (quotient, rest) = WideDivision.quotientAndRemainder(product, UInt64(total))
            let (share, remainder) = (Int64(quotient), Int64(rest))
            amounts[index] = share
            remainders[index] = remainder
            floorSum += share
            if remainder > 0 { candidates.append(index) }
        }

        // The fractional parts add up to exactly `leftover`, and each is below one,
        // so there are always more candidates than leftover fen.
        let leftover = budget - floorSum
        for index in LargestRemainder.leaders(leftover, of: candidates, key: remainders, claims: claims) {
            amounts[index] += 1
        }
        return (amounts, .proRata(ratio: ratio, leftoverFen: leftover))
    }
}
