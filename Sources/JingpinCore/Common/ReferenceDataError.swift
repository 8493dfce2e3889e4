import Foundation

/// Why a reference-data file (regions, industries, Nice classes, holidays) was refused:
/// the line and the reason, so an administrator can fix the file and import again.
public struct ReferenceDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of the file where the problem is.
    public let line: Int
    /// What is wrong, in plain English (files are maintained by administrators).
    public let reason: String

    /// An error at `line` for `reason`.
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    /// "line 7: …", for logs and the command line.
    public var description: String { "line \(line): \(reason)" }

    /// The error with its line number in `language`; the reason itself stays in English.
    public func message(_ language: Language) -> String {
        switch language {
        case .zhHans: return "第\(line)行：\(reason)"
        case .en: return "Line \(line): \(reason)"
        }
    }

    /// The data records of `csv` after checking the header line is exactly `header`
    /// and every record has as many fields, so parsers can index fields safely.
    static func rows(of csv: String, header: [String]) throws(ReferenceDataError) -> [CSV.Record] {
        let records: [CSV.Record]
        do {
            records = try CSV.records(csv)
        } catch {
            throw ReferenceDataError(line: error.line, reason: error.message(.en))
        }
        guard let first = records.first else {
            throw ReferenceDataError(line: 1, reason: "the file is empty; expected the header \(header.joined(separator: ","))")
        }
        let found = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        guard found == header else {
            throw ReferenceDataError(
                line: first.line,
                reason: "expected the header \(header.joined(separator: ",")) but found \(found.joined(separator: ","))"
            )
        }
        for record in records.dropFirst() where record.fields.count != header.count {
            throw ReferenceDataError(
                line: record.line,
                reason: "expected \(header.count) fields but found \(record.fields.count)"
            )
        }
        return Array(records.dropFirst())
    }
}
