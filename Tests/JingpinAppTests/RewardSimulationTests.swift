import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import SQLKit
import Testing

extension TestApp {
    /// Files `values` (indicator → fen) for `enterprise` and `year` directly, as an import would.
    func file(_ enterprise: EnterpriseRecord, _ year: Int, _ values: [String: Int64]) async throws {
        for (code, value) in values {
            try await services.database.sql.insert(into: "filing_values").columns("enterprise_id", "year", "indicator", "value", "source")
                .values(SQLBind(enterprise.id), SQLBind(year), SQLBind(code), SQLBind(value), SQLBind("import")).run()
        }
    }

    /// The shipped rules over this app's database.
    var simulation: RewardSimulation {
        RewardSimulation(database: services.database, regions: services.reference.regions, rules: services.rules)
    }

    /// The three fixture enterprises' 2025 figures (and 2024 R&D), worked through by hand below.
    func fileRewardFigures() async throws {
        let f = fixtures
        // Xihu: revenue ¥1bn, R&D ¥50m (¥40m in 2024). Binjiang: revenue ¥100m, R&D ¥4m (¥3m).
        // Haishu (Ningbo): revenue ¥100m, R&D ¥3m = 3 %, below the province's 3.15 % for 2025.
        try await file(f.xihuEnterprise, 2025, ["main_business_revenue": 100_000_000_000, "rd_spending": 5_000_000_000])
        try await file(f.xihuEnterprise, 2024, ["rd_spending": 4_000_000_000])
        try await file(f.binjiangEnterprise, 2025, ["main_business_revenue": 10_000_000_000, "rd_spending": 400_000_000])
        try await file(f.binjiangEnterprise, 2024, ["rd_spending": 300_000_000])
        try await file(f.haishuEnterprise, 2025, ["main_business_revenue": 10_000_000_000, "rd_spending": 300_000_000])
        try await file(f.haishuEnterprise, 2024, ["rd_spending": 100_000_000])
    }
}

@Suite("Reward simulation over filed data")
struct RewardSimulationTests {
    // Province 2025 (shipped file): threshold 3.15 %, 10 % of the first ¥5m above it, 5 % beyond, cap ¥2m.
    // Xihu: threshold ¥31.5m, excess ¥18.5m → 10 % × ¥5m + 5 % × ¥13.5m = ¥500,000 + ¥675,000 = 117,500,000 fen.
    // Binjiang: threshold ¥3.15m, excess ¥850,000 → 10 % = 8,500,000 fen. Haishu: below → not eligible.
    // Demand 126,000,000 fen; budget ¥1m = 100,000,000 fen.

    @Test("pro-rata: shares of 100/126 rounded down, the one leftover fen to the larger remainder")
    func proRata() async throws {
        try await TestApp.run { (app: TestApp, _: any TestClientProtocol) async throws -> Void in
            try await app.fileRewardFigures()
            let out = try await app.simulation.run(year: 2025, schemeID: "rewards.rd.province", budget: Money(fen: 100_000_000), strategy: .proRata)
            #expect(out.evaluated == 3)
            let eligible = Dictionary(uniqueKeysWithValues: out.awards.map { ($0.creditCode, $0.eligible.fen) })
            #expect(eligible == [app.fixtures.xihuEnterprise.creditCode: 117_500_000, app.fixtures.binjiangEnterprise.creditCode: 8_500_000])
            // 117,500,000 × 100/126 = 93,253,968.25…; 8,500,000 × 100/126 = 6,746,031.74… → +1 fen.
            let byCode = Dictionary(uniqueKeysWithValues: out.awards.map { ($0.creditCode, $0.authorised.fen) })
            #expect(byCode[app.fixtures.xihuEnterprise.creditCode] == 93_253_968)
            #expect(byCode[app.fixtures.binjiangEnterprise.creditCode] == 6_746_032)
            #expect(out.allocation.allocated.fen == 100_000_000)
        }
    }

