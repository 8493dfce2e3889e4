import Foundation

/// One of the 45 classes of the Nice Classification of goods and services, by which
/// trademarks are registered (1–34 goods, 35–45 services).
public struct NiceClass: Sendable, Hashable, Codable {
    /// The class number, 1…45.
    public let number: Int
    /// "goods" or "services", as in the data file.
    public let kind: String
    /// A short English heading of the class.
    public let headingEn: String

    /// A class from its parts.
    public init(number: Int, kind: String, headingEn: String) {
        self.number = number
        self.kind = kind
        self.headingEn = headingEn
    }

    /// The columns of `nice-classes.csv`, in order.
    public static let csvHeader = ["class", "kind", "heading_en"]

    /// Reads `nice-classes.csv` and insists on exactly the classes 1…45, each with the
    /// kind its number implies, returned in number order: a missing class would make a
    /// trademark impossible to file, so an incomplete file is refused.
    public static func parseAll(csv: String) throws(ReferenceDataError) -> [NiceClass] {
        let rows = try ReferenceDataError.rows(of: csv, header: csvHeader)
        var classes: [Int: NiceClass] = [:]
        for row in rows {
            let fields = row.fields
            func fail(_ reason: String) -> ReferenceDataError {
                ReferenceDataError(line: row.line, reason: reason)
            }
            guard fields[0].allSatisfy(\.isASCIIDigit), let number = Int(fields[0]), (1...45).contains(number) else {
                throw fail("class “\(fields[0])” is not a number from 1 to 45")
            }
            let expectedKind = number <= 34 ? "goods" : "services"
            guard fields[1] == expectedKind else {
                throw fail("class \(number) is \(expectedKind), not “\(fields[1])”")
            }
            guard !fields[2].isEmpty else { throw fail("class \(number) needs a heading") }
            guard classes[number] == nil else { throw fail("class \(number) is listed twice") }
            classes[number] = NiceClass(number: number, kind: fields[1], headingEn: fields[2])
        }
        let missing = (1...45).filter { classes[$0] == nil }
        guard missing.isEmpty else {
            let lastLine = rows.last?.line ?? 1
            throw ReferenceDataError(
                line: lastLine,
                reason: "the file must list all 45 classes; missing \(missing.map(String.init).joined(separator: ", "))"
            )
        }
        return (1...45).compactMap { classes[$0] }
    }
}
