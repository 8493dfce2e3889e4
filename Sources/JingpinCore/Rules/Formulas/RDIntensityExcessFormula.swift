/// Province-style R&D reward: a marginal rate on the R&D spending above a threshold share of
/// main-business revenue, raised by an uplift for the 26 mountain counties.
///
/// excess = R&D − threshold × main-business revenue (nothing when R&D intensity is at or
/// below the threshold); amount = marginal scale `rate` over the excess; × (1 + uplift) in a
/// mountain county. All exact until the engine's one rounding.
public enum RDIntensityExcessFormula: RewardFormula {
    public static let spec = RuleFormulaSpec(
        id: "rd_intensity_excess", kind: .reward,
        parameters: [("threshold", .basisPoints), ("mountain_uplift", .basisPoints), ("cap", .fen)],
        scales: [("rate", .marginalRate)],
        figures: [FigureRef("rd_spending"), FigureRef("main_business_revenue")])

    // Figure slots, in the order of `spec.figures`.
    private static let rdSpending = 0, revenue = 1

    /// The values the formula reads from its rule set.
    public struct Parameters: Sendable {
        let thresholdBP: Int64
        let rate: ResolvedScale
        let upliftBP: Int64
    }

    public static func parameters(_ reader: inout ParameterReader) throws(RuleEvaluationError) -> Parameters {
        Parameters(thresholdBP: try reader.parameter("threshold"), rate: try reader.scale("rate"),
                   upliftBP: try reader.parameter("mountain_uplift"))
    }

    public static func evaluate<F: FigureReader, S: StepSink>(_ f: F, _ p: Parameters, _ s: inout S) -> RewardAmount {
        guard let rd = f.figure(rdSpending), let revenue = f.figure(revenue), revenue > 0 else { return .zero(.missingFigure) }
        // threshold amount = revenue × threshold / 10 000, kept as a fraction over 10 000.
        let thresholdAmount = Int128(revenue) * Int128(p.thresholdBP)
        s.step("threshold_amount", thresholdAmount, over: 10_000, .fen)
        let excess = Int128(rd) * 10_000 - thresholdAmount
        guard excess > 0 else {
            s.step("excess", 0, .fen)
            return .zero(.belowThreshold)
        }
        s.step("excess", excess, over: 10_000, .fen)
        let (n, d) = p.rate.apply(to: (excess, 10_000))
        s.step("base_amount", n, over: d, .fen)
        var amount = RewardAmount(n, over: d)
        amount.applyMountainUplift(p.upliftBP, isMountainCounty: f.isMountainCounty, &s)
        return amount
    }
}
