/// Reads a rule set's parameters and bracket tables as of one day, and records each value read
/// (with its date and reference) for the traces. A reward program reads them once for a whole
/// run; every trace of the run carries the same record.
public struct ParameterReader: Sendable {
    /// The rule set read.
    public let ruleSet: RuleSet
    /// The day the values are read at.
    public let date: LocalDate
    /// Every parameter value read, in reading order, each once.
    public private(set) var parameters: [EvaluationTrace.ParameterUse] = []
    /// Every bracket table read, in reading order, each once.
    public private(set) var scales: [EvaluationTrace.ScaleUse] = []

    /// A reader of `ruleSet` as of `date`.
    public init(ruleSet: RuleSet, date: LocalDate) {
        self.ruleSet = ruleSet
        self.date = date
    }

    /// The value of parameter `name` (relative to the rule set's id) on the reader's day.
    public mutating func parameter(_ name: String) throws(RuleEvaluationError) -> Int64 {
        guard let p = ruleSet.parameter(name) else { throw .unknownParameter("\(ruleSet.id).\(name)") }
        guard let v = p.value(on: date) else { throw .noValue(p.id, date.description) }
        if !parameters.contains(where: { $0.id == p.id }) {
            parameters.append(.init(id: p.id, from: v.from.isoText, value: v.value, unit: p.unit, reference: v.reference))
        }
        return v.value
    }

    /// The brackets of table `name` in force on the reader's day.
    public mutating func scale(_ name: String) throws(RuleEvaluationError) -> ResolvedScale {
        guard let s = ruleSet.scale(name) else { throw .unknownParameter("\(ruleSet.id).\(name)") }
        guard let v = s.version(on: date) else { throw .noValue(s.id, date.description) }
        if !scales.contains(where: { $0.id == s.id }) {
            scales.append(.init(id: s.id, from: v.from.isoText, kind: s.kind, baseUnit: s.baseUnit,
                                brackets: v.brackets.map { [$0.threshold, $0.value] }, reference: v.reference))
        }
        return ResolvedScale(kind: s.kind, brackets: v.brackets)
    }
}

/// A bracket table's version in force, ready to apply.
public struct ResolvedScale: Sendable, Hashable {
    /// Single amount or marginal rate.
    public let kind: BracketScale.Kind
    /// The brackets, by increasing threshold.
    public let brackets: [BracketScale.Bracket]

    /// The table applied to the base `numerator / denominator`, exactly (see `BracketScale.apply`).
    @inline(__always)
    public func apply(to base: (numerator: Int128, denominator: Int128)) -> (numerator: Int128, denominator: Int128) {
        BracketScale.apply(kind, brackets: brackets, to: base)
    }
}
