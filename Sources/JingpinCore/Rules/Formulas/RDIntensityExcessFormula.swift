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
        scales: [("rate", .marginalRate)])

    public static func evaluate(_ inputs: RewardInputs, year: Int, _ r: inout TraceRecorder) throws(RuleEvaluationError)
        -> (numerator: Int128, denominator: Int128, notes: [String]) {
        let rd = inputs.figure("rd_spending", year: year)
        let revenue = inputs.figure("main_business_revenue", year: year)
        r.input("rd_spending", year: year, rd, .fen)
        r.input("main_business_revenue", year: year, revenue, .fen)
        r.input(RewardInputs.mountainCounty, year: year, inputs.isMountainCounty ? 1 : 0, .boolean)
        let threshold = try r.parameter("threshold")
        guard let rd, let revenue, revenue > 0 else { return (0, 1, ["missing_figure"]) }
        // threshold amount = revenue × threshold / 10 000, kept as a fraction over 10 000.
        let thresholdAmount = Int128(revenue) * Int128(threshold)
        r.step("threshold_amount", thresholdAmount, over: 10_000, .fen)
        let excess = Int128(rd) * 10_000 - thresholdAmount
        guard excess > 0 else {
            r.step("excess", 0, .fen)
            return (0, 1, ["below_threshold"])
        }
        r.step("excess", excess, over: 10_000, .fen)
        let (kind, brackets) = try r.scale("rate")
        var (n, d) = BracketScale.apply(kind, brackets: brackets, to: (excess, 10_000))
        r.step("base_amount", n, over: d, .fen)
        var notes: [String] = []
        try r.mountainUplift(inputs, &n, &d, &notes)
        return (n, d, notes)
    }
}
