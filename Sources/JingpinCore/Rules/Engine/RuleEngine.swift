/// The reward formulas the rule files may name, and the one-enterprise entry point. Batches
/// go through `RewardProgram`, which this uses too.
public enum RuleEngine {
    /// The engine's version, written into every trace. Change it when a formula's arithmetic
    /// changes, so old traces say which engine made them.
    public static let version = "1.0.0"

    /// Every reward formula, by id.
    public static let rewardFormulas: [String: RewardFormulaEntry] = Dictionary(uniqueKeysWithValues: [
        RewardFormulaEntry(RDIntensityExcessFormula.self),
        RewardFormulaEntry(RDGrowthFormula.self),
    ].map { ($0.spec.id, $0) })

    /// Every formula the rule files may name (rewards and eligibility rules).
    public static var specs: [RuleFormulaSpec] {
        rewardFormulas.values.map { $0.spec } + [EligibilitySpecs.designation2025, EligibilitySpecs.digitalGradient2025]
    }

    /// The reward of one enterprise for `year` under `ruleSet`, with its trace.
    ///
    /// Parameters are read as of the year's last day. The formula's exact amount is rounded
    /// once, by the rule set's rounding rule, and then limited by the parameter `cap` (fen).
    public static func reward(_ inputs: RewardInputs, year: Int, ruleSet: RuleSet) throws(RuleEvaluationError) -> EvaluationTrace {
        try RewardProgram(ruleSet: ruleSet, year: year).trace(inputs)
    }
}
