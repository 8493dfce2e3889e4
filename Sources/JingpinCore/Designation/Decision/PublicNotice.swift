/// The public notice (公示) of a proposed list: it runs for a number of working days, counted
/// with the holiday calendar (public holidays off, make-up working weekends on).
public enum PublicNotice {
    /// The last day of a notice published on `start` that runs `workingDays` working days.
    /// The publication day counts as the first when it is a working day; a notice published
    /// on a rest day starts counting on the next working day.
    public static func lastDay(publishedOn start: LocalDate, workingDays: Int, calendar: WorkingDayCalendar) throws(CalendarError) -> LocalDate {
        precondition(workingDays > 0, "a notice runs at least one working day")
        let first = try calendar.isWorkingDay(start) ? start : calendar.addingWorkingDays(1, to: start)
        return try calendar.addingWorkingDays(workingDays - 1, to: first)
    }
}
