import Foundation

/// Picks which claims receive the single leftover fen that remain after every
/// amount was rounded down: those with the largest key, ties by credit code
/// ascending (see `ClaimRanking`).
///
/// Pro-rata passes the exact remainders (numerators over the common denominator
/// Σ eligible, so comparing them compares the fractions exactly); cap-level
/// passes the eligible amounts.
enum LargestRemainder {
    /// The first `count` of `candidates` ordered by `key` descending, then by the
    /// tie-break; `key` is indexed by claim position, like `claims`.
    static func leaders(
        _ count: Int64, of candidates: [Int], key: [Int64], claims: [AllocationClaim]
    ) -> ArraySlice<Int> {
        precondition(count >= 0 && count <= Int64(candidates.count), "more leftover fen than candidates")
        // Most allocations that come out exact need no ordering at all.
        if count == 0 { return [] }
        return ClaimRanking.order(candidates, byDescending: key, claims: claims).prefix(Int(count))
    }
}
