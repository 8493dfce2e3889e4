import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import SQLKit
import Testing

/// The expert registry and assignments through HTTP: conflicts checked on every assignment,
/// bulk included; dismissals only with a reason; load caps; assignments hidden until published.
@Suite("Expert review: registry, conflict-checked assignments, publication")
struct ExpertReviewTests {
    /// An open round with Xihu's and Binjiang's applications both past the formal review, and
    /// two experts: "expert" (Ningbo, shareholder in Binjiang, load cap 1) and "expert2"
    /// (Hangzhou, load cap 5). Returns the round and the ids.
    static func setUp(_ app: TestApp, _ client: any TestClientProtocol) async throws
        -> (round: String, xihu: String, binjiang: String, expert: String, expert2: String) {
        let t = app.fixtures.tokens
        let round = try await ApplicationAPITests.openRound(client, t["admin"])
        let xihuProduct = try await ApplicationAPITests.product(app, client)
        let other = try await client.api(.post, "/api/v1/enterprises/\(app.fixtures.binjiangEnterprise.id)/products", token: t["admin"],
                                         json: #"{"name":"智能传感器","category":"advanced_manufacturing"}"#)
        let binjiangProduct = try #require(other.json["id"] as? String)
        let xihu = try #require(try await client.api(.post, "/api/v1/rounds/\(round)/applications", token: t["firm"],
                                                     json: ApplicationAPITests.applicationBody(xihuProduct)).json["id"] as? String)
        let binjiang = try #require(try await client.api(.post, "/api/v1/rounds/\(round)/applications", token: t["admin"],
                                                         json: ApplicationAPITests.applicationBody(binjiangProduct)).json["id"] as? String)
        // The county, city and formal steps are tested elsewhere; here both have passed them.
        try await app.services.database.sql.raw("UPDATE designation_applications SET status = 'formal_passed'").run()

        let expertUser = try #require(try await app.services.database.sql.raw("SELECT id FROM users WHERE username = 'expert'").first())
            .decode(column: "id", as: UUID.self)
        let second = try await app.services.accounts.createUser(username: "expert2", displayName: "专家二", role: .expert, scope: .none,
                                                                password: TestApp.password, actor: .system("test"), requestID: "test")
        let expert = try await client.api(.post, "/api/v1/experts", token: t["admin"], json: #"""
            {"userId": "\#(expertUser)", "name": "专家一", "homeCity": "330200", "sectors": ["manufacturing"], "loadCap": 1,
             "affiliations": [{"creditCode": "\#(app.fixtures.binjiangEnterprise.creditCode)", "kind": "shareholding"}]}
            """#)
        #expect(expert.status == .created)
        let expert2 = try await client.api(.post, "/api/v1/experts", token: t["admin"], json: #"""
            {"userId": "\#(second.id)", "name": "专家二", "homeCity": "330100", "sectors": ["manufacturing"], "loadCap": 5, "affiliations": []}
            """#)
        return (round, xihu, binjiang, try #require(expert.json["id"] as? String), try #require(expert2.json["id"] as? String))
    }

    static func assign(_ pairs: [(String, String, String?)]) -> String {
        let items = pairs.map { a, e, reason in
            #"{"applicationId": "\#(a)", "expertId": "\#(e)""# + (reason.map { #", "dismissConflictReason": "\#($0)""# } ?? "") + "}"
        }
        return #"{"assignments": [\#(items.joined(separator: ", "))]}"#
    }

    @Test("a bulk assignment with conflicts is refused whole; a dismissal needs a reason; load caps hold; experts see only published work")
    func assignments() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let s = try await Self.setUp(app, client)
            let url = "/api/v1/rounds/\(s.round)/assignments"
            // Hangzhou expert on the Hangzhou applicant (same city); Binjiang's shareholder on Binjiang.
            let refused = try await client.api(.post, url, token: t["admin"], json: Self.assign([(s.xihu, s.expert2, nil), (s.binjiang, s.expert, nil)]))
            #expect(refused.status == .unprocessableContent)
            let errors = (refused.json["errors"] as? [[String: Any]]) ?? []
            #expect(errors.compactMap { $0["pointer"] as? String } == ["/assignments/0", "/assignments/1"])
            #expect(errors.allSatisfy { $0["code"] as? String == "conflict" })
            #expect((errors[1]["detail"] as? String)?.contains("股份") == true)
            #expect((try await client.api(.get, url, token: t["admin"]).json["items"] as? [Any])?.isEmpty == true)

            // No conflict for the Ningbo expert on Xihu; the Hangzhou expert on Binjiang only with a reason.
            let made = try await client.api(.post, url, token: t["admin"],
                                            json: Self.assign([(s.xihu, s.expert, nil), (s.binjiang, s.expert2, "同市不同区，与申报企业无往来")]))
            #expect(made.status == .created)
            let items = made.json["items"] as? [[String: Any]] ?? []
            #expect(items.map { $0["dismissedConflicts"] as? [String] ?? ["?"] } == [[], ["same_city"]])
            // The Ningbo expert is at their cap of 1.
            let full = try await client.api(.post, url, token: t["admin"], json: Self.assign([(s.binjiang, s.expert, "x")]))
            #expect(((full.json["errors"] as? [[String: Any]]) ?? []).first?["code"] as? String == "load_cap")
            // The same pair twice is refused.
            let twice = try await client.api(.post, url, token: t["admin"], json: Self.assign([(s.xihu, s.expert2, "x")]))
            #expect(twice.status == .created)
            let again = try await client.api(.post, url, token: t["admin"], json: Self.assign([(s.xihu, s.expert2, "x")]))
            #expect(((again.json["errors"] as? [[String: Any]]) ?? []).first?["code"] as? String == "duplicate")

            // The round-wide check lists both same-city pairs, dismissed.
            let conflicts = try await client.api(.get, "/api/v1/rounds/\(s.round)/conflicts", token: t["admin"]).json["items"] as? [[String: Any]] ?? []
            #expect(conflicts.count == 2 && conflicts.allSatisfy { $0["dismissed"] as? Bool == true && $0["conflicts"] as? [String] == ["same_city"] })

            // Hidden until published.
            #expect((try await client.api(.get, "/api/v1/my/assignments", token: t["expert"]).json["items"] as? [Any])?.isEmpty == true)
            #expect(try await client.api(.post, "/api/v1/rounds/\(s.round)/assignments/publish", token: t["admin"]).json["published"] as? Int == 3)
            let mine = try await client.api(.get, "/api/v1/my/assignments", token: t["expert"]).json["items"] as? [[String: Any]] ?? []
            #expect(mine.compactMap { $0["applicationId"] as? String } == [s.xihu])
            #expect(mine.first?.keys.sorted() == ["applicationId", "assignmentId", "category", "status"])

            let audits = try await app.services.database.sql.raw("""
                SELECT action FROM audit_entries WHERE entity_type IN ('review_assignment', 'expert') OR action = 'assignment.publish' ORDER BY seq
                """).all().map { try $0.decode(column: "action", as: String.self) }
            #expect(audits == ["expert.register", "expert.register", "assignment.create", "assignment.conflict_dismissed",
                               "assignment.conflict_dismissed", "assignment.publish"])
        }
    }

    @Test("only the province manages experts and assignments; only experts read their own")
    func permissions() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let s = try await Self.setUp(app, client)
            for name in ["hangzhou", "xihu", "firm", "expert", "bank"] {
                #expect(try await client.api(.post, "/api/v1/rounds/\(s.round)/assignments", token: t[name],
                                             json: Self.assign([(s.xihu, s.expert, nil)])).status == .forbidden, "\(name)")
                #expect(try await client.api(.get, "/api/v1/experts", token: t[name]).status == .forbidden, "\(name)")
                #expect(try await client.api(.post, "/api/v1/rounds/\(s.round)/assignments/publish", token: t[name]).status == .forbidden)
            }
            for name in ["hangzhou", "firm", "bank"] {
                #expect(try await client.api(.get, "/api/v1/my/assignments", token: t[name]).status == .forbidden, "\(name)")
            }
            // A registration that is not an expert account, or with a bad city or credit code, is refused.
            let firmUser = try #require(try await app.services.database.sql.raw("SELECT id FROM users WHERE username = 'firm'").first())
                .decode(column: "id", as: UUID.self)
            let bad = try await client.api(.post, "/api/v1/experts", token: t["admin"], json: #"""
                {"userId": "\#(firmUser)", "name": "x", "homeCity": "330106", "sectors": ["mining"], "loadCap": 0,
                 "affiliations": [{"creditCode": "123", "kind": "friend"}]}
                """#)
            let codes = ((bad.json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
            #expect(codes == ["not_an_expert", "invalid_city", "unknown_sector", "out_of_range", "invalid_credit_code"])
        }
    }
}
