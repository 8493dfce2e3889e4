/// One filed figure a formula reads: an indicator code and which year, relative to the data
/// year (0 the year itself, −1 the year before). Formulas declare these in their spec, so the
/// loader fetches exactly what they read and the trace records each one.
public struct FigureRef: Sendable, Hashable {
    /// The indicator's code, as filings store it (`rd_spending`).
    public let indicator: String
    /// The year relative to the data year: 0, or −1 for the previous year.
    public let yearOffset: Int

    /// Creates a reference.
    public init(_ indicator: String, yearOffset: Int = 0) {
        self.indicator = indicator
        self.yearOffset = yearOffset
    }

    /// The calendar year read when the data year is `year`.
    public func year(for year: Int) -> Int { year + yearOffset }
}
