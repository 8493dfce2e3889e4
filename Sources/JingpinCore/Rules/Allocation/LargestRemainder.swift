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
    /// tie-break, in no particular order; `key` is indexed by claim position, like `claims`.
    ///
    /// No sort: the `count`-th largest key is found by selection, everyone above it gets a
    /// fen, and only the claims that share that key are put in credit-code order to share
    /// what is left.
    static func leaders(
        _ count: Int64, of candidates: [Int], key: [Int64], claims: [AllocationClaim]
    ) -> [Int] {
        precondition(count >= 0 && count <= Int64(candidates.count), "more leftover fen than candidates")
        // Most allocations that come out exact need no ordering at all.
        if count == 0 { return [] }
        let count = Int(count)
        var keys = candidates.map { key[$0] }
        let boundary = Selection.kthLargest(&keys, count - 1)
        var chosen: [Int] = []
        chosen.reserveCapacity(count)
        var tied: [Int] = []
        for index in candidates {
            let k = key[index]
            if k > boundary { chosen.append(index) } else if k == boundary { tied.append(index) }
        }
        ClaimRanking.sortByCreditCode(&tied, tied.indices, claims: claims)
        chosen.append(contentsOf: tied.prefix(count - chosen.count))
        return chosen
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
