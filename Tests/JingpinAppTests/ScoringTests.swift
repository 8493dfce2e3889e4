import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import SQLKit
import Testing

/// Score sheets through HTTP: bands saved and submitted, changes kept with their reasons, the
/// province's summary with the trimmed mean, spread and consensus flag, and nobody else's sheet.
@Suite("Expert scoring: sheets, change history, summary")
struct ScoringTests {
    @Test("score, submit, change with a reason; the summary averages, measures the spread and flags consensus")
    func scoring() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let s = try await ExpertReviewTests.setUp(app, client)
            let made = try await client.api(.post, "/api/v1/rounds/\(s.round)/assignments", token: t["admin"],
                                            json: ExpertReviewTests.assign([(s.xihu, s.expert, nil), (s.xihu, s.expert2, "同市不同区")]))
            let ids = (made.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.count == 2)
            let (first, second) = (ids[0], ids[1])
            // Unpublished: not even the expert sees the sheet.
            #expect(try await client.api(.get, "/api/v1/my/assignments/\(first)/scores", token: t["expert"]).status == .notFound)
            _ = try await client.api(.post, "/api/v1/rounds/\(s.round)/assignments/publish", token: t["admin"])
            let expert2User = try #require(try await app.services.database.sql.raw("SELECT id FROM users WHERE username = 'expert2'").first())
                .decode(column: "id", as: UUID.self)
            let token2 = try await app.services.tokens.issue(userID: expert2User, name: "test", actor: .system("test"), requestID: "test").1

            func put(_ id: String, _ token: String?, _ body: String) async throws -> TestResponse {
                try await client.api(.put, "/api/v1/my/assignments/\(id)/scores", token: token, json: body)
            }
            // The only expert-scored indicator: quality system, 40 % of the 60 % quality pillar.
            // Band 5: 0.6 × 0.4 × 5/5 × 100 = 24 points.
            let draft = try await put(first, t["expert"], #"{"scores": [{"indicatorId": "quality.system", "band": 5, "comment": "体系完善"}]}"#)
            #expect(draft.json["status"] as? String == "draft" && draft.json["points"] as? String == "24.00")
            let bad = try await put(first, t["expert"], #"{"scores": [{"indicatorId": "quality.system", "band": 6}, {"indicatorId": "quality.defect_ppm", "band": 1}]}"#)
            #expect(((bad.json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["pointer"] as? String } == ["/scores/0/band", "/scores/1/indicatorId"])
            #expect(try await put(first, t["expert"], #"{"scores": [], "submit": true}"#).json["status"] as? String == "submitted")
            // The second expert: band 0 → 0 points.
            #expect(try await put(second, token2, #"{"scores": [{"indicatorId": "quality.system", "band": 0}], "submit": true}"#).json["points"] as? String == "0.00")
            // Nobody reads or writes another expert's sheet.
            #expect(try await client.api(.get, "/api/v1/my/assignments/\(first)/scores", token: token2).status == .notFound)
            #expect(try await put(first, token2, #"{"scores": [{"indicatorId": "quality.system", "band": 1}]}"#).status == .notFound)

            // (24 + 0) / 2 = 12; spread 24 > 20 → consensus.
            var summary = try await client.api(.get, "/api/v1/applications/\(s.xihu)/scores", token: t["admin"]).json
            #expect(summary["scored"] as? Int == 2 && summary["assigned"] as? Int == 2)
            #expect(summary["trimmedMean"] as? String == "12.00" && summary["spread"] as? String == "24.00" && summary["needsConsensus"] as? Bool == true)

            // A submitted score changes only with a reason, and the change is kept.
            #expect(try await put(first, t["expert"], #"{"scores": [{"indicatorId": "quality.system", "band": 4}]}"#).status == .unprocessableContent)
            let changed = try await put(first, t["expert"], #"{"scores": [{"indicatorId": "quality.system", "band": 4}], "reason": "复核后下调"}"#)
            let changes = changed.json["changes"] as? [[String: Any]] ?? []
            #expect(changes.count == 1 && changes[0]["oldBand"] as? Int == 5 && changes[0]["newBand"] as? Int == 4 && changes[0]["reason"] as? String == "复核后下调")
            // Band 4: 19.2 points; mean (19.2 + 0) / 2 = 9.6; spread 19.2 ≤ 20.
            summary = try await client.api(.get, "/api/v1/applications/\(s.xihu)/scores", token: t["admin"]).json
            #expect(summary["trimmedMean"] as? String == "9.60" && summary["spread"] as? String == "19.20" && summary["needsConsensus"] as? Bool == false)

            for name in ["hangzhou", "xihu", "firm", "expert"] {
                #expect(try await client.api(.get, "/api/v1/applications/\(s.xihu)/scores", token: t[name]).status == .forbidden, "\(name)")
            }
            #expect(try await put(first, t["firm"], #"{"scores": []}"#).status == .forbidden)
            let audits = try await app.services.database.sql.raw("SELECT action FROM audit_entries WHERE entity_type = 'score_sheet' ORDER BY seq").all()
                .map { try $0.decode(column: "action", as: String.self) }
            #expect(audits == ["score.save", "score.submit", "score.submit", "score.change"])
        }
    }
}
