import Foundation
import Testing
@testable import JingpinCore

/// The 2025 designation eligibility rules, on the shipped file's figures (built here in Swift;
/// the file itself is read in the app's tests). Boundaries just below, on and above.
@Suite("Designation eligibility 2025: sales thresholds, three-year R&D intensity, launch, vetoes")
struct DesignationEligibilityTests {
    static let ref = PolicyReference(document: "test")

    static func p(_ name: String, _ unit: ParameterUnit, _ value: Int64) -> Parameter {
        Parameter(id: "designation.2025.\(name)", unit: unit, labelZh: name, labelEn: name,
                  values: [.init(from: try! LocalDate("2025-01-01"), value: value, reference: ref)], ends: nil)
    }

    static let rules = RuleSet(
        id: "designation.2025", kind: .designationEligibility, version: "t", titleZh: "条件", titleEn: "Eligibility", formula: "designation_2025",
        scope: .province, rounding: .halfUp,
        parameters: [p("sales.advanced_manufacturing", .fen, 800_000_000), p("sales.advanced_manufacturing.mountain", .fen, 500_000_000),
                     p("sales.digital_fusion", .fen, 600_000_000), p("sales.digital_fusion.mountain", .fen, 300_000_000),
                     p("sales.distinctive_consumer_goods", .fen, 600_000_000), p("sales.distinctive_consumer_goods.mountain", .fen, 300_000_000),
                     p("rd_intensity_average", .basisPoints, 300), p("rd_average_years", .years, 3),
                     p("product_launch_years", .years, 3), p("veto_lookback_years", .years, 3)],
        scales: [], file: "designation.yaml", contentHash: "h")

    static let day = try! LocalDate("2025-06-01")

    /// Intensities 2 %, 3 %, 4 % in 2022–2024: mean exactly 3 %.
    static func applicant(sales: Int64? = 800_000_000, mountain: Bool = false, category: ProductCategory = .advancedManufacturing,
                          rd2024: Int64 = 400, launch: String? = "2023-01-01", vetoes: [VetoRecord] = []) -> DesignationApplicant {
        DesignationApplicant(category: category, isMountainCounty: mountain, productSalesFen: sales,
                             rdSpendingFen: [2022: 200, 2023: 300, 2024: rd2024], mainBusinessRevenueFen: [2022: 10_000, 2023: 10_000, 2024: 10_000],
                             launchDate: launch.map { try! LocalDate($0) }, vetoRecords: vetoes)
    }

    static func check(_ a: DesignationApplicant, _ rule: String) throws -> EligibilityResult.Check {
        try #require(try DesignationEligibility.evaluate(a, ruleSet: rules, on: day).checks.first { $0.rule == rule })
    }

    @Test("sales: ¥8m exactly passes, a fen less fails; ¥5m passes in a mountain county; other sectors have no threshold")
    func sales() throws {
        #expect(try Self.check(Self.applicant(sales: 800_000_000), "sales").passed)
        let below = try Self.check(Self.applicant(sales: 799_999_999), "sales")
        #expect(!below.passed)
        #expect(below.en == "last year's product sales ¥7,999,999.99 are below the threshold of ¥8,000,000.00")
        #expect(try Self.check(Self.applicant(sales: 500_000_000, mountain: true), "sales").passed)
        #expect(try !Self.check(Self.applicant(sales: 499_999_999, mountain: true), "sales").passed)
        #expect(try Self.check(Self.applicant(sales: 300_000_000, category: .digitalFusion), "sales").passed == false)
        #expect(try Self.check(Self.applicant(sales: nil, category: .qualityService), "sales").passed)
        #expect(try !Self.check(Self.applicant(sales: nil), "sales").passed)
    }

    @Test("R&D: a mean of exactly 3.00 % passes, a hair below fails, a missing year is named")
    func rdIntensity() throws {
        let equal = try Self.check(Self.applicant(), "rd_intensity")
        #expect(equal.passed)
        #expect(equal.en == "average R&D intensity 2022–2024 is 3.00 %, at least 3.00 %")
        // 2024 at 399/10 000: mean (2 + 3 + 3.99) / 3 = 2.9966… % — below.
        let below = try Self.check(Self.applicant(rd2024: 399), "rd_intensity")
        #expect(!below.passed && below.en == "average R&D intensity 2022–2024 is 2.99 %, below 3.00 %")
        var gap = Self.applicant()
        gap.mainBusinessRevenueFen[2023] = nil
        let missing = try Self.check(gap, "rd_intensity")
        #expect(!missing.passed && missing.zh.contains("2023"))
    }

    @Test("launch within the last 3 years, to the day; vetoes within the look-back, to the day")
    func launchAndVeto() throws {
        #expect(try Self.check(Self.applicant(launch: "2022-06-01"), "launch").passed)
        #expect(try !Self.check(Self.applicant(launch: "2022-05-31"), "launch").passed)
        #expect(try !Self.check(Self.applicant(launch: nil), "launch").passed)
        let old = VetoRecord(kind: .environment, date: try LocalDate("2022-05-31"))
        #expect(try Self.check(Self.applicant(vetoes: [old]), "veto").passed)
        let recent = VetoRecord(kind: .quality, date: try LocalDate("2022-06-01"))
        let veto = try Self.check(Self.applicant(vetoes: [old, recent]), "veto")
        #expect(!veto.passed && veto.en == "veto within the last 3 years: major quality incident on 2022-06-01")
    }

    @Test("the result lists every rule and the parameters used; eligible only when all pass")
    func result() throws {
        let ok = try DesignationEligibility.evaluate(Self.applicant(), ruleSet: Self.rules, on: Self.day)
        #expect(ok.isEligible && ok.checks.map(\.rule) == ["sales", "rd_intensity", "launch", "veto"])
        #expect(Set(ok.parameters.map(\.id)).isSuperset(of: ["designation.2025.sales.advanced_manufacturing", "designation.2025.rd_intensity_average"]))
        let bad = try DesignationEligibility.evaluate(Self.applicant(sales: 1, launch: nil), ruleSet: Self.rules, on: Self.day)
        #expect(!bad.isEligible && bad.failures.map(\.rule) == ["sales", "launch"])
        // Before the rules' first date there is nothing to check against: a configuration error, not a refusal.
        #expect(throws: RuleEvaluationError.self) {
            try DesignationEligibility.evaluate(Self.applicant(), ruleSet: Self.rules, on: LocalDate("2024-12-31"))
        }
    }
}
