import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import SQLKit
import Testing

/// Applications through HTTP: the enterprise applies and submits; county, city and province take
/// their steps within their regions; late and ineligible submissions are refused.
@Suite("Designation applications: the review chain through HTTP")
struct ApplicationAPITests {
    /// Stage dates around today (Asia/Shanghai): the application stage from `from` to `to` days
    /// from today, each later stage ten days after the one before.
    static func dates(from: Int, to: Int) -> [(String, String)] {
        let today = LocalDate.today()
        return (0..<7).map { i in
            i == 0 ? (today.adding(days: from).description, today.adding(days: to).description)
                   : (today.adding(days: to + 1 + 10 * (i - 1)).description, today.adding(days: to + 10 * i).description)
        }
    }

    /// An open round (its application stage as given) and its id.
    static func openRound(_ client: any TestClientProtocol, _ admin: String?, from: Int = -10, to: Int = 10, quota: Int = 20) async throws -> String {
        let body = RoundAPITests.body(year: LocalDate.today().year, quota: quota, dates: dates(from: from, to: to))
        let id = try #require(try await client.api(.post, "/api/v1/rounds", token: admin, json: body).json["id"] as? String)
        #expect(try await client.api(.post, "/api/v1/rounds/\(id)/open", token: admin).status == .ok)
        return id
    }

    /// Xihu's figures for the three years before this one: R&D 4 % of revenue each year.
    static func fileFigures(_ app: TestApp) async throws {
        let year = LocalDate.today().year
        for y in (year - 3)...(year - 1) {
            try await app.file(app.fixtures.xihuEnterprise, y, ["main_business_revenue": 100_000_000_000, "rd_spending": 4_000_000_000])
        }
    }

