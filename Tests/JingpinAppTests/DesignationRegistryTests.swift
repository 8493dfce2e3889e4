import Foundation
import Hummingbird
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import NIOCore
import SQLKit
import Testing

/// Designated products through HTTP: certificates and codes issued at the decision, the
/// lifecycle's steps for the province only, each scan's answer without confidential fields,
/// the daily expiry and the per-client limit on verification.
@Suite("Designated products: certificates, lifecycle, verification")
struct DesignationRegistryTests {
    /// Two draft applications of Xihu's in an open round, designated on `designatedOn` directly
    /// through `DesignationRegistry.issue` (the decision itself is tested end to end elsewhere).
    static func designate(_ app: TestApp, _ client: any TestClientProtocol, on designatedOn: LocalDate) async throws -> [DesignationModel] {
        let t = app.fixtures.tokens
        let round = try await ApplicationAPITests.openRound(client, t["admin"])
        var out: [DesignationModel] = []
        for name in ["精密数控车床", "五轴加工中心"] {
            let product = try #require(try await client.api(.post, "/api/v1/enterprises/\(app.fixtures.xihuEnterprise.id)/products", token: t["firm"],
                                                            json: #"{"name":"\#(name)","category":"advanced_manufacturing"}"#).json["id"] as? String)
            let id = try #require(try await client.api(.post, "/api/v1/rounds/\(round)/applications", token: t["firm"],
                                                       json: ApplicationAPITests.applicationBody(product)).json["id"] as? String)
            let a = try #require(try await ApplicationModel.find(UUID(uuidString: id), on: app.services.database.db))
            let terms = DesignationTerms(validityYears: 3, reviewGraceDays: 30)
            let d = try await app.services.database.db.transaction { tx in
                try await RegistryService.issue(a, seriesID: a.roundSeriesID, year: designatedOn.year, on: designatedOn, terms: terms, at: Date(), tx)
            }
            out.append(d)
        }
        return out
    }

    @Test("issued in order with a valid code; every scan answer, public fields only; the province alone moves the lifecycle")
    func lifecycle() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let on = try LocalDate("2026-07-10")
            let ds = try await Self.designate(app, client, on: on)
            // Numbered in order within the year; three years' validity ends the day before the third anniversary.
            #expect(ds.map(\.certificateNumber) == ["ZJJP-2026-0001", "ZJJP-2026-0002"])
            #expect(ds.allSatisfy { $0.validUntil == "2029-07-09" && $0.status == "designated" })
            let code = try #require(ds[0].verificationCode)
            #expect(code.count == 14 && VerificationCode(code)?.value == code)  // its check symbol holds (the algorithm is tested in the core)

            func verify(_ c: String) async throws -> [String: Any] { try await client.api(.get, "/api/v1/public/verify/\(c)", token: nil).json }
            var v = try await verify(code)
            #expect(v["outcome"] as? String == "authentic" && v["product"] as? String == "精密数控车床" && v["certificateNumber"] as? String == "ZJJP-2026-0001")
            // Only public fields: never contacts, scores, filings or ids.
            let allowed: Set<String> = ["outcome", "outcomeName", "code", "certificateNumber", "product", "enterprise", "designatedOn", "validUntil",
                                        "reason", "suspendedUntil"]
            #expect(Set(v.keys).isSubset(of: allowed))
            // Typed as printed, in lower case: the same answer. One symbol wrong: not found.
            let printed = try #require(VerificationCode(code)).description
            #expect(try await verify(printed.lowercased())["outcome"] as? String == "authentic")
            var typo = Array(code)
            typo[3] = typo[3] == "7" ? "8" : "7"
            #expect(try await verify(String(typo))["outcome"] as? String == "not_found")
            #expect(Set(try await verify(String(typo)).keys) == ["outcome", "outcomeName", "code"])

            let events = "/api/v1/designations/\(ds[0].id!)/events"
            // The province's list and records are the province's alone; the reviews are the province's and the enterprise's.
            for name in ["firm", "hangzhou", "xihu", "expert", "bank"] {
                #expect(try await client.api(.get, "/api/v1/designations", token: t[name]).status == .forbidden, "\(name)")
                #expect(try await client.api(.get, "/api/v1/designations/\(ds[0].id!)", token: t[name]).status == .forbidden, "\(name)")
            }
            for name in ["hangzhou", "xihu", "expert", "bank"] {
                #expect(try await client.api(.get, "/api/v1/annual-reviews", token: t[name]).status == .forbidden, "\(name)")
            }
            // Not the enterprise's, not an officer's; a suspension needs a reason; nothing changes.
            #expect(try await client.api(.post, events, token: t["firm"], json: #"{"event": "suspend", "reason": "x"}"#).status == .forbidden)
            #expect(try await client.api(.post, events, token: t["hangzhou"], json: #"{"event": "suspend", "reason": "x"}"#).status == .forbidden)
            let noReason = try await client.api(.post, events, token: t["admin"], json: #"{"event": "suspend", "reason": " "}"#)
            #expect(noReason.status == .unprocessableContent && RoundAPITests.errors(noReason).map(\.pointer) == ["/reason"])
            #expect(try await client.api(.post, events, token: t["admin"], json: #"{"event": "expire"}"#).status == .unprocessableContent)
            #expect(try await verify(code)["outcome"] as? String == "authentic")

            let until = LocalDate.today().adding(days: 30).description
            #expect(try await client.api(.post, events, token: t["admin"], json: #"{"event": "suspend", "reason": "年度复核逾期", "until": "\#(until)"}"#).status == .ok)
            v = try await verify(code)
            #expect(v["outcome"] as? String == "suspended" && v["suspendedUntil"] as? String == until && v["reason"] == nil)
            #expect(try await client.api(.post, events, token: t["admin"], json: #"{"event": "reinstate", "reason": "已提交复核材料"}"#).status == .ok)
            #expect(try await verify(code)["outcome"] as? String == "authentic")
            #expect(try await client.api(.post, events, token: t["admin"], json: #"{"event": "revoke", "reason": "发生重大质量事故"}"#).status == .ok)
            v = try await verify(code)
            #expect(v["outcome"] as? String == "revoked" && v["reason"] as? String == "发生重大质量事故")
            // A revoked designation is final.
            #expect(try await client.api(.post, events, token: t["admin"], json: #"{"event": "reinstate", "reason": "x"}"#).status == .conflict)
            let history = try await client.api(.get, "/api/v1/designations/\(ds[0].id!)", token: t["admin"]).json["events"] as? [[String: Any]] ?? []
            #expect(history.compactMap { $0["event"] as? String } == ["suspend", "reinstate", "revoke"])
            #expect(try await app.count("audit_entries WHERE action LIKE 'designation.%'") == 3)

            // The page answers at a glance.
            let page = try await client.execute(uri: "/verify/\(ds[1].verificationCode!)", method: .get, headers: [:], body: nil)
            #expect(page.status == .ok && page.text.contains("真品") && page.text.contains("ZJJP-2026-0002"))
            let none = try await client.execute(uri: "/verify/\(String(typo))", method: .get, headers: [:], body: nil)
            #expect(none.text.contains("未找到") && !none.text.contains("ZJJP-"))
        }
    }

    @Test("the daily tick expires what ran out, once; a scan then says expired")
    func expiry() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            // Designated 2022-07-10 for three years: valid through 2025-07-09.
            let ds = try await Self.designate(app, client, on: try LocalDate("2022-07-10"))
            #expect(ds[0].validUntil == "2025-07-09")
            let registry = RegistryService(database: app.services.database, rules: app.services.rules)
            #expect(try await registry.tick(today: try LocalDate("2025-07-09"), requestID: "t") == 0)  // the last valid day
            #expect(try await registry.tick(today: try LocalDate("2025-07-10"), requestID: "t") == 2)
            #expect(try await registry.tick(today: try LocalDate("2025-07-11"), requestID: "t") == 0)  // once
            let v = try await client.api(.get, "/api/v1/public/verify/\(ds[0].verificationCode!)", token: nil).json
            #expect(v["outcome"] as? String == "expired")
            #expect(try await app.count("designation_events WHERE event = 'expire' AND actor = 'system:lifecycle'") == 2)
        }
    }

    @Test("verification answers from memory: a write here is seen by the next scan; another process's, once the snapshot is old")
    func index() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let ds = try await Self.designate(app, client, on: try LocalDate("2026-07-10"))
            let code = try #require(ds[0].verificationCode)
            let today = try LocalDate("2026-11-30")
            // The service's own index: a revocation through the registry is the next scan's answer.
            #expect(try await app.services.verificationIndex.verify(code, today: today, language: .en).outcome == "authentic")
            let registry = RegistryService(database: app.services.database, rules: app.services.rules)
            _ = try await registry.apply(.revoke(reason: "抽查不合格"), to: ds[0].id!, actor: .user("admin"), requestID: "t")
            let revoked = try await app.services.verificationIndex.verify(code, today: today, language: .en)
            #expect(revoked.outcome == "revoked" && revoked.reason == "抽查不合格")
            // Two more indexes stand for other instances: a change they did not see (written past Fluent, as another
            // process's would be) is answered from the snapshot until it is `maxAge` old, then reloaded.
            let patient = VerificationIndex(database: app.services.database, maxAge: .seconds(3600))
            let eager = VerificationIndex(database: app.services.database, maxAge: .zero)
            let second = try #require(ds[1].verificationCode)
            #expect(try await patient.verify(second, today: today, language: .en).outcome == "authentic")
            #expect(try await eager.verify(second, today: today, language: .en).outcome == "authentic")
            try await app.services.database.sql.raw("UPDATE designations SET status = 'suspended' WHERE verification_code = \(bind: second)").run()
            #expect(try await patient.verify(second, today: today, language: .en).outcome == "authentic", "within its age, the snapshot answers")
            #expect(try await eager.verify(second, today: today, language: .en).outcome == "suspended", "past its age, it is reloaded")
            let other = eager
            // Not a code (a typo fails the check symbol), or no such code: not found, without a lookup's fields.
            let none = try await other.verify("0000-0000-0000-01", today: today, language: .en)
            #expect(none.outcome == "not_found" && none.certificateNumber == nil)
        }
    }

    @Test("the kept encoded answer is JSONEncoder's encoding of the answer, per language and day, and a write here replaces it")
    func encodedAnswers() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let ds = try await Self.designate(app, client, on: try LocalDate("2026-07-10"))
            let code = try #require(ds[0].verificationCode)
            let index = app.services.verificationIndex
            // The second method: encoding `verify`'s answer afresh with the API's encoder.
            func encoded(_ text: String, _ day: LocalDate, _ l: Language) async throws -> String {
                String(decoding: try JSONResponse.encoder.encode(try await index.verify(text, today: day, language: l)), as: UTF8.self)
            }
            func kept(_ text: String, _ day: LocalDate, _ l: Language) async throws -> String {
                String(buffer: try await index.answer(text, today: day, language: l))
            }
            let today = try LocalDate("2026-11-30")
            for l in Language.allCases {
                let first = try await kept(code, today, l)
                let fresh = try await encoded(code, today, l)
                let second = try await kept(code, today, l)
                #expect(first == fresh)
                #expect(second == first, "the second scan is the kept answer")
            }
            // A day past the validity: expired, not the kept "authentic" of another day.
            let later = try LocalDate("2029-07-10")
            let expired = try await kept(code, later, .en)
            let expiredFresh = try await encoded(code, later, .en)
            #expect(expired == expiredFresh && expired.contains(#""outcome":"expired""#))
            // A revocation here: the next scan's answer is the new one, in both languages.
            let registry = RegistryService(database: app.services.database, rules: app.services.rules)
            _ = try await registry.apply(.revoke(reason: "抽查不合格"), to: ds[0].id!, actor: .user("admin"), requestID: "t")
            for l in Language.allCases {
                let after = try await kept(code, today, l)
                let afterFresh = try await encoded(code, today, l)
                #expect(after.contains(#""outcome":"revoked""#) && after == afterFresh)
            }
            // Not found echoes what was typed: the same bytes as the encoder's, escaping included.
            let odd = #"0000-"quote"\back/slash-中"#
            let oddKept = try await kept(odd, today, .zhHans)
            let oddFresh = try await encoded(odd, today, .zhHans)
            #expect(oddKept == oddFresh)
        }
    }

    @Test("the business day is today's date in Shanghai, on both sides of midnight there")
    func businessDay() throws {
        // 2026-12-06T15:59:59Z is 23:59:59 in Shanghai (UTC+8) on the 6th; a second later it is the 7th.
        let beforeMidnight = Date(timeIntervalSince1970: 1_796_572_799)
        let atMidnight = Date(timeIntervalSince1970: 1_796_572_800)
        #expect(BusinessDay.today(now: beforeMidnight) == (try LocalDate("2026-12-06")))
        #expect(BusinessDay.today(now: atMidnight) == (try LocalDate("2026-12-07")))
        // Back again (a clock set back): not the kept later day.
        #expect(BusinessDay.today(now: beforeMidnight) == (try LocalDate("2026-12-06")))
        #expect(BusinessDay.today() == LocalDate.today())
    }

    @Test("verification is limited per client: past the minute's limit, 429 with Retry-After")
    func limit() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let n = app.services.settings.publicVerificationsPerMinute
            #expect(n == 120)
            for _ in 0..<n {
                #expect(try await client.api(.get, "/api/v1/public/verify/0000-0000-0000-00", token: nil).status == .ok)
            }
            let over = try await client.api(.get, "/api/v1/public/verify/0000-0000-0000-00", token: nil)
            #expect(over.status == .tooManyRequests && over.headers[.retryAfter] != nil)
            #expect(try await client.execute(uri: "/verify/0000-0000-0000-00", method: .get, headers: [:], body: nil).status == .tooManyRequests)
        }
        #expect(try Settings.load(environment: ["PUBLIC_VERIFICATIONS_PER_MINUTE": "30"], dotEnvPath: "/nonexistent").publicVerificationsPerMinute == 30)
    }

    @Test("the public registry: live products by default, filters, public fields only; the product page, certificate and QR code")
    func registry() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let ds = try await Self.designate(app, client, on: try LocalDate("2026-07-10"))
            #expect(try await client.api(.post, "/api/v1/designations/\(ds[1].id!)/events", token: t["admin"],
                                         json: #"{"event": "revoke", "reason": "抽检不合格"}"#).status == .ok)
            func list(_ query: String) async throws -> TestResponse { try await client.api(.get, "/api/v1/public/designations\(query)", token: nil) }
            let live = try await list("").json
            let items = live["items"] as? [[String: Any]] ?? []
            #expect(live["total"] as? Int == 1 && items.first?["product"] as? String == "精密数控车床" && items.first?["city"] as? String == "杭州市")
            let allowed: Set<String> = ["id", "certificateNumber", "product", "category", "enterprise", "city", "cityCode", "sector", "year", "status",
                                        "statusName", "validUntil", "reason"]
            #expect(items.allSatisfy { Set($0.keys).isSubset(of: allowed) })
            let revoked = try await list("?status=revoked").json["items"] as? [[String: Any]] ?? []
            #expect(revoked.count == 1 && revoked.first?["reason"] as? String == "抽检不合格")
            #expect(try await list("?q=%E8%BD%A6%E5%BA%8A").json["total"] as? Int == 1)  // 车床
            #expect(try await list("?city=330200").json["total"] as? Int == 0)
            #expect(try await list("?year=2025").json["total"] as? Int == 0)
            let bad = try await list("?city=330106&status=lost")
            #expect(bad.status == .unprocessableContent && RoundAPITests.errors(bad).map(\.pointer).sorted() == ["/city", "/status"])

            func get(_ uri: String) async throws -> TestResponse { try await client.execute(uri: uri, method: .get, headers: [:], body: nil) }
            #expect(try await get("/registry").text.contains("精密数控车床"))
            let entry = try await get("/registry/\(ds[0].id!)")
            #expect(entry.status == .ok && entry.text.contains("<svg") && entry.text.contains(VerificationCode(ds[0].verificationCode!)!.description))
            #expect(try await get("/registry/\(ds[0].id!)/certificate").text.contains("ZJJP-2026-0001"))
            let png = try await get("/registry/\(ds[0].id!)/qr.png")
            #expect(png.status == .ok && png.headers[.contentType] == "image/png" && Array(png.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            #expect(try await get("/registry/\(UUID())").status == .notFound)
        }
    }

    @Test("designating a product again renews its earlier designation: the old code then answers expired")
    func renewal() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let ds = try await Self.designate(app, client, on: try LocalDate("2026-07-10"))
            // The same product's application in a later round (one designation per application).
            let first = try #require(try await ApplicationModel.find(ds[0].applicationID, on: app.services.database.db))
            let a = ApplicationModel()
            a.id = UUID()
            a.roundID = first.roundID
            a.roundSeriesID = UUID()
            a.enterpriseID = first.enterpriseID
            a.productID = first.productID
            a.countyCode = first.countyCode
            a.cityCode = first.cityCode
            a.category = first.category
            a.status = ApplicationStatus.designated.rawValue
            a.declaresTruthful = true
            a.declaresNoVeto = true
            a.createdBy = "test"
            a.createdAt = Date()
            a.updatedAt = Date()
            try await a.create(on: app.services.database.db)
            let again = try await app.services.database.db.transaction { tx in
                try await RegistryService.issue(a, seriesID: a.roundSeriesID, year: 2029, on: try LocalDate("2029-07-10"),
                                                    terms: DesignationTerms(validityYears: 3, reviewGraceDays: 30), at: Date(), tx)
            }
            #expect(again.certificateNumber == "ZJJP-2029-0001")
            func outcome(_ d: DesignationModel) async throws -> String? {
                try await client.api(.get, "/api/v1/public/verify/\(d.verificationCode!)", token: nil).json["outcome"] as? String
            }
            #expect(try await outcome(ds[0]) == "expired")
            #expect(try await outcome(again) == "authentic")
            #expect(try await outcome(ds[1]) == "authentic")  // the other product is untouched
            let old = try #require(try await DesignationModel.find(ds[0].id, on: app.services.database.db))
            #expect(old.status == "renewed")
        }
    }

    @Test("a suspected fake is reported by anyone, contacts kept out of the audit log; the province alone reads and closes reports")
    func fakeReports() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let ds = try await Self.designate(app, client, on: try LocalDate("2026-07-10"))
            let code = ds[0].verificationCode!
            // The page's form: a missing place and a bad phone are named beside their fields; nothing is stored.
            let b = Browser(client)
            let page = try await b.get("/verify/\(code)/report")
            #expect(page.status == .ok && page.text.contains("value=\"\(code)\""))
            let bad = try await b.post("/verify/\(code)/report", [("code", code), ("whereBought", " "), ("description", "包装粗糙"), ("contactPhone", "call me")])
            #expect(bad.status == .unprocessableContent && bad.text.contains("请填写购买地点") && bad.text.contains("电话号码只能包含数字") && bad.text.contains("包装粗糙"))
            #expect(try await app.count("fake_reports") == 0)
            let ok = try await b.post("/verify/\(code)/report", [("code", code), ("whereBought", "某网店"), ("description", "验证码查询结果与包装不符"),
                                                                ("contactName", "王先生"), ("contactPhone", "0571-88888888")])
            #expect(ok.status == .ok && ok.text.contains("举报已收到"))
            // Through the API, with an unknown code: stored without a designation.
            let api = try await client.api(.post, "/api/v1/public/fake-reports", token: nil,
                                           json: #"{"code": "NOT-A-CODE", "whereBought": "夜市", "description": "标识印刷模糊"}"#)
            #expect(api.status == .created)
            #expect(try await app.count("audit_entries WHERE action = 'fake_report.file' AND new_value LIKE '%王先生%'") == 0)
            #expect(try await app.count("audit_entries WHERE action = 'fake_report.file' AND new_value LIKE '%88888888%'") == 0)

            // Only the province reads them (with contacts) and closes them with an outcome.
            #expect(try await client.api(.get, "/api/v1/fake-reports", token: t["hangzhou"]).status == .forbidden)
            #expect(try await client.api(.get, "/api/v1/fake-reports", token: t["firm"]).status == .forbidden)
            let items = try await client.api(.get, "/api/v1/fake-reports?status=open", token: t["admin"]).json["items"] as? [[String: Any]] ?? []
            #expect(items.count == 2)
            let mine = try #require(items.first { $0["contactName"] as? String == "王先生" })
            #expect(mine["designationId"] as? String == ds[0].id!.uuidString)
            let id = try #require(mine["id"] as? String)
            #expect(try await client.api(.post, "/api/v1/fake-reports/\(id)/outcome", token: t["admin"], json: #"{"outcome": ""}"#).status == .unprocessableContent)
            #expect(try await client.api(.post, "/api/v1/fake-reports/\(id)/outcome", token: t["admin"], json: #"{"outcome": "已移交市场监管部门"}"#).status == .ok)
            #expect(try await client.api(.post, "/api/v1/fake-reports/\(id)/outcome", token: t["admin"], json: #"{"outcome": "again"}"#).status == .conflict)
            #expect((try await client.api(.get, "/api/v1/fake-reports?status=closed", token: t["admin"]).json["items"] as? [Any])?.count == 1)
        }
    }

    @Test("targets: live designations count, revoked ones do not; the projection adds the pipeline at the past rounds' rate; officials only")
    func targets() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let sql = app.services.database.sql
            let ds = try await Self.designate(app, client, on: try LocalDate("2026-07-10"))
            let seriesA = ds[0].roundSeriesID
            // Round A decided: its two designated applications and two more not designated → rate 2/4.
            try await sql.raw("UPDATE designation_applications SET status = 'designated' WHERE round_series_id = \(bind: seriesA)").run()
            var products: [String] = []
            for name in ["智能传感器", "工业机器人", "伺服电机"] {
                products.append(try #require(try await client.api(.post, "/api/v1/enterprises/\(app.fixtures.xihuEnterprise.id)/products", token: t["firm"],
                                                                  json: #"{"name":"\#(name)","category":"advanced_manufacturing"}"#).json["id"] as? String))
            }
            let roundA = try #require(try await sql.raw("SELECT round_id FROM designation_applications WHERE round_series_id = \(bind: seriesA)").first())
                .decode(column: "round_id", as: UUID.self)
            for p in products.prefix(2) {
                let id = try #require(try await client.api(.post, "/api/v1/rounds/\(roundA)/applications", token: t["firm"],
                                                           json: ApplicationAPITests.applicationBody(p)).json["id"] as? String)
                try await sql.raw("UPDATE designation_applications SET status = 'not_designated' WHERE id = \(bind: UUID(uuidString: id)!)").run()
            }
            // Round B running: three applications in expert review.
            let roundB = try await ApplicationAPITests.openRound(client, t["admin"])
            for p in products {
                let id = try #require(try await client.api(.post, "/api/v1/rounds/\(roundB)/applications", token: t["firm"],
                                                           json: ApplicationAPITests.applicationBody(p)).json["id"] as? String)
                try await sql.raw("UPDATE designation_applications SET status = 'in_expert_review' WHERE id = \(bind: UUID(uuidString: id)!)").run()
            }
            #expect(try await client.api(.post, "/api/v1/designations/\(ds[1].id!)/events", token: t["admin"],
                                         json: #"{"event": "revoke", "reason": "质量事故"}"#).status == .ok)

            // By hand: live 1 (one revoked); pipeline 3 × 2/4 = 1.5 → 1; projected 2; the seeded targets are 50 and 100.
            let items = try await client.api(.get, "/api/v1/targets", token: t["hangzhou"]).json["items"] as? [[String: Any]] ?? []
            #expect(items.compactMap { $0["count"] as? Int } == [50, 100])
            #expect(items.first?["achieved"] as? Int == 1 && items.first?["pipeline"] as? Int == 3)
            #expect(items.first?["conversion"] as? String == "2 / 4" && items.first?["projected"] as? Int == 2 && items.first?["onTrack"] as? Bool == false)

            // A target for Ningbo counts nothing of Hangzhou's; a bad one is refused, field by field.
            #expect(try await client.api(.post, "/api/v1/targets", token: t["admin"],
                                         json: #"{"labelZh": "宁波", "labelEn": "Ningbo", "count": 1, "deadline": "2027-12-31", "city": "330200"}"#).status == .created)
            let bad = try await client.api(.post, "/api/v1/targets", token: t["admin"], json: #"{"labelZh": "x", "labelEn": "x", "count": 0, "deadline": "soon", "city": "330106"}"#)
            #expect(RoundAPITests.errors(bad).map(\.pointer) == ["/count", "/deadline", "/city"])
            let ningbo = (try await client.api(.get, "/api/v1/targets", token: t["admin"]).json["items"] as? [[String: Any]] ?? []).first { $0["cityCode"] as? String == "330200" }
            #expect(ningbo?["achieved"] as? Int == 0 && ningbo?["projected"] as? Int == 0)
            #expect(try await app.count("audit_entries WHERE action = 'target.create'") == 1)

            // Officials only; only the province adds.
            #expect(try await client.api(.get, "/api/v1/targets", token: t["firm"]).status == .forbidden)
            #expect(try await client.api(.get, "/api/v1/targets", token: t["expert"]).status == .forbidden)
            #expect(try await client.api(.post, "/api/v1/targets", token: t["hangzhou"], json: "{}").status == .forbidden)
            let b = Browser(client)
            _ = try await b.login("xihu")
            let page = try await b.get("/targets")
            #expect(page.status == .ok && page.text.contains("预计难以达成") && page.text.contains("<svg") && !page.text.contains("新增目标"))
        }
    }

    @Test("annual reviews: opened on the anniversary, submitted by the enterprise, decided by the province; overdue past the grace period suspends")
    func annualReviews() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let ds = try await Self.designate(app, client, on: try LocalDate("2025-03-10"))
            let reviews = AnnualReviewService(database: app.services.database, rules: app.services.rules)
            func status(_ d: DesignationModel) async throws -> String? { try await DesignationModel.find(d.id, on: app.services.database.db)?.status }
            // The day before the anniversary nothing opens; on it both do, due a month later (30 days: 2026-04-09).
            #expect(try await reviews.tick(today: try LocalDate("2026-03-09"), requestID: "t") == (0, 0))
            #expect(try await reviews.tick(today: try LocalDate("2026-03-10"), requestID: "t") == (2, 0))
            #expect(try await reviews.tick(today: try LocalDate("2026-03-11"), requestID: "t") == (0, 0))  // once a year
            #expect(try await status(ds[0]) == "under_review")
            let items = try await client.api(.get, "/api/v1/annual-reviews", token: t["firm"]).json["items"] as? [[String: Any]] ?? []
            #expect(items.count == 2 && items.allSatisfy { $0["dueOn"] as? String == "2026-04-09" && $0["status"] as? String == "open" })
            let first = try #require(items.first { $0["designationId"] as? String == ds[0].id!.uuidString }?["id"] as? String)
            let second = try #require(items.first { $0["designationId"] as? String == ds[1].id!.uuidString }?["id"] as? String)

            // The enterprise submits; not the county, and not with a missing figure.
            let body = #"{"salesFen": 1250000000, "incidents": "", "complaints": 2}"#
            #expect(try await client.api(.put, "/api/v1/annual-reviews/\(first)", token: t["xihu"], json: body).status == .forbidden)
            let missing = try await client.api(.put, "/api/v1/annual-reviews/\(first)", token: t["firm"], json: #"{"incidents": ""}"#)
            #expect(RoundAPITests.errors(missing).map(\.pointer) == ["/salesFen", "/complaints"])
            #expect(try await client.api(.put, "/api/v1/annual-reviews/\(first)", token: t["firm"], json: body).json["status"] as? String == "submitted")
            #expect(try await client.api(.put, "/api/v1/annual-reviews/\(first)", token: t["firm"], json: body).status == .conflict)
            // The province accepts: designated again. Others may not decide.
            #expect(try await client.api(.post, "/api/v1/annual-reviews/\(first)/decision", token: t["hangzhou"], json: #"{"accept": true}"#).status == .forbidden)
            #expect(try await client.api(.post, "/api/v1/annual-reviews/\(first)/decision", token: t["admin"], json: #"{"accept": true}"#).status == .ok)
            #expect(try await status(ds[0]) == "designated")

            // The second is never submitted: due 2026-04-09, grace 30 days (the 2025 rule) → still fine on 2026-05-09, suspended on 2026-05-10.
            #expect(try await reviews.tick(today: try LocalDate("2026-05-09"), requestID: "t") == (0, 0))
            #expect(try await reviews.tick(today: try LocalDate("2026-05-10"), requestID: "t") == (0, 1))
            #expect(try await reviews.tick(today: try LocalDate("2026-05-11"), requestID: "t") == (0, 0))
            #expect(try await status(ds[1]) == "suspended")
            #expect(try await client.api(.get, "/api/v1/public/verify/\(ds[1].verificationCode!)", token: nil).json["outcome"] as? String == "suspended")
            // Late, the enterprise catches up; refusing needs a note; accepting reinstates.
            #expect(try await client.api(.put, "/api/v1/annual-reviews/\(second)", token: t["firm"], json: body).status == .ok)
            #expect(try await client.api(.post, "/api/v1/annual-reviews/\(second)/decision", token: t["admin"], json: #"{"accept": false}"#).status == .unprocessableContent)
            #expect(try await client.api(.post, "/api/v1/annual-reviews/\(second)/decision", token: t["admin"], json: #"{"accept": true}"#).status == .ok)
            #expect(try await status(ds[1]) == "designated")
            let events = try await client.api(.get, "/api/v1/designations/\(ds[1].id!)", token: t["admin"]).json["events"] as? [[String: Any]] ?? []
            #expect(events.compactMap { $0["event"] as? String } == ["start_review", "suspend", "reinstate"])
        }
    }

    @Test("national recognitions: the province records them; the product's public page and record show its own and its enterprise's")
    func recognitions() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let ds = try await Self.designate(app, client, on: try LocalDate("2026-07-10"))
            let path = "/api/v1/enterprises/\(app.fixtures.xihuEnterprise.id)/recognitions"
            let product = ds[0].productID.uuidString
            // A product's recognition names the product; a bad year and kind are named; nothing is stored.
            let bad = try await client.api(.post, path, token: t["admin"], json: #"{"kind": "single_champion_product", "title": "数控车床", "year": 1980, "issuer": "工信部"}"#)
            #expect(RoundAPITests.errors(bad).map(\.pointer) == ["/year", "/productId"])
            #expect(try await app.count("national_recognitions") == 0)
            #expect(try await client.api(.post, path, token: t["hangzhou"], json: "{}").status == .forbidden)
            #expect(try await client.api(.post, path, token: t["admin"], json: #"""
                {"kind": "single_champion_product", "title": "第八批制造业单项冠军产品", "year": 2024, "issuer": "工业和信息化部", "productId": "\#(product)"}
                """#).status == .created)
            #expect(try await client.api(.post, path, token: t["admin"], json: #"""
                {"kind": "china_quality_award_nomination", "title": "第五届中国质量奖提名奖", "year": 2023, "issuer": "国家市场监督管理总局"}
                """#).status == .created)
            // The first product shows both; the second only the enterprise's.
            let first = try await client.api(.get, "/api/v1/public/designations/\(ds[0].id!)", token: nil).json["recognitions"] as? [[String: Any]] ?? []
            #expect(first.compactMap { $0["year"] as? Int } == [2024, 2023])
            let second = try await client.api(.get, "/api/v1/public/designations/\(ds[1].id!)", token: nil).json["recognitions"] as? [[String: Any]] ?? []
            #expect(second.compactMap { $0["kind"] as? String } == ["china_quality_award_nomination"])
            let page = try await client.execute(uri: "/registry/\(ds[0].id!)", method: .get, headers: [:], body: nil)
            #expect(page.text.contains("制造业单项冠军产品") && page.text.contains("中国质量奖提名奖"))
        }
    }

    @Test("the pages: the province records a lifecycle step (a reason beside the field when missing); the enterprise submits its review, the province decides")
    func pages() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let ds = try await Self.designate(app, client, on: try LocalDate("2025-03-10"))
            let admin = Browser(client)
            _ = try await admin.login("admin")
            #expect(try await admin.get("/designations").text.contains("ZJJP-2025-0001"))
            let page = "/designations/\(ds[0].id!)"
            let noReason = try await admin.post(page, [("event", "suspend"), ("reason", ""), ("until", "")])
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("请说明理由"))
            #expect(try await admin.post(page, [("event", "suspend"), ("reason", "抽检不合格，限期整改"), ("until", "")]).status == .found)
            #expect(try await admin.get(page).text.contains("抽检不合格，限期整改"))
            let refused = try await admin.post(page, [("event", "pass_review"), ("reason", "")])
            #expect(refused.status == .unprocessableContent)  // not from suspended: the table's refusal, beside the step
            #expect(try await admin.post(page, [("event", "reinstate"), ("reason", "整改完成")]).status == .found)

            // The anniversary opens the reviews; the enterprise submits one on its page.
            _ = try await AnnualReviewService(database: app.services.database, rules: app.services.rules).tick(today: LocalDate.today(), requestID: "t")
            let review = try #require(try await app.services.database.sql.raw("SELECT id FROM annual_reviews WHERE designation_id = \(bind: ds[0].id!)").first())
                .decode(column: "id", as: UUID.self)
            let firm = Browser(client)
            _ = try await firm.login("firm")
            #expect(try await firm.get("/annual-reviews").text.contains("/annual-reviews/\(review.uuidString)/submit"))
            let bad = try await firm.post("/annual-reviews/\(review.uuidString)/submit", [("sales", "很多"), ("complaints", "0"), ("incidents", "")])
            #expect(bad.status == .unprocessableContent && bad.text.contains("请输入上年度产品销售额") && bad.text.contains("value=\"很多\""))
            #expect(try await firm.post("/annual-reviews/\(review.uuidString)/submit", [("sales", "12,000,000"), ("complaints", "1"), ("incidents", "")]).status == .found)
            #expect(try await firm.get("/designations").status == .forbidden)
            let county = Browser(client)
            _ = try await county.login("xihu")
            #expect(try await county.get("/annual-reviews").status == .forbidden)
            // The province: refusing needs a note; accepting puts the designation back in good standing.
            let noNote = try await admin.post("/annual-reviews/\(review.uuidString)/decision", [("accept", "false"), ("note", "")])
            #expect(noNote.status == .unprocessableContent && noNote.text.contains("不予通过须说明理由"))
            #expect(try await admin.post("/annual-reviews/\(review.uuidString)/decision", [("accept", "true"), ("note", "")]).status == .found)
            #expect(try await DesignationModel.find(ds[0].id, on: app.services.database.db)?.status == "designated")
        }
    }
}
