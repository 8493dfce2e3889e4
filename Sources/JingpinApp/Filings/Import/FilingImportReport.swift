import Foundation
import JingpinCore

/// What an import did, for the command's output, the upload page and the audit entry.
public struct FilingImportReport: Sendable {
    /// The year imported.
    public let year: Int
    /// SHA-256 of the file's bytes, in lower-case hex.
    public let sha256: String
    /// The text encoding found.
    public let encoding: ImportTextEncoding
    /// Whether the file started with a UTF-8 byte-order mark.
    public let hadBOM: Bool
    /// `wide`, `long`, or nil when the header was not recognised.
    public let layout: String?
    /// Rows read, rejected, values accepted and problems counted.
    public let counts: FilingImportCounts
    /// The first problems (at most `FilingImportValidator.maxProblems`).
    public let problems: [FilingImportProblem]
    /// Values written to the database (0 for a dry run or a refused import).
    public let valuesWritten: Int
    /// Validation only.
    public let dryRun: Bool
    /// Good rows were written and bad ones set aside.
    public let skipInvalid: Bool

    /// Whether the import was refused: a file-level problem, or any problem without `--skip-invalid`.
    public var refused: Bool { counts.fileRefused || (!skipInvalid && counts.problemCount > 0) }

    /// The report as plain text lines (English), for the command line.
    public func lines() -> [String] {
        var out = [
            "file sha256: \(sha256)",
            "encoding: \(encoding.rawValue)\(hadBOM ? " (with BOM)" : ""), layout: \(layout ?? "not recognised"), year: \(year)",
            "rows read: \(counts.rowsRead), rows rejected: \(counts.rowsRejected), values valid: \(counts.valuesAccepted), values written: \(valuesWritten)",
        ]
        if counts.problemCount > 0 {
            out.append("problems: \(counts.problemCount)" + (counts.problemCount > problems.count ? " (first \(problems.count) listed)" : ""))
            for p in problems {
                // Line breaks inside a quoted value are shown escaped, so each problem stays on one line.
                let value = p.value.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
                out.append("  line \(p.line), column \(p.column), value \"\(value)\": \(p.reason(.en)) [\(p.code)]")
            }
        }
        if refused && dryRun {
            out.append("dry run: the import would be refused (\(counts.problemCount) problem(s)); nothing was written")
        } else if refused {
            out.append(counts.fileRefused
                ? "import refused: the file cannot be imported as it is; nothing was written"
                : "import refused: \(counts.rowsRejected) bad row(s); nothing was written (fix them, or use --skip-invalid)")
        } else if dryRun {
            out.append(counts.rowsRejected > 0
                ? "dry run: \(counts.rowsRejected) row(s) would be rejected and \(counts.valuesAccepted) value(s) written; nothing was written"
                : "dry run: the file is valid; nothing was written")
        } else {
            out.append("imported: \(valuesWritten) value(s) written" + (counts.rowsRejected > 0 ? ", \(counts.rowsRejected) row(s) rejected" : ""))
        }
        return out
    }
}
