import Foundation

/// Finds the k-th largest of many integers without sorting them all: the largest-remainder
/// rule only needs to know where the leftover fen stop, and a full sort of 60,000 remainders
/// costs more than the rest of an allocation together.
enum Selection {
    /// The value at index `k` of `values` sorted descending (k = 0 is the largest).
    /// Reorders `values`.
    ///
    /// Quickselect with a median-of-three pivot and a three-way partition, so runs of equal
    /// values (common: many claims share a remainder) cost nothing extra. If the partitions
    /// keep coming out lopsided it sorts what is left, which bounds the worst case at
    /// O(n log n); the usual case is O(n).
    static func kthLargest(_ values: inout [Int64], _ k: Int) -> Int64 {
        precondition(k >= 0 && k < values.count, "k out of range")
        // About two halvings' worth of rounds per bit of the count before giving up on luck.
        var rounds = 2 * (Int.bitWidth - values.count.leadingZeroBitCount) + 4
        return values.withUnsafeMutableBufferPointer { v in
            var lo = 0
            var hi = v.count - 1
            while lo < hi {
                if rounds == 0 {
                    v[lo...hi].sort(by: >)
                    return v[k]
                }
                rounds -= 1
                let pivot = median(v[lo], v[lo + (hi - lo) / 2], v[hi])
                // Afterwards [lo, above) > pivot, [above, below] == pivot, (below, hi] < pivot.
                var above = lo
                var i = lo
                var below = hi
                while i <= below {
                    if v[i] > pivot {
                        v.swapAt(above, i)
                        above += 1
                        i += 1
                    } else if v[i] < pivot {
                        v.swapAt(i, below)
                        below -= 1
                    } else {
                        i += 1
                    }
                }
                if k < above {
                    hi = above - 1
                } else if k > below {
                    lo = below + 1
                } else {
                    return pivot
                }
            }
            return v[k]
        }
    }

    private static func median(_ a: Int64, _ b: Int64, _ c: Int64) -> Int64 {
        max(min(a, b), min(max(a, b), c))
    }
}
