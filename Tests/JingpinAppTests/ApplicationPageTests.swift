import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import JingpinApp
import JingpinCore
import SQLKit
import Testing

/// The application pages through a browser: the enterprise's task list from start to submit,
/// the county's review with a reason the enterprise then sees, the city's ranked list, and the
/// pages refused to other regions and roles.
@Suite("Designation applications: the pages")
struct ApplicationPageTests {
    @Test("apply, fill each section (errors beside the field, typed values kept), upload, check, submit; the county returns it with a reason")
    func taskList() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            try await ApplicationAPITests.fileFigures(app)
            let round = try await ApplicationAPITests.openRound(client, t["admin"])
            let product = try await ApplicationAPITests.product(app, client)
            let firm = Browser(client)
            _ = try await firm.login("firm")
            let list = try await firm.get("/applications")
            #expect(list.status == .ok && list.text.contains("/rounds/\(round)/apply"))
            let form = try await firm.get("/rounds/\(round)/apply")
            #expect(form.text.contains(product) && form.text.contains("精密数控车床"))
            #expect(try await firm.post("/rounds/\(round)/apply", []).status == .unprocessableContent)
            let started = try await firm.post("/rounds/\(round)/apply", [("productId", product)])
            #expect(started.status == .found)
            let page = try #require(started.headers[.location])
            let id = String(page.dropFirst("/applications/".count))
            let tasks = try await firm.get(page)
            #expect(tasks.status == .ok && tasks.text.contains("/applications/\(id)/product") && tasks.text.contains("未开始"))

            // Product details: a bad amount and date are named beside their fields and kept as typed; nothing is saved.
            let bad = try await firm.post("\(page)/product", [("sales", "九百万"), ("launchDate", "2024/13/01")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("value=\"九百万\"") && bad.text.contains("请输入产品销售额（元）") && bad.text.contains("请按 YYYY-MM-DD 输入上市日期"))
            #expect(try await client.api(.get, "/api/v1/applications/\(id)", token: t["firm"]).json["productSalesFen"] as? Int == nil)
            let launched = LocalDate.today().adding(days: -400).description
            #expect(try await firm.post("\(page)/product", [("sales", "9,000,000.00"), ("launchDate", launched)]).status == .found)
            #expect(try await client.api(.get, "/api/v1/applications/\(id)", token: t["firm"]).json["productSalesFen"] as? Int == 900_000_000)

            // Submitting without the declarations: the check page says so and the status stays draft.
            let early = try await firm.post("\(page)/check", [])
            #expect(early.status == .unprocessableContent && early.text.contains("请声明所填信息真实"))
            #expect(try await firm.post("\(page)/declarations", [("declaresTruthful", "true"), ("declaresNoVeto", "true")]).status == .found)

            // An evidence file through the upload form (the CSRF token in the action's query, as for the filing import).
            let filesPage = try await firm.get("\(page)/files")
            let token = try #require(firm.cookies["jp_csrf"])
            #expect(filesPage.text.contains("action=\"\(page)/files?_csrf=\(token)\""))
            let boundary = "----jpEvidence42"
            var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"检测报告.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
            body += ApplicationEvidenceTests.pdf + Array("\r\n--\(boundary)--\r\n".utf8)
            var headers = HTTPFields()
            headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
            headers[.cookie] = firm.cookieHeader
            let uploaded = try await client.execute(uri: "\(page)/files?_csrf=\(token)", method: .post, headers: headers, body: ByteBuffer(bytes: body))
            #expect(uploaded.status == .found)
            #expect(try await firm.get("\(page)/files").text.contains("检测报告.pdf"))

            let check = try await firm.get("\(page)/check")
            #expect(check.text.contains("¥9,000,000.00") && check.text.contains("✓"))
            #expect(try await firm.post("\(page)/check", []).status == .found)
            #expect(try await firm.get(page).text.contains("已提交"))

            let other = Browser(client)
            _ = try await other.login("binjiang")
            // The county: a return needs a reason (kept beside the field), then the enterprise sees the reason.
            let county = Browser(client)
            _ = try await county.login("xihu")
            // The home page says what waits for the county, linking to the queue.
            let home = try await county.get("/")
            #expect(home.text.contains("href=\"/applications?status=submitted\"") && home.text.contains("待县级初审"))
            #expect(try await other.get("/").text.contains("/applications?status=submitted") == false)  // Binjiang has nothing waiting
            let queue = try await county.get("/applications?status=submitted")
            #expect(queue.text.contains(page) && queue.text.contains("待县级初审 · 截止"))
            let review = try await county.get(page)
            #expect(review.text.contains("value=\"county_pass\"") && review.text.contains("value=\"county_return\""))
            // Only the enterprise withdraws; a rank shows only once the city gave one.
            #expect(!review.text.contains("\(page)/withdraw") && !review.text.contains("推荐名次"))
            #expect(try await firm.get(page).text.contains("\(page)/withdraw"))
            let noReason = try await county.post("\(page)/steps", [("step", "county_return"), ("reason", "")])
            #expect(noReason.status == .unprocessableContent)
            #expect(try await county.post("\(page)/steps", [("step", "county_return"), ("reason", "请补充检测报告原件")]).status == .found)
            let returned = try await firm.get(page)
            #expect(returned.text.contains("请补充检测报告原件") && returned.text.contains("已退回"))

            // Another county's officer does not see it; an expert has no application pages.
            #expect(try await other.get(page).status == .notFound)
            #expect(try await other.get("\(page)/files").status == .notFound)
            #expect(try await other.post("\(page)/steps", [("step", "county_pass")]).status == .notFound)
            let expert = Browser(client)
            _ = try await expert.login("expert")
            #expect(try await expert.get("/applications").status == .forbidden)
            // The county officer cannot edit the enterprise's sections.
            #expect(try await county.post("\(page)/product", [("sales", "1")]).status == .forbidden)
        }
    }

    @Test("the city's recommendation page: ranks and reasons, errors beside the row, then the list")
    func cityPage() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let round = try await ApplicationAPITests.openRound(client, t["admin"])
            let product = try await ApplicationAPITests.product(app, client)
            let id = try #require(try await client.api(.post, "/api/v1/rounds/\(round)/applications", token: t["firm"],
                                                       json: ApplicationAPITests.applicationBody(product)).json["id"] as? String)
            try await app.services.database.sql.raw("UPDATE designation_applications SET status = 'county_passed'").run()
            let city = Browser(client)
            _ = try await city.login("hangzhou")
            let page = try await city.get("/rounds/\(round)/recommendations")
            #expect(page.status == .ok && page.text.contains("name=\"rank/\(id.uppercased())\"") && page.text.contains("不限"))
            let bad = try await city.post("/rounds/\(round)/recommendations", [("rank/\(id.uppercased())", "first")])
            #expect(bad.status == .unprocessableContent && bad.text.contains("名次应为从 1 开始的整数") && bad.text.contains("value=\"first\""))
            #expect(try await city.post("/rounds/\(round)/recommendations", [("rank/\(id.uppercased())", "1")]).status == .found)
            #expect(try await client.api(.get, "/api/v1/applications/\(id)", token: t["admin"]).json["status"] as? String == "city_recommended")
            // A county officer and another city's officer are refused.
            let county = Browser(client)
            _ = try await county.login("xihu")
            #expect(try await county.get("/rounds/\(round)/recommendations").status == .forbidden)
            let ningbo = Browser(client)
            _ = try await ningbo.login("ningbo")
            #expect(try await ningbo.get("/rounds/\(round)/recommendations").text.contains(id.uppercased()) == false)
        }
    }
}
