import Foundation

/// The two shapes an import file may take, told apart by its header.
public enum FilingImportLayout: Sendable, Hashable {
    /// `creditCode,year,<indicator codes…>`: one row per enterprise and year. Each entry is the
    /// column's index in the year's indicator list, nil for a column that is refused.
    case wide(columns: [Int?])
    /// `creditCode,year,indicator,value`: one row per value.
    case long

    /// The layout's name in reports.
    public var name: String {
        switch self {
        case .wide: "wide"
        case .long: "long"
        }
    }

    /// A header cell as compared: trimmed, lower case, without `_`, so `credit_code` and `creditCode` match.
    static func normalised(_ cell: String) -> String {
        cell.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "")
    }

    /// Reads the header row against the year's indicators: the layout (nil when unrecognisable)
    /// and every problem found in it.
    public static func detect(_ header: CSVStreamRecord, indicators: [Indicator]) -> (FilingImportLayout?, [FilingImportProblem]) {
        if header.quoting != nil {
            return (nil, [FilingImportProblem(line: header.line, column: String(header.quoting!.field), value: header.fields.joined(separator: ","),
                                              kind: header.quoting!.kind == .unterminatedQuote ? .unterminatedQuote : .textAfterClosingQuote)])
        }
        let cells = header.fields.map(normalised)
        if cells == ["creditcode", "year", "indicator", "value"] { return (.long, []) }
        guard cells.count >= 3, cells[0] == "creditcode", cells[1] == "year" else {
            return (nil, [FilingImportProblem(line: header.line, column: "1", value: header.fields.joined(separator: ","), kind: .headerNotRecognised)])
        }
        var index: [String: Int] = [:]
        for (i, indicator) in indicators.enumerated() { index[indicator.code] = i }
        var columns: [Int?] = []
        var seen = Set<Int>()
        var problems: [FilingImportProblem] = []
        for raw in header.fields.dropFirst(2) {
            let code = raw.trimmingCharacters(in: .whitespaces)
            guard let i = index[code] else {
                problems.append(FilingImportProblem(line: header.line, column: code, value: code, kind: .unknownIndicator))
                columns.append(nil)
                continue
            }
            if !seen.insert(i).inserted {
                problems.append(FilingImportProblem(line: header.line, column: code, value: code, kind: .duplicateColumn))
                columns.append(nil)
                continue
            }
            columns.append(i)
        }
        return (.wide(columns: columns), problems)
    }
}
