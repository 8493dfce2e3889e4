import Foundation

/// One accepted value, by position: the enterprise's index in the lookup and the indicator's
/// index in the year's list. Small and flat, so millions of them stream without allocation.
public struct ImportedValue: Sendable, Hashable {
    /// Index of the enterprise in the caller's list.
    public let enterprise: Int32
    /// Index of the indicator in `FilingImportValidator.indicators`.
    public let indicator: Int16
    /// The value in stored units.
    public let value: Int64

    /// Creates a value.
    public init(enterprise: Int32, indicator: Int16, value: Int64) {
        self.enterprise = enterprise
        self.indicator = indicator
        self.value = value
    }
}

/// The running totals of an import.
public struct FilingImportCounts: Sendable, Hashable {
    /// Data rows read (the header is not counted).
    public var rowsRead = 0
    /// Rows refused (each may have several problems).
    public var rowsRejected = 0
    /// Values accepted from good rows.
    public var valuesAccepted = 0
    /// Every problem found, including those not kept in the list.
    public var problemCount = 0
    /// Whether a file-level problem (header, encoding) forbids importing anything.
    public var fileRefused = false

    /// Creates zero counts.
    public init() {}
}

/// Validates an import file record by record, turning rows into values or problems. Pure: the
/// enterprises arrive as a credit-code lookup, so the same logic serves the command line,
/// the upload page and the tests.
public struct FilingImportValidator: Sendable {
    /// How many problems are kept for the report; beyond this they are only counted.
    public static let maxProblems = 1000

    /// The year being imported.
    public let year: Int
    /// The year's indicators; `ImportedValue.indicator` indexes this list.
    public let indicators: [Indicator]
    /// The layout, once the header was read.
    public private(set) var layout: FilingImportLayout?
    /// The running totals.
    public private(set) var counts = FilingImportCounts()
    /// The first `maxProblems` problems, in file order.
    public private(set) var problems: [FilingImportProblem] = []

    private let enterprises: [String: Int32]
    private let enterpriseCount: Int
    private let indicatorIndex: [String: Int16]
    private let yearText: String
    private var headerFields: [String] = []
    private var headerRead = false
    /// Decimal places of each indicator's stored unit, nil where values are not plain numbers.
    private let scales: [Int?]
    /// One bit per (enterprise, indicator): a few hundred kilobytes even for 60,000
    /// enterprises × 60 indicators, where a hash set of 3 million keys would take tens of MB.
    private var seen: [UInt64]

    /// A validator for `year`, with the enterprises' normalised credit codes mapped to their index.
    public init(year: Int, catalogue: IndicatorCatalogue, enterprises: [String: Int32]) {
        self.year = year
        self.indicators = catalogue.indicators(for: year)
        self.enterprises = enterprises
        self.enterpriseCount = (enterprises.values.max().map { Int($0) + 1 }) ?? 0
        var index: [String: Int16] = [:]
        for (i, indicator) in indicators.enumerated() { index[indicator.code] = Int16(i) }
        self.indicatorIndex = index
        self.yearText = String(year)
        self.scales = indicators.map {
            switch $0.type {
            case .integer: 0
            case .money, .rate: 2
            case .quantity: 3
            case .boolean, .enumeration: nil
            }
        }
        self.seen = Array(repeating: 0, count: (enterpriseCount * max(indicators.count, 1) + 63) / 64)
    }

    /// Records problems that are not about a row (an encoding failure found by the decoder).
    public mutating func fileProblem(_ problem: FilingImportProblem) {
        counts.fileRefused = true
        note([problem])
    }

    /// Reads one record: the first is the header, the others are rows. Accepted values are
    /// appended to `values`; a refused row appends nothing. Returns the record's problems.
    @discardableResult
    public mutating func read(_ record: CSVStreamRecord, into values: inout [ImportedValue]) -> [FilingImportProblem] {
        guard headerRead else {
            headerRead = true
            headerFields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            let (layout, problems) = FilingImportLayout.detect(record, indicators: indicators)
            self.layout = layout
            if layout == nil || !problems.isEmpty { counts.fileRefused = true }
            note(problems)
            return problems
        }
        counts.rowsRead += 1
        guard let layout else { return [] }
        let problems = row(record, layout: layout, into: &values)
        if !problems.isEmpty {
            counts.rowsRejected += 1
            note(problems)
        }
        return problems
    }

    /// Ends the file: an empty file (no header) is a problem.
    public mutating func finish() {
        if !headerRead {
            counts.fileRefused = true
            note([FilingImportProblem(line: 1, column: "1", value: "", kind: .emptyFile)])
        }
    }

    private mutating func note(_ new: [FilingImportProblem]) {
        counts.problemCount += new.count
        for p in new where problems.count < Self.maxProblems { problems.append(p) }
    }

    private func column(_ i: Int) -> String {
        i < headerFields.count && !headerFields[i].isEmpty ? headerFields[i] : String(i + 1)
    }

