import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import SQLKit
import Testing

/// Reward runs over the fixture figures of `fileRewardFigures()` (RewardSimulationTests), where the
/// province scheme makes Xihu eligible for 117,500,000 fen and Binjiang for 8,500,000 (worked there).
@Suite("Reward runs")
struct RewardRunTests {
    @Test("open, trial, compare, approve: amounts to the fen, the run locked afterwards, every write audited")
    func lifecycle() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            try await app.fileRewardFigures()
            let admin = app.fixtures.tokens["admin"]
            let opened = try await client.api(.post, "/api/v1/reward-runs", token: admin, json: #"{"year": 2025, "scheme": "rewards.rd.province"}"#)
            #expect(opened.status == .created)
            #expect(opened.json["awards"] as? Int == 2)
            #expect(opened.json["eligibleFen"] as? Int == 126_000_000)
            #expect(opened.json["status"] as? String == "open")
            let id = try #require(opened.json["id"] as? String)
            // One run per scheme and year.
            #expect(try await client.api(.post, "/api/v1/reward-runs", token: admin, json: #"{"year": 2025, "scheme": "rewards.rd.province"}"#).status == .conflict)
            // Approving before any trial is refused.
            #expect(try await client.api(.post, "/api/v1/reward-runs/\(id)/approve", token: admin).status == .conflict)

            let trial = try await client.api(.post, "/api/v1/reward-runs/\(id)/trial", token: admin, json: #"{"budgetFen": "100000000", "strategy": "pro-rata"}"#)
            #expect(trial.status == .ok)
            #expect(trial.json["authorisedFen"] as? Int == 100_000_000)
            let awards = try await client.api(.get, "/api/v1/reward-runs/\(id)/awards", token: admin).json["items"] as? [[String: Any]] ?? []
            let byCode = Dictionary(uniqueKeysWithValues: awards.map { ($0["creditCode"] as? String ?? "", $0["authorisedFen"] as? Int ?? -1) })
            #expect(byCode == [app.fixtures.xihuEnterprise.creditCode: 93_253_968, app.fixtures.binjiangEnterprise.creditCode: 6_746_032])

            // Side by side: cap-level funds both (C = 91,500,000), rank order only Xihu; all in Hangzhou.
            let compare = try await client.api(.get, "/api/v1/reward-runs/\(id)/compare?budgetFen=100000000", token: admin).json["items"] as? [[String: Any]] ?? []
            #expect(compare.compactMap { $0["strategy"] as? String } == ["pro-rata", "cap-level", "rank-order"])
            #expect(compare.compactMap { $0["funded"] as? Int } == [2, 2, 1])
            #expect(compare.compactMap { $0["largestFen"] as? Int } == [93_253_968, 91_500_000, 100_000_000])
            #expect(compare.allSatisfy { ($0["byCity"] as? [String: Int]) == ["330100": 100_000_000] })

            // A second trial replaces the first; approval locks the run.
            _ = try await client.api(.post, "/api/v1/reward-runs/\(id)/trial", token: admin, json: #"{"budgetFen": 100000000, "strategy": "cap-level"}"#)
            let approved = try await client.api(.post, "/api/v1/reward-runs/\(id)/approve", token: admin)
            #expect(approved.json["status"] as? String == "approved")
            #expect(approved.json["strategy"] as? String == "cap-level")
            // The list carries the same totals, from grouped queries; a second run (the city scheme) keeps its own.
            _ = try await client.api(.post, "/api/v1/reward-runs", token: admin, json: #"{"year": 2025, "scheme": "rewards.rd.hangzhou"}"#)
            let listed = try await client.api(.get, "/api/v1/reward-runs", token: admin).json["items"] as? [[String: Any]] ?? []
            #expect(listed.count == 2)
            let province = listed.first { $0["id"] as? String == id }
            #expect(province?["awards"] as? Int == 2 && province?["eligibleFen"] as? Int == 126_000_000 && province?["authorisedFen"] as? Int == 100_000_000)
            // Hangzhou 2025 (see RewardSimulationTests): 90,000,000 + 13,000,000 fen, no trial yet.
            let city = listed.first { $0["schemeId"] as? String == "rewards.rd.hangzhou" }
            #expect(city?["awards"] as? Int == 2 && city?["eligibleFen"] as? Int == 103_000_000 && city?["authorisedFen"] == nil)
            #expect(try await client.api(.post, "/api/v1/reward-runs/\(id)/trial", token: admin, json: #"{"budgetFen": "1", "strategy": "pro-rata"}"#).status == .conflict)
            #expect(try await client.api(.post, "/api/v1/reward-runs/\(id)/approve", token: admin).status == .conflict)

            // Re-running from the stored inputs with the same rules reproduces every amount.
            let verify = try await client.api(.get, "/api/v1/reward-runs/\(id)/verify", token: admin).json
            #expect(verify["reproduced"] as? Bool == true)
            #expect((verify["differences"] as? [String])?.isEmpty == true)

            let audits = try await app.services.database.sql.raw("SELECT action FROM audit_entries WHERE entity_type = 'reward_run' ORDER BY seq").all()
                .map { try $0.decode(column: "action", as: String.self) }
            #expect(audits == ["reward.open", "reward.trial", "reward.trial", "reward.approve", "reward.open"])
        }
    }

    @Test("verify names an award whose stored amount no longer matches a re-run")
    func verifyCatchesTampering() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            try await app.fileRewardFigures()
            let admin = app.fixtures.tokens["admin"]
            let id = try #require(try await client.api(.post, "/api/v1/reward-runs", token: admin, json: #"{"year": 2025, "scheme": "rewards.rd.province"}"#)
                .json["id"] as? String)
            try await app.services.database.sql.raw("UPDATE reward_awards SET eligible_fen = eligible_fen + 1 WHERE credit_code = \(bind: app.fixtures.binjiangEnterprise.creditCode)").run()
            let verify = try await client.api(.get, "/api/v1/reward-runs/\(id)/verify", token: admin).json
            #expect(verify["reproduced"] as? Bool == false)
            #expect(verify["differences"] as? [String] == [app.fixtures.binjiangEnterprise.creditCode])
        }
    }

    @Test("bad input is refused with the field named, and nothing is stored")
    func badInput() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            try await app.fileRewardFigures()
            let admin = app.fixtures.tokens["admin"]
            let noData = try await client.api(.post, "/api/v1/reward-runs", token: admin, json: #"{"year": 2030, "scheme": "rewards.rd.province"}"#)
            #expect(noData.status == .unprocessableContent)
            #expect((noData.json["errors"] as? [[String: Any]])?.first?["code"] as? String == "no_data")
            // The province scheme's values start on 2024-01-01: 2023 has no rules, which is the year's fault, not a server error.
            let noRules = try await client.api(.post, "/api/v1/reward-runs", token: admin, json: #"{"year": 2023, "scheme": "rewards.rd.province"}"#)
            #expect(noRules.status == .unprocessableContent)
            let noRulesError = (noRules.json["errors"] as? [[String: Any]])?.first
            #expect(noRulesError?["code"] as? String == "no_rules" && noRulesError?["pointer"] as? String == "/year")
            let unknown = try await client.api(.post, "/api/v1/reward-runs", token: admin, json: #"{"year": 2025, "scheme": "designation.2025"}"#)
            #expect(unknown.status == .unprocessableContent)
            let runs = try await client.api(.get, "/api/v1/reward-runs", token: admin).json["items"] as? [Any]
            #expect(runs?.isEmpty == true)
            let id = try #require(try await client.api(.post, "/api/v1/reward-runs", token: admin, json: #"{"year": 2025, "scheme": "rewards.rd.province"}"#)
                .json["id"] as? String)
            for body in [#"{"budgetFen": "-1", "strategy": "pro-rata"}"#, #"{"budgetFen": "1.5", "strategy": "pro-rata"}"#,
                         #"{"budgetFen": "100", "strategy": "magic"}"#, #"{"strategy": "pro-rata"}"#] {
                let r = try await client.api(.post, "/api/v1/reward-runs/\(id)/trial", token: admin, json: body)
                #expect(r.status == .unprocessableContent, "\(body)")
            }
            let run = try await client.api(.get, "/api/v1/reward-runs/\(id)", token: admin).json
            #expect(run["budgetFen"] == nil || run["budgetFen"] is NSNull)
            #expect(try await client.api(.get, "/api/v1/reward-runs/\(UUID())", token: admin).status == .notFound)
        }
    }

    @Test("only province admins manage runs; an award is seen by its enterprise and the officers of its region")
    func access() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            try await app.fileRewardFigures()
            let t = app.fixtures.tokens
            for user in ["hangzhou", "xihu", "firm", "expert", "bank"] {
                #expect(try await client.api(.get, "/api/v1/reward-runs", token: t[user]).status == .forbidden, "\(user)")
                #expect(try await client.api(.post, "/api/v1/reward-runs", token: t[user], json: #"{"year": 2025, "scheme": "rewards.rd.province"}"#)
                    .status == .forbidden, "\(user)")
            }
            let id = try #require(try await client.api(.post, "/api/v1/reward-runs", token: t["admin"], json: #"{"year": 2025, "scheme": "rewards.rd.province"}"#)
                .json["id"] as? String)
            _ = try await client.api(.post, "/api/v1/reward-runs/\(id)/trial", token: t["admin"], json: #"{"budgetFen": "100000000", "strategy": "pro-rata"}"#)
            let xihu = app.fixtures.xihuEnterprise.id, binjiang = app.fixtures.binjiangEnterprise.id
            // The enterprise sees its own award, explained; not another's (404, not 403: existence is not revealed).
            let own = try await client.api(.get, "/api/v1/enterprises/\(xihu)/awards", token: t["firm"])
            #expect(own.status == .ok)
            let item = try #require((own.json["items"] as? [[String: Any]])?.first)
            #expect(item["eligibleFen"] as? Int == 117_500_000)
            #expect(item["authorisedFen"] == nil || item["authorisedFen"] is NSNull)  // not approved yet
            #expect(try await client.api(.get, "/api/v1/enterprises/\(binjiang)/awards", token: t["firm"]).status == .notFound)
            #expect(try await client.api(.get, "/api/v1/enterprises/\(binjiang)/awards", token: t["binjiang"]).status == .ok)
            #expect(try await client.api(.get, "/api/v1/enterprises/\(xihu)/awards", token: t["binjiang"]).status == .notFound)
            #expect(try await client.api(.get, "/api/v1/enterprises/\(xihu)/awards", token: t["hangzhou"]).status == .ok)
            #expect(try await client.api(.get, "/api/v1/enterprises/\(xihu)/awards", token: t["ningbo"]).status == .notFound)
            #expect(try await client.api(.get, "/api/v1/enterprises/\(xihu)/awards", token: t["expert"]).status == .forbidden)
        }
    }

    @Test("officers list the year's awards of their own region only; amounts authorised show once approved")
    func regionList() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            try await app.fileRewardFigures()
            let t = app.fixtures.tokens
            let x = app.fixtures.xihuEnterprise.creditCode, b = app.fixtures.binjiangEnterprise.creditCode
            let id = try #require(try await client.api(.post, "/api/v1/reward-runs", token: t["admin"], json: #"{"year": 2025, "scheme": "rewards.rd.province"}"#)
                .json["id"] as? String)
            _ = try await client.api(.post, "/api/v1/reward-runs/\(id)/trial", token: t["admin"], json: #"{"budgetFen": "100000000", "strategy": "cap-level"}"#)
            func codes(_ user: String) async throws -> [String] {
                let items = try await client.api(.get, "/api/v1/awards?year=2025", token: t[user]).json["items"] as? [[String: Any]] ?? []
                return items.compactMap { $0["creditCode"] as? String }
            }
            #expect(try await codes("hangzhou") == [x, b].sorted())
            #expect(try await codes("xihu") == [x])
            #expect(try await codes("binjiang") == [b])
            #expect(try await codes("firm") == [x])
            #expect(try await codes("ningbo").isEmpty)
            #expect(try await client.api(.get, "/api/v1/awards?year=2025", token: t["expert"]).status == .forbidden)
            #expect(try await client.api(.get, "/api/v1/awards", token: t["hangzhou"]).status == .unprocessableContent)
            let before = try await client.api(.get, "/api/v1/awards?year=2025", token: t["xihu"]).json["items"] as? [[String: Any]] ?? []
            #expect(before.first?["authorisedFen"] == nil || before.first?["authorisedFen"] is NSNull)
            _ = try await client.api(.post, "/api/v1/reward-runs/\(id)/approve", token: t["admin"])
            let after = try await client.api(.get, "/api/v1/awards?year=2025", token: t["xihu"]).json["items"] as? [[String: Any]] ?? []
            // Cap level over 117.5m and 8.5m with 100m: C = 91,500,000.
            #expect(after.first?["authorisedFen"] as? Int == 91_500_000)
        }
    }

    @Test("the explanation is built from the trace, in plain words, in both languages")
    func explanation() throws {
        // The issue's example under the 2024 province rules: 3 % of ¥320m is ¥9.6m; excess ¥2.4m; 10 % = ¥240,000; cap ¥200,000.
        let book = try RuleBook.shipped()
        let province = try #require(book.ruleSet("rewards.rd.province"))
        let firm = RewardInputs(creditCode: "X", regionCode: "330106", isMountainCounty: false,
                                figures: [2024: ["rd_spending": 1_200_000_000, "main_business_revenue": 32_000_000_000]])
        let trace = try RuleEngine.reward(firm, year: 2024, ruleSet: province)
        #expect(AwardExplanation.text(trace, .en) ==
                "R&D spending ¥12,000,000.00 exceeded 3.00 % of main-business revenue (¥9,600,000.00) by ¥2,400,000.00; the reward rates give ¥240,000.00; eligible amount ¥240,000.00.")
        #expect(AwardExplanation.text(trace, .zhHans) ==
                "研发投入 ¥12,000,000.00 超过主营业务收入的 3.00 %（¥9,600,000.00）¥2,400,000.00；按奖励比例计 ¥240,000.00；应奖金额 ¥240,000.00。")
        // Re-read from the trace's own inputs, the same result (the re-run path).
        #expect(try RuleEngine.reward(trace.rewardInputs, year: 2024, ruleSet: province) == trace)
    }
}
