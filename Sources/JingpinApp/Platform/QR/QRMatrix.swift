import Foundation

/// A QR symbol's modules, row by row, and its two pictures: SVG (one path, crisp at any size,
/// for pages and print) and PNG (for labels and downloads). Both keep the four-module quiet
/// zone round the symbol that readers need.
struct QRMatrix: Sendable, Equatable {
    /// The QR version, 1–40.
    let version: Int
    /// Modules per side (17 + 4 × version).
    let size: Int
    /// Whether each module is dark, row by row from the top left.
    let dark: [Bool]

    /// The light margin, in modules.
    static let quietZone = 4

    func isDark(row: Int, column: Int) -> Bool { dark[row * size + column] }

    /// An SVG drawing: one unit per module, every dark run of a row as one rectangle of a path.
    func svg(title: String) -> String {
        let side = size + 2 * Self.quietZone
        var path = ""
        for r in 0..<size {
            var c = 0
            while c < size {
                guard isDark(row: r, column: c) else { c += 1; continue }
                let start = c
                while c < size, isDark(row: r, column: c) { c += 1 }
                path += "M\(start + Self.quietZone) \(r + Self.quietZone)h\(c - start)v1h-\(c - start)z"
            }
        }
        let escaped = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges" role="img"><title>\(escaped)</title>\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }

    /// A 1-bit greyscale PNG, `scale` pixels per module, quiet zone included.
    func png(scale: Int) -> [UInt8] {
        let side = (size + 2 * Self.quietZone) * scale
        let rowBytes = (side + 7) / 8
        var raw: [UInt8] = []
        raw.reserveCapacity((rowBytes + 1) * side)
        for y in 0..<side {
            raw.append(0)  // filter: none
            let r = y / scale - Self.quietZone
            var byte: UInt8 = 0
            for x in 0..<side {
                let c = x / scale - Self.quietZone
                let isDark = (0..<size).contains(r) && (0..<size).contains(c) && self.isDark(row: r, column: c)
                // In 1-bit greyscale a set bit is white.
                if !isDark { byte |= 0x80 >> UInt8(x % 8) }
                if x % 8 == 7 || x == side - 1 {
                    raw.append(byte)
                    byte = 0
                }
            }
        }
        return PNGWriter.greyscale1Bit(width: side, height: side, rows: raw)
    }
}
