import Testing
@testable import JingpinCore

/// The 2025 and 2026 rows of cn-public-holidays.csv, copied so the tests stand alone.
let holidayRows2025And2026 = """
date,kind,name_zh,name_en,confidence
2025-01-01,holiday,元旦,New Year's Day,high
2025-01-26,workday,春节调休,Spring Festival adjusted working day,high
2025-01-28,holiday,春节,Spring Festival,high
2025-01-29,holiday,春节,Spring Festival,high
2025-01-30,holiday,春节,Spring Festival,high
2025-01-31,holiday,春节,Spring Festival,high
2025-02-01,holiday,春节,Spring Festival,high
2025-02-02,holiday,春节,Spring Festival,high
2025-02-03,holiday,春节,Spring Festival,high
2025-02-04,holiday,春节,Spring Festival,high
2025-02-08,workday,春节调休,Spring Festival adjusted working day,high
2025-04-04,holiday,清明节,Qingming Festival,high
2025-04-05,holiday,清明节,Qingming Festival,high
2025-04-06,holiday,清明节,Qingming Festival,high
2025-04-27,workday,劳动节调休,Labour Day adjusted working day,high
2025-05-01,holiday,劳动节,Labour Day,high
2025-05-02,holiday,劳动节,Labour Day,high
2025-05-03,holiday,劳动节,Labour Day,high
2025-05-04,holiday,劳动节,Labour Day,high
2025-05-05,holiday,劳动节,Labour Day,high
2025-05-31,holiday,端午节,Dragon Boat Festival,high
2025-06-01,holiday,端午节,Dragon Boat Festival,high
2025-06-02,holiday,端午节,Dragon Boat Festival,high
2025-09-28,workday,国庆调休,National Day adjusted working day,high
2025-10-01,holiday,国庆节、中秋节,National Day and Mid-Autumn,high
2025-10-02,holiday,国庆节、中秋节,National Day and Mid-Autumn,high
2025-10-03,holiday,国庆节、中秋节,National Day and Mid-Autumn,high
2025-10-04,holiday,国庆节、中秋节,National Day and Mid-Autumn,high
2025-10-05,holiday,国庆节、中秋节,National Day and Mid-Autumn,high
2025-10-06,holiday,国庆节、中秋节,National Day and Mid-Autumn,high
2025-10-07,holiday,国庆节、中秋节,National Day and Mid-Autumn,high
2025-10-08,holiday,国庆节、中秋节,National Day and Mid-Autumn,high
2025-10-11,workday,国庆调休,National Day adjusted working day,high
2026-01-01,holiday,元旦,New Year's Day,verify
2026-01-02,holiday,元旦,New Year's Day,verify
2026-01-03,holiday,元旦,New Year's Day,verify
2026-01-04,workday,元旦调休,New Year adjusted working day,verify
2026-02-14,workday,春节调休,Spring Festival adjusted working day,verify
2026-02-15,holiday,春节,Spring Festival,verify
2026-02-16,holiday,春节,Spring Festival,verify
2026-02-17,holiday,春节,Spring Festival,verify
2026-02-18,holiday,春节,Spring Festival,verify
2026-02-19,holiday,春节,Spring Festival,verify
2026-02-20,holiday,春节,Spring Festival,verify
2026-02-21,holiday,春节,Spring Festival,verify
2026-02-22,holiday,春节,Spring Festival,verify
2026-02-23,holiday,春节,Spring Festival,verify
2026-02-28,workday,春节调休,Spring Festival adjusted working day,verify
2026-04-04,holiday,清明节,Qingming Festival,verify
2026-04-05,holiday,清明节,Qingming Festival,verify
2026-04-06,holiday,清明节,Qingming Festival,verify
2026-05-01,holiday,劳动节,Labour Day,verify
2026-05-02,holiday,劳动节,Labour Day,verify
2026-05-03,holiday,劳动节,Labour Day,verify
2026-05-04,holiday,劳动节,Labour Day,verify
2026-05-05,holiday,劳动节,Labour Day,verify
2026-05-09,workday,劳动节调休,Labour Day adjusted working day,verify
2026-06-19,holiday,端午节,Dragon Boat Festival,verify
2026-06-20,holiday,端午节,Dragon Boat Festival,verify
2026-06-21,holiday,端午节,Dragon Boat Festival,verify
2026-09-20,workday,国庆调休,National Day adjusted working day,verify
2026-09-25,holiday,中秋节,Mid-Autumn Festival,verify
2026-09-26,holiday,中秋节,Mid-Autumn Festival,verify
2026-09-27,holiday,中秋节,Mid-Autumn Festival,verify
2026-10-01,holiday,国庆节,National Day,verify
2026-10-02,holiday,国庆节,National Day,verify
2026-10-03,holiday,国庆节,National Day,verify
2026-10-04,holiday,国庆节,National Day,verify
2026-10-05,holiday,国庆节,National Day,verify
2026-10-06,holiday,国庆节,National Day,verify
2026-10-07,holiday,国庆节,National Day,verify
2026-10-10,workday,国庆调休,National Day adjusted working day,verify
"""

