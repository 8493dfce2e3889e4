import Foundation

/// What an official calendar entry makes of a day.
public enum DayKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A public holiday (or a day off within one): no work, even on a weekday.
    case holiday
    /// An adjusted working day (调休): work, even on a Saturday or Sunday.
    case workday
}

/// One row of the official holiday calendar: a day that differs from the plain
/// Monday–Friday week, as announced each year by the State Council.
public struct HolidayEntry: Sendable, Hashable, Codable {
    /// The day concerned.
    public let date: LocalDate
    /// Whether it is a holiday or an adjusted working day.
    public let kind: DayKind
    /// The holiday's name in Chinese, e.g. "春节调休".
    public let nameZh: String
    /// The holiday's name in English.
    public let nameEn: String
    /// How sure the data is ("high", or "verify" until checked against the State Council notice).
    public let confidence: String

    /// An entry from its parts.
    public init(date: LocalDate, kind: DayKind, nameZh: String, nameEn: String, confidence: String) {
        self.date = date
        self.kind = kind
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.confidence = confidence
    }

    /// The holiday's name in `language`.
    public func name(_ language: Language) -> String {
        language == .zhHans ? nameZh : nameEn
    }

    /// The columns of `cn-public-holidays.csv`, in order.
    public static let csvHeader = ["date", "kind", "name_zh", "name_en", "confidence"]

    /// Reads `cn-public-holidays.csv` (date,kind,name_zh,name_en,confidence), refusing
    /// bad dates, unknown kinds and a date listed twice (which would be ambiguous).
    public static func parseAll(csv: String) throws(ReferenceDataError) -> [HolidayEntry] {
        let rows = try ReferenceDataError.rows(of: csv, header: csvHeader)
        var entries: [HolidayEntry] = []
        var seen: Set<LocalDate> = []
        for row in rows {
            let fields = row.fields
            guard let date = try? LocalDate(fields[0]) else {
                throw ReferenceDataError(line: row.line, reason: "date “\(fields[0])” is not a real YYYY-MM-DD date")
            }
            guard let kind = DayKind(rawValue: fields[1]) else {
                throw ReferenceDataError(line: row.line, reason: "kind “\(fields[1])” is neither holiday nor workday")
            }
            guard seen.insert(date).inserted else {
                throw ReferenceDataError(line: row.line, reason: "date \(date) is listed twice")
            }
            guard !fields[2].isEmpty, !fields[3].isEmpty else {
                throw ReferenceDataError(line: row.line, reason: "the holiday needs a name in both languages")
            }
            entries.append(HolidayEntry(
                date: date, kind: kind, nameZh: fields[2], nameEn: fields[3], confidence: fields[4]
            ))
        }
        return entries
    }
}
