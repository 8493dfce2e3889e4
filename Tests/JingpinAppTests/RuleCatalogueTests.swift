import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import Testing

@Suite("Rule catalogue")
struct RuleCatalogueTests {
    @Test("every role may read the catalogue; anonymous callers may not")
    func access() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            for user in ["admin", "hangzhou", "xihu", "firm", "expert", "bank"] {
                let r = try await client.api(.get, "/api/v1/rule-sets", token: app.fixtures.tokens[user])
                #expect(r.status == .ok, "\(user)")
            }
            #expect(try await client.api(.get, "/api/v1/rule-sets", token: nil).status == .unauthorized)
        }
    }

    @Test("the API lists each parameter's dated values with their references")
    func api() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let items = try await client.api(.get, "/api/v1/rule-sets", token: app.fixtures.tokens["firm"]).json["items"] as? [[String: Any]] ?? []
            #expect(items.compactMap { $0["id"] as? String } == ["designation.2025", "digital_gradient.2025", "rewards.rd.hangzhou", "rewards.rd.province"])
            let province = try #require(items.first { $0["id"] as? String == "rewards.rd.province" })
            let parameters = province["parameters"] as? [[String: Any]] ?? []
            let threshold = try #require(parameters.first { $0["id"] as? String == "rewards.rd.province.threshold" })
            let values = threshold["values"] as? [[String: Any]] ?? []
            // The file's two dated values: 3 % from 2024, 3.15 % from 2025.
            #expect(values.compactMap { $0["from"] as? String } == ["2024-01-01", "2025-01-01"])
            #expect(values.compactMap { $0["value"] as? Int } == [300, 315])
            #expect((values.first?["reference"] as? [String: Any])?["document"] as? String != nil)
            let scales = province["scales"] as? [[String: Any]] ?? []
            #expect(scales.first?["type"] as? String == "marginal_rate")
        }
    }

    @Test("the page shows labels, formatted values, dates and sources in the chosen language")
    func page() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let browser = Browser(client)
            #expect(try await browser.get("/rules").status == .seeOther)
            _ = try await browser.login("expert")
            let zh = try await browser.get("/rules")
            #expect(zh.status == .ok)
            #expect(zh.text.contains("省级企业研发投入奖励"))
            #expect(zh.text.contains("3.15 %"))
            #expect(zh.text.contains("¥2,000,000.00"))
            #expect(zh.text.contains("超额累进"))
            _ = try await browser.get("/language/en?back=/rules")
            let en = try await browser.get("/rules")
            #expect(en.text.contains("Provincial reward for R&amp;D spending"))
            #expect(en.text.contains("2025-01-01"))
        }
    }
}
