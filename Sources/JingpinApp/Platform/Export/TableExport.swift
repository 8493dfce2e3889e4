import Foundation
import Hummingbird
import JingpinCore

/// One cell of an exported table: text, or a number with the decimals it should show.
enum ExportCell: Sendable {
    /// Text, written as is (CSV-escaped, never a formula).
    case text(String)
    /// A number in stored units divided by 10^scale (fen → yuan at scale 2), shown with `scale` decimals.
    case number(Int64, scale: Int)
    /// Nothing.
    case empty

    /// The cell as a plain string (CSV and tests).
    var plain: String {
        switch self {
        case .text(let s): s
        case .empty: ""
        case .number(let v, let scale):
            scale == 0 ? String(v) : IndicatorValueFormatting.fixed(v, scale: scale)
        }
    }
}

/// Fixed-decimal formatting of stored integers, shared by exports.
enum IndicatorValueFormatting {
    /// 123456 at scale 2 → "1234.56"; always `scale` decimals.
    static func fixed(_ v: Int64, scale: Int) -> String {
        var divisor: UInt64 = 1
        for _ in 0..<scale { divisor *= 10 }
        let m = v.magnitude
        let fraction = String(m % divisor)
        return (v < 0 ? "-" : "") + String(m / divisor) + "." + String(repeating: "0", count: scale - fraction.count) + fraction
    }
}

/// A table to export as CSV or Excel: the same rows, so both formats always agree.
struct TableExport {
    let sheetName: String
    let headers: [String]
    var rows: [[ExportCell]] = []

    /// UTF-8 CSV with a BOM (so Excel opens Chinese text correctly) and CRLF line ends.
    func csv() -> String {
        var out = "\u{FEFF}" + headers.map(CSV.escape).joined(separator: ",") + "\r\n"
        for row in rows { out += row.map { CSV.escape($0.plain) }.joined(separator: ",") + "\r\n" }
        return out
    }

    /// A response carrying the table in the requested format.
    func response(format: String, filename: String) throws -> Response {
        var headers = HTTPFields()
        let body: ByteBuffer
        if format == "xlsx" {
            guard let library = XLSXLibrary.shared else { throw AppError.conflict(XLSXLibrary.missingMessage) }
            body = ByteBuffer(bytes: try library.workbook(self))
            headers[.contentType] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        } else {
            body = ByteBuffer(string: csv())
            headers[.contentType] = "text/csv; charset=utf-8"
        }
        headers[.contentDisposition] = "attachment; filename=\"\(filename).\(format == "xlsx" ? "xlsx" : "csv")\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
