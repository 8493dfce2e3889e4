import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import SQLKit
import Testing

/// The decision pages: ranking with the quota line, applying the proposal, the notice (confirmed
/// on its own page), the public notice and objection form, outcomes, the committee's vote and the
/// decision — and the rate limit on public objections.
@Suite("Decision pages: ranking, notice, objections, vote and decision")
struct DecisionPageTests {
    @Test("the province ranks and proposes, publishes the notice after confirming; the public objects; an upheld outcome and a failing vote stop the decision")
    func rankNoticeObjectVote() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let s = try await DecisionSetup.make(app, client)
            let p = DecisionSetup.products
            let admin = Browser(client)
            _ = try await admin.login("admin")

            // The ranking (worked in DecisionSetup): Xihu 21.60, Haishu 16.80, the quota line, Binjiang 14.40.
            let ranking = try await admin.get("/rounds/\(s.round)/ranking").text
            let order = [p.xihu, "21.60", "36.00", p.haishu, "16.80", "28.00", "名额线（2 个）", p.binjiang, "14.40", "24.00"]
                .map { ranking.range(of: $0)?.lowerBound }
            #expect(order.allSatisfy { $0 != nil } && zip(order, order.dropFirst()).allSatisfy { $0! < $1! })
            #expect(ranking.contains("按排名生成拟认定名单"))
            // Hangzhou's rows keep their ranks in the whole round (1 and 3), the quota line between them.
            let hangzhou = try await admin.get("/rounds/\(s.round)/ranking?city=330100").text
            let rows = [p.xihu, "名额线（2 个）", p.binjiang].map { hangzhou.range(of: $0)?.lowerBound }
            #expect(rows.allSatisfy { $0 != nil } && zip(rows, rows.dropFirst()).allSatisfy { $0! < $1! } && !hangzhou.contains(p.haishu))
            #expect(hangzhou.contains("<td class=\"num\">3</td>") && !hangzhou.contains("<td class=\"num\">2</td>"))
            #expect(try await admin.post("/rounds/\(s.round)/ranking", []).status == .found)
            #expect(try await s.status(app, s.xihu) == "proposed")
            #expect(try await s.status(app, s.haishu) == "proposed")
            #expect(try await s.status(app, s.binjiang) == "not_proposed")
            #expect(!(try await admin.get("/rounds/\(s.round)/ranking").text.contains("按排名生成拟认定名单")))

            // The confirmation page counts the working days: Friday 26 September 2025 for 5 working days
            // is 26 Sep (1), the make-up Sunday 28 Sep (2), 29 Sep (3), 30 Sep (4), then the National Day
            // holiday 1–8 October, and Thursday 9 October (5).
            let preview = try await admin.get("/rounds/\(s.round)/notice/publish?publishedOn=2025-09-26")
            #expect(preview.text.contains("<strong>2025年10月9日</strong>") && preview.text.contains("发布公示"))
            let badDate = try await admin.post("/rounds/\(s.round)/notice", [("publishedOn", "下周一")])
            #expect(badDate.status == .unprocessableContent && badDate.text.contains("id=\"field-publishedOn\"") && badDate.text.contains("value=\"下周一\""))
            #expect(try await app.count("public_notices") == 0)
            let today = LocalDate.today()
            #expect(try await admin.post("/rounds/\(s.round)/notice", [("publishedOn", today.description)]).status == .found)
            #expect(try await admin.get("/rounds/\(s.round)/decision").text.contains("\(today.year)年\(today.month)月\(today.day)日"))

            // The public notice: the proposed products, no scores; the objection form keeps what was typed.
            let visitor = Browser(client)
            let notice = try await visitor.get("/notices/\(s.round)")
            #expect(notice.status == .ok && notice.text.contains(p.xihu) && notice.text.contains(p.haishu))
            #expect(!notice.text.contains(p.binjiang) && !notice.text.contains("21.60"))
            let noPhone = try await visitor.post("/notices/\(s.round)/objection", [("applicationId", s.haishu), ("text", "销售数据不实"),
                                                                                 ("contactName", "张三"), ("contactPhone", "")])
            #expect(noPhone.status == .unprocessableContent && noPhone.text.contains("销售数据不实") && noPhone.text.contains("href=\"#field-contactPhone\""))
            #expect(try await app.count("objections") == 0)
            let filed = try await visitor.post("/notices/\(s.round)/objection", [("applicationId", s.haishu), ("text", "销售数据不实"),
                                                                               ("contactName", "张三"), ("contactPhone", "0574-88880000")])
            #expect(filed.status == .created && filed.text.contains("已收到您的异议"))
            // The contact stays private: not on the public page, shown to the province.
            #expect(!(try await visitor.get("/notices/\(s.round)").text.contains("0574-88880000")))
            let overview = try await admin.get("/rounds/\(s.round)/decision").text
            #expect(overview.contains("张三 · 0574-88880000") && overview.contains("记录调查结果"))

