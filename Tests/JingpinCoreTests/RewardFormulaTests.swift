import Foundation
import Testing
@testable import JingpinCore

/// Rule sets built in Swift with the shipped files' figures (the files themselves are read in
/// the app's tests). Every expected amount below is worked out by hand in the comment beside it.
enum RewardFixture {
    static let ref = PolicyReference(document: "test")

    static func p(_ id: String, _ unit: ParameterUnit, _ values: [(String, Int64)], ends: String? = nil) -> Parameter {
        Parameter(id: id, unit: unit, labelZh: id, labelEn: id,
                  values: values.map { .init(from: try! LocalDate($0.0), value: $0.1, reference: ref) },
                  ends: ends.map { try! LocalDate($0) })
    }

    /// Province: threshold 3 % (3.15 % from 2025), 10 % of the first ¥5m above it and 5 % beyond,
    /// +20 % in mountain counties, capped at `cap` fen.
    static func province(cap: Int64 = 200_000_000) -> RuleSet {
        let id = "rewards.rd.province"
        return RuleSet(
            id: id, kind: .reward, version: "t", titleZh: "省", titleEn: "Province", formula: "rd_intensity_excess", scope: .province,
            rounding: .halfUp,
            parameters: [p("\(id).threshold", .basisPoints, [("2024-01-01", 300), ("2025-01-01", 315)]),
                         p("\(id).mountain_uplift", .basisPoints, [("2024-01-01", 2000)]),
                         p("\(id).cap", .fen, [("2024-01-01", cap)])],
            scales: [BracketScale(id: "\(id).rate", kind: .marginalRate, baseUnit: .fen, labelZh: "r", labelEn: "r",
                                  versions: [.init(from: try! LocalDate("2024-01-01"),
                                                   brackets: [.init(threshold: 0, value: 1000), .init(threshold: 500_000_000, value: 500)],
                                                   reference: ref)])],
            file: "province.yaml", contentHash: "abc")
    }

    /// Hangzhou: minimum intensity 2 %, 5 % of growth (8 % from 2025), +10 % in Chun'an, cap ¥1m,
    /// bonus ¥50k from 3 %, ¥100k from 5 %, ¥200k from 8 %.
    static func hangzhou() -> RuleSet {
        let id = "rewards.rd.hangzhou"
        return RuleSet(
            id: id, kind: .reward, version: "t", titleZh: "杭", titleEn: "Hangzhou", formula: "rd_growth", scope: .city("330100"),
            rounding: .halfUp,
            parameters: [p("\(id).min_intensity", .basisPoints, [("2024-01-01", 200)]),
                         p("\(id).growth_rate", .basisPoints, [("2024-01-01", 500), ("2025-01-01", 800)]),
                         p("\(id).mountain_uplift", .basisPoints, [("2024-01-01", 1000)]),
                         p("\(id).cap", .fen, [("2024-01-01", 100_000_000)])],
            scales: [BracketScale(id: "\(id).intensity_bonus", kind: .singleAmount, baseUnit: .basisPoints, labelZh: "b", labelEn: "b",
                                  versions: [.init(from: try! LocalDate("2024-01-01"),
                                                   brackets: [.init(threshold: 300, value: 5_000_000), .init(threshold: 500, value: 10_000_000),
                                                              .init(threshold: 800, value: 20_000_000)],
                                                   reference: ref)])],
            file: "hangzhou.yaml", contentHash: "def")
    }

    static func firm(rd: Int64?, revenue: Int64?, previousRD: Int64? = nil, year: Int = 2025, mountain: Bool = false) -> RewardInputs {
        var figures: [Int: [String: Int64]] = [year: [:], year - 1: [:]]
        figures[year]!["rd_spending"] = rd
        figures[year]!["main_business_revenue"] = revenue
        figures[year - 1]!["rd_spending"] = previousRD
        return RewardInputs(creditCode: "91330100000000000X", regionCode: mountain ? "330127" : "330106", isMountainCounty: mountain, figures: figures)
    }

