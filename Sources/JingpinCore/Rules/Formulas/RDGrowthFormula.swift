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
        scales: [("intensity_bonus", .singleAmount)],
        figures: [FigureRef("rd_spending"), FigureRef("rd_spending", yearOffset: -1), FigureRef("main_business_revenue")])

    // Figure slots, in the order of `spec.figures`.
    private static let rdSpending = 0, previousRDSpending = 1, revenue = 2

    /// The values the formula reads from its rule set.
    public struct Parameters: Sendable {
        let minimumBP: Int64
        let growthRateBP: Int64
        let bonus: ResolvedScale
        let upliftBP: Int64
    }

    public static func parameters(_ reader: inout ParameterReader) throws(RuleEvaluationError) -> Parameters {
        Parameters(minimumBP: try reader.parameter("min_intensity"), growthRateBP: try reader.parameter("growth_rate"),
                   bonus: try reader.scale("intensity_bonus"), upliftBP: try reader.parameter("mountain_uplift"))
    }

    public static func evaluate<F: FigureReader, S: StepSink>(_ f: F, _ p: Parameters, _ s: inout S) -> RewardAmount {
        guard let rd = f.figure(rdSpending), let previous = f.figure(previousRDSpending), let revenue = f.figure(revenue), revenue > 0
        else { return .zero(.missingFigure) }
        // intensity = rd / revenue; in basis points rd × 10 000 / revenue, kept exact as a fraction.
        let intensity = (Int128(rd) * 10_000, Int128(revenue))
        s.step("intensity", Int128(rd) * 10_000 * 100 / Int128(revenue), over: 100, .basisPoints)
        // intensity ≥ minimum  ⟺  rd × 10 000 ≥ minimum × revenue, compared on integers.
        guard intensity.0 >= Int128(p.minimumBP) * intensity.1 else { return .zero(.belowThreshold) }
        let growth = Int128(rd) - Int128(previous)
        s.step("growth", growth, .fen)
        let growthPart = max(growth, 0) * Int128(p.growthRateBP)  // over 10 000
        s.step("growth_amount", growthPart, over: 10_000, .fen)
        let bonus = p.bonus.apply(to: intensity).numerator  // whole fen
        s.step("bonus", bonus, .fen)
        var amount = RewardAmount(growthPart + bonus * 10_000, over: 10_000, notes: growth > 0 ? [] : .noGrowth)
        amount.applyMountainUplift(p.upliftBP, isMountainCounty: f.isMountainCounty, &s)
        return amount
    }
}
