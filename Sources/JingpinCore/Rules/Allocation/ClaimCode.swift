/// A claim's credit code held as plain integers: its first 24 UTF-8 bytes packed big-endian,
/// its length, and the whole text only when it is longer than that.
///
/// A Swift string of 18 characters lives on the heap, and every copy of a claim holding one
/// is an atomic reference-count operation — on this platform's virtual machines about as
/// costly as the whole reward formula. Real credit codes (18 ASCII characters) fit in the
/// packed words, so claims copy, sort and compare as bare integers.
///
/// Order is UTF-8 byte order (Unicode scalar order), as everywhere in allocation: the words
/// compare like the codes' first 24 bytes, a code that is the start of a longer one comes
/// first through `length`, and two long codes that agree on 24 bytes compare their full text.
///
/// Made once per enterprise (a `RewardFigureTable` keeps one per row), so building the
/// claims of a run touches no string at all.
public struct ClaimCode: Sendable, Hashable, Comparable {
    private var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
    private let length: Int
    /// The full text, kept only for codes longer than 24 bytes.
    private let long: String?

    /// Packs `code`.
    public init(_ code: borrowing String) {
        let utf8 = code.utf8
        length = utf8.count
        words = utf8.withContiguousStorageIfAvailable(Self.pack) ?? Array(utf8).withUnsafeBufferPointer(Self.pack)
        long = length > 24 ? copy code : nil
    }

    /// The first 24 bytes, big-endian, zero-padded.
    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64) {
        (word(bytes, 0), word(bytes, 8), word(bytes, 16))
    }

    /// Bytes `start..<start + 8` as a big-endian word, zero where `bytes` ends.
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt64 {
        guard start < bytes.count, let base = bytes.baseAddress else { return 0 }
        if bytes.count - start >= 8 {
            return UInt64(bigEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
        }
        var word: UInt64 = 0
        for i in start..<bytes.count { word |= UInt64(bytes[i]) << UInt64(56 - 8 * (i - start)) }
        return word
    }

    /// The code as text.
    public var text: String {
        if let long { return long }
        return String(unsafeUninitializedCapacity: length) { buffer in
            for i in 0..<length {
                let word = i < 8 ? words.0 : i < 16 ? words.1 : words.2
                buffer[i] = UInt8(truncatingIfNeeded: word >> UInt64(56 - 8 * (i % 8)))
            }
            return length
        }
    }

    public static func == (lhs: ClaimCode, rhs: ClaimCode) -> Bool {
        lhs.words == rhs.words && lhs.length == rhs.length && (lhs.long == nil || lhs.long!.utf8.elementsEqual(rhs.long!.utf8))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(length)
        if let long { hasher.combine(long) }
    }

    public static func < (lhs: ClaimCode, rhs: ClaimCode) -> Bool {
        if lhs.words != rhs.words { return lhs.words < rhs.words }
        if let left = lhs.long, let right = rhs.long {
            return left.utf8.lexicographicallyPrecedes(right.utf8)
        }
        return lhs.length < rhs.length
    }
}
