/// A reward formula: a Swift function over one enterprise's figures and a rule set's
/// parameters, in two steps. `parameters` reads what the formula needs from the rule set once
/// per run (the reader records every value for the traces); `evaluate` then runs per
/// enterprise on plain integers, reporting its intermediate values to a step sink.
public protocol RewardFormula {
    /// The formula's parameter values, resolved for one day.
    associatedtype Parameters: Sendable

    /// What the formula needs from its rule file and from the filings.
    static var spec: RuleFormulaSpec { get }

    /// Reads the formula's parameters (not `cap`, which the engine reads).
    static func parameters(_ reader: inout ParameterReader) throws(RuleEvaluationError) -> Parameters

    /// The eligible amount before rounding, as an exact fraction of fen, with notes. The
    /// engine rounds once and applies the cap. Figure slots are those of `spec.figures`.
    static func evaluate<F: FigureReader, S: StepSink>(_ figures: F, _ p: Parameters, _ steps: inout S) -> RewardAmount
}

/// An exact amount of fen, `numerator / denominator`, not yet rounded, with its notes.
public struct RewardAmount: Sendable, Hashable {
    /// The numerator (fen × denominator).
    public var numerator: Int128
    /// The denominator: a positive power of ten.
    public var denominator: Int128
    /// Why it is zero or was changed.
    public var notes: RewardNotes

    /// An amount with notes.
    public init(_ numerator: Int128, over denominator: Int128, notes: RewardNotes = []) {
        self.numerator = numerator
        self.denominator = denominator
        self.notes = notes
    }

    /// Nothing, for the reason `notes`.
    public static func zero(_ notes: RewardNotes) -> RewardAmount { RewardAmount(0, over: 1, notes: notes) }

    /// The amount raised by `upliftBP` basis points for an enterprise in one of the 26
    /// mountain counties (recording the step and the note), unchanged elsewhere.
    @inline(__always)
    public mutating func applyMountainUplift<S: StepSink>(_ upliftBP: Int64, isMountainCounty: Bool, _ steps: inout S) {
        guard isMountainCounty && upliftBP != 0 else { return }
        numerator *= Int128(10_000 + upliftBP)
        denominator *= 10_000
        steps.step("uplifted_amount", numerator, over: denominator, .fen)
        notes.insert(.mountainUplift)
    }
}