    private mutating func row(_ record: CSVStreamRecord, layout: FilingImportLayout, into values: inout [ImportedValue]) -> [FilingImportProblem] {
        let f = record.fields
        let line = record.line
        if let q = record.quoting {
            let i = q.field - 1
            return [FilingImportProblem(line: line, column: column(i), value: i < f.count ? f[i] : "",
                                        kind: q.kind == .unterminatedQuote ? .unterminatedQuote : .textAfterClosingQuote)]
        }
        guard f.count == headerFields.count else {
            let first = min(f.count, headerFields.count)
            return [FilingImportProblem(line: line, column: String(first + 1), value: f.joined(separator: ","),
                                        kind: .wrongColumnCount(expected: headerFields.count, found: f.count))]
        }
        var problems: [FilingImportProblem] = []
        // Credit code: the exact stored form is the fast path; anything else is checked.
        let enterprise: Int32?
        if let e = enterprises[f[0]] {
            enterprise = e
        } else {
            do {
                let code = try CreditCode(f[0])
                enterprise = enterprises[code.value]
                if enterprise == nil { problems.append(FilingImportProblem(line: line, column: column(0), value: f[0], kind: .unknownEnterprise)) }
            } catch {
                enterprise = nil
                problems.append(FilingImportProblem(line: line, column: column(0), value: f[0], kind: .invalidCreditCode(error)))
            }
        }
        if f[1] != yearText && Int(f[1].trimmingCharacters(in: .whitespaces)) != year {
            problems.append(FilingImportProblem(line: line, column: column(1), value: f[1], kind: .wrongYear(expected: year)))
        }
        let start = values.count
        switch layout {
        case .long:
            if let i = indicatorIndex[f[2]] ?? indicatorIndex[f[2].trimmingCharacters(in: .whitespaces)] {
                check(f[3], indicator: Int(i), enterprise: enterprise, line: line, column: column(3), problems: &problems, values: &values)
            } else {
                problems.append(FilingImportProblem(line: line, column: column(2), value: f[2], kind: .unknownIndicator))
            }
        case .wide(let columns):
            for (offset, target) in columns.enumerated() {
                guard let target else { continue }
                let text = f[offset + 2]
                // An empty cell in a wide file means "no value", not zero.
                if text.isEmpty || text.allSatisfy({ $0 == " " }) { continue }
                check(text, indicator: target, enterprise: enterprise, line: line, column: column(offset + 2),
                      problems: &problems, values: &values)
            }
        }
        guard problems.isEmpty, let enterprise else {
            values.removeSubrange(start...)
            return problems
        }
        // Duplicates are checked only for otherwise good rows, so a bad row never blocks its fix later in the file.
        for v in values[start...] {
            let bit = Int(enterprise) * indicators.count + Int(v.indicator)
            if seen[bit >> 6] & (1 << UInt64(bit & 63)) != 0 {
                let col: String
                if case .long = layout { col = column(2) } else { col = indicators[Int(v.indicator)].code }
                problems.append(FilingImportProblem(line: line, column: col, value: indicators[Int(v.indicator)].code, kind: .duplicate))
            }
        }
        guard problems.isEmpty else {
            values.removeSubrange(start...)
            return problems
        }
        for v in values[start...] {
            let bit = Int(enterprise) * indicators.count + Int(v.indicator)
            seen[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        counts.valuesAccepted += values.count - start
        return []
    }

    private func check(_ text: String, indicator i: Int, enterprise: Int32?, line: Int, column: String,
                       problems: inout [FilingImportProblem], values: inout [ImportedValue]) {
        let indicator = indicators[i]
        if let scale = scales[i], let v = Self.plainDecimal(text, scale: scale),
           v >= (indicator.minimum ?? .min), v <= (indicator.maximum ?? .max) {
            values.append(ImportedValue(enterprise: enterprise ?? -1, indicator: Int16(i), value: v))
            return
        }
        switch IndicatorValue.parse(text, indicator) {
        case .success(let v):
            values.append(ImportedValue(enterprise: enterprise ?? -1, indicator: Int16(i), value: v))
        case .failure(let e):
            problems.append(FilingImportProblem(line: line, column: column, value: text, kind: .value(e, indicator)))
        }
    }

    /// The fast path for the common cell: an unsigned plain decimal such as "1234.56", read
    /// exactly into stored units without Foundation. Anything else (signs, spaces, "%",
    /// leading zeros, more decimals than the unit keeps, 16+ digits) returns nil and takes
    /// `IndicatorValue.parse`, which stays the one definition of what a value means; the fast
    /// path only accepts text that the general parser reads the same way.
    static func plainDecimal(_ text: String, scale: Int) -> Int64? {
        var whole: Int64 = 0, wholeDigits = 0, fraction: Int64 = 0, fractionDigits = 0, inFraction = false
        for b in text.utf8 {
            if b == 0x2E {
                if inFraction || wholeDigits == 0 { return nil }
                inFraction = true
                continue
            }
            guard b >= 0x30 && b <= 0x39 else { return nil }
            let d = Int64(b - 0x30)
            if inFraction {
                fractionDigits += 1
                if fractionDigits > scale { return nil }
                fraction = fraction * 10 + d
            } else {
                if wholeDigits == 1 && whole == 0 { return nil }  // a leading zero, e.g. "012"
                wholeDigits += 1
                if wholeDigits > 15 { return nil }
                whole = whole * 10 + d
            }
        }
        guard wholeDigits > 0, !(inFraction && fractionDigits == 0) else { return nil }
        for _ in 0..<scale { whole *= 10 }
        for _ in fractionDigits..<scale { fraction *= 10 }
        return whole + fraction
    }
}
