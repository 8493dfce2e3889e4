import Foundation

/// A small RFC 4180 reader and writer, enough for the reference-data files and exports.
///
/// Reads quoted fields (commas, line breaks and doubled quotes inside), CRLF or
/// LF line ends, and drops a leading UTF-8 byte-order mark, which Excel writes
/// when saving "CSV UTF-8" and which would otherwise stick to the first header.
public enum CSV {
    /// One record with the physical line it starts on, so errors can point at the line.
    public struct Record: Sendable, Hashable {
        /// The 1-based line of the text where the record starts.
        public let line: Int
        /// The fields, unquoted.
        public let fields: [String]
    }

    /// The records of `text` as lists of fields; blank lines are skipped.
    public static func parse(_ text: String) throws(CSVError) -> [[String]] {
        try records(text).map(\.fields)
    }

    /// The records of `text` with their starting line numbers; blank lines are skipped.
    public static func records(_ text: String) throws(CSVError) -> [Record] {
        // Unicode scalars, not Characters: Swift treats "\r\n" as one Character,
        // and a quote followed by a combining mark would merge with it.
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }

        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var quotedFieldLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var afterClosingQuote = false

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            fieldWasQuoted = false
            afterClosingQuote = false
        }
        func endRecord() {
            // A blank line is one empty, unquoted field: skip it rather than
            // return a record that no file format here means.
            let blank = fields.isEmpty && field.isEmpty && !fieldWasQuoted
            endField()
            if !blank { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }

        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            scalars.formIndex(after: &index)
            if inQuotes {
                if scalar == "\"" {
                    if index < scalars.endIndex, scalars[index] == "\"" {
                        field.append("\"")
                        scalars.formIndex(after: &index)
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else {
                    if scalar == "\n" || (scalar == "\r" && (index == scalars.endIndex || scalars[index] != "\n")) {
                        line += 1
                    }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                endField()
            case "\r", "\n":
                if scalar == "\r", index < scalars.endIndex, scalars[index] == "\n" {
                    scalars.formIndex(after: &index)
                }
                endRecord()
                line += 1
                recordLine = line
            case "\"" where field.isEmpty && !fieldWasQuoted:
                inQuotes = true
                fieldWasQuoted = true
                quotedFieldLine = line
            default:
                if afterClosingQuote { throw .textAfterClosingQuote(line: line) }
                // A quote inside an unquoted field is kept as it is, as spreadsheets do.
                field.append(scalar)
            }
        }
        if inQuotes { throw .unterminatedQuote(line: quotedFieldLine) }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted {
            endRecord()
        }
        return records
    }

    /// One field ready to write: quoted when it holds a comma, quote or line break,
    /// and defused when a spreadsheet would run it as a formula.
    ///
    /// Exports are opened in Excel or WPS, which execute a cell starting with
    /// `=`, `+`, `-` or `@` (and, per OWASP, a tab or carriage return) as a formula:
    /// an enterprise name like `=HYPERLINK(…)` typed into the product could then
    /// leak data or mislead an official. A leading `'` makes the cell plain text.
    /// Plain numbers such as "-12.30" are left alone: a spreadsheet reads them as
    /// numbers, never as formulas, and negative amounts must stay summable.
    public static func escape(_ field: String) -> String {
        var text = field
        if let first = text.unicodeScalars.first,
           ["=", "+", "-", "@", "\t", "\r"].contains(first),
           !isPlainNumber(text) {
            text = "'" + text
        }
        if text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// One line of escaped fields joined by commas, without the line end (writers add "\r\n").
    public static func row(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",")
    }

    /// "-12", "-12.30", "-0.5": an optional minus, digits, and optionally a point and digits.
    private static func isPlainNumber(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }
}

/// Why a CSV text could not be read; the line lets a person find the spot in an editor.
public enum CSVError: Error, Sendable, Hashable {
    /// A quoted field opened on `line` is never closed.
    case unterminatedQuote(line: Int)
    /// Something other than a comma or line end follows a closing quote on `line`.
    case textAfterClosingQuote(line: Int)

    /// The line the problem is on.
    public var line: Int {
        switch self {
        case let .unterminatedQuote(line), let .textAfterClosingQuote(line): return line
        }
    }

    /// Plain-language text for the person who supplied the file.
    public func message(_ language: Language) -> String {
        switch (self, language) {
        case let (.unterminatedQuote(line), .zhHans):
            return "第\(line)行的引号没有闭合：请检查该行的双引号是否成对"
        case let (.unterminatedQuote(line), .en):
            return "The quote opened on line \(line) is never closed: check that the double quotes on that line come in pairs"
        case let (.textAfterClosingQuote(line), .zhHans):
            return "第\(line)行引号后还有其他字符：带引号的字段在引号后应紧跟逗号或换行"
        case let (.textAfterClosingQuote(line), .en):
            return "Line \(line) has text after a closing quote: a quoted field must be followed by a comma or the end of the line"
        }
    }
}
