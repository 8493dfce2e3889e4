/// Runs reward formulas: evaluates, rounds once by the rule set's rule, applies the
/// per-enterprise cap, and returns the trace that says how.
public enum RuleEngine {
    /// The engine's version, written into every trace. Change it when a formula's arithmetic
    /// changes, so old traces say which engine made them.
    public static let version = "1.0.0"

    /// Every reward formula, by id.
    public static let rewardFormulas: [String: any RewardFormula.Type] = [
        RDIntensityExcessFormula.spec.id: RDIntensityExcessFormula.self,
        RDGrowthFormula.spec.id: RDGrowthFormula.self,
    ]

    /// Every formula the rule files may name (rewards and eligibility rules).
    public static var specs: [RuleFormulaSpec] {
        rewardFormulas.values.map { $0.spec } + [EligibilitySpecs.designation2025, EligibilitySpecs.digitalGradient2025]
    }

    /// The reward of one enterprise for `year` under `ruleSet`: eligible fen and its trace.
    ///
    /// Parameters are read as of the year's last day. The formula's exact amount is rounded
    /// once, by the rule set's rounding rule, and then limited by the parameter `cap` (fen).
    public static func reward(_ inputs: RewardInputs, year: Int, ruleSet: RuleSet) throws(RuleEvaluationError) -> EvaluationTrace {
        guard let formula = rewardFormulas[ruleSet.formula] else { throw .unknownFormula(ruleSet.formula) }
        var r = TraceRecorder(ruleSet: ruleSet, subject: inputs.creditCode, year: year)
        var (n, d, notes) = try formula.evaluate(inputs, year: year, &r)
        if n < 0 { n = 0 }
        let rounded = Int64(RoundingRule.roundedQuotient(n, d, ruleSet.rounding))
        r.step("rounded", Int128(rounded), .fen)
        let cap = try r.parameter("cap")
        let eligible = min(rounded, cap)
        if rounded > cap { notes.append("capped") }
        return r.finish(eligibleFen: eligible, notes: notes)
    }
}
