/// The smallest correct PNG writer the QR pictures need: one IHDR, one IDAT holding the rows in
/// stored (uncompressed) deflate blocks, IEND; CRC-32 per chunk and Adler-32 over the rows, as
/// RFC 2083 and RFC 1950/1951 define them. A 1-bit 328-pixel QR image is about 14 KB this way.
enum PNGWriter {
    /// A PNG of `width × height` 1-bit greyscale pixels; `rows` are the filtered scanlines
    /// (each a filter byte, then the packed bits).
    static func greyscale1Bit(width: Int, height: Int, rows: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let header = be32(width) + be32(height) + [1, 0, 0, 0, 0]  // depth 1, greyscale, deflate, adaptive filters, no interlace
        out += chunk("IHDR", header)
        out += chunk("IDAT", zlibStored(rows))
        out += chunk("IEND", [])
        return out
    }

    /// A zlib stream of `data` in stored blocks of at most 65,535 bytes.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]  // deflate, 32 KB window, no preset dictionary, check bits
        var offset = 0
        repeat {
            let n = min(65_535, data.count - offset)
            let last: UInt8 = offset + n == data.count ? 1 : 0
            out.append(last)  // BFINAL, BTYPE 00 (stored)
            out += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[offset..<(offset + n)]
            offset += n
        } while offset < data.count
        return out + be32(Int(adler32(data)))
    }

    static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + body
        return be32(body.count) + typed + be32(Int(crc32(typed)))
    }

    static func be32(_ v: Int) -> [UInt8] { [UInt8((v >> 24) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }
}
