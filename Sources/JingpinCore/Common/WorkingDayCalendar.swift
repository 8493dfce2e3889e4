import Foundation

/// China's working days: Monday to Friday, minus public holidays, plus the
/// adjusted working Saturdays and Sundays (调休) announced each year.
///
/// The calendar knows only the years present in its entries and refuses any
/// other date rather than guessing, because holidays are announced a year at a
/// time and a guessed deadline is a wrong deadline.
public struct WorkingDayCalendar: Sendable {
    private let kinds: [LocalDate: DayKind]
    private let years: Set<Int>

    /// A calendar from official entries; the years it covers are those the entries mention.
    public init(entries: [HolidayEntry]) {
        var kinds: [LocalDate: DayKind] = [:]
        for entry in entries { kinds[entry.date] = entry.kind }
        self.kinds = kinds
        self.years = Set(entries.map(\.date.year))
    }

    /// The first through the last covered year; nil for an empty calendar.
    public var coveredYears: ClosedRange<Int>? {
        guard let first = years.min(), let last = years.max() else { return nil }
        return first...last
    }

    /// Exactly the years the entries mention (a gap year is not covered).
    public var coveredYearSet: Set<Int> { years }

    /// Whether dates in `year` can be answered.
    public func covers(year: Int) -> Bool { years.contains(year) }

    /// Whether people work on `date`: an adjusted working day always, a holiday never,
    /// otherwise Monday to Friday.
    public func isWorkingDay(_ date: LocalDate) throws(CalendarError) -> Bool {
        guard years.contains(date.year) else {
            // 0...0 stands for "nothing covered": year 0 is never in a calendar.
            throw .outsideCalendar(date: date, covered: coveredYears ?? 0...0)
        }
        switch kinds[date] {
        case .workday: return true
        case .holiday: return false
        case nil: return !date.isWeekend
        }
    }

    /// The `n`-th working day strictly after `start` (`n` = 0 gives `start` itself);
    /// a negative `n` counts back to the |n|-th working day strictly before it.
    ///
    /// This is how statutory time limits run: "within 7 working days of receipt"
    /// ends on the 7th working day after the day of receipt.
    public func addingWorkingDays(_ n: Int, to start: LocalDate) throws(CalendarError) -> LocalDate {
        let step = n < 0 ? -1 : 1
        var remaining = n.magnitude
        var date = start
        while remaining > 0 {
            date = date.adding(days: step)
            if try isWorkingDay(date) { remaining -= 1 }
        }
        return date
    }

    /// The number of working days in (start, end]: after `start`, up to and including `end`;
    /// 0 when `end` is not after `start`.
    public func workingDays(after start: LocalDate, through end: LocalDate) throws(CalendarError) -> Int {
        var count = 0
        var date = start.adding(days: 1)
        while date <= end {
            if try isWorkingDay(date) { count += 1 }
            date = date.adding(days: 1)
        }
        return count
    }
}

/// Why the working-day calendar could not answer.
public enum CalendarError: Error, Sendable, Hashable {
    /// `date` falls in a year the calendar has no official data for; `covered` is the span it has
    /// (0...0 when it has none).
    case outsideCalendar(date: LocalDate, covered: ClosedRange<Int>)

    /// Plain-language text for officials and administrators.
    public var message: Message {
        switch self {
        case let .outsideCalendar(date, covered) where covered == 0...0:
            return Message("domain.calendar.none", .named(zh: date.formatted(.zhHans), en: date.formatted(.en)))
        case let .outsideCalendar(date, covered):
            let span = covered.lowerBound == covered.upperBound ? "\(covered.lowerBound)" : "\(covered.lowerBound)–\(covered.upperBound)"
            return Message("domain.calendar.outside", "\(span)", .named(zh: date.formatted(.zhHans), en: date.formatted(.en)))
        }
    }
}
