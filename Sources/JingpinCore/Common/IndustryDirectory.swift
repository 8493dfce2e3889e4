import Foundation

/// The GB/T 4754-2017 sections and divisions the product uses, by code.
public struct IndustryDirectory: Sendable {
    /// Every industry, in file order.
    public let all: [Industry]
    private let byCode: [String: Industry]

    /// A directory of already-checked industries.
    public init(industries: [Industry]) {
        all = industries
        byCode = Dictionary(industries.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The columns of `industries-gbt4754-2017.csv`, in order.
    public static let csvHeader = ["code", "level", "name_zh", "name_en", "sector"]

    /// Reads `industries-gbt4754-2017.csv`, checking that a section's code is one capital
    /// letter and a division's two digits, sectors are known and codes unique.
    public init(csv: String) throws(ReferenceDataError) {
        let rows = try ReferenceDataError.rows(of: csv, header: Self.csvHeader)
        var industries: [Industry] = []
        var seen: Set<String> = []
        for row in rows {
            let fields = row.fields
            func fail(_ reason: String) -> ReferenceDataError {
                ReferenceDataError(line: row.line, reason: reason)
            }
            let code = fields[0]
            switch fields[1] {
            case "section":
                guard code.count == 1, let ascii = code.first?.asciiValue, (65...90).contains(ascii) else {
                    throw fail("section code “\(code)” must be one capital letter")
                }
            case "division":
                guard code.count == 2, code.allSatisfy(\.isASCIIDigit) else {
                    throw fail("division code “\(code)” must be two digits")
                }
            default:
                throw fail("level “\(fields[1])” is neither section nor division")
            }
            guard let sector = Sector(rawValue: fields[4]) else {
                throw fail("sector “\(fields[4])” is not one of manufacturing, agriculture, services, construction")
            }
            guard !fields[2].isEmpty, !fields[3].isEmpty else { throw fail("the industry needs a name in both languages") }
            guard seen.insert(code).inserted else { throw fail("code \(code) is listed twice") }
            industries.append(Industry(code: code, level: fields[1], nameZh: fields[2], nameEn: fields[3], sector: sector))
        }
        self.init(industries: industries)
    }

    /// The industry with `code`, if known.
    public func industry(_ code: String) -> Industry? { byCode[code] }

    /// The sections (A, B, C, …), in file order.
    public var sections: [Industry] { all.filter { $0.level == "section" } }

    /// The divisions (01, 13, …), in file order.
    public var divisions: [Industry] { all.filter { $0.level == "division" } }
}
