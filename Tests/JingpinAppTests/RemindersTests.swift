import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import SQLKit
import Testing

/// Scoring reminders: 7 and 3 days before the expert-review deadline and when overdue, once
/// each, in-app and in the mail outbox; none for submitted sheets.
@Suite("Scoring reminders and notifications")
struct RemindersTests {
    @Test("which reminder is due, by days left")
    func dueKinds() throws {
        let d = try LocalDate("2026-06-15")
        #expect(ReminderService.Kind.due(today: d.adding(days: -8), deadline: d) == nil)
        #expect(ReminderService.Kind.due(today: d.adding(days: -7), deadline: d) == .dueInSevenDays)
        #expect(ReminderService.Kind.due(today: d.adding(days: -4), deadline: d) == .dueInSevenDays)
        #expect(ReminderService.Kind.due(today: d.adding(days: -3), deadline: d) == .dueInThreeDays)
        #expect(ReminderService.Kind.due(today: d, deadline: d) == .dueInThreeDays)
        #expect(ReminderService.Kind.due(today: d.adding(days: 1), deadline: d) == .overdue)
    }

    @Test("each reminder once, whatever the days the job runs; none once submitted; read marks")
    func reminders() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let s = try await ExpertReviewTests.setUp(app, client)
            let made = try await client.api(.post, "/api/v1/rounds/\(s.round)/assignments", token: t["admin"],
                                            json: ExpertReviewTests.assign([(s.xihu, s.expert, nil), (s.binjiang, s.expert2, "同市不同区")]))
            let second = try #require((made.json["items"] as? [[String: Any]])?.last?["id"] as? String)
            _ = try await client.api(.post, "/api/v1/rounds/\(s.round)/assignments/publish", token: t["admin"])
            // The second expert submits at once; the first does not.
            let user2 = try #require(try await app.services.database.sql.raw("SELECT id FROM users WHERE username = 'expert2'").first())
                .decode(column: "id", as: UUID.self)
            let token2 = try await app.services.tokens.issue(userID: user2, name: "t", actor: .system("test"), requestID: "test").1
            _ = try await client.api(.put, "/api/v1/my/assignments/\(second)/scores", token: token2,
                                     json: #"{"scores": [{"indicatorId": "quality.system", "band": 3}], "submit": true}"#)

            // The round's expert review closes 50 days from today (see ApplicationAPITests.dates).
            let deadline = LocalDate.today().adding(days: 50)
            let reminders = ReminderService(database: app.services.database, rules: app.services.rules)
            var sent: [Int] = []
            for offset in [-10, -7, -7, -5, -3, 0, 1, 2] {
                sent.append(try await reminders.run(today: deadline.adding(days: offset), actor: .system("test"), requestID: "test"))
            }
            #expect(sent == [0, 1, 0, 0, 1, 0, 1, 0])
            let mine = try await client.api(.get, "/api/v1/my/notifications", token: t["expert"]).json["items"] as? [[String: Any]] ?? []
            #expect(Set(mine.compactMap { $0["kind"] as? String }) == ["due_in_7", "due_in_3", "overdue"])
            #expect(mine.allSatisfy { ($0["subject"] as? String)?.contains(deadline.description) == true })
            #expect((try await client.api(.get, "/api/v1/my/notifications", token: token2).json["items"] as? [Any])?.isEmpty == true)
            let outbox = try await app.services.database.sql.raw("SELECT COUNT(*) AS n FROM mail_outbox WHERE sent_at IS NULL").first()!
                .decode(column: "n", as: Int.self)
            #expect(outbox == 3)

            // Marking read: only one's own.
            let id = try #require(mine.first?["id"] as? String)
            #expect(try await client.api(.post, "/api/v1/my/notifications/\(id)/read", token: token2).status == .notFound)
            #expect(try await client.api(.post, "/api/v1/my/notifications/\(id)/read", token: t["expert"]).status == .noContent)
            let after = try await client.api(.get, "/api/v1/my/notifications", token: t["expert"]).json["items"] as? [[String: Any]] ?? []
            #expect(after.first { $0["id"] as? String == id }?["read"] as? Bool == true)
            #expect(try await client.api(.get, "/api/v1/my/notifications", token: nil).status == .unauthorized)
        }
    }
}
