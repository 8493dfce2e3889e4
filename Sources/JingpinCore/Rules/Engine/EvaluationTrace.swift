/// Everything a decision was made from, as a versioned document stored with the decision:
/// the engine and rule-set versions (with the rule file's content hash), the inputs, every
/// parameter value used with its date and reference, every intermediate value, the result.
/// Re-running the same rule-set version on the same inputs gives the same document.
public struct EvaluationTrace: Sendable, Hashable, Codable {
    /// The format's name and version; readers refuse formats they do not know.
    public static let currentFormat = "jingpin.trace.v1"

    /// `jingpin.trace.v1`.
    public var format = EvaluationTrace.currentFormat
    /// The engine that computed it (`RuleEngine.version`).
    public var engineVersion: String
    /// The rule set it used.
    public var ruleSet: RuleSetStamp
    /// Whose figures (the enterprise's credit code).
    public var subject: String
    /// The data year.
    public var year: Int
    /// The day parameters were read at (the data year's last day).
    public var parametersOn: String
    /// The figures read, in the order the formula read them.
    public var inputs: [Input] = []
    /// Every parameter value used.
    public var parameters: [ParameterUse] = []
    /// Every bracket table used.
    public var scales: [ScaleUse] = []
    /// Every intermediate value, in order.
    public var steps: [Step] = []
    /// The outcome.
    public var result: Result

    /// Identifies a rule set exactly.
    public struct RuleSetStamp: Sendable, Hashable, Codable {
        /// The rule set's id.
        public var id: String
        /// Its version.
        public var version: String
        /// SHA-256 of its file.
        public var contentHash: String
    }

    /// One figure read: indicator code, year, stored value (nil when not filed), unit.
    public struct Input: Sendable, Hashable, Codable {
        public var name: String
        public var year: Int
        public var value: Int64?
        public var unit: ParameterUnit
    }

    /// One parameter value used.
    public struct ParameterUse: Sendable, Hashable, Codable {
        public var id: String
        public var from: String
        public var value: Int64
        public var unit: ParameterUnit
        public var reference: PolicyReference
    }

    /// One bracket table used: the version's date, kind and brackets.
    public struct ScaleUse: Sendable, Hashable, Codable {
        public var id: String
        public var from: String
        public var kind: BracketScale.Kind
        public var baseUnit: ParameterUnit
        public var brackets: [[Int64]]
        public var reference: PolicyReference
    }

    /// One intermediate value: its name, the exact value as a decimal text in `unit`
    /// (fractions of a fen are kept until the one rounding), and the unit.
    public struct Step: Sendable, Hashable, Codable {
        public var name: String
        public var value: String
        public var unit: ParameterUnit
    }

    /// The outcome: the eligible amount (0 when not eligible) and why not, if not.
    public struct Result: Sendable, Hashable, Codable {
        /// The eligible amount in fen.
        public var eligibleFen: Int64
        /// Machine-readable reasons the amount is zero or reduced, e.g. `below_threshold`, `capped`.
        public var notes: [String]
    }

    /// The step named `name`, if recorded.
    public func step(_ name: String) -> Step? { steps.first { $0.name == name } }
    /// The input named `name` for `year`, if recorded.
    public func input(_ name: String, year: Int) -> Input? { inputs.first { $0.name == name && $0.year == year } }
    /// The parameter use whose id ends with `.name`.
    public func parameter(_ name: String) -> ParameterUse? { parameters.first { $0.id.hasSuffix("." + name) } }
}