            // The outcome needs an answer; then upheld, with what was found.
            let objection = try #require(try await app.services.database.sql.raw("SELECT id FROM objections").first()).decode(column: "id", as: UUID.self)
            let unanswered = try await admin.post("/rounds/\(s.round)/objections/\(objection)/outcome", [("outcome", "核实存在虚报")])
            #expect(unanswered.status == .unprocessableContent && unanswered.text.contains("id=\"field-upheld-\(objection)\"") && unanswered.text.contains("核实存在虚报"))
            #expect(try await admin.post("/rounds/\(s.round)/objections/\(objection)/outcome", [("upheld", "true"), ("outcome", "核实存在虚报")]).status == .found)
            let decided = try #require(try await app.services.database.sql.raw("SELECT status FROM objections").first()).decode(column: "status", as: String.self)
            #expect(decided == "upheld")

            // 9 of 15 is 3/5, below 2/3 (10 of 15): recorded, and the page says it does not carry.
            let noMembers = try await admin.post("/rounds/\(s.round)/committee", [("members", "十五"), ("votesFor", "9")])
            #expect(noMembers.status == .unprocessableContent && noMembers.text.contains("id=\"field-members\"") && noMembers.text.contains("value=\"十五\""))
            #expect(try await app.count("committee_votes") == 0)
            #expect(try await admin.post("/rounds/\(s.round)/committee", [("members", "15"), ("votesFor", "9")]).status == .found)
            #expect(try await admin.get("/rounds/\(s.round)/decision").text.contains("表决未通过：9 票赞成（共 15 名委员），未达到 2/3"))

