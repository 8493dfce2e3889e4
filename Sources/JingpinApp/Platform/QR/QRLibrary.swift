import Foundation
import JingpinCore
#if canImport(Glibc)
import Glibc
#endif

/// QR codes through libqrencode (Debian's `libqrencode-dev`), loaded at run time with `dlopen`
/// as libxlsxwriter is: the server builds and runs without it, and only the pages and files
/// that draw a QR code ask for it, with a message that says how to install it.
final class QRLibrary: @unchecked Sendable {
    /// The loaded library, or nil when it is not installed.
    static let shared: QRLibrary? = QRLibrary()

    static let missingMessage = Message("platform.conflict.qr_missing")

    // QRcode *QRcode_encodeString(const char *, int version, QRecLevel, QRencodeMode, int casesensitive); enums are ints.
    // The result is libqrencode's `QRcode { int version; int width; unsigned char *data; }`, read by offset.
    typealias EncodeString = @convention(c) (UnsafePointer<CChar>, Int32, Int32, Int32, Int32) -> OpaquePointer?
    typealias Free = @convention(c) (OpaquePointer) -> Void

    /// Error correction: M restores about 15 % of the symbol, enough for a printed label.
    static let levelM: Int32 = 1
    /// `QR_MODE_8`: bytes, so any URL is encoded as written.
    static let mode8: Int32 = 2

    let encodeString: EncodeString, freeCode: Free
    /// libqrencode is thread-safe when built with pthreads, but one lock costs nothing here.
    let lock = NSLock()

    private init?() {
        guard let handle = dlopen("libqrencode.so.4", RTLD_NOW) ?? dlopen("libqrencode.so", RTLD_NOW) else { return nil }
        guard let e = dlsym(handle, "QRcode_encodeString"), let f = dlsym(handle, "QRcode_free") else { return nil }
        encodeString = unsafeBitCast(e, to: EncodeString.self)
        freeCode = unsafeBitCast(f, to: Free.self)
    }

    /// The symbol for `text` (the smallest version that holds it, level M, case kept).
    func encode(_ text: String) throws -> QRMatrix {
        lock.lock()
        defer { lock.unlock() }
        guard let code = text.withCString({ encodeString($0, 0, Self.levelM, Self.mode8, 1) }) else {
            throw AppError.conflict(Message("platform.conflict.qr_encode", "\(text.utf8.count)"))
        }
        defer { freeCode(code) }
        let raw = UnsafeRawPointer(code)
        let version = Int(raw.load(as: Int32.self))
        let width = Int(raw.load(fromByteOffset: 4, as: Int32.self))
        // The data pointer follows the two ints, aligned to 8 on LP64.
        guard let data = raw.load(fromByteOffset: MemoryLayout<UnsafeRawPointer>.stride, as: UnsafePointer<UInt8>?.self) else {
            throw AppError.conflict(Message("platform.conflict.qr_empty"))
        }
        // The lowest bit of each byte is the module's colour; the others are libqrencode's bookkeeping.
        let dark = (0..<(width * width)).map { data[$0] & 1 == 1 }
        return QRMatrix(version: version, size: width, dark: dark)
    }
}
