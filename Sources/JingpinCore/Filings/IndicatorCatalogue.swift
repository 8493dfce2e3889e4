import Foundation

/// The indicator catalogue, versioned by year: each row says from which year to which year
/// its definition applies, so a new year's form is a data change, not a code change.
public struct IndicatorCatalogue: Sendable {
    /// Every definition, all years.
    public let all: [Indicator]

    /// The catalogue file's columns.
    public static let csvHeader = ["code", "section", "name_zh", "name_en", "type", "unit_or_options", "min", "max",
                                   "required_for", "from_year", "to_year"]

    /// Creates a catalogue from definitions.
    public init(indicators: [Indicator]) { all = indicators }

    /// Parses the catalogue file, refusing it whole with the line and reason of the first problem.
    public init(csv: String) throws(ReferenceDataError) {
        let records: [CSV.Record]
        do { records = try CSV.records(csv) } catch {
            throw ReferenceDataError(line: error.line, reason: error.message(.en))
        }
        guard let header = records.first, header.fields == Self.csvHeader else {
            throw ReferenceDataError(line: 1, reason: "expected the header \(Self.csvHeader.joined(separator: ","))")
        }
        var out: [Indicator] = []
        for r in records.dropFirst() {
            let f = r.fields
            guard f.count == Self.csvHeader.count else {
                throw ReferenceDataError(line: r.line, reason: "expected \(Self.csvHeader.count) fields, found \(f.count)")
            }
            guard let section = FilingSection(rawValue: f[1]) else { throw ReferenceDataError(line: r.line, reason: "unknown section \(f[1])") }
            let type: IndicatorType
            switch f[4] {
            case "money": type = .money
            case "integer": type = .integer
            case "rate": type = .rate
            case "quantity":
                guard !f[5].isEmpty else { throw ReferenceDataError(line: r.line, reason: "a quantity needs a unit") }
                type = .quantity(unit: f[5])
            case "boolean": type = .boolean
            case "enum":
                let options = f[5].split(separator: "|").map(String.init)
                guard options.count >= 2 else { throw ReferenceDataError(line: r.line, reason: "an enum needs at least two options") }
                type = .enumeration(options: options)
            default: throw ReferenceDataError(line: r.line, reason: "unknown type \(f[4])")
            }
            func bound(_ s: String) throws(ReferenceDataError) -> Int64? {
                if s.isEmpty { return nil }
                guard let v = Int64(s) else { throw ReferenceDataError(line: r.line, reason: "bound \(s) is not a whole number") }
                return v
            }
            let lo = try bound(f[6]), hi = try bound(f[7])
            if let lo, let hi, lo > hi { throw ReferenceDataError(line: r.line, reason: "min \(lo) is above max \(hi)") }
            var sectors = Set<Sector>()
            if f[8] == "all" { sectors = Set(Sector.allCases) } else if !f[8].isEmpty {
                for name in f[8].split(separator: "|") {
                    guard let s = Sector(rawValue: String(name)) else { throw ReferenceDataError(line: r.line, reason: "unknown sector \(name)") }
                    sectors.insert(s)
                }
            }
            guard let from = Int(f[9]) else { throw ReferenceDataError(line: r.line, reason: "from_year \(f[9]) is not a year") }
            let to = f[10].isEmpty ? 9999 : Int(f[10])
            guard let to, to >= from else { throw ReferenceDataError(line: r.line, reason: "to_year \(f[10]) is before from_year") }
            let code = f[0]
            guard !code.isEmpty, code.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
                throw ReferenceDataError(line: r.line, reason: "code \(code) must be lower-case letters, digits and _")
            }
            if out.contains(where: { $0.code == code && $0.years.overlaps(from...to) }) {
                throw ReferenceDataError(line: r.line, reason: "\(code) is defined twice for overlapping years")
            }
            out.append(Indicator(code: code, nameZh: f[2], nameEn: f[3], section: section, type: type, minimum: lo, maximum: hi,
                                 requiredFor: sectors, years: from...to))
        }
        all = out
    }

    /// The indicators that apply in a year, in file order.
    public func indicators(for year: Int) -> [Indicator] { all.filter { $0.years.contains(year) } }

    /// One indicator's definition for a year.
    public func indicator(_ code: String, year: Int) -> Indicator? { all.first { $0.code == code && $0.years.contains(year) } }
}
