/// The terms a designation is granted on, from the designation rule set in force on the day of
/// the decision: how long it is valid, and how long an annual review may be overdue before the
/// designation is suspended.
public struct DesignationTerms: Sendable, Hashable {
    /// Years of validity.
    public let validityYears: Int
    /// Days after an annual review's due date before an unsubmitted review suspends the designation.
    public let reviewGraceDays: Int
    /// The parameters read, with their dates and references, for the record.
    public let parameters: [EvaluationTrace.ParameterUse]

    /// Reads the terms from `ruleSet` as of `date`.
    public static func read(_ ruleSet: RuleSet, on date: LocalDate) throws(RuleEvaluationError) -> DesignationTerms {
        var reader = ParameterReader(ruleSet: ruleSet, date: date)
        let years = Int(try reader.parameter("validity_years"))
        let grace = Int(try reader.parameter("review_grace_days"))
        return DesignationTerms(validityYears: years, reviewGraceDays: grace, parameters: reader.parameters)
    }

    /// Creates terms directly (tests, demo).
    public init(validityYears: Int, reviewGraceDays: Int, parameters: [EvaluationTrace.ParameterUse] = []) {
        self.validityYears = validityYears
        self.reviewGraceDays = reviewGraceDays
        self.parameters = parameters
    }

    /// The last valid day of a designation made on `day`: the day before its anniversary
    /// `validityYears` later (the anniversary of 29 February in a common year is the 28th).
    public func validUntil(designatedOn day: LocalDate) -> LocalDate {
        day.adding(years: validityYears).adding(days: -1)
    }
}
