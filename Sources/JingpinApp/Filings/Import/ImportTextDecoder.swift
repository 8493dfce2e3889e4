#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JingpinCore

/// The bytes of a file are neither UTF-8 nor GB18030.
struct ImportDecodingError: Error, Sendable {
    /// Roughly where: the line reached in the decoded text.
    let line: Int
}

/// Turns an import file's bytes into UTF-8, chunk by chunk, whatever encoding it came in:
/// a byte-order mark means UTF-8; otherwise ASCII passes through until the first non-ASCII
/// byte, where the rest of the chunk decides — valid UTF-8 stays UTF-8, anything else is
/// GB18030 (a superset of GBK and GB2312), converted with iconv. A chunk may end inside a
/// character; the tail is carried over to the next chunk.
final class ImportTextDecoder {
    /// The encoding decided so far (`ascii` until the first non-ASCII byte).
    private(set) var encoding = ImportTextEncoding.ascii
    /// Whether the file started with a UTF-8 byte-order mark.
    private(set) var hadBOM = false
    private var started = false
    private var head: [UInt8] = []
    private var validator = UTF8StreamValidator()
    private var carry: [UInt8] = []
    private var converter: iconv_t?
    private var lines = 1
    /// Non-ASCII bytes held back until there are enough to tell UTF-8 from GB18030.
    private var sample: [UInt8] = []

    /// A decoder at the start of a file.
    init() {}

    deinit {
        if let converter { iconv_close(converter) }
    }

    /// Decodes one chunk; `final` on the last call flushes what was carried.
    func decode(_ chunk: [UInt8], final: Bool = false) throws(ImportDecodingError) -> [UInt8] {
        var bytes = sample + chunk
        sample = []
        if !started {
            // Wait for three bytes to tell whether a BOM is there.
            head += bytes
            if head.count < 3 && !final { return [] }
            started = true
            bytes = head
            head = []
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                bytes.removeFirst(3)
                hadBOM = true
                encoding = .utf8
            }
        }
        let out: [UInt8]
        switch encoding {
        case .ascii:
            guard let first = bytes.firstIndex(where: { $0 >= 0x80 }) else {
                out = bytes
                break
            }
            let ascii = Array(bytes[..<first])
            if bytes.count - first < 64 && !final {
                // Too little to judge by: a lone lead byte looks like the start of UTF-8.
                sample = Array(bytes[first...])
                count(ascii)
                return ascii
            }
            encoding = UTF8StreamValidator.isPlausibleUTF8(bytes[first...]) ? .utf8 : .gb18030
            count(ascii)
            return ascii + (try decode(Array(bytes[first...]), final: final))
        case .utf8:
            if bytes.withUnsafeBufferPointer({ validator.feed($0) }) != nil { throw ImportDecodingError(line: lines) }
            if final && validator.isInsideCharacter { throw ImportDecodingError(line: lines) }
            out = bytes
        case .gb18030:
            out = try convert(carry + bytes, final: final)
        }
        count(out)
        return out
    }

    /// Counts line ends, to say roughly where an encoding failure is.
    private func count(_ bytes: [UInt8]) {
        for b in bytes where b == 0x0A { lines += 1 }
    }

    /// GB18030 → UTF-8 through iconv; an incomplete character at the end waits for the next chunk.
    private func convert(_ input: [UInt8], final: Bool) throws(ImportDecodingError) -> [UInt8] {
        if converter == nil {
            let cd = iconv_open("UTF-8", "GB18030")
            guard cd != iconv_t(bitPattern: -1) else { throw ImportDecodingError(line: lines) }
            converter = cd
        }
        carry = []
        if input.isEmpty { return [] }
        // Two GB18030 bytes become at most three UTF-8 bytes; four stay four.
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var failure = false
        var leftover: [UInt8] = []
        let produced: Int = input.withUnsafeBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let result = iconv(converter, &inPtr, &inLeft, &outPtr, &outLeft)
                if result == -1 {
                    if errno == EINVAL && !final {
                        leftover = Array(inBuf.suffix(inLeft))
                    } else {
                        failure = true
                    }
                }
                return outBuf.count - outLeft
            }
        }
        if failure { throw ImportDecodingError(line: lines) }
        carry = leftover
        return Array(output[..<produced])
    }
}