@Suite("Working-day calendar")
struct WorkingDayCalendarTests {
    let calendar: WorkingDayCalendar

    init() throws {
        calendar = WorkingDayCalendar(entries: try HolidayEntry.parseAll(csv: holidayRows2025And2026))
    }

    private func date(_ text: String) throws -> LocalDate { try LocalDate(text) }

    @Test("the calendar covers exactly the years in its entries")
    func coverage() {
        #expect(calendar.coveredYears == 2025...2026)
        #expect(calendar.covers(year: 2025))
        #expect(!calendar.covers(year: 2024))
        #expect(!calendar.covers(year: 2027))
    }

    @Test("Spring Festival 2025 day by day", arguments: [
        ("2025-01-24", true),    // Friday
        ("2025-01-25", false),   // Saturday
        ("2025-01-26", true),    // Sunday, adjusted working day
        ("2025-01-27", true),    // Monday
        ("2025-01-28", false),   // Tuesday, holiday (eve)
        ("2025-01-29", false),   // Wednesday, Spring Festival
        ("2025-02-03", false),   // Monday, holiday
        ("2025-02-04", false),   // Tuesday, last holiday
        ("2025-02-05", true),    // Wednesday
        ("2025-02-08", true),    // Saturday, adjusted working day
        ("2025-02-09", false),   // Sunday
        ("2025-02-10", true),    // Monday
    ])
    func springFestival2025(text: String, working: Bool) throws {
        #expect(try calendar.isWorkingDay(date(text)) == working)
    }

    @Test("a 7-working-day 12315 time limit runs across the 2025 Spring Festival")
    func complaintDeadline() throws {
        // Received Friday 2025-01-24. Counting working days after it:
        // 01-25 Sat no; 01-26 Sun adjusted → 1; 01-27 Mon → 2; 01-28 … 02-04 holidays;
        // 02-05 Wed → 3; 02-06 Thu → 4; 02-07 Fri → 5; 02-08 Sat adjusted → 6; 02-09 Sun no;
        // 02-10 Mon → 7.
        #expect(try calendar.addingWorkingDays(7, to: date("2025-01-24")) == date("2025-02-10"))
        #expect(try calendar.workingDays(after: date("2025-01-24"), through: date("2025-02-10")) == 7)
        // One working day after Monday 01-27 jumps the whole holiday: 02-05.
        #expect(try calendar.addingWorkingDays(1, to: date("2025-01-27")) == date("2025-02-05"))
    }

    @Test("counting the working days of four weeks around the 2025 Spring Festival")
    func countAcross2025() throws {
        // (Sun 01-19, Sat 02-15]: 01-20…24 Mon–Fri = 5; 01-25 Sat no; 01-26 adjusted → 6;
        // 01-27 Mon → 7; 01-28…02-04 holidays; 02-05…07 Wed–Fri → 10; 02-08 adjusted → 11;
        // 02-09 Sun no; 02-10…14 Mon–Fri → 16; 02-15 Sat no. Total 16.
        #expect(try calendar.workingDays(after: date("2025-01-19"), through: date("2025-02-15")) == 16)
        #expect(try calendar.workingDays(after: date("2025-02-15"), through: date("2025-01-19")) == 0)
        #expect(try calendar.workingDays(after: date("2025-02-10"), through: date("2025-02-10")) == 0)
    }

