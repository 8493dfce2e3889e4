import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import SQLKit
import Testing

/// A whole round through HTTP: apply → county → city → province → experts → ranking → notice →
/// objections → committee → decision.
@Suite("A designation round end to end")
struct RoundEndToEndTests {
    @Test("two Hangzhou products go the whole way; an upheld objection keeps one from designation")
    func wholeRound() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let f = app.fixtures
            let year = LocalDate.today().year
            for y in (year - 3)...(year - 1) {
                try await app.file(f.xihuEnterprise, y, ["main_business_revenue": 100_000_000_000, "rd_spending": 4_000_000_000])
                try await app.file(f.binjiangEnterprise, y, ["main_business_revenue": 50_000_000_000, "rd_spending": 2_000_000_000])
            }
            let firm2 = try await app.services.accounts.createUser(username: "firm2", displayName: "滨江企业", role: .enterpriseUser,
                                                                   scope: .enterprise(f.binjiangEnterprise.id), password: TestApp.password,
                                                                   actor: .system("test"), requestID: "test")
            let firm2Token = try await app.services.tokens.issue(userID: firm2.id, name: "t", actor: .system("test"), requestID: "test").1
            let round = try await ApplicationAPITests.openRound(client, t["admin"], quota: 2)

            // 1. Each enterprise applies for its product and submits.
            let xihuProduct = try await ApplicationAPITests.product(app, client)
            let binjiangProduct = try #require(try await client.api(.post, "/api/v1/enterprises/\(f.binjiangEnterprise.id)/products", token: firm2Token,
                                                                    json: #"{"name":"智能传感器","category":"advanced_manufacturing"}"#).json["id"] as? String)
            let xihu = try #require(try await client.api(.post, "/api/v1/rounds/\(round)/applications", token: t["firm"],
                                                         json: ApplicationAPITests.applicationBody(xihuProduct)).json["id"] as? String)
            let binjiang = try #require(try await client.api(.post, "/api/v1/rounds/\(round)/applications", token: firm2Token,
                                                             json: ApplicationAPITests.applicationBody(binjiangProduct)).json["id"] as? String)
            func step(_ id: String, _ s: String, _ token: String?) async throws -> String? {
                try await ApplicationAPITests.step(client, id, s, token).json["status"] as? String
            }
            #expect(try await step(xihu, "submit", t["firm"]) == "submitted")
            #expect(try await step(binjiang, "submit", firm2Token) == "submitted")
            // 2. County, city, province.
            #expect(try await step(xihu, "county_pass", t["xihu"]) == "county_passed")
            #expect(try await step(binjiang, "county_pass", t["binjiang"]) == "county_passed")
            for id in [xihu, binjiang] {
                #expect(try await step(id, "city_recommend", t["hangzhou"]) == "city_recommended")
                #expect(try await step(id, "formal_pass", t["admin"]) == "formal_passed")
                #expect(try await step(id, "start_expert_review", t["admin"]) == "in_expert_review")
            }

            // 3. Two Ningbo experts (no conflict with Hangzhou applicants) on both; published; scored.
            let expertUser = try #require(try await app.services.database.sql.raw("SELECT id FROM users WHERE username = 'expert'").first())
                .decode(column: "id", as: UUID.self)
            let second = try await app.services.accounts.createUser(username: "expert2", displayName: "专家二", role: .expert, scope: .none,
                                                                    password: TestApp.password, actor: .system("test"), requestID: "test")
            let token2 = try await app.services.tokens.issue(userID: second.id, name: "t", actor: .system("test"), requestID: "test").1
            var experts: [String] = []
            for user in [expertUser, second.id] {
                let r = try await client.api(.post, "/api/v1/experts", token: t["admin"], json: #"""
                    {"userId": "\#(user)", "name": "专家", "homeCity": "330200", "sectors": ["manufacturing"], "loadCap": 5, "affiliations": []}
                    """#)
                experts.append(try #require(r.json["id"] as? String))
            }
            let assigned = try await client.api(.post, "/api/v1/rounds/\(round)/assignments", token: t["admin"], json: ExpertReviewTests.assign(
                [(xihu, experts[0], nil), (binjiang, experts[0], nil), (xihu, experts[1], nil), (binjiang, experts[1], nil)]))
            let assignmentIDs = (assigned.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(assignmentIDs.count == 4)
            _ = try await client.api(.post, "/api/v1/rounds/\(round)/assignments/publish", token: t["admin"])
            // Bands: expert 1 gives Xihu 5 and Binjiang 3; expert 2 gives Xihu 4 and Binjiang 3.
            for (i, (token, band)) in [(t["expert"], 5), (t["expert"], 3), (token2, 4), (token2, 3)].enumerated() {
                let comment = band == 5 ? "质量体系完善，检测能力强" : band == 4 ? "体系较完善" : "一般"
                let r = try await client.api(.put, "/api/v1/my/assignments/\(assignmentIDs[i])/scores", token: token,
                                             json: #"{"scores": [{"indicatorId": "quality.system", "band": \#(band), "comment": "\#(comment)"}], "submit": true}"#)
                #expect(r.json["status"] as? String == "submitted")
            }

            // 4. Ranking: Xihu (24 + 19.2) / 2 = 21.6; Binjiang 14.4 each → 14.4. Both within the quota of 2.
            let ranked = try await client.api(.post, "/api/v1/rounds/\(round)/ranking", token: t["admin"], json: #"{"apply": true}"#)
                .json["items"] as? [[String: Any]] ?? []
            #expect(ranked.compactMap { $0["applicationId"] as? String } == [xihu, binjiang])
            #expect(ranked.compactMap { $0["points"] as? String } == ["21.60", "14.40"])
            #expect(try await step(xihu, "designate", t["hangzhou"]) == nil)  // not the city's step
            // The feedback report waits for the outcome (the province may look earlier).
            #expect(try await client.api(.get, "/api/v1/applications/\(xihu)/feedback", token: t["firm"]).status == .conflict)
            #expect(try await client.api(.get, "/api/v1/applications/\(xihu)/feedback", token: t["admin"]).status == .ok)

            // 5. The notice, public, without scores or contacts.
            let today = LocalDate.today()
            let notice = try await client.api(.post, "/api/v1/rounds/\(round)/notice", token: t["admin"], json: #"{"publishedOn": "\#(today)"}"#)
            #expect(notice.status == .created)
            let lastDay = try #require(notice.json["lastDay"] as? String)
            #expect(lastDay == (try app.services.reference.calendar.addingWorkingDays(try app.services.reference.calendar.isWorkingDay(today) ? 4 : 5, to: today)).description)
            let publicNotice = try await client.api(.get, "/api/v1/public/rounds/\(round)/notice", token: nil).json
            let products = publicNotice["products"] as? [[String: Any]] ?? []
            #expect(products.compactMap { $0["product"] as? String }.sorted() == ["智能传感器", "精密数控车床"])
            #expect(products.allSatisfy { Set($0.keys) == ["applicationId", "product", "enterprise", "city"] })

            // 6. Objections from the public: contacts are required and stay private.
            let noPhone = try await client.api(.post, "/api/v1/public/rounds/\(round)/objections", token: nil,
                                               json: #"{"applicationId": "\#(binjiang)", "text": "销售数据不实", "contactName": "张三", "contactPhone": ""}"#)
            #expect(noPhone.status == .unprocessableContent)
            for (id, text) in [(binjiang, "销售数据不实"), (xihu, "质量投诉")] {
                let r = try await client.api(.post, "/api/v1/public/rounds/\(round)/objections", token: nil,
                                             json: #"{"applicationId": "\#(id)", "text": "\#(text)", "contactName": "张三", "contactPhone": "0571-88880000"}"#)
                #expect(r.status == .created)
            }
            // The decision waits for the notice to end. (Time passes: the notice is moved into the past.)
            #expect(try await client.api(.post, "/api/v1/rounds/\(round)/decision", token: t["admin"]).status == .conflict)
            try await app.services.database.sql.raw("UPDATE public_notices SET last_day = \(bind: today.adding(days: -1).description)").run()
            #expect(try await client.api(.post, "/api/v1/public/rounds/\(round)/objections", token: nil,
                                         json: #"{"applicationId": "\#(xihu)", "text": "晚了", "contactName": "李四", "contactPhone": "13800000000"}"#).status == .conflict)
            #expect(try await client.api(.post, "/api/v1/rounds/\(round)/decision", token: t["admin"]).status == .conflict)  // objections open

            // 7. The investigations: Binjiang's upheld, Xihu's dismissed.
            let objections = try await client.api(.get, "/api/v1/rounds/\(round)/objections", token: t["admin"]).json["items"] as? [[String: Any]] ?? []
            #expect(objections.count == 2 && objections.allSatisfy { $0["contactPhone"] as? String == "0571-88880000" })
            for o in objections {
                let upheld = o["applicationId"] as? String == binjiang
                let r = try await client.api(.post, "/api/v1/objections/\(o["id"] as? String ?? "")/outcome", token: t["admin"],
                                             json: #"{"upheld": \#(upheld), "outcome": "\#(upheld ? "核实存在虚报销售额" : "经核查不属实")"}"#)
                #expect(r.json["status"] as? String == (upheld ? "upheld" : "dismissed"))
            }
            #expect(try await client.api(.post, "/api/v1/rounds/\(round)/decision", token: t["admin"]).status == .conflict)  // no vote yet

            // 8. The committee: 16 of 15 is impossible; 10 of 15 is exactly two thirds and carries.
            #expect(try await client.api(.post, "/api/v1/rounds/\(round)/committee", token: t["admin"], json: #"{"members": 15, "votesFor": 16}"#).status
                == .unprocessableContent)
            let vote = try await client.api(.post, "/api/v1/rounds/\(round)/committee", token: t["admin"], json: #"{"members": 15, "votesFor": 10}"#)
            // Answered as a typed vote: numbers and a boolean (they were all strings before the typed answer).
            #expect(vote.json["carries"] as? Bool == true)
            #expect(vote.json["members"] as? Int == 15 && vote.json["threshold"] as? String == "2/3")

            // 9. The decision.
            let decision = try await client.api(.post, "/api/v1/rounds/\(round)/decision", token: t["admin"]).json
            #expect(decision["designated"] as? [String] == [xihu] && decision["notDesignated"] as? [String] == [binjiang])
            let seen = try await client.api(.get, "/api/v1/applications/\(binjiang)", token: firm2Token).json
            #expect(seen["status"] as? String == "not_designated")
            #expect(((seen["events"] as? [[String: Any]])?.last?["reason"] as? String)?.contains("核实存在虚报销售额") == true)
            let designations = try await app.services.database.sql.raw("SELECT application_id FROM designations").all()
                .map { try $0.decode(column: "application_id", as: UUID.self).uuidString }
            #expect(designations == [xihu])
            // 10. The feedback report. Quality is 40 % of the pillar per band/5: Xihu (40 + 32) / 2 = 36,
            // Binjiang 24; the round's median of [24, 36] is 30. Technology has no expert indicator: 0.
            let report = try await client.api(.get, "/api/v1/applications/\(xihu)/feedback", token: t["firm"]).json
            let pillars = report["pillars"] as? [[String: Any]] ?? []
            #expect(pillars.compactMap { $0["score"] as? String } == ["36.00", "0.00"])
            #expect(pillars.compactMap { $0["roundMedian"] as? String } == ["30.00", "0.00"])
            // Bands 4 and up are strengths, 2 and below weaknesses; in a fixed order, not by expert.
            #expect((report["strengths"] as? [[String: Any]])?.compactMap { $0["text"] as? String } == ["体系较完善", "质量体系完善，检测能力强"])
            #expect((report["weaknesses"] as? [Any])?.isEmpty == true && report["statusName"] as? String == "已认定")
            #expect(!(String(describing: report).contains("expert")))
            let refusedReport = try await client.api(.get, "/api/v1/applications/\(binjiang)/feedback", token: firm2Token).json
            #expect((refusedReport["reasons"] as? [String])?.last?.contains("核实存在虚报销售额") == true)
            #expect(try await client.api(.get, "/api/v1/applications/\(xihu)/feedback", token: firm2Token).status == .notFound)
            let page = try await client.api(.get, "/applications/\(xihu)/feedback", token: t["firm"])
            #expect(page.status == .ok && page.text.contains("申报反馈报告") && page.text.contains("36.00") && page.text.contains("30.00"))

            // 11. Exports within scope, with the decision; the experts' points for the province only.
            let csv = try await client.api(.get, "/api/v1/rounds/\(round)/applications/export", token: t["admin"]).text
            let lines = csv.split(separator: "\r\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines[0].hasSuffix("专家评分（截尾平均，有合议分时取合议分）,认定结果"))
            #expect(lines.contains { $0.contains(xihu) && $0.hasSuffix(",21.60,已认定") })
            #expect(lines.contains { $0.contains(binjiang) && $0.hasSuffix(",14.40,未予认定") })
            let county = try await client.api(.get, "/api/v1/rounds/\(round)/applications/export", token: t["xihu"]).text.split(separator: "\r\n")
            #expect(county.count == 2 && county[1].contains(xihu) && !county[0].contains("专家评分"))
            let own = try await client.api(.get, "/api/v1/rounds/\(round)/applications/export", token: firm2Token).text.split(separator: "\r\n")
            #expect(own.count == 2 && own[1].contains(binjiang))
            let xlsx = try await client.api(.get, "/api/v1/rounds/\(round)/applications/export?format=xlsx", token: t["admin"])
            #expect(xlsx.status == .ok && xlsx.text.hasPrefix("PK"))
            #expect(try await client.api(.get, "/api/v1/rounds/\(round)/applications/export?format=pdf", token: t["admin"]).status == .unprocessableContent)
            #expect(try await client.api(.get, "/api/v1/rounds/\(round)/applications/export", token: t["expert"]).status == .forbidden)
            // Deciding twice is refused.
            #expect(try await client.api(.post, "/api/v1/rounds/\(round)/decision", token: t["admin"]).status == .conflict)
        }
    }

    @Test("the province's decision routes are refused to everyone else")
    func permissions() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let round = try await ApplicationAPITests.openRound(client, t["admin"])
            for name in ["hangzhou", "xihu", "firm", "expert", "bank"] {
                #expect(try await client.api(.post, "/api/v1/rounds/\(round)/ranking", token: t[name], json: "{}").status == .forbidden, "\(name)")
                #expect(try await client.api(.post, "/api/v1/rounds/\(round)/notice", token: t[name], json: #"{"publishedOn": "2026-12-01"}"#).status == .forbidden)
                #expect(try await client.api(.get, "/api/v1/rounds/\(round)/objections", token: t[name]).status == .forbidden)
                #expect(try await client.api(.post, "/api/v1/rounds/\(round)/committee", token: t[name], json: #"{"members": 3, "votesFor": 3}"#).status == .forbidden)
                #expect(try await client.api(.post, "/api/v1/rounds/\(round)/decision", token: t[name]).status == .forbidden)
            }
            // Nothing to notice yet: 404 to the public, ranking with nobody in review is a 409 for the province.
            #expect(try await client.api(.get, "/api/v1/public/rounds/\(round)/notice", token: nil).status == .notFound)
            #expect(try await client.api(.post, "/api/v1/rounds/\(round)/ranking", token: t["admin"], json: "{}").status == .conflict)
        }
    }
}
