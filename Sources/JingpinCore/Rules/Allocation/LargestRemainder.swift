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
        // Most allocations that come out exact need no ordering at all.
        if count == 0 { return [] }
        return leaders(count, sortedByKey: ClaimRanking.byDescendingKey(candidates, key: key), key: key, claims: claims)
    }

    /// The same, for candidates already sorted by `key` descending (ties in any order).
    static func leaders(
        _ count: Int64, sortedByKey order: [Int], key: [Int64], claims: [AllocationClaim]
    ) -> ArraySlice<Int> {
        precondition(count >= 0 && count <= Int64(order.count), "more leftover fen than candidates")
        if count == 0 { return [] }
        let count = Int(count)
        var order = order
        // Everyone before the run of equal keys that holds the last fen gets one
        // whatever their codes; within that run the credit code decides.
        var start = count - 1
        let boundary = key[order[start]]
        while start > 0 && key[order[start - 1]] == boundary { start -= 1 }
        let end = ClaimRanking.endOfRun(order, from: start, key: key)
        ClaimRanking.sortByCreditCode(&order, start..<end, claims: claims)
        return order.prefix(count)
    }
}
