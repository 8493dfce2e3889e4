import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import Testing

@Suite("Reward pages")
struct RewardPageTests {
    @Test("an admin opens a run, trials ¥1,000,000 in yuan, sees the strategies side by side and approves")
    func adminFlow() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            try await app.fileRewardFigures()
            let browser = Browser(client)
            _ = try await browser.login("admin")
            #expect(try await browser.get("/rewards").status == .ok)
            // A bad year is shown beside the field and nothing is opened.
            let bad = try await browser.post("/rewards", [("year", "twenty"), ("scheme", "rewards.rd.province")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("field-year-error"))
            let opened = try await browser.post("/rewards", [("year", "2025"), ("scheme", "rewards.rd.province")])
            #expect(opened.status == .found)
            let location = try #require(opened.headers[.location])
            // A negative budget is refused beside the field.
            let negative = try await browser.post(location + "/trial", [("budget", "-5"), ("strategy", "pro-rata")])
            #expect(negative.status == .unprocessableContent)
            #expect(negative.text.contains("field-budget-error"))
            #expect(try await browser.post(location + "/trial", [("budget", "¥1,000,000.00"), ("strategy", "cap-level")]).status == .found)
            let page = try await browser.get(location)
            // Cap level: Xihu ¥915,000.00, Binjiang ¥85,000.00 (C = 91,500,000 fen); rank order's largest is the whole ¥1,000,000.00.
            #expect(page.text.contains("¥915,000.00"))
            #expect(page.text.contains("¥85,000.00"))
            #expect(page.text.contains("¥1,000,000.00"))
            #expect(try await browser.post(location + "/approve", []).status == .found)
            let locked = try await browser.post(location + "/trial", [("budget", "1"), ("strategy", "pro-rata")])
            #expect(locked.status == .conflict)
        }
    }

    @Test("the enterprise reads its award explained; other regions and roles are refused")
    func awardPage() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            try await app.fileRewardFigures()
            let admin = app.fixtures.tokens["admin"]
            _ = try await client.api(.post, "/api/v1/reward-runs", token: admin, json: #"{"year": 2025, "scheme": "rewards.rd.province"}"#)
            let firm = Browser(client)
            _ = try await firm.login("firm")
            let page = try await firm.get("/enterprises/\(app.fixtures.xihuEnterprise.id)/awards")
            #expect(page.status == .ok)
            // Xihu 2025: 3.15 % of ¥1,000,000,000 = ¥31,500,000; R&D ¥50,000,000 exceeds it by ¥18,500,000.
            #expect(page.text.contains("超过主营业务收入的 3.15 %（¥31,500,000.00）¥18,500,000.00"))
            #expect(try await firm.get("/enterprises/\(app.fixtures.binjiangEnterprise.id)/awards").status == .notFound)
            #expect(try await firm.get("/rewards").status == .forbidden)
            let city = Browser(client)
            _ = try await city.login("ningbo")
            #expect(try await city.get("/enterprises/\(app.fixtures.xihuEnterprise.id)/awards").status == .notFound)
            #expect(try await city.get("/rewards").status == .forbidden)
        }
    }
}