    @Test("Spring Festival 2026: adjusted Saturdays 02-14 and 02-28, holidays 02-15 to 02-23")
    func springFestival2026() throws {
        // 2026-02-01 is a Sunday, so 02-12 is a Thursday. After it: 02-13 Fri → 1;
        // 02-14 Sat adjusted → 2; 02-15 … 02-23 holidays; 02-24 Tue → 3; 02-25 → 4; 02-26 → 5.
        #expect(try calendar.addingWorkingDays(5, to: date("2026-02-12")) == date("2026-02-26"))
        // (Fri 02-13, Sun 03-01]: 02-14 → 1; 02-24…27 Tue–Fri → 5; 02-28 Sat adjusted → 6; 03-01 Sun no.
        #expect(try calendar.workingDays(after: date("2026-02-13"), through: date("2026-03-01")) == 6)
        #expect(try calendar.isWorkingDay(date("2026-02-23")) == false)  // a Monday inside the holiday
        #expect(try calendar.isWorkingDay(date("2026-02-28")) == true)   // a Saturday, adjusted
    }

    @Test("counting runs across the new year into the next covered year")
    func acrossNewYear() throws {
        // Tue 2025-12-30 → 12-31 Wed → 1; 2026-01-01 … 01-03 holidays; 01-04 Sun adjusted → 2;
        // 01-05 Mon → 3.
        #expect(try calendar.addingWorkingDays(3, to: date("2025-12-30")) == date("2026-01-05"))
    }

    @Test("zero working days is the start itself; negative counts go back")
    func zeroAndNegative() throws {
        #expect(try calendar.addingWorkingDays(0, to: date("2025-01-29")) == date("2025-01-29"))
        // The working day before Wed 2025-02-05 is Mon 2025-01-27 (the holiday lies between).
        #expect(try calendar.addingWorkingDays(-1, to: date("2025-02-05")) == date("2025-01-27"))
    }

    @Test("dates outside the covered years are refused, never guessed")
    func refusesOtherYears() throws {
        #expect(throws: CalendarError.outsideCalendar(date: try date("2027-01-04"), covered: 2025...2026)) {
            try calendar.isWorkingDay(date("2027-01-04"))
        }
        #expect(throws: CalendarError.outsideCalendar(date: try date("2024-12-31"), covered: 2025...2026)) {
            try calendar.isWorkingDay(date("2024-12-31"))
        }
        // Wed 2026-12-30 → Thu 12-31 is still covered; the next step touches 2027-01-01.
        #expect(try calendar.addingWorkingDays(1, to: date("2026-12-30")) == date("2026-12-31"))
        #expect(throws: CalendarError.outsideCalendar(date: try date("2027-01-01"), covered: 2025...2026)) {
            try calendar.addingWorkingDays(2, to: date("2026-12-30"))
        }
        #expect(throws: CalendarError.self) {
            try calendar.workingDays(after: date("2026-12-20"), through: date("2027-01-10"))
        }
    }

    @Test("an empty calendar refuses everything and says why")
    func emptyCalendar() throws {
        let empty = WorkingDayCalendar(entries: [])
        #expect(empty.coveredYears == nil)
        #expect(throws: CalendarError.outsideCalendar(date: try date("2025-06-03"), covered: 0...0)) {
            try empty.isWorkingDay(date("2025-06-03"))
        }
        let error = CalendarError.outsideCalendar(date: try date("2025-06-03"), covered: 0...0)
        #expect(error.message == Message("domain.calendar.none", .named(zh: "2025年6月3日", en: "3 June 2025")))
    }

    @Test("the refusal names the years that are covered")
    func message() throws {
        let error = CalendarError.outsideCalendar(date: try date("2027-01-04"), covered: 2025...2026)
        // The words, in both languages, are checked where the strings table lives (TranslationTests).
        #expect(error.message == Message("domain.calendar.outside", "2025–2026", .named(zh: "2027年1月4日", en: "4 January 2027")))
    }
}
