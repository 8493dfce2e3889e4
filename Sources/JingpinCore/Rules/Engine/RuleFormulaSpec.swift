/// What a formula needs: from its rule file, the parameters (by name relative to the rule
/// set's id) with their units and the bracket tables; from the filings, the figures it reads. The reader checks every rule file
/// against its formula's spec at start, so a missing or mistyped figure stops the start-up
/// with a precise error instead of failing a reward run months later.
public struct RuleFormulaSpec: Sendable, Hashable {
    /// The formula's id, as rule files name it.
    public let id: String
    /// The kind of rule set it serves.
    public let kind: RuleSetKind
    /// The parameters it reads: name and unit.
    public let parameters: [(name: String, unit: ParameterUnit)]
    /// The bracket tables it reads: name and kind.
    public let scales: [(name: String, kind: BracketScale.Kind)]
    /// The filed figures it reads, in the order its trace records them; a formula reads
    /// figure i as slot i (see `FigureReader`).
    public let figures: [FigureRef]

    /// Creates a spec.
    public init(id: String, kind: RuleSetKind, parameters: [(name: String, unit: ParameterUnit)],
                scales: [(name: String, kind: BracketScale.Kind)] = [], figures: [FigureRef] = []) {
        self.id = id
        self.kind = kind
        self.parameters = parameters
        self.scales = scales
        self.figures = figures
    }

    public static func == (a: RuleFormulaSpec, b: RuleFormulaSpec) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
