import FluentKit
import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import SQLKit
import Testing

/// Every write of a status goes through its workflow's table: each way around it that existed
/// before (a target status passed beside the step, a second answer, a second decision) is refused
/// and changes nothing.
@Suite("Workflow bypasses refused")
struct WorkflowBypassTests {
    @Test("an application's status is written only as its step's table allows, whoever calls the write path")
    func applicationRecord() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let s = try await DecisionSetup.make(app, client)
            let db = app.services.database.db
            let id = try #require(UUID(uuidString: s.xihu))
            let events = try await app.count("application_events")
            // In expert review: designating straight away skips propose; the table refuses it.
            await #expect(throws: AppError.self) {
                try await db.transaction { tx in
                    let m = try #require(try await ApplicationModel.find(id, on: tx))
                    try await ApplicationService.record(.designate, on: m, by: .provinceAdmin, reason: nil, actor: .system("test"), at: Date(),
                                                        requestID: "bypass", tx)
                }
            }
            // The right role matters too: a county officer cannot propose.
            await #expect(throws: AppError.self) {
                try await db.transaction { tx in
                    let m = try #require(try await ApplicationModel.find(id, on: tx))
                    try await ApplicationService.record(.propose, on: m, by: .countyOfficer, reason: nil, actor: .system("test"), at: Date(),
                                                        requestID: "bypass", tx)
                }
            }
            #expect(try await ApplicationModel.find(id, on: db)?.status == ApplicationStatus.inExpertReview.rawValue)
            #expect(try await app.count("application_events") == events)
        }
    }

    @Test("an objection is decided once, a decided round is not decided again, an opened round not opened again")
    func secondDecisions() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let s = try await DecisionSetup.make(app, client)
            let t = app.fixtures.tokens
            // A round that is already open cannot be opened again.
            let again = try await client.api(.post, "/api/v1/rounds/\(s.round)/open", token: t["admin"])
            #expect(again.status == .conflict)
            _ = try await client.api(.post, "/api/v1/rounds/\(s.round)/ranking", token: t["admin"], json: #"{"apply": true}"#)
            let today = LocalDate.today()
            _ = try await client.api(.post, "/api/v1/rounds/\(s.round)/notice", token: t["admin"], json: #"{"publishedOn": "\#(today)"}"#)
            let filed = try await client.api(.post, "/api/v1/public/rounds/\(s.round)/objections", token: nil,
                                             json: #"{"applicationId": "\#(s.xihu)", "text": "数据存疑", "contactName": "张三", "contactPhone": "13800000000"}"#)
            let objection = try #require(filed.json["id"] as? String)
            let first = try await client.api(.post, "/api/v1/objections/\(objection)/outcome", token: t["admin"], json: #"{"upheld": false, "outcome": "核实无误"}"#)
            #expect(first.status == .ok)
            let audits = try await app.count("audit_entries")
            let second = try await client.api(.post, "/api/v1/objections/\(objection)/outcome", token: t["admin"], json: #"{"upheld": true, "outcome": "改判"}"#)
            #expect(second.status == .conflict)
            #expect(second.json["type"] as? String == "/problems/conflict")
            let status = try #require(try await app.services.database.sql.raw("SELECT status FROM objections").first()).decode(column: "status", as: String.self)
            #expect(status == "dismissed")
            #expect(try await app.count("audit_entries") == audits)
        }
    }

    @Test("an expert answers an invitation once")
    func invitationOnce() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let round = try await ApplicationAPITests.openRound(client, t["admin"], quota: 2)
            let expertUser = try #require(try await app.services.database.sql.raw("SELECT id FROM users WHERE username = 'expert'").first())
                .decode(column: "id", as: UUID.self)
            let expert = try #require(try await client.api(.post, "/api/v1/experts", token: t["admin"], json: #"""
                {"userId": "\#(expertUser)", "name": "专家甲", "homeCity": "330300", "sectors": ["manufacturing"], "loadCap": 5, "affiliations": []}
                """#).json["id"] as? String)
            _ = try await client.api(.post, "/api/v1/rounds/\(round)/invitations", token: t["admin"], json: #"{"expertIds": ["\#(expert)"]}"#)
            let mine = try await client.api(.get, "/api/v1/my/invitations", token: t["expert"])
            let invitation = try #require((mine.json["items"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(try await client.api(.post, "/api/v1/my/invitations/\(invitation)/accept", token: t["expert"], json: "{}").status == .ok)
            let twice = try await client.api(.post, "/api/v1/my/invitations/\(invitation)/decline", token: t["expert"], json: #"{"reason": "改主意"}"#)
            #expect(twice.status == .conflict)
            let status = try #require(try await app.services.database.sql.raw("SELECT status FROM expert_invitations").first()).decode(column: "status", as: String.self)
            #expect(status == "accepted")
        }
    }
}
