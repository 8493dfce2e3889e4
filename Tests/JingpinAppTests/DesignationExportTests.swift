import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import SQLKit
import Testing

/// Exports of a round's scores and decision, CSV and Excel, each reader within their region.
@Suite("Score and decision exports: content worked by hand, and scope")
struct DesignationExportTests {
    static func lines(_ r: TestResponse) -> [String] { r.text.split(separator: "\r\n").map(String.init) }

    @Test("the score export: a row per submitted sheet with its band and points; experts named for the province, anonymised for a city")
    func scores() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let s = try await DecisionSetup.make(app, client)
            let t = app.fixtures.tokens
            let all = Self.lines(try await client.api(.get, "/api/v1/rounds/\(s.round)/scores/export", token: t["admin"]))
            #expect(all.count == 7)
            #expect(all[0] == "\u{FEFF}申报编号,企业名称,统一社会信用代码,产品名称,设区市,状态,专家,评分,质量体系（分档 0–5）,截尾平均,极差,需合议")
            // Xihu: band 5 → 4.8 × 5 = 24.00 (专家甲), band 4 → 19.20 (专家乙); mean 21.60, spread 4.80, below 20: no consensus.
            let xihu = all.filter { $0.hasPrefix(s.xihu) }
            #expect(xihu.count == 2)
            #expect(xihu[0].hasSuffix(",专家甲,24.00,5,21.60,4.80,否") && xihu[1].hasSuffix(",专家乙,19.20,4,21.60,4.80,否"))
            // Binjiang: 3 and 3 → 14.40 each, spread 0.00.
            #expect(all.filter { $0.hasPrefix(s.binjiang) }.allSatisfy { $0.hasSuffix(",14.40,3,14.40,0.00,否") })

            // Ningbo sees Haishu only, the experts as A and B by points: 4 → 19.20 first, 3 → 14.40; mean 16.80.
            let ningbo = Self.lines(try await client.api(.get, "/api/v1/rounds/\(s.round)/scores/export", token: t["ningbo"]))
            #expect(ningbo.count == 3 && ningbo.dropFirst().allSatisfy { $0.hasPrefix(s.haishu) })
            #expect(ningbo[1].hasSuffix(",专家A,19.20,4,16.80,4.80,否") && ningbo[2].hasSuffix(",专家B,14.40,3,16.80,4.80,否"))
            #expect(!ningbo.joined().contains("专家甲") && !ningbo.joined().contains("专家乙"))
            // Xihu's county: its one application's two sheets.
            let county = Self.lines(try await client.api(.get, "/api/v1/rounds/\(s.round)/scores/export", token: t["xihu"]))
            #expect(county.count == 3 && county.dropFirst().allSatisfy { $0.hasPrefix(s.xihu) })

            let browser = Browser(client)
            _ = try await browser.login("hangzhou")
            let page = try await browser.get("/rounds/\(s.round)/scores.csv")
            #expect(page.status == .ok && page.headers[.contentDisposition]?.contains("scores.csv") == true)
            #expect(Self.lines(page).count == 5 && !page.text.contains(s.haishu))
            let xlsx = try await browser.get("/rounds/\(s.round)/scores.xlsx")
            #expect(xlsx.status == .ok && xlsx.text.hasPrefix("PK"))
            #expect(try await client.api(.get, "/api/v1/rounds/\(s.round)/scores/export?format=pdf", token: t["admin"]).status == .unprocessableContent)
        }
    }

    @Test("the decision export: rank, composite and pillar scores, proposal, status and designation record, within scope")
    func decisions() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let s = try await DecisionSetup.make(app, client)
            try await s.proposeAndNotice(app, client, daysAgo: 40)
            let t = app.fixtures.tokens
            #expect(try await client.api(.post, "/api/v1/rounds/\(s.round)/committee", token: t["admin"], json: #"{"members": 15, "votesFor": 12}"#).status == .created)
            #expect(try await client.api(.post, "/api/v1/rounds/\(s.round)/decision", token: t["admin"]).status == .ok)
            let designations = try await app.services.database.sql.raw("SELECT id, application_id FROM designations").all().reduce(into: [String: String]()) {
                $0[try $1.decode(column: "application_id", as: UUID.self).uuidString] = try $1.decode(column: "id", as: UUID.self).uuidString
            }
            let all = Self.lines(try await client.api(.get, "/api/v1/rounds/\(s.round)/decisions/export", token: t["admin"]))
            #expect(all.count == 4)
            #expect(all[0] == "\u{FEFF}排名,申报编号,企业名称,统一社会信用代码,产品名称,设区市,综合得分,质量,技术与研发,拟认定,状态,认定记录编号")
            // Worked in DecisionSetup: 21.60 (quality 36.00), 16.80 (28.00), 14.40 (24.00); technology 0.00.
            let xihuDesignation = try #require(designations[s.xihu])
            let haishuDesignation = try #require(designations[s.haishu])
            #expect(all[1].hasPrefix("1,\(s.xihu),") && all[1].contains(",杭州市,21.60,36.00,0.00,是,已认定,") && all[1].hasSuffix(xihuDesignation))
            #expect(all[2].hasPrefix("2,\(s.haishu),") && all[2].contains(",宁波市,16.80,28.00,0.00,是,已认定,") && all[2].hasSuffix(haishuDesignation))
            #expect(all[3].hasPrefix("3,\(s.binjiang),") && all[3].contains(",14.40,24.00,0.00,否,") && all[3].hasSuffix(","))
            // Ningbo: its one row, with its place in the whole round.
            let ningbo = Self.lines(try await client.api(.get, "/api/v1/rounds/\(s.round)/decisions/export", token: t["ningbo"]))
            #expect(ningbo.count == 2 && ningbo[1].hasPrefix("2,\(s.haishu),"))
            let xlsx = try await client.api(.get, "/api/v1/rounds/\(s.round)/decisions/export?format=xlsx", token: t["admin"])
            #expect(xlsx.status == .ok && xlsx.text.hasPrefix("PK"))
        }
    }

    @Test("enterprises, experts and banks are refused the exports (403)")
    func refused() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let s = try await DecisionSetup.make(app, client)
            for user in ["firm", "expert", "bank"] {
                for kind in ["scores", "decisions"] {
                    #expect(try await client.api(.get, "/api/v1/rounds/\(s.round)/\(kind)/export", token: app.fixtures.tokens[user]).status == .forbidden, "\(user)")
                    #expect(try await client.api(.get, "/rounds/\(s.round)/\(kind).csv", token: app.fixtures.tokens[user]).status == .forbidden)
                }
            }
        }
    }
}