    @Test("cap-level and rank order over the same claims")
    func otherStrategies() async throws {
        try await TestApp.run { (app: TestApp, _: any TestClientProtocol) async throws -> Void in
            try await app.fileRewardFigures()
            let x = app.fixtures.xihuEnterprise.creditCode, b = app.fixtures.binjiangEnterprise.creditCode
            // Cap C with min(117.5m, C) + min(8.5m, C) = 100m → C = 91,500,000.
            let cap = try await app.simulation.run(year: 2025, schemeID: "rewards.rd.province", budget: Money(fen: 100_000_000), strategy: .capLevel)
            let capped = Dictionary(uniqueKeysWithValues: cap.awards.map { ($0.creditCode, $0.authorised.fen) })
            #expect(capped == [x: 91_500_000, b: 8_500_000])
            // Rank order (largest eligible first): Xihu cannot be paid in full, gets the whole budget; Binjiang nothing.
            let rank = try await app.simulation.run(year: 2025, schemeID: "rewards.rd.province", budget: Money(fen: 100_000_000), strategy: .rankOrder)
            let ranked = Dictionary(uniqueKeysWithValues: rank.awards.map { ($0.creditCode, $0.authorised.fen) })
            #expect(ranked == [x: 100_000_000, b: 0])
            // A budget above demand pays everyone in full; a budget of zero pays nobody.
            let rich = try await app.simulation.run(year: 2025, schemeID: "rewards.rd.province", budget: Money(fen: 500_000_000), strategy: .proRata)
            #expect(rich.awards.map(\.authorised) == rich.awards.map(\.eligible))
            let none = try await app.simulation.run(year: 2025, schemeID: "rewards.rd.province", budget: .zero, strategy: .capLevel)
            #expect(none.awards.allSatisfy { $0.authorised == .zero })
        }
    }

    @Test("the city scheme sees only its city's enterprises, and the growth formula's amounts")
    func cityScheme() async throws {
        try await TestApp.run { (app: TestApp, _: any TestClientProtocol) async throws -> Void in
            try await app.fileRewardFigures()
            let out = try await app.simulation.run(year: 2025, schemeID: "rewards.rd.hangzhou", budget: Money(fen: 1_000_000_000), strategy: .proRata)
            // Haishu is in Ningbo: not evaluated. Hangzhou 2025: 8 % of growth + band bonus, cap ¥1m.
            // Xihu: growth ¥10m × 8 % = ¥800,000 + ¥100,000 (5 % band) = 90,000,000 fen.
            // Binjiang: intensity 4 %: growth ¥1m × 8 % = ¥80,000 + ¥50,000 (3 % band) = 13,000,000 fen.
            #expect(out.evaluated == 2)
            let byCode = Dictionary(uniqueKeysWithValues: out.awards.map { ($0.creditCode, $0.eligible.fen) })
            #expect(byCode == [app.fixtures.xihuEnterprise.creditCode: 90_000_000, app.fixtures.binjiangEnterprise.creditCode: 13_000_000])
        }
    }

    @Test("re-running the same rules on the same figures reproduces every amount and trace exactly")
    func exactRerun() async throws {
        try await TestApp.run { (app: TestApp, _: any TestClientProtocol) async throws -> Void in
            try await app.fileRewardFigures()
            let a = try await app.simulation.run(year: 2025, schemeID: "rewards.rd.province", budget: Money(fen: 100_000_000), strategy: .proRata)
            let b = try await app.simulation.run(year: 2025, schemeID: "rewards.rd.province", budget: Money(fen: 100_000_000), strategy: .proRata)
            #expect(a.awards.map(\.authorised) == b.awards.map(\.authorised))
            let scheme = try app.simulation.scheme("rewards.rd.province")
            let first = try await app.simulation.evaluate(year: 2025, scheme: scheme)
            let second = try await app.simulation.evaluate(year: 2025, scheme: scheme)
            let traces = first.eligibleFen.indices.map { first.trace(row: $0) }
            #expect(traces == second.eligibleFen.indices.map { second.trace(row: $0) })
            #expect(traces.allSatisfy { $0.ruleSet.contentHash == scheme.contentHash })
            // The batch (no traces) and the traces agree on every amount.
            #expect(traces.map(\.result.eligibleFen) == first.eligibleFen)
        }
    }

    @Test("bad input: a year without data, an unknown scheme, a budget that is negative or not whole fen")
    func badInput() async throws {
        try await TestApp.run { (app: TestApp, _: any TestClientProtocol) async throws -> Void in
            try await app.fileRewardFigures()
            await #expect(throws: RewardRunError.noData(year: 2030)) {
                try await app.simulation.run(year: 2030, schemeID: "rewards.rd.province", budget: .zero, strategy: .proRata)
            }
            await #expect(throws: RewardRunError.unknownScheme("designation.2025")) {
                try await app.simulation.run(year: 2025, schemeID: "designation.2025", budget: .zero, strategy: .proRata)
            }
            for bad in ["-5", "1.5", "abc", "", "１２"] {
                #expect(throws: RewardRunError.badBudget(bad)) { try RewardSimulation.budget(bad) }
            }
            #expect(try RewardSimulation.budget("0") == .zero)
            #expect(try RewardSimulation.budget("12345") == Money(fen: 12345))
        }
    }
}
