import Foundation
import Hummingbird
import HummingbirdTesting
import JingpinCore
import Testing
@testable import JingpinApp

/// Designation rounds through HTTP: configure, validate, open (freeze), version, and who may.
@Suite("Designation rounds: configuration, freezing, versions and permissions")
struct RoundAPITests {
    /// A sound 2026 round: quality 60 % (a data indicator 60 %, an expert band 40 %), technology 40 % (rank).
    static func body(year: Int = 2026, pillarWeight: Int = 6000, quota: Int = 20, title: String = "2026年第一批",
                     dates: [(String, String)]? = nil) -> String {
        let bands = (0...5).map { #"{"zh": "档\#($0)", "en": "band \#($0)"}"# }.joined(separator: ", ")
        let fixed = [("2026-03-01", "2026-03-31"), ("2026-04-01", "2026-04-15"), ("2026-04-16", "2026-04-30"), ("2026-05-01", "2026-05-15"),
                     ("2026-05-16", "2026-06-15"), ("2026-06-16", "2026-06-30"), ("2026-07-01", "2026-07-15")]
        let stages = zip(RoundStage.Kind.allCases.map(\.rawValue), dates ?? fixed).map { ($0, $1.0, $1.1) }
            .map { #"{"kind": "\#($0.0)", "opens": "\#($0.1)", "deadline": "\#($0.2)"}"# }.joined(separator: ", ")
        return #"""
        {"year": \#(year), "titleZh": "\#(title)", "titleEn": "2026 first round", "sectors": ["manufacturing"],
         "categories": ["advanced_manufacturing", "digital_fusion"], "stages": [\#(stages)],
         "eligibilityRuleSet": "designation.2025",
         "scorecard": {"pillars": [
           {"kind": "quality", "weightBP": \#(pillarWeight), "indicators": [
             {"id": "quality.defect_ppm", "labelZh": "不良率", "labelEn": "Defect rate", "weightBP": 6000, "source": "data",
              "dataIndicator": "defect_ppm", "normalisation": "linear", "baseline": 500, "leading": 100},
             {"id": "quality.system", "labelZh": "质量体系", "labelEn": "Quality system", "weightBP": 4000, "source": "expert",
              "normalisation": "banded", "bands": [\#(bands)]}]},
           {"kind": "technology_rd", "weightBP": 4000, "indicators": [
             {"id": "technology.patents", "labelZh": "发明专利", "labelEn": "Patents", "weightBP": 10000, "source": "data",
              "dataIndicator": "invention_patents", "normalisation": "rank_within_sector"}]}]},
         "quota": \#(quota), "noticeWorkingDays": 5, "voteThreshold": {"numerator": 2, "denominator": 3},
         "tieBreaks": ["pillar:quality", "earlier_submission"], "sameCityConflicts": true, "divergenceThresholdPoints": 20}
        """#
    }

    static func errors(_ r: TestResponse) -> [(pointer: String, code: String)] {
        ((r.json["errors"] as? [[String: Any]]) ?? []).map { ($0["pointer"] as? String ?? "", $0["code"] as? String ?? "") }
    }

    @Test("create a draft, edit it, open it (frozen), then an edit makes version 2; every write audited")
    func lifecycle() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let admin = app.fixtures.tokens["admin"]
            let created = try await client.api(.post, "/api/v1/rounds", token: admin, json: Self.body())
            #expect(created.status == .created)
            #expect(created.json["status"] as? String == "draft" && created.json["version"] as? Int == 1)
            let id = try #require(created.json["id"] as? String)
            let edited = try await client.api(.put, "/api/v1/rounds/\(id)", token: admin, json: Self.body(quota: 25))
            #expect(edited.status == .ok && (edited.json["configuration"] as? [String: Any])?["quota"] as? Int == 25 && edited.json["version"] as? Int == 1)

            let opened = try await client.api(.post, "/api/v1/rounds/\(id)/open", token: admin)
            #expect(opened.status == .ok && opened.json["status"] as? String == "open" && opened.json["openedBy"] != nil)
            #expect(try await client.api(.post, "/api/v1/rounds/\(id)/open", token: admin).status == .conflict)

            // The open round is frozen: an edit makes a new draft version and says so.
            let v2 = try await client.api(.put, "/api/v1/rounds/\(id)", token: admin, json: Self.body(quota: 30))
            #expect(v2.status == .ok && v2.json["newVersion"] as? Bool == true && v2.json["version"] as? Int == 2)
            #expect(v2.json["seriesId"] as? String == id && v2.json["status"] as? String == "draft")
            let v1 = try await client.api(.get, "/api/v1/rounds/\(id)", token: admin).json
            #expect((v1["configuration"] as? [String: Any])?["quota"] as? Int == 25 && v1["status"] as? String == "open")
            // The old version cannot be edited again while a newer one exists.
            #expect(try await client.api(.put, "/api/v1/rounds/\(id)", token: admin, json: Self.body()).status == .conflict)

            // Opening version 2 supersedes version 1.
            let v2id = try #require(v2.json["id"] as? String)
            #expect(try await client.api(.post, "/api/v1/rounds/\(v2id)/open", token: admin).json["status"] as? String == "open")
            #expect(try await client.api(.get, "/api/v1/rounds/\(id)", token: admin).json["status"] as? String == "superseded")

            let audits = try await app.services.database.sql.raw("SELECT action FROM audit_entries WHERE entity_type = 'designation_round' ORDER BY seq").all()
                .map { try $0.decode(column: "action", as: String.self) }
            #expect(audits == ["round.create", "round.update", "round.open", "round.version", "round.open"])
        }
    }

    @Test("bad configurations are refused with the field named, and nothing is stored")
    func badInput() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let admin = app.fixtures.tokens["admin"]
            // Pillar weights 50 % + 40 % = 90 %.
            let weights = try await client.api(.post, "/api/v1/rounds", token: admin, json: Self.body(pillarWeight: 5000))
            #expect(weights.status == .unprocessableContent)
            #expect(Self.errors(weights).contains { $0.pointer == "/scorecard/pillars" && $0.code == "invalid_round" })
            #expect((weights.json["errors"] as? [[String: Any]])?.first?["detail"] as? String != nil)
            let quota = try await client.api(.post, "/api/v1/rounds", token: admin, json: Self.body(quota: 0))
            #expect(Self.errors(quota).map(\.pointer) == ["/quota"])
            let title = try await client.api(.post, "/api/v1/rounds", token: admin, json: Self.body(title: "  "))
            #expect(Self.errors(title).map(\.pointer) == ["/titleZh"])
            let names = Self.body().replacingOccurrences(of: #""manufacturing""#, with: #""mining""#)
                .replacingOccurrences(of: #""kind": "decision""#, with: #""kind": "party""#)
            let unknown = try await client.api(.post, "/api/v1/rounds", token: admin, json: names)
            #expect(Set(Self.errors(unknown).map(\.code)) == ["unknown_sector", "unknown_stage"])
            let missing = Self.body().replacingOccurrences(of: #""quota": 20, "#, with: "")
            let noQuota = try await client.api(.post, "/api/v1/rounds", token: admin, json: missing)
            #expect(noQuota.status == .unprocessableContent && Self.errors(noQuota).map(\.pointer) == ["/quota"])
            let mistyped = Self.body().replacingOccurrences(of: #""weightBP": 10000"#, with: #""weightBP": "all""#)
            let typed = try await client.api(.post, "/api/v1/rounds", token: admin, json: mistyped)
            #expect(Self.errors(typed).map(\.pointer) == ["/scorecard/pillars/1/indicators/0/weightBP"])
            #expect(try await client.api(.post, "/api/v1/rounds", token: admin, json: "[1]").status == .badRequest)
            let stored = try await app.services.database.sql.raw("SELECT COUNT(*) AS n FROM designation_rounds").first()
            #expect(try stored?.decode(column: "n", as: Int.self) == 0)
        }
    }

    @Test("only the province configures rounds; participants read open ones only; banks read none")
    func permissions() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            for name in ["hangzhou", "xihu", "firm", "expert", "bank"] {
                #expect(try await client.api(.post, "/api/v1/rounds", token: t[name], json: Self.body()).status == .forbidden, "\(name)")
            }
            #expect(try await client.api(.post, "/api/v1/rounds", token: nil, json: Self.body()).status == .unauthorized)
            let draft = try #require(try await client.api(.post, "/api/v1/rounds", token: t["admin"], json: Self.body()).json["id"] as? String)
            let open = try #require(try await client.api(.post, "/api/v1/rounds", token: t["admin"], json: Self.body(year: 2027)).json["id"] as? String)
            _ = try await client.api(.post, "/api/v1/rounds/\(open)/open", token: t["admin"])
            for name in ["hangzhou", "xihu", "firm", "expert"] {
                let list = try await client.api(.get, "/api/v1/rounds", token: t[name]).json["items"] as? [[String: Any]] ?? []
                #expect(list.compactMap { $0["id"] as? String } == [open], "\(name)")
                #expect(try await client.api(.get, "/api/v1/rounds/\(draft)", token: t[name]).status == .notFound, "\(name)")
                #expect(try await client.api(.put, "/api/v1/rounds/\(draft)", token: t[name], json: Self.body()).status == .forbidden)
                #expect(try await client.api(.post, "/api/v1/rounds/\(draft)/open", token: t[name]).status == .forbidden)
            }
            #expect(try await client.api(.get, "/api/v1/rounds", token: t["bank"]).status == .forbidden)
            let all = try await client.api(.get, "/api/v1/rounds", token: t["admin"]).json["items"] as? [[String: Any]] ?? []
            #expect(Set(all.compactMap { $0["id"] as? String }) == [draft, open])
        }
    }
}
