import Foundation

/// Orders claims by an integer key, largest first, with the tie-break every
/// strategy shares: credit code ascending, then position in the input.
///
/// Credit codes are compared as UTF-8 bytes, which is Unicode scalar order (for
/// the ASCII codes of GB 32100, plain character order) and does not depend on
/// the platform's collation. Position only matters when one code appears twice,
/// which allocation tolerates rather than refuses: an enterprise may hold several
/// projects in one year.
///
/// Sorting is split in two because the tie-break rarely matters: the claims are
/// sorted by key alone (as packed integers, which is fast), and only the run of
/// equal keys at the point where a decision falls — the last leftover fen, the
/// claim where the money runs out — is put in credit-code order. Comparing
/// 18-character codes is many times slower than comparing integers (they are too
/// long to be stored inline in a Swift string), so 60 000 claims stay within a
/// few milliseconds even when every key is equal.
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
    ///
    /// The first 24 bytes of each code are packed into integers once, so the sort
    /// compares integers; only two codes that agree on their first 24 bytes (not
    /// valid credit codes) fall back to comparing the strings.
    static func sortByCreditCode(_ order: inout [Int], _ range: Range<Int>, claims: [AllocationClaim]) {
        guard range.count > 1 else { return }
        var entries = order[range].map { Entry(code: CodePrefix(claims[$0].creditCode), index: $0) }
        entries.sort { lhs, rhs in
            if lhs.code != rhs.code { return lhs.code < rhs.code }
            if lhs.code.isTruncated {
                let left = claims[lhs.index].creditCode.utf8
                let right = claims[rhs.index].creditCode.utf8
                if !left.elementsEqual(right) { return left.lexicographicallyPrecedes(right) }
            }
            return lhs.index < rhs.index
        }
        order.replaceSubrange(range, with: entries.map(\.index))
    }

    /// A claim with its packed code, so the sort reads one array of plain integers.
    private struct Entry {
        let code: CodePrefix
        let index: Int
    }

    /// The first 24 UTF-8 bytes of a credit code, big-endian and zero-padded, and its length.
    ///
    /// Two prefixes order like the codes themselves, except that two codes longer
    /// than 24 bytes with the same first 24 compare equal here (`isTruncated`),
    /// and the caller must compare the rest. A code that is the start of a longer
    /// one sorts first, as in a dictionary, through `length`.
    private struct CodePrefix: Comparable {
        private var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let length: Int

        init(_ code: String) {
            var length = 0
            for byte in code.utf8 {
                let shift = UInt64(56 - 8 * (length % 8))
                switch length / 8 {
                case 0: words.0 |= UInt64(byte) << shift
                case 1: words.1 |= UInt64(byte) << shift
                case 2: words.2 |= UInt64(byte) << shift
                default: break
                }
                length += 1
            }
            self.length = length
        }

        /// The code goes on past the 24 bytes held here.
        var isTruncated: Bool { length > 24 }

        static func == (lhs: CodePrefix, rhs: CodePrefix) -> Bool {
            lhs.words == rhs.words && (lhs.length == rhs.length || (lhs.isTruncated && rhs.isTruncated))
        }

        static func < (lhs: CodePrefix, rhs: CodePrefix) -> Bool {
            if lhs.words != rhs.words { return lhs.words < rhs.words }
            if lhs.isTruncated && rhs.isTruncated { return false }
            return lhs.length < rhs.length
        }
    }
}
