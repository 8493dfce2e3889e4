/// A policy figure with a history: a threshold, a rate or a cap, in one unit, with dated values.
/// A value applies from its date until the next value's date; the parameter may end, after
/// which it has no value. Changing a figure for next year is adding a dated value, not editing
/// code or overwriting last year's figure — so last year's decisions can be re-run exactly.
public struct Parameter: Sendable, Hashable {
    /// The dotted id, e.g. `rewards.rd.province.rate`.
    public let id: String
    /// The unit every value is stored in.
    public let unit: ParameterUnit
    /// The Chinese label.
    public let labelZh: String
    /// The English label.
    public let labelEn: String
    /// The values, oldest first, with strictly increasing dates.
    public let values: [DatedValue]
    /// The first day on which the parameter no longer applies, if it ends.
    public let ends: LocalDate?

    /// One value and the day it starts to apply.
    public struct DatedValue: Sendable, Hashable {
        /// The first day the value applies.
        public let from: LocalDate
        /// The value in the parameter's unit.
        public let value: Int64
        /// Where the value comes from.
        public let reference: PolicyReference

        /// Creates a dated value.
        public init(from: LocalDate, value: Int64, reference: PolicyReference) {
            self.from = from
            self.value = value
            self.reference = reference
        }
    }

    /// Creates a parameter; `values` must be sorted by date (the rule-set reader checks it).
    public init(id: String, unit: ParameterUnit, labelZh: String, labelEn: String, values: [DatedValue], ends: LocalDate? = nil) {
        self.id = id
        self.unit = unit
        self.labelZh = labelZh
        self.labelEn = labelEn
        self.values = values
        self.ends = ends
    }

    /// The value that applies on `date`: the latest one starting on or before it, unless the
    /// parameter has ended by then.
    public func value(on date: LocalDate) -> DatedValue? {
        if let ends, date >= ends { return nil }
        return values.last { $0.from <= date }
    }

    /// The label in a language.
    public func label(_ language: Language) -> String { language == .en ? labelEn : labelZh }
}
