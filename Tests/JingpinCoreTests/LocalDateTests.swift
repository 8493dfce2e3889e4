import Foundation
import Testing
@testable import JingpinCore

@Suite("Local dates")
struct LocalDateTests {
    private func date(_ text: String) throws -> LocalDate { try LocalDate(text) }

    @Test("leap years follow the Gregorian rule")
    func leapYears() throws {
        #expect(try LocalDate(year: 2024, month: 2, day: 29).description == "2024-02-29")
        #expect(try LocalDate(year: 2000, month: 2, day: 29).day == 29)      // divisible by 400
        #expect(throws: LocalDateError.nonexistent(year: 2025, month: 2, day: 29)) {
            try LocalDate(year: 2025, month: 2, day: 29)
        }
        #expect(throws: LocalDateError.nonexistent(year: 1900, month: 2, day: 29)) {  // by 100, not 400
            try LocalDate(year: 1900, month: 2, day: 29)
        }
    }

    @Test("days that do not exist are refused", arguments: ["2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00", "2025-06-31", "0000-01-01"])
    func nonexistent(text: String) {
        #expect(throws: LocalDateError.self) { try LocalDate(text) }
    }

    @Test("only strict YYYY-MM-DD is read", arguments: [
        "2025-1-29", "2025/01/29", "20250129", "2025-01-29T00:00", " 2025-01-29", "２０２５-01-29", "", "2025-01-2a",
    ])
    func malformed(text: String) {
        #expect(throws: LocalDateError.malformed(text)) { try LocalDate(text) }
    }

    @Test("weekdays of known dates", arguments: [
        ("1970-01-01", 4),   // Thursday, the epoch
        ("1969-12-31", 3),   // Wednesday, before the epoch
        ("2000-01-01", 6),   // Saturday
        ("2024-02-29", 4),   // Thursday
        ("2025-01-01", 3),   // Wednesday
        ("2025-01-26", 7),   // Sunday, an adjusted working day
        ("2025-01-29", 3),   // Wednesday, Spring Festival
        ("2026-01-01", 4),   // Thursday: 2025 has 365 days = 52 weeks + 1
        ("2026-03-05", 4),   // 1 Jan Thu + 31 → 1 Feb Sun; + 28 → 1 Mar Sun; 5 Mar Thu
    ])
    func weekday(text: String, weekday: Int) throws {
        let day = try date(text)
        #expect(day.weekday == weekday)
        #expect(day.isWeekend == (weekday >= 6))
    }

    @Test("day arithmetic crosses months, years and leap days")
    func arithmetic() throws {
        #expect(try date("2024-02-28").adding(days: 1) == date("2024-02-29"))
        #expect(try date("2024-02-28").adding(days: 2) == date("2024-03-01"))
        #expect(try date("2025-12-31").adding(days: 1) == date("2026-01-01"))
        #expect(try date("2025-03-01").adding(days: -1) == date("2025-02-28"))
        #expect(try date("2024-01-01").adding(days: 365) == date("2024-12-31"))  // 2024 has 366 days
        #expect(try date("2026-01-01").daysSince(date("2025-01-01")) == 365)
        #expect(try date("2025-01-01").daysSince(date("2024-01-01")) == 366)
        #expect(try date("2024-01-01").daysSince(date("2025-01-01")) == -366)
        #expect(try date("1970-01-01").daysSinceEpoch == 0)
        // 30 years × 365 + 7 leap days (1972 … 1996) = 10 957.
        #expect(try date("2000-01-01").daysSinceEpoch == 10_957)
        // 2025-01-01T00:00Z is 1 735 689 600 s = 20 089 × 86 400.
        #expect(try date("2025-01-01").daysSinceEpoch == 20_089)
        #expect(try date("1969-12-31").daysSinceEpoch == -1)
    }

    @Test("every day of 2023–2026 follows the one before and round-trips through the day count")
    func dayCountRoundTrip() throws {
        var expected = try date("2023-01-01")
        for offset in 0..<(365 * 3 + 366) {
            let day = try date("2023-01-01").adding(days: offset)
            #expect(day == expected)
            #expect(LocalDate(daysSinceEpoch: day.daysSinceEpoch) == day)
            // The next day by hand, from the month lengths (2024 is the leap year here).
            let lengths = [31, expected.year == 2024 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            if expected.day < lengths[expected.month - 1] {
                expected = try LocalDate(year: expected.year, month: expected.month, day: expected.day + 1)
            } else if expected.month < 12 {
                expected = try LocalDate(year: expected.year, month: expected.month + 1, day: 1)
            } else {
                expected = try LocalDate(year: expected.year + 1, month: 1, day: 1)
            }
        }
    }

    @Test("the business date is the date in Shanghai")
    func instants() throws {
        // 2025-01-28 is day 20 089 + 27 = 20 116; 20 116 × 86 400 + 16 × 3 600 = 1 738 080 000,
        // which is 2025-01-28T16:00Z = 2025-01-29 00:00 in Shanghai (UTC+8).
        let midnight = Date(timeIntervalSince1970: 1_738_080_000)
        #expect(LocalDate(instant: midnight) == (try date("2025-01-29")))
        #expect(LocalDate(instant: midnight.addingTimeInterval(-1)) == (try date("2025-01-28")))
        #expect(LocalDate(instant: midnight, timeZone: TimeZone(identifier: "UTC")!) == (try date("2025-01-28")))
        #expect(LocalDate.today(now: midnight) == (try date("2025-01-29")))
        #expect(LocalDate(instant: Date(timeIntervalSince1970: -1), timeZone: TimeZone(identifier: "UTC")!)
            == (try date("1969-12-31")))
        #expect(TimeZone.shanghai.secondsFromGMT(for: midnight) == 8 * 3600)
    }

    @Test("dates read well in both languages")
    func formatting() throws {
        #expect(try date("2026-03-05").formatted(.zhHans) == "2026年3月5日")
        #expect(try date("2026-03-05").formatted(.en) == "5 March 2026")
        #expect(try date("2025-12-31").formatted(.en) == "31 December 2025")
        #expect(try date("2026-03-05").description == "2026-03-05")
    }

    @Test("dates order chronologically and encode as YYYY-MM-DD")
    func orderAndCodable() throws {
        #expect(try date("2025-12-31") < date("2026-01-01"))
        #expect(try date("2025-02-01") > date("2025-01-31"))
        let data = try JSONEncoder().encode(try date("2026-03-05"))
        #expect(String(decoding: data, as: UTF8.self) == "\"2026-03-05\"")
        #expect(try JSONDecoder().decode(LocalDate.self, from: data) == (try date("2026-03-05")))
        #expect(throws: (any Error).self) { try JSONDecoder().decode(LocalDate.self, from: Data("\"2026-3-5\"".utf8)) }
    }
}
