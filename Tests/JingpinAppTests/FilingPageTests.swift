import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import Testing

@Suite("Filing pages: task list, sections, check your answers, the county's decision")
struct FilingPageTests {
    @Test("a section keeps what was typed and shows the error beside the field; nothing is saved")
    func sectionErrors() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let browser = Browser(client)
            _ = try await browser.login("firm")
            let base = "/enterprises/\(app.fixtures.xihuEnterprise.id)/filings/2025"
            let page = try await browser.get(base + "/sections/business")
            #expect(page.status == .ok)
            #expect(page.text.contains("营业收入"))
            let bad = try await browser.post(base + "/sections/business", [("revenue", "12.345"), ("total_profit", "-500")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("value=\"12.345\""))
            #expect(bad.text.contains("href=\"#field-values/revenue\""))
            #expect(bad.text.contains("最多保留2位小数"))
            #expect(try await app.count("filing_values") == 0)
            let good = try await browser.post(base + "/sections/business", [("revenue", "1,000"), ("total_profit", "-500")])
            #expect(good.status == .found)
            // ¥1,000 = 100,000 fen; a loss of ¥500 = −50,000 fen.
            #expect(try await app.services.filings.values(enterpriseID: app.fixtures.xihuEnterprise.id, year: 2025)
                    == ["revenue": 100_000, "total_profit": -50_000])
            let tasks = try await browser.get(base)
            #expect(tasks.text.contains("填写中"))
        }
    }

    @Test("last year's values are shown beside this year's fields")
    func lastYear() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            _ = try await app.services.filings.save(enterpriseID: app.fixtures.xihuEnterprise.id, year: 2024, changes: ["revenue": 123_456],
                                                    by: .role(.enterpriseUser), actor: .system("t"), requestID: "t")
            let browser = Browser(client)
            _ = try await browser.login("firm")
            let page = try await browser.get("/enterprises/\(app.fixtures.xihuEnterprise.id)/filings/2025/sections/business")
            #expect(page.text.contains("上年：1234.56 元"))
        }
    }

    @Test("check your answers lists what is missing; the county accepts or returns with a reason")
    func submitAndReview() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let id = app.fixtures.xihuEnterprise.id
            let base = "/enterprises/\(id)/filings/2025"
            let firm = Browser(client)
            _ = try await firm.login("firm")
            let refused = try await firm.post(base + "/check", [])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("请填写从业人员"))
            // Fill every required value through the service, then submit on the page.
            var changes: [String: Int64?] = [:]
            for i in app.services.catalogue.indicators(for: 2025) where i.requiredFor.contains(.manufacturing) { changes[i.code] = 1 }
            _ = try await app.services.filings.save(enterpriseID: id, year: 2025, changes: changes, by: .role(.enterpriseUser), actor: .system("t"), requestID: "t")
            #expect(try await firm.post(base + "/check", []).status == .found)
            #expect(try await firm.get(base).text.contains("已提交，待县级审核"))
            // A sibling county's officer cannot decide; the city officer's role may not.
            let binjiang = Browser(client)
            _ = try await binjiang.login("binjiang")
            #expect(try await binjiang.post(base + "/accept", []).status == .notFound)
            let city = Browser(client)
            _ = try await city.login("hangzhou")
            #expect(try await city.post(base + "/accept", []).status == .forbidden)
            let county = Browser(client)
            _ = try await county.login("xihu")
            let noReason = try await county.post(base + "/return", [("reason", "")])
            #expect(noReason.status == .unprocessableContent)
            #expect(try await county.post(base + "/return", [("reason", "请补充研发人员数")]).status == .found)
            let returned = try await firm.get(base)
            #expect(returned.text.contains("请补充研发人员数"))
            #expect(try await firm.post(base + "/check", []).status == .found)
            #expect(try await county.post(base + "/accept", []).status == .found)
            #expect(try await app.services.filings.filing(enterpriseID: id, year: 2025).status == .accepted)
        }
    }

    @Test("officers list filings for their region and export them as CSV")
    func listAndExport() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            _ = try await app.services.filings.save(enterpriseID: app.fixtures.binjiangEnterprise.id, year: 2025,
                                                    changes: ["revenue": 250_000, "credit_rating": 1], by: .role(.enterpriseUser), actor: .system("t"), requestID: "t")
            let city = Browser(client)
            _ = try await city.login("hangzhou")
            let page = try await city.get("/filings?year=2025")
            #expect(page.status == .ok)
            #expect(page.text.contains("西湖精工机械有限公司") && page.text.contains("滨江智能电子有限公司"))
            #expect(!page.text.contains("海曙港航装备有限公司"))
            let csv = try await city.get("/filings.csv?year=2025")
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 3)
            let binjiang = lines.first { $0.contains("滨江") } ?? ""
            // ¥2,500.00 revenue and credit rating AA (option 1 of AAA, AA, …).
            #expect(binjiang.contains(",2500.00,"))
            #expect(binjiang.contains(",AA,"))
            let firm = Browser(client)
            _ = try await firm.login("firm")
            #expect(try await firm.get("/filings?year=2025").text.contains("滨江") == false)
            let expert = Browser(client)
            _ = try await expert.login("expert")
            #expect(try await expert.get("/filings").status == .forbidden)
        }
    }
}

@Suite("Excel export")
struct ExcelExportTests {
    @Test("the filings list exports as a real .xlsx with numbers as numbers")
    func xlsx() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            _ = try await app.services.filings.save(enterpriseID: app.fixtures.binjiangEnterprise.id, year: 2025,
                                                    changes: ["revenue": 250_000], by: .role(.enterpriseUser), actor: .system("t"), requestID: "t")
            let browser = Browser(client)
            _ = try await browser.login("admin")
            let r = try await browser.get("/filings.xlsx?year=2025&q=%E6%BB%A8%E6%B1%9F")  // 滨江
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let bytes = Array(r.body.readableBytesView)
            #expect(bytes.prefix(4) == [0x50, 0x4B, 0x03, 0x04])  // a ZIP container, as every .xlsx is
            // Read it back with Python's zipfile, a second implementation: the name is a shared string,
            // the revenue the number 2500 (¥2,500.00 = 250,000 fen).
            let path = NSTemporaryDirectory() + "jp-\(UUID()).xlsx"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", "-c", "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(z.read('xl/sharedStrings.xml').decode()); print(z.read('xl/worksheets/sheet1.xml').decode())", path]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            p.waitUntilExit()
            let xml = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(xml.contains("滨江智能电子有限公司"))
            #expect(xml.contains("<v>2500</v>"))
        }
    }
}
