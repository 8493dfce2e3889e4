/// The parameters the eligibility rule files must define. The checks that read them (the
/// designation round's eligibility step and the digital-gradient application) are built with
/// those features; the specs are here so the shipped files are validated at start already.
public enum EligibilitySpecs {
    /// 2025 designation eligibility (浙江精品): product-sales thresholds per category, lower in
    /// the 26 mountain counties; three-year average R&D intensity; veto look-back years; and the
    /// terms of a designation it leads to (validity, the annual review's grace period).
    public static let designation2025 = RuleFormulaSpec(
        id: "designation_2025", kind: .designationEligibility,
        parameters: [
            ("sales.advanced_manufacturing", .fen), ("sales.advanced_manufacturing.mountain", .fen),
            ("sales.digital_fusion", .fen), ("sales.digital_fusion.mountain", .fen),
            ("sales.distinctive_consumer_goods", .fen), ("sales.distinctive_consumer_goods.mountain", .fen),
            ("rd_intensity_average", .basisPoints), ("rd_average_years", .years),
            ("product_launch_years", .years), ("veto_lookback_years", .years),
            ("validity_years", .years), ("review_grace_days", .count),
        ])

    /// 2025 digital-gradient entry rules (浙经信产数〔2025〕174号).
    public static let digitalGradient2025 = RuleFormulaSpec(
        id: "digital_gradient_2025", kind: .digitalGradient,
        parameters: [
            ("workshop.digital_level", .thousandths), ("workshop.investment", .fen), ("workshop.investment.mountain_island", .fen),
            ("smart_factory.digital_level", .thousandths), ("smart_factory.investment", .fen),
            ("smart_factory.investment.mountain_island", .fen), ("future_factory.digital_level", .thousandths),
            ("investment_years", .years), ("incident_lookback_years", .years),
        ])
}
