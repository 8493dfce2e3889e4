import Foundation
import JingpinCore
#if canImport(Glibc)
import Glibc
#endif

/// Excel files through libxlsxwriter (Debian's `libxlsxwriter-dev`), loaded at run time with
/// `dlopen`: the server builds and runs without it, and only the Excel export asks for it,
/// with a message that says how to install it.
final class XLSXLibrary: @unchecked Sendable {
    /// The loaded library, or nil when it is not installed.
    static let shared: XLSXLibrary? = XLSXLibrary()

    static let missingMessage = Message("platform.conflict.xlsx_missing")

    // lxw_row_t is uint32_t, lxw_col_t is uint16_t, lxw_error is an int-sized enum.
    typealias WorkbookNew = @convention(c) (UnsafePointer<CChar>) -> OpaquePointer?
    typealias AddWorksheet = @convention(c) (OpaquePointer, UnsafePointer<CChar>?) -> OpaquePointer?
    typealias AddFormat = @convention(c) (OpaquePointer) -> OpaquePointer?
    typealias SetBold = @convention(c) (OpaquePointer) -> Void
    typealias SetNumFormat = @convention(c) (OpaquePointer, UnsafePointer<CChar>) -> Void
    typealias WriteString = @convention(c) (OpaquePointer, UInt32, UInt16, UnsafePointer<CChar>, OpaquePointer?) -> Int32
    typealias WriteNumber = @convention(c) (OpaquePointer, UInt32, UInt16, Double, OpaquePointer?) -> Int32
    typealias FreezePanes = @convention(c) (OpaquePointer, UInt32, UInt16) -> Void
    typealias Close = @convention(c) (OpaquePointer) -> Int32

    let workbookNew: WorkbookNew, addWorksheet: AddWorksheet, addFormat: AddFormat, setBold: SetBold
    let setNumFormat: SetNumFormat, writeString: WriteString, writeNumber: WriteNumber, freezePanes: FreezePanes, close: Close
    /// libxlsxwriter keeps no global state, but one lock keeps the handle use simple to reason about.
    let lock = NSLock()

    private init?() {
        guard let handle = dlopen("libxlsxwriter.so.4", RTLD_NOW) ?? dlopen("libxlsxwriter.so", RTLD_NOW) else { return nil }
        func symbol<T>(_ name: String, as: T.Type) -> T? { dlsym(handle, name).map { unsafeBitCast($0, to: T.self) } }
        guard let a = symbol("workbook_new", as: WorkbookNew.self), let b = symbol("workbook_add_worksheet", as: AddWorksheet.self),
              let c = symbol("workbook_add_format", as: AddFormat.self), let d = symbol("format_set_bold", as: SetBold.self),
              let e = symbol("format_set_num_format", as: SetNumFormat.self), let f = symbol("worksheet_write_string", as: WriteString.self),
              let g = symbol("worksheet_write_number", as: WriteNumber.self), let h = symbol("worksheet_freeze_panes", as: FreezePanes.self),
              let i = symbol("workbook_close", as: Close.self) else { return nil }
        (workbookNew, addWorksheet, addFormat, setBold, setNumFormat, writeString, writeNumber, freezePanes, close) = (a, b, c, d, e, f, g, h, i)
    }

    /// Writes the table as one worksheet (bold, frozen header row; numbers as numbers with
    /// their decimals) and returns the file's bytes.
    func workbook(_ table: TableExport) throws -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        let path = NSTemporaryDirectory() + "jingpin-export-\(UUID().uuidString).xlsx"
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let book = workbookNew(path), let sheet = addWorksheet(book, String(table.sheetName.prefix(31))) else {
            throw AppError.conflict(Message("platform.conflict.xlsx_create"))
        }
        let bold = addFormat(book)
        if let bold { setBold(bold) }
        var numberFormats: [Int: OpaquePointer] = [:]
        func numberFormat(_ scale: Int) -> OpaquePointer? {
            if let f = numberFormats[scale] { return f }
            guard let f = addFormat(book) else { return nil }
            setNumFormat(f, scale == 0 ? "0" : "0." + String(repeating: "0", count: scale))
            numberFormats[scale] = f
            return f
        }
        for (c, h) in table.headers.enumerated() { _ = writeString(sheet, 0, UInt16(c), h, bold) }
        freezePanes(sheet, 1, 0)
        for (r, row) in table.rows.enumerated() {
            for (c, cell) in row.enumerated() {
                switch cell {
                case .text(let s): _ = writeString(sheet, UInt32(r + 1), UInt16(c), s, nil)
                case .number(let v, let scale):
                    // Stored integers are exact; a Double holds them exactly up to 2^53, far above any filed figure.
                    var divisor = 1.0
                    for _ in 0..<scale { divisor *= 10 }
                    _ = writeNumber(sheet, UInt32(r + 1), UInt16(c), Double(v) / divisor, numberFormat(scale))
                case .empty: break
                }
            }
        }
        guard close(book) == 0 else { throw AppError.conflict(Message("platform.conflict.xlsx_write")) }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