            // Publishing the decision confirms first, and is refused while the notice runs.
            let confirm = try await admin.get("/rounds/\(s.round)/decision/publish")
            #expect(confirm.text.contains("发布认定结果") && confirm.text.contains(p.xihu))
            let refused = try await admin.post("/rounds/\(s.round)/decision", [])
            // The refusal in the page's language: the notice still runs ("公示期至 …").
            #expect(refused.status == .conflict && refused.text.contains("公示期至"))
            #expect(try await app.count("designations") == 0)
        }
    }

    @Test("after the notice, a carrying vote lets the province publish the decision: designation records for the proposed")
    func publishDecision() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let s = try await DecisionSetup.make(app, client)
            try await s.proposeAndNotice(app, client, daysAgo: 40)
            let admin = Browser(client)
            _ = try await admin.login("admin")
            // 10 of 15 is exactly two thirds: it carries.
            #expect(try await admin.post("/rounds/\(s.round)/committee", [("members", "15"), ("votesFor", "10")]).status == .found)
            #expect(try await admin.get("/rounds/\(s.round)/decision").text.contains("表决通过：10 票赞成（共 15 名委员），达到 2/3"))
            #expect(try await admin.post("/rounds/\(s.round)/decision", []).status == .found)
            #expect(try await app.count("designations") == 2)
            #expect(try await s.status(app, s.xihu) == "designated")
            #expect(try await s.status(app, s.haishu) == "designated")
            #expect(try await admin.get("/rounds/\(s.round)/decision").text.contains("认定结果已发布，认定产品数： 2"))
            // Deciding twice is refused.
            #expect(try await admin.post("/rounds/\(s.round)/decision", []).status == .conflict)
        }
    }

    @Test("the decision pages are the province's: officers, enterprises and experts are refused; the public pages need no login")
    func permissions() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let s = try await DecisionSetup.make(app, client)
            try await s.proposeAndNotice(app, client)
            for user in ["hangzhou", "xihu", "firm", "expert"] {
                let b = Browser(client)
                _ = try await b.login(user)
                #expect(try await b.get("/rounds/\(s.round)/ranking").status == .forbidden, "\(user)")
                #expect(try await b.get("/rounds/\(s.round)/decision").status == .forbidden)
                #expect(try await b.post("/rounds/\(s.round)/ranking", []).status == .forbidden)
                #expect(try await b.post("/rounds/\(s.round)/committee", [("members", "15"), ("votesFor", "15")]).status == .forbidden)
                #expect(try await b.post("/rounds/\(s.round)/decision", []).status == .forbidden)
                #expect(try await b.post("/rounds/\(s.round)/notice", [("publishedOn", "2026-01-05")]).status == .forbidden)
            }
            #expect(try await app.count("committee_votes") == 0)
            #expect(try await Browser(client).get("/notices/\(s.round)").status == .ok)
            // An objection is decided under its own round only: under another it is not found.
            #expect(try await client.api(.post, "/api/v1/public/rounds/\(s.round)/objections", token: nil,
                                         json: #"{"applicationId": "\#(s.xihu)", "text": "质量投诉", "contactName": "李四", "contactPhone": "13800000000"}"#).status == .created)
            let objection = try #require(try await app.services.database.sql.raw("SELECT id FROM objections").first()).decode(column: "id", as: UUID.self)
            // A round without a notice has no public page.
            let other = try await ApplicationAPITests.openRound(client, app.fixtures.tokens["admin"])
            #expect(try await Browser(client).get("/notices/\(other)").status == .notFound)
            let admin = Browser(client)
            _ = try await admin.login("admin")
            #expect(try await admin.post("/rounds/\(other)/objections/\(objection)/outcome", [("upheld", "true"), ("outcome", "x")]).status == .notFound)
            let open = try #require(try await app.services.database.sql.raw("SELECT status FROM objections").first()).decode(column: "status", as: String.self)
            #expect(open == "open")
        }
    }

    @Test("public objections are limited per client: past the hour's limit the API answers 429 and the page says so, storing nothing")
    func rateLimit() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let s = try await DecisionSetup.make(app, client)
            try await s.proposeAndNotice(app, client)
            let limit = app.services.settings.publicObjectionsPerHour
            #expect(limit == 5)
            let body = #"{"applicationId": "\#(s.xihu)", "text": "质量投诉", "contactName": "李四", "contactPhone": "13800000000"}"#
            for _ in 1..<limit {
                #expect(try await client.api(.post, "/api/v1/public/rounds/\(s.round)/objections", token: nil, json: body).status == .created)
            }
            let visitor = Browser(client)
            let fifth = try await visitor.post("/notices/\(s.round)/objection", [("applicationId", s.xihu), ("text", "第五条"), ("contactName", "李四"),
                                                                               ("contactPhone", "13800000000")])
            #expect(fifth.status == .created)
            let sixth = try await client.api(.post, "/api/v1/public/rounds/\(s.round)/objections", token: nil, json: body)
            #expect(sixth.status == .tooManyRequests && sixth.json["type"] as? String == "/problems/too-many-requests")
            #expect(sixth.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            // The first of the five leaves the hour within 3,600 seconds; the client is told to wait until then.
            #expect(sixth.headers[.retryAfter].flatMap(Int.init).map { (1...3600).contains($0) } == true)
            let seventh = try await visitor.post("/notices/\(s.round)/objection", [("applicationId", s.xihu), ("text", "第七条"), ("contactName", "李四"),
                                                                                 ("contactPhone", "13800000000")])
            #expect(seventh.status == .tooManyRequests && seventh.text.contains("每小时最多 5 次") && seventh.text.contains("第七条"))
            #expect(try await app.count("objections") == limit)
        }
    }

    @Test("the limiter counts per key within its window; the limit is a setting")
    func limiter() async throws {
        let limiter = RateLimiter(limit: 2, window: 3600)
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        // Two for a, then a is full; b has its own two; an hour after a's first, a has room again.
        #expect(limiter.allow("a", now: t0))
        #expect(limiter.allow("a", now: t0.addingTimeInterval(60)))
        #expect(!(limiter.allow("a", now: t0.addingTimeInterval(120))))
        #expect(limiter.allow("b", now: t0.addingTimeInterval(120)))
        // a's oldest (t0) leaves the window at t0 + 3600: 3600 − 120 = 3480 seconds to wait.
        #expect(limiter.retryAfter("a", now: t0.addingTimeInterval(120)) == 3480)
        #expect(limiter.retryAfter("b", now: t0.addingTimeInterval(120)) == 0)
        #expect(limiter.allow("a", now: t0.addingTimeInterval(3600)))
        #expect(!(limiter.allow("a", now: t0.addingTimeInterval(3601))))
        // A high limit: each event costs the same however many the window holds; the window slides one event at a time.
        let busy = RateLimiter(limit: 10_000, window: 60)
        let step = 1.0 / 1024  // exact in binary, so the window's edges are exact
        for i in 0..<10_000 { #expect(busy.allow("k", now: t0.addingTimeInterval(Double(i) * step))) }  // 10,000 in under 10 s
        #expect(!busy.allow("k", now: t0.addingTimeInterval(30)))
        #expect(busy.retryAfter("k", now: t0.addingTimeInterval(30)) == 30)  // the first leaves at t0 + 60
        #expect(busy.allow("k", now: t0.addingTimeInterval(60)))  // the first has left: room for one
        #expect(!busy.allow("k", now: t0.addingTimeInterval(60)))
        #expect(busy.allow("k", now: t0.addingTimeInterval(60 + step)))  // the second has left too
        #expect(try Settings.load(environment: ["PUBLIC_OBJECTIONS_PER_HOUR": "2"], dotEnvPath: "/nonexistent").publicObjectionsPerHour == 2)
        #expect(throws: Settings.Invalid.self) { try Settings.load(environment: ["PUBLIC_OBJECTIONS_PER_HOUR": "0"], dotEnvPath: "/nonexistent") }
    }
}
