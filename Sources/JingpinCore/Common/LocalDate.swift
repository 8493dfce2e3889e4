import Foundation

/// A calendar date without a time, as used in business: a deadline, a filing date,
/// a holiday. Understood in Asia/Shanghai; stored and exchanged as "YYYY-MM-DD".
///
/// Day arithmetic uses the proleptic Gregorian day count (Howard Hinnant's
/// days-from-civil), so it needs no `Calendar` and gives the same answer on
/// every platform and in every process time zone.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year, 1…9999 for dates that can be written as "YYYY-MM-DD".
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, 1…28/29/30/31.
    public let day: Int

    /// A date from its parts, refusing days that do not exist (31 April, 29 February 2025).
    public init(year: Int, month: Int, day: Int) throws(LocalDateError) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day)
        else { throw .nonexistent(year: year, month: month, day: day) }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A date from exactly "YYYY-MM-DD" (zero-padded, ASCII digits); nothing else is
    /// guessed at, because a misread date silently moves a deadline.
    public init(_ iso: String) throws(LocalDateError) {
        let characters = Array(iso)
        guard characters.count == 10, characters[4] == "-", characters[7] == "-" else {
            throw .malformed(iso)
        }
        func number(_ range: Range<Int>) -> Int? {
            var result = 0
            for character in characters[range] {
                guard let digit = character.asciiDigitValue else { return nil }
                result = result * 10 + digit
            }
            return result
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else {
            throw .malformed(iso)
        }
        try self.init(year: year, month: month, day: day)
    }

    /// The date in `timeZone` at `instant` (the Shanghai business date by default).
    public init(instant: Date, timeZone: TimeZone = .shanghai) {
        let offset = timeZone.secondsFromGMT(for: instant)
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + offset
        self.init(daysSinceEpoch: Self.floorDivide(seconds, 86_400))
    }

    /// Today's business date: the date in `timeZone` at `now` (injectable for tests).
    public static func today(in timeZone: TimeZone = .shanghai, now: Date = Date()) -> LocalDate {
        LocalDate(instant: now, timeZone: timeZone)
    }

    /// The date `daysSinceEpoch` days after 1970-01-01 (negative: before).
    public init(daysSinceEpoch: Int) {
        // civil_from_days, http://howardhinnant.github.io/date_algorithms.html
        let z = daysSinceEpoch + 719_468
        let era = Self.floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153  // 0 = March … 11 = February
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01 (days_from_civil); the basis of all date arithmetic here.
    public var daysSinceEpoch: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = Self.floorDivide(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// How many days `other` is before this date (negative when after).
    public func daysSince(_ other: LocalDate) -> Int {
        daysSinceEpoch - other.daysSinceEpoch
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday, 4).
    public var weekday: Int {
        Self.floorModulo(daysSinceEpoch + 3, 7) + 1
    }

    /// Saturday or Sunday; whether it is a rest day also depends on the holiday calendar.
    public var isWeekend: Bool { weekday >= 6 }

    /// "YYYY-MM-DD".
    public var description: String {
        "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))"
    }

    /// The date for people: zh "2026年3月5日", en "5 March 2026".
    public func formatted(_ language: Language) -> String {
        switch language {
        case .zhHans: return "\(year)年\(month)月\(day)日"
        case .en: return "\(day) \(Self.englishMonths[month - 1]) \(year)"
        }
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whether `year` has a 29 February in the Gregorian calendar.
    public static func isLeapYear(_ year: Int) -> Bool {
        year.isMultiple(of: 4) && (!year.isMultiple(of: 100) || year.isMultiple(of: 400))
    }

    /// The number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Decodes from "YYYY-MM-DD", refusing anything else.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        // A decoding error, so the decoder can say where in the document the bad date stands.
        do { try self.init(text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date as YYYY-MM-DD: \(text)")
        }
    }

    /// Encodes as "YYYY-MM-DD".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static let englishMonths = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Division rounding toward minus infinity (Swift's `/` rounds toward zero).
    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    /// The non-negative remainder that pairs with `floorDivide`.
    private static func floorModulo(_ a: Int, _ b: Int) -> Int {
        a - floorDivide(a, b) * b
    }
}

/// Why a date was refused.
public enum LocalDateError: Error, Sendable, Hashable {
    /// The text is not of the form "YYYY-MM-DD".
    case malformed(String)
    /// The parts do not name a real day (e.g. 2025-02-29), or the year is outside 1…9999.
    case nonexistent(year: Int, month: Int, day: Int)

    /// Plain-language text for the person who typed the date.
    public func message(_ language: Language) -> String {
        switch (self, language) {
        case (.malformed, .zhHans):
            return "日期格式应为“年-月-日”，例如 2026-03-05"
        case (.malformed, .en):
            return "Enter the date as year-month-day, for example 2026-03-05"
        case let (.nonexistent(year, month, day), .zhHans):
            return "\(year)年\(month)月\(day)日不存在，请检查日期"
        case let (.nonexistent(year, month, day), .en):
            return "There is no such date as \(year)-\(month)-\(day): check the day and month"
        }
    }
}
