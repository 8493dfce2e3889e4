import Foundation

/// Orders claims by an integer key, largest first, with the tie-break every
/// strategy shares: credit code ascending, then position in the input.
///
/// Credit codes are compared as UTF-8 bytes (see `ClaimCode`), which is Unicode
/// scalar order (for the ASCII codes of GB 32100, plain character order) and does
/// not depend on the platform's collation. Position only matters when one code appears twice,
/// which allocation tolerates rather than refuses: an enterprise may hold several
/// projects in one year.
///
/// Sorting is split in two because the tie-break rarely matters: the claims are
/// sorted by key alone (as packed integers, which is fast), and only the run of
/// equal keys at the point where a decision falls — the last leftover fen, the
/// claim where the money runs out — is put in credit-code order.
enum ClaimRanking {
    /// `candidates` sorted by `key[position]` descending; equal keys are adjacent,
    /// in input order, and not yet in credit-code order (see `sortByCreditCode`).
    static func byDescendingKey(_ candidates: [Int], key: [Int64]) -> [Int] {
        // One 128-bit word per candidate: the key, mapped to unsigned and inverted so
        // that larger keys sort first, above the position. Plain `<` then sorts it.
        var packed = candidates.map { position -> UInt128 in
            let descending = ~(UInt64(bitPattern: key[position]) ^ (1 << 63))
            return UInt128(descending) << 64 | UInt128(UInt64(position))
        }
        packed.sort()
        return packed.map { Int(truncatingIfNeeded: UInt64(truncatingIfNeeded: $0)) }
    }

    /// The end of the run of equal keys that starts at `start` in `order`.
    static func endOfRun(_ order: [Int], from start: Int, key: [Int64]) -> Int {
        let value = key[order[start]]
        var end = start + 1
        while end < order.count && key[order[end]] == value { end += 1 }
        return end
    }

    /// Puts `order[range]`, claims with equal keys, in credit-code order, then input order.
    static func sortByCreditCode(_ order: inout [Int], _ range: Range<Int>, claims: [AllocationClaim]) {
        guard range.count > 1 else { return }
        var entries = order[range].map { (code: claims[$0].code, index: $0) }
        entries.sort { $0.code != $1.code ? $0.code < $1.code : $0.index < $1.index }
        order.replaceSubrange(range, with: entries.map(\.index))
    }
}
