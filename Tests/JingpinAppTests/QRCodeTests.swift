import Foundation
@testable import JingpinApp
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// QR codes: the symbol libqrencode makes is read back by an independent reader (libzbar), its
/// structure is what the QR standard fixes, and the PNG and SVG pictures hold exactly its modules
/// (the PNG decoded by Python's zlib, not by our writer).
@Suite("QR codes: libqrencode's symbol, read back by zbar; PNG and SVG pictures")
struct QRCodeTests {
    static let url = "https://jingpin.zj.gov.cn/verify/7KQ2M9XD4TBRGH"

    /// Reads a QR code from greyscale pixels with libzbar (Debian's `libzbar0`), loaded at run time.
    static func zbarRead(_ pixels: [UInt8], side: Int) throws -> String? {
        let handle = try #require(dlopen("libzbar.so.0", RTLD_NOW), "libzbar0 is missing: scripts/test installs it")
        typealias Create = @convention(c) () -> OpaquePointer?
        typealias SetFormat = @convention(c) (OpaquePointer, UInt) -> Void
        typealias SetSize = @convention(c) (OpaquePointer, UInt32, UInt32) -> Void
        typealias SetData = @convention(c) (OpaquePointer, UnsafeRawPointer, UInt, OpaquePointer?) -> Void
        typealias Scan = @convention(c) (OpaquePointer, OpaquePointer) -> Int32
        typealias First = @convention(c) (OpaquePointer) -> OpaquePointer?
        typealias DataOf = @convention(c) (OpaquePointer) -> UnsafePointer<CChar>?
        func f<T>(_ name: String, _: T.Type) throws -> T { unsafeBitCast(try #require(dlsym(handle, name)), to: T.self) }
        let scanner = try #require(try f("zbar_image_scanner_create", Create.self)())
        let image = try #require(try f("zbar_image_create", Create.self)())
        // The fourcc "Y800" (8-bit greyscale), first letter in the lowest byte.
        let y: UInt = 0x59, eight: UInt = 0x38, zero: UInt = 0x30
        let y800: UInt = y | eight << 8 | zero << 16 | zero << 24
        try f("zbar_image_set_format", SetFormat.self)(image, y800)
        try f("zbar_image_set_size", SetSize.self)(image, UInt32(side), UInt32(side))
        return try pixels.withUnsafeBytes { buffer -> String? in
            try f("zbar_image_set_data", SetData.self)(image, buffer.baseAddress!, UInt(buffer.count), nil)
            guard try f("zbar_scan_image", Scan.self)(scanner, image) > 0,
                  let symbol = try f("zbar_image_first_symbol", First.self)(image),
                  let text = try f("zbar_symbol_get_data", DataOf.self)(symbol) else { return nil }
            return String(cString: text)
        }
    }

    @Test("the symbol has the standard's size and finder patterns, and zbar reads the URL back")
    func symbol() throws {
        let library = try #require(QRLibrary.shared, "libqrencode is missing: scripts/test installs it")
        let m = try library.encode(Self.url)
        #expect(m.size == 17 + 4 * m.version)
        #expect(m.dark.count == m.size * m.size)
        // Finder patterns (ISO/IEC 18004 §6.3.3): in three corners, a dark 7×7 ring, a light ring, a dark 3×3 centre.
        for (r0, c0) in [(0, 0), (0, m.size - 7), (m.size - 7, 0)] {
            for r in 0..<7 {
                for c in 0..<7 {
                    let ring = max(abs(r - 3), abs(c - 3))
                    #expect(m.isDark(row: r0 + r, column: c0 + c) == (ring != 2), "finder at \(r0),\(c0): \(r),\(c)")
                }
            }
        }
        // Rendered at 4 pixels a module with the quiet zone, greyscale (0 black, 255 white).
        let side = (m.size + 8) * 4
        var pixels = [UInt8](repeating: 255, count: side * side)
        for y in 0..<side {
            for x in 0..<side {
                let r = y / 4 - 4, c = x / 4 - 4
                if (0..<m.size).contains(r), (0..<m.size).contains(c), m.isDark(row: r, column: c) { pixels[y * side + x] = 0 }
            }
        }
        #expect(try Self.zbarRead(pixels, side: side) == Self.url)
    }

    @Test("the PNG, decoded by Python's zlib with every CRC checked, holds exactly the symbol's modules")
    func png() throws {
        let library = try #require(QRLibrary.shared)
        let m = try library.encode(Self.url)
        let scale = 3
        let png = m.png(scale: scale)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).png")
        try Data(png).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        // Python reads the chunks, checks each CRC, inflates IDAT, and prints the module at each
        // module's centre ("1" dark) row by row, quiet zone excluded.
        let script = """
            import struct, sys, zlib
            data = open(sys.argv[1], 'rb').read()
            assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
            pos, idat, header = 8, b'', None
            while pos < len(data):
                n, = struct.unpack('>I', data[pos:pos+4]); kind = data[pos+4:pos+8]; body = data[pos+8:pos+8+n]
                crc, = struct.unpack('>I', data[pos+8+n:pos+12+n]); assert crc == zlib.crc32(kind + body) & 0xffffffff, kind
                if kind == b'IHDR': header = struct.unpack('>IIBBBBB', body)
                if kind == b'IDAT': idat += body
                pos += 12 + n
            w, h, depth, colour = header[:4]; assert (depth, colour) == (1, 0)
            raw = zlib.decompress(idat); stride = (w + 7) // 8 + 1
            scale, quiet = int(sys.argv[2]), 4; size = w // scale - 2 * quiet
            out = []
            for r in range(size):
                y = (r + quiet) * scale + scale // 2; row = raw[y * stride + 1:(y + 1) * stride]; assert raw[y * stride] == 0
                bits = ''
                for c in range(size):
                    x = (c + quiet) * scale + scale // 2
                    white = (row[x // 8] >> (7 - x % 8)) & 1
                    bits += '0' if white else '1'
                out.append(bits)
            print('\\n'.join(out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path, "\(scale)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let expected = (0..<m.size).map { r in String((0..<m.size).map { m.isDark(row: r, column: $0) ? "1" : "0" }) }.joined(separator: "\n")
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == expected)
    }

    @Test("the SVG covers exactly the dark modules, with the quiet zone in its view box")
    func svg() throws {
        let m = try #require(QRLibrary.shared).encode(Self.url)
        let svg = m.svg(title: "验证码 <7KQ2>")
        #expect(svg.contains("viewBox=\"0 0 \(m.size + 8) \(m.size + 8)\""))
        #expect(svg.contains("<title>验证码 &lt;7KQ2></title>"))
        // Each run is "M<x> <y>h<n>v1h-<n>z": the runs' lengths add up to the number of dark modules.
        let runs = svg.split(separator: "M").dropFirst().compactMap { part -> Int? in
            guard let h = part.firstIndex(of: "h"), let v = part.firstIndex(of: "v") else { return nil }
            return Int(part[part.index(after: h)..<v])
        }
        #expect(runs.reduce(0, +) == m.dark.count { $0 })
    }
}
