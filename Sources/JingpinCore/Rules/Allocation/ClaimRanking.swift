import Foundation

/// Orders claims by an integer key, largest first, with the tie-break every
/// strategy shares: credit code ascending, then position in the input.
///
/// Credit codes are compared as UTF-8 bytes, which is Unicode scalar order (for
/// the ASCII codes of GB 32100, plain character order) and does not depend on
/// the platform's collation. Position only matters when one code appears twice,
/// which allocation tolerates rather than refuses: an enterprise may hold several
/// projects in one year.
enum ClaimRanking {
    /// The positions in `candidates` sorted by `key[position]` descending, then the tie-break.
    ///
    /// The first 24 bytes of each credit code are packed into integers once, so the
    /// O(m log m) sort compares integers rather than heap-allocated strings (an
    /// 18-character code is too long to be stored inline); only two codes that
    /// agree on their first 24 bytes, i.e. not valid credit codes, fall back to
    /// comparing the strings.
    static func order(_ candidates: [Int], byDescending key: [Int64], claims: [AllocationClaim]) -> [Int] {
        var entries = candidates.map { Entry(key: key[$0], code: CodePrefix(claims[$0].creditCode), index: $0) }
        entries.sort { lhs, rhs in
            if lhs.key != rhs.key { return lhs.key > rhs.key }
            if lhs.code != rhs.code { return lhs.code < rhs.code }
            if lhs.code.isTruncated {
                let left = claims[lhs.index].creditCode.utf8
                let right = claims[rhs.index].creditCode.utf8
                if !left.elementsEqual(right) { return left.lexicographicallyPrecedes(right) }
            }
            return lhs.index < rhs.index
        }
        return entries.map(\.index)
    }

    /// A candidate with what it is sorted by, all plain integers.
    private struct Entry {
        let key: Int64
        let code: CodePrefix
        let index: Int
    }

    /// The first 24 UTF-8 bytes of a credit code, big-endian and zero-padded, and its length.
    ///
    /// Two prefixes order like the codes themselves, except that two codes longer
    /// than 24 bytes with the same first 24 compare equal here (`isTruncated`),
    /// and the caller must compare the rest. A shorter code that matches the start
    /// of a longer one sorts first, as in dictionary order, through `length`.
    private struct CodePrefix: Comparable {
        let high: UInt64
        let middle: UInt64
        let low: UInt64
        let length: Int

        init(_ code: String) {
            var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
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
            (high, middle, low) = words
            self.length = length
        }

        /// Both codes go on past the 24 bytes held here, so equal prefixes say nothing.
        var isTruncated: Bool { length > 24 }

        static func == (lhs: CodePrefix, rhs: CodePrefix) -> Bool {
            lhs.high == rhs.high && lhs.middle == rhs.middle && lhs.low == rhs.low
                && (lhs.length == rhs.length || (lhs.isTruncated && rhs.isTruncated))
        }

        static func < (lhs: CodePrefix, rhs: CodePrefix) -> Bool {
            if lhs.high != rhs.high { return lhs.high < rhs.high }
            if lhs.middle != rhs.middle { return lhs.middle < rhs.middle }
            if lhs.low != rhs.low { return lhs.low < rhs.low }
            if lhs.isTruncated && rhs.isTruncated { return false }
            return lhs.length < rhs.length
        }
    }
}