    /// A product of Xihu's in advanced manufacturing, created through the API.
    static func product(_ app: TestApp, _ client: any TestClientProtocol) async throws -> String {
        let r = try await client.api(.post, "/api/v1/enterprises/\(app.fixtures.xihuEnterprise.id)/products", token: app.fixtures.tokens["firm"],
                                     json: #"{"name":"精密数控车床","category":"advanced_manufacturing"}"#)
        return try #require(r.json["id"] as? String)
    }

    static func applicationBody(_ product: String, sales: Int = 900_000_000) -> String {
        let launched = LocalDate.today().adding(days: -400)
        return #"{"productId": "\#(product)", "productSalesFen": \#(sales), "launchDate": "\#(launched)", "declaresTruthful": true, "declaresNoVeto": true}"#
    }

    static func step(_ client: any TestClientProtocol, _ id: String, _ step: String, _ token: String?, reason: String? = nil) async throws -> TestResponse {
        let body = reason.map { #"{"step": "\#(step)", "reason": "\#($0)"}"# } ?? #"{"step": "\#(step)"}"#
        return try await client.api(.post, "/api/v1/applications/\(id)/steps", token: token, json: body)
    }

    @Test("apply → county (return, resubmit, pass) → city → province, each only by its own officers in their region")
    func chain() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            try await Self.fileFigures(app)
            let round = try await Self.openRound(client, t["admin"])
            let product = try await Self.product(app, client)
            let created = try await client.api(.post, "/api/v1/rounds/\(round)/applications", token: t["firm"], json: Self.applicationBody(product))
            #expect(created.status == .created && created.json["status"] as? String == "draft")
            let id = try #require(created.json["id"] as? String)
            // One application per product and round.
            #expect(try await client.api(.post, "/api/v1/rounds/\(round)/applications", token: t["firm"], json: Self.applicationBody(product)).status == .conflict)

            // Eligibility: ¥9m ≥ ¥8m, 4 % ≥ 3 %, launched 400 days ago, no veto.
            let check = try await client.api(.get, "/api/v1/applications/\(id)/eligibility", token: t["firm"]).json
            #expect(check["eligible"] as? Bool == true)
            #expect((check["checks"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } == ["sales", "rd_intensity", "launch", "veto"])

            // The eligibility check and the feedback report: not for another county, nor for roles outside the chain.
            #expect(try await client.api(.get, "/api/v1/applications/\(id)/eligibility", token: t["binjiang"]).status == .notFound)
            #expect(try await client.api(.get, "/api/v1/applications/\(id)/eligibility", token: t["expert"]).status == .forbidden)
            #expect(try await client.api(.get, "/api/v1/applications/\(id)/feedback", token: t["ningbo"]).status == .notFound)
            #expect(try await client.api(.get, "/api/v1/applications/\(id)/feedback", token: t["bank"]).status == .forbidden)
            #expect(try await client.api(.get, "/api/v1/applications/\(id)", token: t["binjiang"]).status == .notFound)
            #expect(try await Self.step(client, id, "submit", t["firm"]).json["status"] as? String == "submitted")
            // Another county's officer does not see it; a city officer cannot take a county step; no reason, no return.
            #expect(try await Self.step(client, id, "county_pass", t["binjiang"]).status == .notFound)
            #expect(try await Self.step(client, id, "county_pass", t["hangzhou"]).status == .forbidden)
            #expect(try await Self.step(client, id, "county_return", t["xihu"]).status == .unprocessableContent)
            #expect(try await Self.step(client, id, "city_recommend", t["hangzhou"]).status == .conflict)
            let returned = try await Self.step(client, id, "county_return", t["xihu"], reason: "请补充检测报告")
            #expect(returned.json["status"] as? String == "returned")
            // The enterprise corrects and resubmits.
            #expect(try await client.api(.put, "/api/v1/applications/\(id)", token: t["firm"], json: Self.applicationBody(product, sales: 950_000_000)).status == .ok)
            #expect(try await Self.step(client, id, "submit", t["firm"]).json["status"] as? String == "submitted")
            #expect(try await Self.step(client, id, "county_pass", t["xihu"]).json["status"] as? String == "county_passed")
            #expect(try await Self.step(client, id, "city_recommend", t["ningbo"]).status == .notFound)
            #expect(try await Self.step(client, id, "city_recommend", t["hangzhou"]).json["status"] as? String == "city_recommended")
            #expect(try await Self.step(client, id, "formal_pass", t["hangzhou"]).status == .forbidden)
            let formal = try await Self.step(client, id, "formal_pass", t["admin"])
            #expect(formal.json["status"] as? String == "formal_passed")
            // Changing a submitted application is refused; the enterprise sees every step with the reason.
            #expect(try await client.api(.put, "/api/v1/applications/\(id)", token: t["firm"], json: Self.applicationBody(product)).status == .conflict)
            let seen = try await client.api(.get, "/api/v1/applications/\(id)", token: t["firm"]).json
            let events = seen["events"] as? [[String: Any]] ?? []
            #expect(events.compactMap { $0["step"] as? String } == ["submit", "county_return", "submit", "county_pass", "city_recommend", "formal_pass"])
            #expect(events[1]["reason"] as? String == "请补充检测报告" && events[1]["actor"] as? String == "user:xihu")

            // Lists are scoped: the county and city see it, Ningbo and Binjiang do not, experts may not list.
            func listed(_ name: String) async throws -> Int {
                (try await client.api(.get, "/api/v1/rounds/\(round)/applications", token: t[name]).json["items"] as? [Any])?.count ?? -1
            }
            var counts: [String: Int] = [:]
            for name in ["xihu", "hangzhou", "admin", "firm", "ningbo", "binjiang"] { counts[name] = try await listed(name) }
            #expect(counts == ["xihu": 1, "hangzhou": 1, "admin": 1, "firm": 1, "ningbo": 0, "binjiang": 0])
            #expect(try await client.api(.get, "/api/v1/rounds/\(round)/applications", token: t["expert"]).status == .forbidden)

            let audits = try await app.services.database.sql.raw("SELECT action FROM audit_entries WHERE entity_type = 'designation_application' ORDER BY seq").all()
                .map { try $0.decode(column: "action", as: String.self) }
            #expect(audits == ["application.create", "application.submit", "application.county_return", "application.update", "application.submit",
                               "application.county_pass", "application.city_recommend", "application.formal_pass"])
        }
    }

    @Test("a late submission is refused with a clear message, and so is one that fails a rule or lacks a declaration")
    func refusedSubmissions() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            try await Self.fileFigures(app)
            let round = try await Self.openRound(client, t["admin"])
            let product = try await Self.product(app, client)
            // ¥7,999,999.99: one fen under the threshold.
            let id = try #require(try await client.api(.post, "/api/v1/rounds/\(round)/applications", token: t["firm"],
                                                       json: Self.applicationBody(product, sales: 799_999_999)).json["id"] as? String)
            let ineligible = try await Self.step(client, id, "submit", t["firm"])
            #expect(ineligible.status == .unprocessableContent)
            let errors = (ineligible.json["errors"] as? [[String: Any]]) ?? []
            #expect(errors.compactMap { $0["pointer"] as? String } == ["/eligibility/sales"])
            let noDeclaration = #"{"productId": "\#(product)", "productSalesFen": 900000000, "launchDate": "\#(LocalDate.today().adding(days: -400))"}"#
            _ = try await client.api(.put, "/api/v1/applications/\(id)", token: t["firm"], json: noDeclaration)
            let undeclared = try await Self.step(client, id, "submit", t["firm"])
            #expect(((undeclared.json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["pointer"] as? String } == ["/declaresTruthful", "/declaresNoVeto"])
            _ = try await client.api(.put, "/api/v1/applications/\(id)", token: t["firm"], json: Self.applicationBody(product))

            // The province moves the deadline to yesterday (a new version of the round, opened): now it is late.
            let late = RoundAPITests.body(year: LocalDate.today().year, dates: Self.dates(from: -20, to: -1))
            let v2 = try #require(try await client.api(.put, "/api/v1/rounds/\(round)", token: t["admin"], json: late).json["id"] as? String)
            #expect(try await client.api(.post, "/api/v1/rounds/\(v2)/open", token: t["admin"]).status == .ok)
            let refused = try await Self.step(client, id, "submit", t["firm"])
            #expect(refused.status == .conflict)
            // In the reader's language (Chinese by default): "申报受理时间为 … （北京时间）".
            #expect((refused.json["detail"] as? String)?.contains("北京时间") == true)
            #expect(try await client.api(.get, "/api/v1/applications/\(id)", token: t["firm"]).json["status"] as? String == "draft")
            // And no new application can start.
            #expect(try await client.api(.post, "/api/v1/rounds/\(v2)/applications", token: t["firm"], json: Self.applicationBody(product)).status == .conflict)
        }
    }

    @Test("only the enterprise applies for its own products; officers and others cannot")
    func whoApplies() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let round = try await Self.openRound(client, t["admin"])
            let product = try await Self.product(app, client)
            for name in ["xihu", "hangzhou", "expert", "bank"] {
                #expect(try await client.api(.post, "/api/v1/rounds/\(round)/applications", token: t[name], json: Self.applicationBody(product)).status == .forbidden,
                        "\(name)")
            }
            // A product of another enterprise is not found for this enterprise user.
            let other = try await client.api(.post, "/api/v1/enterprises/\(app.fixtures.binjiangEnterprise.id)/products", token: t["admin"],
                                             json: #"{"name":"智能传感器","category":"advanced_manufacturing"}"#)
            let otherID = try #require(other.json["id"] as? String)
            let r = try await client.api(.post, "/api/v1/rounds/\(round)/applications", token: t["firm"], json: Self.applicationBody(otherID))
            #expect(r.status == .unprocessableContent && (r.json["errors"] as? [[String: Any]])?.first?["code"] as? String == "not_found")
            #expect(try await client.api(.post, "/api/v1/rounds/\(UUID())/applications", token: t["firm"], json: Self.applicationBody(product)).status == .notFound)
        }
    }
}
