/// City-style R&D reward: a rate on the growth of R&D spending over the previous year, plus
/// a one-off bonus by R&D intensity band (a single-amount bracket table), for enterprises
/// whose intensity reaches a minimum; raised by an uplift in a mountain county.
///
/// Not eligible (zero) when this year's or last year's R&D, or this year's main-business
/// revenue, was not filed, or intensity is below the minimum. Growth ≤ 0 earns no growth part
/// but still the bonus.
public enum RDGrowthFormula: RewardFormula {
    public static let spec = RuleFormulaSpec(
        id: "rd_growth", kind: .reward,
        parameters: [("min_intensity", .basisPoints), ("growth_rate", .basisPoints), ("mountain_uplift", .basisPoints), ("cap", .fen)],
        scales: [("intensity_bonus", .singleAmount)])

    public static func evaluate(_ inputs: RewardInputs, year: Int, _ r: inout TraceRecorder) throws(RuleEvaluationError)
        -> (numerator: Int128, denominator: Int128, notes: [String]) {
        let rd = inputs.figure("rd_spending", year: year)
        let previous = inputs.figure("rd_spending", year: year - 1)
        let revenue = inputs.figure("main_business_revenue", year: year)
        r.input("rd_spending", year: year, rd, .fen)
        r.input("rd_spending", year: year - 1, previous, .fen)
        r.input("main_business_revenue", year: year, revenue, .fen)
        r.input(RewardInputs.mountainCounty, year: year, inputs.isMountainCounty ? 1 : 0, .boolean)
        let minimum = try r.parameter("min_intensity")
        guard let rd, let previous, let revenue, revenue > 0 else { return (0, 1, ["missing_figure"]) }
        // intensity = rd / revenue; in basis points rd × 10 000 / revenue, kept exact as a fraction.
        let intensity = (Int128(rd) * 10_000, Int128(revenue))
        r.step("intensity", Int128(rd) * 10_000 * 100 / Int128(revenue), over: 100, .basisPoints)
        // intensity ≥ minimum  ⟺  rd × 10 000 ≥ minimum × revenue, compared on integers.
        guard intensity.0 >= Int128(minimum) * intensity.1 else { return (0, 1, ["below_threshold"]) }
        let growth = Int128(rd) - Int128(previous)
        r.step("growth", growth, .fen)
        let rate = try r.parameter("growth_rate")
        let growthPart = max(growth, 0) * Int128(rate)  // over 10 000
        r.step("growth_amount", growthPart, over: 10_000, .fen)
        let (kind, brackets) = try r.scale("intensity_bonus")
        let bonus = BracketScale.apply(kind, brackets: brackets, to: intensity).numerator  // whole fen
        r.step("bonus", bonus, .fen)
        var n = growthPart + bonus * 10_000
        var d: Int128 = 10_000
        var notes: [String] = growth > 0 ? [] : ["no_growth"]
        try r.mountainUplift(inputs, &n, &d, &notes)
        return (n, d, notes)
    }
}
