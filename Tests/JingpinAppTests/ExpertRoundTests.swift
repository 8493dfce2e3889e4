import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import SQLKit
import Testing

/// Invitations, automatic assignment, consensus and site visits through HTTP. The round is
/// `ExpertReviewTests.setUp`'s: Xihu's and Binjiang's applications (both Hangzhou), the Ningbo
/// expert "专家一" (shareholder in Binjiang, cap 1) and the Hangzhou expert "专家二" (cap 5); the
/// round treats the same city as a conflict; its one expert indicator gives 4.8 points a band.
@Suite("Expert review: invitations, automatic assignment, consensus, site visits")
struct ExpertRoundTests {
    static func userToken(_ app: TestApp, _ username: String) async throws -> String {
        let id = try #require(try await app.services.database.sql.raw("SELECT id FROM users WHERE username = \(bind: username)").first())
            .decode(column: "id", as: UUID.self)
        return try await app.services.tokens.issue(userID: id, name: "test", actor: .system("test"), requestID: "test").1
    }

    /// A third expert, "专家三", in Wenzhou, manufacturing, cap 5.
    static func thirdExpert(_ app: TestApp, _ client: any TestClientProtocol) async throws -> (id: String, token: String) {
        let user = try await app.services.accounts.createUser(username: "expert3", displayName: "专家三", role: .expert, scope: .none,
                                                              password: TestApp.password, actor: .system("test"), requestID: "test")
        let r = try await client.api(.post, "/api/v1/experts", token: app.fixtures.tokens["admin"], json: #"""
            {"userId": "\#(user.id)", "name": "专家三", "homeCity": "330300", "sectors": ["manufacturing"], "loadCap": 5, "affiliations": []}
            """#)
        return (try #require(r.json["id"] as? String), try await userToken(app, "expert3"))
    }

    static func invitationOf(_ client: any TestClientProtocol, _ token: String?) async throws -> String {
        let items = try await client.api(.get, "/api/v1/my/invitations", token: token).json["items"] as? [[String: Any]] ?? []
        return try #require(items.first?["id"] as? String)
    }

    static func actions(_ app: TestApp, _ where: String) async throws -> [String] {
        try await app.services.database.sql.raw("SELECT action FROM audit_entries WHERE \(unsafeRaw: `where`) ORDER BY seq").all()
            .map { try $0.decode(column: "action", as: String.self) }
    }

    @Test("invite, accept, decline with a reason; answered once; a declined expert cannot be assigned; audited")
    func invitations() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let s = try await ExpertReviewTests.setUp(app, client)
            let token2 = try await Self.userToken(app, "expert2")
            let url = "/api/v1/rounds/\(s.round)/invitations"
            let made = try await client.api(.post, url, token: t["admin"], json: #"{"expertIds": ["\#(s.expert)", "\#(s.expert2)"]}"#)
            #expect(made.status == .created)
            #expect((made.json["items"] as? [[String: Any]])?.compactMap { $0["status"] as? String } == ["pending", "pending"])
            // Inviting again is refused whole, naming the item; nothing more is stored.
            let again = try await client.api(.post, url, token: t["admin"], json: #"{"expertIds": ["\#(s.expert2)"]}"#)
            #expect(RoundAPITests.errors(again).map(\.pointer) == ["/expertIds/0"] && RoundAPITests.errors(again).map(\.code) == ["duplicate"])
            #expect(try await app.count("expert_invitations") == 2)

            // Each expert sees only their own, and answers only their own.
            let mine = try await Self.invitationOf(client, t["expert"])
            let theirs = try await Self.invitationOf(client, token2)
            #expect(mine != theirs)
            #expect(try await client.api(.post, "/api/v1/my/invitations/\(theirs)/accept", token: t["expert"]).status == .notFound)
            #expect(try await client.api(.post, "/api/v1/my/invitations/\(mine)/accept", token: t["expert"]).json["status"] as? String == "accepted")
            #expect(try await client.api(.post, "/api/v1/my/invitations/\(mine)/decline", token: t["expert"], json: "{}").status == .conflict)
            let declined = try await client.api(.post, "/api/v1/my/invitations/\(theirs)/decline", token: token2, json: #"{"reason": "评审期间出差"}"#)
            #expect(declined.json["status"] as? String == "declined" && declined.json["declineReason"] as? String == "评审期间出差")

            let listed = try await client.api(.get, url, token: t["admin"]).json["items"] as? [[String: Any]] ?? []
            #expect(listed.compactMap { $0["expertName"] as? String } == ["专家一", "专家二"])
            #expect(listed.compactMap { $0["status"] as? String } == ["accepted", "declined"])

            // The declined expert is refused by hand too, even with a reason for the same-city conflict.
            let refused = try await client.api(.post, "/api/v1/rounds/\(s.round)/assignments", token: t["admin"],
                                               json: ExpertReviewTests.assign([(s.binjiang, s.expert2, "同市不同区")]))
            #expect(RoundAPITests.errors(refused).map(\.pointer) == ["/assignments/0/expertId"] && RoundAPITests.errors(refused).map(\.code) == ["declined"])
            #expect(try await app.count("review_assignments") == 0)

            #expect(try await Self.actions(app, "entity_type = 'expert_invitation'")
                == ["invitation.create", "invitation.create", "invitation.accept", "invitation.decline"])

            for name in ["hangzhou", "xihu", "firm", "expert", "bank"] {
                #expect(try await client.api(.post, url, token: t[name], json: #"{"expertIds": ["\#(s.expert)"]}"#).status == .forbidden, "\(name)")
                #expect(try await client.api(.get, url, token: t[name]).status == .forbidden, "\(name)")
            }
            for name in ["hangzhou", "firm", "bank"] {
                #expect(try await client.api(.get, "/api/v1/my/invitations", token: t[name]).status == .forbidden, "\(name)")
                #expect(try await client.api(.post, "/api/v1/my/invitations/\(mine)/accept", token: t[name]).status == .forbidden, "\(name)")
            }
        }
    }

    @Test("automatic assignment: only accepted experts, by sector, without conflicts, under caps; preview changes nothing; shortfalls explained")
    func automatic() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let s = try await ExpertReviewTests.setUp(app, client)
            let third = try await Self.thirdExpert(app, client)
            let token2 = try await Self.userToken(app, "expert2")
            _ = try await client.api(.post, "/api/v1/rounds/\(s.round)/invitations", token: t["admin"],
                                     json: #"{"expertIds": ["\#(s.expert)", "\#(s.expert2)", "\#(third.id)"]}"#)
            _ = try await client.api(.post, "/api/v1/my/invitations/\(try await Self.invitationOf(client, t["expert"]))/accept", token: t["expert"])
            _ = try await client.api(.post, "/api/v1/my/invitations/\(try await Self.invitationOf(client, token2))/accept", token: token2)
            let url = "/api/v1/rounds/\(s.round)/assignments/auto"
            func pairs(_ r: TestResponse) -> [String] {
                ((r.json["assignments"] as? [[String: Any]]) ?? []).map { "\($0["applicationId"] as? String ?? ""):\($0["expertId"] as? String ?? "")" }.sorted()
            }
            func shortfalls(_ r: TestResponse) -> [String: [String: Int]] {
                var out: [String: [String: Int]] = [:]
                for s in (r.json["shortfalls"] as? [[String: Any]]) ?? [] {
                    out[s["applicationId"] as? String ?? ""] = Dictionary(uniqueKeysWithValues: ((s["reasons"] as? [[String: Any]]) ?? [])
                        .map { ($0["code"] as? String ?? "", $0["count"] as? Int ?? 0) })
                }
                return out
            }

            // 专家三 has not answered. Xihu: 专家一 (Ningbo, no tie to Xihu) only — 专家二 is Hangzhou. Binjiang: nobody —
            // 专家一 holds its shares, 专家二 is Hangzhou. Two wanted each.
            let first = try await client.api(.post, url, token: t["admin"], json: #"{"perApplication": 2}"#)
            #expect(first.status == .ok && pairs(first) == ["\(s.xihu):\(s.expert)"])
            #expect(shortfalls(first) == [s.xihu: ["conflict": 1, "not_accepted": 1], s.binjiang: ["conflict": 2, "not_accepted": 1]])
            #expect(try await app.count("review_assignments") == 0)

            // 专家三 accepts. Pass 1: Xihu takes 专家一 or 专家三 (both 0): 专家一 by name (一 U+4E00 before 三 U+4E09);
            // Binjiang takes 专家三. Pass 2: Xihu takes 专家三 (专家一 is on it); Binjiang has nobody left.
            _ = try await client.api(.post, "/api/v1/my/invitations/\(try await Self.invitationOf(client, third.token))/accept", token: third.token)
            let preview = try await client.api(.post, url, token: t["admin"], json: #"{"perApplication": 2}"#)
            let expected = ["\(s.xihu):\(s.expert)", "\(s.xihu):\(third.id)", "\(s.binjiang):\(third.id)"].sorted()
            #expect(pairs(preview) == expected)
            #expect(shortfalls(preview) == [s.binjiang: ["conflict": 2]])
            #expect(try await app.count("review_assignments") == 0)

            let committed = try await client.api(.post, url, token: t["admin"], json: #"{"perApplication": 2, "commit": true}"#)
            #expect(committed.status == .created && pairs(committed) == expected)
            let stored = try await client.api(.get, "/api/v1/rounds/\(s.round)/assignments", token: t["admin"]).json["items"] as? [[String: Any]] ?? []
            #expect(stored.map { "\($0["applicationId"] as? String ?? ""):\($0["expertId"] as? String ?? "")" }.sorted() == expected)
            let sources = try await app.services.database.sql.raw("SELECT new_value FROM audit_entries WHERE action = 'assignment.create' ORDER BY seq").all()
                .map { try $0.decode(column: "new_value", as: String.self) }
            #expect(sources.count == 3 && sources.allSatisfy { $0.contains(#""source":"auto""#) })

            // Nothing left to give: a commit is refused; a bad N is a field error; nothing changes.
            #expect(try await client.api(.post, url, token: t["admin"], json: #"{"perApplication": 2, "commit": true}"#).status == .conflict)
            let bad = try await client.api(.post, url, token: t["admin"], json: #"{"perApplication": 0, "commit": true}"#)
            #expect(RoundAPITests.errors(bad).map(\.pointer) == ["/perApplication"])
            #expect(try await app.count("review_assignments") == 3)
            for name in ["hangzhou", "xihu", "firm", "expert", "bank"] {
                #expect(try await client.api(.post, url, token: t[name], json: #"{"perApplication": 2}"#).status == .forbidden, "\(name)")
            }
        }
    }

    /// Xihu scored 5 by 专家一 (24 points) and 0 by 专家二 (0): mean 12, spread 24 > 20 → consensus.
    /// Binjiang scored 3 by 专家二: 3 × 4.8 = 14.4. Both in expert review. Returns the assignment ids.
    static func scored(_ app: TestApp, _ client: any TestClientProtocol, _ s: (round: String, xihu: String, binjiang: String, expert: String, expert2: String),
                       token2: String) async throws -> (xihuByExpert: String, xihuByExpert2: String) {
        let t = app.fixtures.tokens
        try await app.services.database.sql.raw("UPDATE designation_applications SET status = 'in_expert_review'").run()
        let made = try await client.api(.post, "/api/v1/rounds/\(s.round)/assignments", token: t["admin"], json: ExpertReviewTests.assign(
            [(s.xihu, s.expert, nil), (s.xihu, s.expert2, "同市不同区"), (s.binjiang, s.expert2, "同市不同区")]))
        let ids = (made.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        try #require(ids.count == 3)
        _ = try await client.api(.post, "/api/v1/rounds/\(s.round)/assignments/publish", token: t["admin"])
        for (id, token, band) in [(ids[0], t["expert"], 5), (ids[1], token2, 0), (ids[2], token2, 3)] {
            let r = try await client.api(.put, "/api/v1/my/assignments/\(id)/scores", token: token,
                                         json: #"{"scores": [{"indicatorId": "quality.system", "band": \#(band)}], "submit": true}"#)
            #expect(r.json["status"] as? String == "submitted")
        }
        return (ids[0], ids[1])
    }

    @Test("consensus: the province names a lead among the assigned; the lead's score with its reason replaces the trimmed mean, in the summary and the ranking")
    func consensus() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let s = try await ExpertReviewTests.setUp(app, client)
            let token2 = try await Self.userToken(app, "expert2")
            let third = try await Self.thirdExpert(app, client)
            let a = try await Self.scored(app, client, s, token2: token2)
            let ranking = "/api/v1/rounds/\(s.round)/ranking"
            // Before: Binjiang 14.40 ahead of Xihu 12.00.
            var ranked = try await client.api(.post, ranking, token: t["admin"], json: "{}").json["items"] as? [[String: Any]] ?? []
            #expect(ranked.compactMap { $0["applicationId"] as? String } == [s.binjiang, s.xihu])
            #expect(ranked.compactMap { $0["points"] as? String } == ["14.40", "12.00"])

            let lead = "/api/v1/applications/\(s.xihu)/consensus/lead"
            // Binjiang's single score needs no consensus; 专家三 is not on Xihu.
            #expect(try await client.api(.post, "/api/v1/applications/\(s.binjiang)/consensus/lead", token: t["admin"],
                                         json: #"{"expertId": "\#(s.expert2)"}"#).status == .conflict)
            let notAssigned = try await client.api(.post, lead, token: t["admin"], json: #"{"expertId": "\#(third.id)"}"#)
            #expect(RoundAPITests.errors(notAssigned).map(\.code) == ["not_assigned"])
            for name in ["hangzhou", "xihu", "firm", "expert", "bank"] {
                #expect(try await client.api(.post, lead, token: t[name], json: #"{"expertId": "\#(s.expert)"}"#).status == .forbidden, "\(name)")
                #expect(try await client.api(.get, "/api/v1/applications/\(s.xihu)/consensus", token: t[name]).status == .forbidden, "\(name)")
            }
            #expect(try await client.api(.post, lead, token: t["admin"], json: #"{"expertId": "\#(s.expert)"}"#).json["leadName"] as? String == "专家一")

            // Only the lead records, through their own assignment; 专家二 is on Xihu but not the lead.
            let url = "/api/v1/my/assignments/\(a.xihuByExpert)/consensus"
            #expect(try await client.api(.get, "/api/v1/my/assignments/\(a.xihuByExpert2)/consensus", token: token2).status == .notFound)
            #expect(try await client.api(.put, "/api/v1/my/assignments/\(a.xihuByExpert2)/consensus", token: token2,
                                         json: #"{"points": "18", "reason": "x"}"#).status == .notFound)
            #expect(try await client.api(.put, url, token: token2, json: #"{"points": "18", "reason": "x"}"#).status == .notFound)
            let view = try await client.api(.get, url, token: t["expert"]).json
            // The most: band 5 on the one expert indicator, 24 points.
            #expect(view["points"] as? [String] == ["0.00", "24.00"] && view["maxPoints"] as? String == "24.00" && view["threshold"] as? String == "20.00")
            // No reason; above the most; three decimals — each refused, nothing stored.
            #expect(RoundAPITests.errors(try await client.api(.put, url, token: t["expert"], json: #"{"points": "18.5"}"#)).map(\.pointer) == ["/reason"])
            #expect(RoundAPITests.errors(try await client.api(.put, url, token: t["expert"], json: #"{"points": "24.01", "reason": "x"}"#)).map(\.pointer)
                == ["/points"])
            #expect(RoundAPITests.errors(try await client.api(.put, url, token: t["expert"], json: #"{"points": "18.505", "reason": "x"}"#)).map(\.pointer)
                == ["/points"])
            #expect(try await client.api(.get, "/api/v1/applications/\(s.xihu)/consensus", token: t["admin"]).json["points"] == nil)
            let recorded = try await client.api(.put, url, token: t["expert"], json: #"{"points": "18.5", "reason": "合议认为质量体系基本完善"}"#)
            #expect(recorded.json["points"] as? String == "18.50" && recorded.json["recordedBy"] as? String == "user:expert")

            let summary = try await client.api(.get, "/api/v1/applications/\(s.xihu)/scores", token: t["admin"]).json
            #expect(summary["trimmedMean"] as? String == "12.00" && summary["consensusPoints"] as? String == "18.50" && summary["points"] as? String == "18.50")
            #expect(summary["consensusReason"] as? String == "合议认为质量体系基本完善" && summary["leadExpertId"] as? String == s.expert)
            // After: Xihu's 18.50 beats Binjiang's 14.40.
            ranked = try await client.api(.post, ranking, token: t["admin"], json: "{}").json["items"] as? [[String: Any]] ?? []
            #expect(ranked.compactMap { $0["applicationId"] as? String } == [s.xihu, s.binjiang])
            #expect(ranked.compactMap { $0["points"] as? String } == ["18.50", "14.40"])
            // The lead is fixed once the score is recorded.
            #expect(try await client.api(.post, lead, token: t["admin"], json: #"{"expertId": "\#(s.expert2)"}"#).status == .conflict)
            #expect(try await Self.actions(app, "entity_type = 'consensus_review'") == ["consensus.lead", "consensus.record"])
        }
    }

    @Test("a conflict found later by the round-wide check is dismissed only with a reason, kept on the assignment and audited")
    func dismissLaterConflict() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let s = try await ExpertReviewTests.setUp(app, client)
            // The Ningbo expert on Xihu: no conflict when assigned.
            let made = try await client.api(.post, "/api/v1/rounds/\(s.round)/assignments", token: t["admin"], json: ExpertReviewTests.assign([(s.xihu, s.expert, nil)]))
            let assignment = try #require((made.json["items"] as? [[String: Any]])?.first?["id"] as? String)
            // Later the registry learns they consult for Xihu (written directly: the registry has no edit route yet).
            try await app.services.database.sql.raw("""
                INSERT INTO expert_affiliations (id, expert_id, credit_code, kind)
                VALUES (\(bind: UUID()), \(bind: UUID(uuidString: s.expert)!), \(bind: app.fixtures.xihuEnterprise.creditCode), 'consultancy')
                """).run()
            var found = try await client.api(.get, "/api/v1/rounds/\(s.round)/conflicts", token: t["admin"]).json["items"] as? [[String: Any]] ?? []
            #expect(found.count == 1 && found[0]["assignmentId"] as? String == assignment && found[0]["dismissed"] as? Bool == false)
            #expect(found.first?["conflicts"] as? [String] == ["affiliation_consultancy"])

            let url = "/api/v1/rounds/\(s.round)/conflicts/dismiss"
            let noReason = try await client.api(.post, url, token: t["admin"], json: #"{"assignmentId": "\#(assignment)", "reason": "  "}"#)
            #expect(RoundAPITests.errors(noReason).map(\.pointer) == ["/reason"])
            // The page's dismiss form says so beside its field.
            let page = try await ExpertPagesTests.form(client, "/rounds/\(s.round)/expert-review/dismiss", token: t["admin"], [("assignmentId", assignment)])
            #expect(page.status == .unprocessableContent && page.text.contains("排除利益冲突须说明理由"))
            for name in ["hangzhou", "xihu", "firm", "expert", "bank"] {
                #expect(try await client.api(.post, url, token: t[name], json: #"{"assignmentId": "\#(assignment)", "reason": "x"}"#).status == .forbidden)
            }
            #expect(try await Self.actions(app, "action = 'assignment.conflict_dismissed'").isEmpty)

            let dismissed = try await client.api(.post, url, token: t["admin"], json: #"{"assignmentId": "\#(assignment)", "reason": "咨询合同已于去年终止"}"#)
            #expect(dismissed.json["dismissedConflicts"] as? [String] == ["affiliation_consultancy"] && dismissed.json["dismissalReason"] as? String == "咨询合同已于去年终止")
            found = try await client.api(.get, "/api/v1/rounds/\(s.round)/conflicts", token: t["admin"]).json["items"] as? [[String: Any]] ?? []
            #expect(found.first?["dismissed"] as? Bool == true)
            // Nothing left to dismiss.
            #expect(try await client.api(.post, url, token: t["admin"], json: #"{"assignmentId": "\#(assignment)", "reason": "x"}"#).status == .conflict)
            #expect(try await Self.actions(app, "action = 'assignment.conflict_dismissed'") == ["assignment.conflict_dismissed"])
        }
    }

    @Test("site visit: the province or the application's lead expert records it; others are refused; bad input changes nothing")
    func siteVisit() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let s = try await ExpertReviewTests.setUp(app, client)
            let token2 = try await Self.userToken(app, "expert2")
            _ = try await Self.scored(app, client, s, token2: token2)
            let url = "/api/v1/applications/\(s.xihu)/site-visit"
            let today = LocalDate.today()
            let body = #"{"visitedOn": "\#(today.adding(days: -2))", "participants": "专家一、省质量处两人", "findings": "生产线与申报一致"}"#
            // No lead yet: an expert may not, not even one assigned to it.
            #expect(try await client.api(.put, url, token: t["expert"], json: body).status == .notFound)
            _ = try await client.api(.post, "/api/v1/applications/\(s.xihu)/consensus/lead", token: t["admin"], json: #"{"expertId": "\#(s.expert)"}"#)
            #expect(try await client.api(.put, url, token: token2, json: body).status == .notFound)
            for name in ["hangzhou", "xihu", "firm", "bank"] {
                #expect(try await client.api(.put, url, token: t[name], json: body).status == .forbidden, "\(name)")
                #expect(try await client.api(.get, url, token: t[name]).status == .forbidden, "\(name)")
            }
            let bad = try await client.api(.put, url, token: t["expert"], json: #"{"visitedOn": "\#(today.adding(days: 1))", "participants": " ", "findings": ""}"#)
            #expect(RoundAPITests.errors(bad).map(\.pointer) == ["/visitedOn", "/participants", "/findings"])
            #expect(RoundAPITests.errors(try await client.api(.put, url, token: t["expert"], json: #"{"visitedOn": "2026-13-01", "participants": "a", "findings": "b"}"#))
                .map(\.code) == ["invalid_date"])
            #expect(try await app.count("site_visits") == 0)

            let made = try await client.api(.put, url, token: t["expert"], json: body)
            #expect(made.status == .ok && made.json["recordedBy"] as? String == "user:expert")
            let changed = try await client.api(.put, url, token: t["admin"], json: #"{"visitedOn": "\#(today)", "participants": "省质量处", "findings": "复核一致"}"#)
            #expect(changed.json["findings"] as? String == "复核一致")
            #expect(try await client.api(.get, url, token: t["admin"]).json["visitedOn"] as? String == today.description)
            #expect(try await client.api(.get, url, token: token2).status == .notFound)
            #expect(try await Self.actions(app, "entity_type = 'site_visit'") == ["site_visit.create", "site_visit.update"])
        }
    }
}