    static func eligible(_ f: RewardInputs, _ set: RuleSet, year: Int = 2025) throws -> Int64 {
        try RuleEngine.reward(f, year: year, ruleSet: set).result.eligibleFen
    }
}

@Suite("Reward formulas: exact boundaries, brackets, caps, dates")
struct RewardFormulaTests {
    @Test("the issue's example: ¥12m R&D, 3 % of ¥320m revenue is ¥9.6m, excess ¥2.4m, 10 % is ¥240,000, capped at ¥200,000")
    func issueExample() throws {
        let firm = RewardFixture.firm(rd: 1_200_000_000, revenue: 32_000_000_000, year: 2024)
        // 2024 threshold 3 %: 32,000,000,000 × 300 / 10,000 = 960,000,000 fen; excess 240,000,000; 10 % = 24,000,000.
        #expect(try RewardFixture.eligible(firm, RewardFixture.province(), year: 2024) == 24_000_000)
        let trace = try RuleEngine.reward(firm, year: 2024, ruleSet: RewardFixture.province(cap: 20_000_000))
        #expect(trace.result.eligibleFen == 20_000_000)
        #expect(trace.result.notes == ["capped"])
        #expect(trace.step("threshold_amount")?.value == "960000000")
        #expect(trace.step("excess")?.value == "240000000")
        #expect(trace.step("base_amount")?.value == "24000000")
    }

    @Test("threshold boundary: just below and equal earn nothing; just above earns the rounded excess share")
    func thresholdBoundary() throws {
        // Revenue ¥4,000,000 (400,000,000 fen); 3 % of it is exactly 12,000,000 fen (year 2024).
        let set = RewardFixture.province()
        #expect(try RewardFixture.eligible(RewardFixture.firm(rd: 11_999_999, revenue: 400_000_000, year: 2024), set, year: 2024) == 0)
        let equal = try RuleEngine.reward(RewardFixture.firm(rd: 12_000_000, revenue: 400_000_000, year: 2024), year: 2024, ruleSet: set)
        #expect(equal.result.eligibleFen == 0)
        #expect(equal.result.notes == ["below_threshold"])
        // 4 fen above: 10 % is 0.4 fen → 0 (half up); 5 fen above: 0.5 fen → 1 fen. Rounded once, at the end.
        #expect(try RewardFixture.eligible(RewardFixture.firm(rd: 12_000_004, revenue: 400_000_000, year: 2024), set, year: 2024) == 0)
        #expect(try RewardFixture.eligible(RewardFixture.firm(rd: 12_000_005, revenue: 400_000_000, year: 2024), set, year: 2024) == 1)
    }

    @Test("marginal brackets add up: ¥8m above the threshold is 10 % of ¥5m plus 5 % of ¥3m")
    func marginalBrackets() throws {
        // 2024, revenue ¥100m (10,000,000,000 fen): threshold ¥3m; R&D ¥11m → excess ¥8m = 800,000,000 fen.
        // 10 % × 500,000,000 + 5 % × 300,000,000 = 50,000,000 + 15,000,000 = 65,000,000 fen (¥650,000).
        let firm = RewardFixture.firm(rd: 1_100_000_000, revenue: 10_000_000_000, year: 2024)
        #expect(try RewardFixture.eligible(firm, RewardFixture.province(), year: 2024) == 65_000_000)
        // Exactly at the bracket edge: excess ¥5m → 10 % × 500,000,000 = 50,000,000.
        #expect(try RewardFixture.eligible(RewardFixture.firm(rd: 800_000_000, revenue: 10_000_000_000, year: 2024), RewardFixture.province(), year: 2024) == 50_000_000)
    }

