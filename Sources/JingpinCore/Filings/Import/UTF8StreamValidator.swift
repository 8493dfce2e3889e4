import Foundation

/// Checks UTF-8 incrementally: a chunk may end inside a multi-byte character, which is then
/// completed by the next chunk. Used both to guess a file's encoding and to make sure a file
/// guessed to be UTF-8 stays valid to its end.
public struct UTF8StreamValidator: Sendable {
    /// Continuation bytes still expected for the character being read.
    private var pending = 0
    /// The allowed range of the next continuation byte (narrower after E0, ED, F0, F4).
    private var low: UInt8 = 0x80
    private var high: UInt8 = 0xBF
    /// How many bytes were accepted so far (to point at the offending one).
    public private(set) var offset = 0

    /// A validator at the start of a text.
    public init() {}

    /// Whether the bytes so far end in the middle of a character.
    public var isInsideCharacter: Bool { pending > 0 }

    /// Accepts `bytes`; returns the offset (from the start of the text) of the first invalid
    /// byte, or nil when every byte is valid so far.
    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for b in bytes {
            if pending > 0 {
                guard b >= low && b <= high else { return offset }
                pending -= 1
                low = 0x80
                high = 0xBF
            } else if b < 0x80 {
                // ASCII: the common case.
            } else if b >= 0xC2 && b <= 0xDF {
                pending = 1
            } else if b >= 0xE0 && b <= 0xEF {
                pending = 2
                if b == 0xE0 { low = 0xA0 } else if b == 0xED { high = 0x9F }
            } else if b >= 0xF0 && b <= 0xF4 {
                pending = 3
                if b == 0xF0 { low = 0x90 } else if b == 0xF4 { high = 0x8F }
            } else {
                return offset
            }
            offset += 1
        }
        return nil
    }

    /// Accepts `bytes` (an array); see `feed(_:)`.
    public mutating func feed(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { feed($0) }
    }

    /// Whether `bytes` could be the start of a UTF-8 text: valid, except that the last
    /// character may be cut off by the end of the sample.
    public static func isPlausibleUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        var v = UTF8StreamValidator()
        return Array(bytes).withUnsafeBufferPointer { v.feed($0) } == nil
    }
}

/// How an import file's text is encoded.
public enum ImportTextEncoding: String, Sendable {
    /// UTF-8 (with or without a byte-order mark).
    case utf8 = "UTF-8"
    /// GB18030, the superset of GBK and GB2312 that Chinese government systems export.
    case gb18030 = "GB18030"
    /// Only ASCII so far: the same in both.
    case ascii = "ASCII"
}