    @Test("a value dated 2025-01-01 does not apply to 2024; from 2025 the 3.15 % threshold does")
    func dateSwitching() throws {
        let firm = RewardFixture.firm(rd: 1_200_000_000, revenue: 32_000_000_000, year: 2025)
        // 2025: 32,000,000,000 × 315 / 10,000 = 1,008,000,000; excess 192,000,000; 10 % = 19,200,000 fen.
        let trace = try RuleEngine.reward(firm, year: 2025, ruleSet: RewardFixture.province())
        #expect(trace.result.eligibleFen == 19_200_000)
        #expect(trace.parameter("threshold")?.value == 315)
        #expect(trace.parameter("threshold")?.from == "2025-01-01")
        #expect(trace.parametersOn == "2025-12-31")
        let earlier = try RuleEngine.reward(RewardFixture.firm(rd: 1_200_000_000, revenue: 32_000_000_000, year: 2024), year: 2024, ruleSet: RewardFixture.province())
        #expect(earlier.parameter("threshold")?.value == 300)
        #expect(earlier.parameter("threshold")?.from == "2024-01-01")
    }

    @Test("a parameter with no value yet, or ended, stops the run with its id and date")
    func noValue() throws {
        #expect(throws: RuleEvaluationError.noValue("rewards.rd.province.threshold", "2023-12-31")) {
            try RuleEngine.reward(RewardFixture.firm(rd: 1, revenue: 1, year: 2023), year: 2023, ruleSet: RewardFixture.province())
        }
        let ended = RewardFixture.p("x.y", .fen, [("2024-01-01", 5)], ends: "2025-01-01")
        #expect(ended.value(on: try LocalDate("2024-12-31"))?.value == 5)
        #expect(ended.value(on: try LocalDate("2025-01-01")) == nil)
    }

    @Test("mountain counties get the uplift: ¥240,000 × 1.2 = ¥288,000")
    func mountainUplift() throws {
        let firm = RewardFixture.firm(rd: 1_200_000_000, revenue: 32_000_000_000, year: 2024, mountain: true)
        let trace = try RuleEngine.reward(firm, year: 2024, ruleSet: RewardFixture.province())
        #expect(trace.result.eligibleFen == 28_800_000)
        #expect(trace.result.notes == ["mountain_uplift"])
    }

    @Test("growth scheme: 8 % of ¥10m growth plus the ¥100,000 band at 5 % intensity")
    func growth() throws {
        let set = RewardFixture.hangzhou()
        // Revenue ¥1bn; R&D ¥50m (5 %) after ¥40m: growth 1,000,000,000 fen × 8 % = 80,000,000; bonus 10,000,000.
        #expect(try RewardFixture.eligible(RewardFixture.firm(rd: 5_000_000_000, revenue: 100_000_000_000, previousRD: 4_000_000_000), set) == 90_000_000)
        // The same firm in Chun'an: 90,000,000 × 1.1 = 99,000,000.
        #expect(try RewardFixture.eligible(RewardFixture.firm(rd: 5_000_000_000, revenue: 100_000_000_000, previousRD: 4_000_000_000, mountain: true), set) == 99_000_000)
        // In 2024 the growth rate was 5 %: 50,000,000 + 10,000,000.
        #expect(try RewardFixture.eligible(RewardFixture.firm(rd: 5_000_000_000, revenue: 100_000_000_000, previousRD: 4_000_000_000, year: 2024), set,
                                     year: 2024) == 60_000_000)
    }

    @Test("growth scheme boundaries: intensity exactly 2 % qualifies, a fen less does not; exactly 3 % reaches the first band")
    func growthBoundaries() throws {
        let set = RewardFixture.hangzhou()
        // 2 % of ¥1bn is 2,000,000,000 fen: growth 1,000,000,000 × 8 % = 80,000,000; no band below 3 %.
        #expect(try RewardFixture.eligible(RewardFixture.firm(rd: 2_000_000_000, revenue: 100_000_000_000, previousRD: 1_000_000_000), set) == 80_000_000)
        let below = try RuleEngine.reward(RewardFixture.firm(rd: 1_999_999_999, revenue: 100_000_000_000, previousRD: 1_000_000_000), year: 2025, ruleSet: set)
        #expect(below.result.eligibleFen == 0)
        #expect(below.result.notes == ["below_threshold"])
        // Exactly 3 % with no growth: the ¥50,000 band only.
        let flat = try RuleEngine.reward(RewardFixture.firm(rd: 3_000_000_000, revenue: 100_000_000_000, previousRD: 3_000_000_000), year: 2025, ruleSet: set)
        #expect(flat.result.eligibleFen == 5_000_000)
        #expect(flat.result.notes == ["no_growth"])
        // 9 % after 5 %: 4,000,000,000 × 8 % = 320,000,000 + 20,000,000 = 340,000,000 → capped at 100,000,000.
        let capped = try RuleEngine.reward(RewardFixture.firm(rd: 9_000_000_000, revenue: 100_000_000_000, previousRD: 5_000_000_000), year: 2025, ruleSet: set)
        #expect(capped.result.eligibleFen == 100_000_000)
        #expect(capped.result.notes == ["capped"])
    }

    @Test("missing figures earn nothing and say so")
    func missing() throws {
        let t = try RuleEngine.reward(RewardFixture.firm(rd: 5_000_000_000, revenue: 100_000_000_000, previousRD: nil), year: 2025, ruleSet: RewardFixture.hangzhou())
        #expect(t.result.eligibleFen == 0)
        #expect(t.result.notes == ["missing_figure"])
        #expect(t.input("rd_spending", year: 2024)?.value == nil)
    }

    @Test("single-amount and marginal tables read the same rows differently")
    func bracketKinds() {
        let rows: [BracketScale.Bracket] = [.init(threshold: 0, value: 1000), .init(threshold: 100, value: 2000)]
        // single amount at base 150: the highest bracket reached (100) → 2000.
        #expect(BracketScale.apply(.singleAmount, brackets: rows, to: (150, 1)) == (2000, 1))
        // marginal at 150: 100 × 10 % + 50 × 20 % = 10 + 10 = 20, as 200,000 / 10,000.
        let m = BracketScale.apply(.marginalRate, brackets: rows, to: (150, 1))
        #expect(m.numerator * 1 == 200_000 && m.denominator == 10_000)
        // below the first threshold of a single-amount table: nothing.
        #expect(BracketScale.apply(.singleAmount, brackets: [.init(threshold: 300, value: 5)], to: (299, 1)) == (0, 1))
    }

    @Test("the trace names every parameter used, round-trips through JSON and re-runs identically")
    func traceRoundTrip() throws {
        let firm = RewardFixture.firm(rd: 1_100_000_000, revenue: 10_000_000_000, year: 2024, mountain: true)
        let trace = try RuleEngine.reward(firm, year: 2024, ruleSet: RewardFixture.province())
        #expect(trace.format == "jingpin.trace.v1")
        #expect(trace.engineVersion == RuleEngine.version)
        #expect(trace.ruleSet.contentHash == "abc")
        #expect(Set(trace.parameters.map(\.id)) == ["rewards.rd.province.threshold", "rewards.rd.province.mountain_uplift", "rewards.rd.province.cap"])
        #expect(trace.scales.map(\.id) == ["rewards.rd.province.rate"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(trace)
        #expect(try JSONDecoder().decode(EvaluationTrace.self, from: data) == trace)
        #expect(try RuleEngine.reward(firm, year: 2024, ruleSet: RewardFixture.province()) == trace)
        // 65,000,000 × 1.2 = 78,000,000 fen.
        #expect(trace.result.eligibleFen == 78_000_000)
    }

    @Test("exact decimal text of power-of-ten fractions")
    func exactDecimal() {
        #expect(ExactDecimal.text(12345, over: 100) == "123.45")
        #expect(ExactDecimal.text(-5, over: 10_000) == "-0.0005")
        #expect(ExactDecimal.text(1200, over: 100) == "12")
        #expect(ExactDecimal.text(7, over: 1) == "7")
    }
}
