import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import SQLKit
import Testing

/// The round pages: the list, the configuration page, the form (errors beside the fields, typed
/// values kept), opening after a confirmation, a new version of an open round, and who may.
@Suite("Round pages: configure, open and version a round without JavaScript")
struct RoundPageTests {
    /// A sound 2027 round as the form posts it: quality 60 % (a linear data indicator 60 %, an
    /// expert band 40 %) in pillar slot 0, and a second pillar in `secondSlot` at 40 % whose one
    /// indicator (rank within sector) sits in indicator slot 1 with weight `secondIndicatorWeight`.
    static func form(title: String = "2027年第一批", quota: String = "25", secondSlot: Int = 1, secondIndicatorWeight: String = "100",
                     qualityWeight: String = "60") -> [(String, String)] {
        var f: [(String, String)] = [("year", "2027"), ("titleZh", title), ("titleEn", "2027 first round"),
                                     ("sectors", "manufacturing"), ("categories", "advanced_manufacturing"), ("categories", "digital_fusion"),
                                     ("eligibilityRuleSet", "designation.2025"), ("quota", quota), ("noticeWorkingDays", "5"),
                                     ("voteThreshold/numerator", "2"), ("voteThreshold/denominator", "3"), ("divergenceThresholdPoints", "20"),
                                     ("sameCityConflicts", "true"), ("tieBreaks/0", "pillar:quality"), ("tieBreaks/1", "earlier_submission"), ("tieBreaks/2", "")]
        let dates = [("2027-03-01", "2027-03-31"), ("2027-04-01", "2027-04-15"), ("2027-04-16", "2027-04-30"), ("2027-05-01", "2027-05-15"),
                     ("2027-05-16", "2027-06-15"), ("2027-06-16", "2027-06-30"), ("2027-07-01", "2027-07-15")]
        for (i, d) in dates.enumerated() { f += [("stages/\(i)/opens", d.0), ("stages/\(i)/deadline", d.1)] }
        let q = "scorecard/pillars/0"
        f += [("\(q)/weightBP", qualityWeight),
              ("\(q)/indicators/0/id", "quality.defect_ppm"), ("\(q)/indicators/0/labelZh", "不良率"), ("\(q)/indicators/0/labelEn", "Defect rate"),
              ("\(q)/indicators/0/weightBP", "60"), ("\(q)/indicators/0/source", "data"), ("\(q)/indicators/0/dataIndicator", "defect_ppm"),
              ("\(q)/indicators/0/normalisation", "linear"), ("\(q)/indicators/0/baseline", "500"), ("\(q)/indicators/0/leading", "100"),
              ("\(q)/indicators/1/id", "quality.system"), ("\(q)/indicators/1/labelZh", "质量体系"), ("\(q)/indicators/1/labelEn", "Quality system"),
              ("\(q)/indicators/1/weightBP", "40"), ("\(q)/indicators/1/source", "expert"), ("\(q)/indicators/1/dataIndicator", ""),
              ("\(q)/indicators/1/normalisation", "banded"), ("\(q)/indicators/1/baseline", ""), ("\(q)/indicators/1/leading", "")]
        for b in 0...5 { f += [("\(q)/indicators/1/bands/\(b)/zh", "档\(b)"), ("\(q)/indicators/1/bands/\(b)/en", "band \(b)")] }
        let s = "scorecard/pillars/\(secondSlot)"
        f += [("\(s)/weightBP", "40"), ("\(s)/indicators/0/id", ""), ("\(s)/indicators/0/source", "expert"), ("\(s)/indicators/0/normalisation", "banded"),
              ("\(s)/indicators/1/id", "second.rank"), ("\(s)/indicators/1/labelZh", "排名"), ("\(s)/indicators/1/labelEn", "Rank"),
              ("\(s)/indicators/1/weightBP", secondIndicatorWeight), ("\(s)/indicators/1/source", "data"),
              ("\(s)/indicators/1/dataIndicator", "invention_patents"), ("\(s)/indicators/1/normalisation", "rank_within_sector")]
        return f
    }

    @Test("the province creates a round through the form, corrects it beside the fields, opens it after confirming, then versions it")
    func createOpenVersion() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let b = Browser(client)
            _ = try await b.login("admin")
            let blank = try await b.get("/rounds/new")
            #expect(blank.status == .ok && blank.text.contains("新建评选轮次") && blank.text.contains("name=\"scorecard/pillars/5/weightBP\""))

            // Pillars 50 % + 40 % = 90 %; green (slot 3) has its one indicator in row 2 at 90 %; a weight typed as text.
            var bad = Self.form(secondSlot: 3, secondIndicatorWeight: "90", qualityWeight: "50")
            bad = bad.map { $0.0 == "scorecard/pillars/0/indicators/0/weightBP" ? ($0.0, "六十") : $0 }
            let refused = try await b.post("/rounds", bad)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("href=\"#field-scorecard/pillars/0/indicators/0/weightBP\">质量 · 指标 1：请输入百分比"))
            #expect(refused.text.contains("id=\"field-scorecard/pillars/0/indicators/0/weightBP-error\""))
            #expect(refused.text.contains("value=\"2027年第一批\"") && refused.text.contains("value=\"六十\""))
            #expect(try await app.count("designation_rounds") == 0)
            // The percentage fixed, the domain's checks follow: 50 + 40 = 90 % at the pillars, and the
            // green pillar's indicators (slot 3, its second input) at 90 %, each linked where it is fixed.
            let domain = try await b.post("/rounds", Self.form(secondSlot: 3, secondIndicatorWeight: "90", qualityWeight: "50"))
            #expect(domain.status == .unprocessableContent)
            #expect(domain.text.contains("href=\"#field-scorecard/pillars\">评分表维度权重：权重合计为 90.00 %，应为 100 %"))
            #expect(domain.text.contains("href=\"#field-scorecard/pillars/3/indicators\">绿色低碳 · 指标权重：权重合计为 90.00 %，应为 100 %"))
            #expect(try await app.count("designation_rounds") == 0)

            let created = try await b.post("/rounds", Self.form())
            #expect(created.status == .found)
            let location = try #require(created.headers[.location])
            let id = String(location.dropFirst("/rounds/".count))
            let page = try await b.get(location)
            #expect(page.status == .ok && page.text.contains("草稿") && page.text.contains("60 %") && page.text.contains("技术与研发"))
            #expect(page.text.contains("href=\"/rounds/\(id)/open\""))

            let confirm = try await b.get("/rounds/\(id)/open")
            #expect(confirm.status == .ok && confirm.text.contains("开启后，本轮配置") && confirm.text.contains("开启轮次"))
            #expect(try await b.post("/rounds/\(id)/open", []).status == .found)
            let open = try await b.get("/rounds/\(id)")
            #expect(open.text.contains("已开启") && open.text.contains("制作新版本"))
            // Opening again is refused on the confirmation page.
            #expect(try await b.post("/rounds/\(id)/open", []).status == .conflict)

            // The open round is frozen: the form says so, and saving makes version 2.
            let edit = try await b.get("/rounds/\(id)/edit")
            #expect(edit.text.contains("第 1 版已开启，配置已冻结") && edit.text.contains("value=\"25\""))
            let saved = try await b.post("/rounds/\(id)", Self.form(quota: "30"))
            #expect(saved.status == .found && saved.headers[.location]?.hasSuffix("?made=version") == true)
            let v2 = try await b.get(try #require(saved.headers[.location]))
            #expect(v2.text.contains("新版本已保存为草稿。原版本已冻结") && v2.text.contains("这是新版本草稿") && v2.text.contains("版本 2"))
            let v1 = try await client.api(.get, "/api/v1/rounds/\(id)", token: app.fixtures.tokens["admin"]).json
            #expect(v1["status"] as? String == "open" && (v1["configuration"] as? [String: Any])?["quota"] as? Int == 25)
            #expect(try await app.count("designation_rounds") == 2)
            // The first version can no longer be edited.
            #expect(try await b.get("/rounds/\(id)/edit").status == .conflict)
            let audits = try await app.services.database.sql.raw("SELECT action FROM audit_entries WHERE entity_type = 'designation_round' ORDER BY seq").all()
                .map { try $0.decode(column: "action", as: String.self) }
            #expect(audits == ["round.create", "round.open", "round.version"])
        }
    }

    @Test("a new round starts as a copy of the latest one, a year later, titles left to write")
    func copy() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            #expect(try await client.api(.post, "/api/v1/rounds", token: app.fixtures.tokens["admin"], json: RoundAPITests.body()).status == .created)
            let b = Browser(client)
            _ = try await b.login("admin")
            let page = try await b.get("/rounds/new")
            // The 2026 round's application stage 2026-03-01 … 2026-03-31 becomes 2027's.
            #expect(page.text.contains("value=\"2027\"") && page.text.contains("value=\"2027-03-01\"") && page.text.contains("value=\"2027-03-31\""))
            #expect(page.text.contains("value=\"quality.system\"") && page.text.contains("value=\"60\"") && !page.text.contains("2026年第一批\""))
        }
    }

    @Test("officers and enterprises see open rounds only; only the province configures; drafts are 404 to others")
    func permissions() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let admin = app.fixtures.tokens["admin"]
            let draft = try #require(try await client.api(.post, "/api/v1/rounds", token: admin, json: RoundAPITests.body(title: "草稿轮次")).json["id"] as? String)
            let open = try #require(try await client.api(.post, "/api/v1/rounds", token: admin, json: RoundAPITests.body(title: "开启轮次甲")).json["id"] as? String)
            #expect(try await client.api(.post, "/api/v1/rounds/\(open)/open", token: admin).status == .ok)
            for user in ["hangzhou", "xihu", "firm", "expert"] {
                let b = Browser(client)
                _ = try await b.login(user)
                let list = try await b.get("/rounds")
                #expect(list.status == .ok && list.text.contains("开启轮次甲") && !list.text.contains("草稿轮次"), "\(user)")
                let page = try await b.get("/rounds/\(open)")
                // Exports are for the reviewing officers only.
                #expect(page.status == .ok && page.text.contains("/scores.csv") == ["hangzhou", "xihu"].contains(user))
                #expect(try await b.get("/rounds/\(draft)").status == .notFound)
                #expect(try await b.get("/rounds/new").status == .forbidden)
                #expect(try await b.get("/rounds/\(draft)/edit").status == .forbidden)
                #expect(try await b.post("/rounds", Self.form()).status == .forbidden)
                #expect(try await b.post("/rounds/\(draft)/open", []).status == .forbidden)
            }
            let bank = Browser(client)
            _ = try await bank.login("bank")
            #expect(try await bank.get("/rounds").status == .forbidden)
            #expect(try await Browser(client).get("/rounds").headers[.location]?.hasPrefix("/login") == true)
            let rows = try await app.services.database.sql.raw("SELECT status FROM designation_rounds ORDER BY status").all()
                .map { try $0.decode(column: "status", as: String.self) }
            #expect(rows == ["draft", "open"])
        }
    }

    @Test("every label the round, decision and notice pages use exists in Chinese and in English")
    func labels() throws {
        let strings = try Strings.load()
        let app = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/JingpinApp")
        func matches(_ pattern: String, in text: String) -> [String] {
            let regex = try! NSRegularExpression(pattern: pattern)
            return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } }
        }
        var used: Set<String> = []
        // Templates read the table with underscores: `{{t.rounds_openButton}}` is `rounds.openButton`.
        for name in ["rounds/list", "rounds/show", "rounds/form", "rounds/open", "rounds/ranking", "rounds/decision", "rounds/confirm",
                     "notices/show", "notices/received"] {
            let text = try String(contentsOf: app.appendingPathComponent("Resources/templates/\(name).mustache"), encoding: .utf8)
            used.formUnion(matches(#"\{\{[#^/]?t\.([A-Za-z0-9_]+)\}\}"#, in: text))
        }
        for name in ["Rounds/RoundPages", "Decision/DecisionPages", "Decision/PublicNoticePages"] {
            let text = try String(contentsOf: app.appendingPathComponent("Designation/\(name).swift"), encoding: .utf8)
            used.formUnion(matches(#"views\.t\("([A-Za-z0-9.]+)""#, in: text).map { $0.replacingOccurrences(of: ".", with: "_") })
        }
        // Keys the code builds from a value.
        used.formUnion(["draft", "open", "superseded"].map { "rounds_status_\($0)" })
        used.formUnion(RoundStage.Kind.allCases.map { "rounds_stage_\($0.rawValue)" })
        used.formUnion(["open", "upheld", "dismissed"].map { "decisions_objection_\($0)" })
        #expect(used.count > 100)
        let zh = strings.table(.zhHans), en = strings.table(.en)
        for key in used.sorted() { #expect(zh[key] != nil && en[key] != nil, "\(key) is missing") }
    }

    @Test("the round page speaks English when asked, with the same numbers")
    func english() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let id = try #require(try await client.api(.post, "/api/v1/rounds", token: app.fixtures.tokens["admin"], json: RoundAPITests.body()).json["id"] as? String)
            let b = Browser(client)
            _ = try await b.login("admin")
            b.cookies["jp_lang"] = "en"
            let page = try await b.get("/rounds/\(id)")
            #expect(page.text.contains("Stages and deadlines") && page.text.contains("Open round") && page.text.contains("Technology and R&amp;D"))
            #expect(page.text.contains("Quality system") && page.text.contains("60 %") && !page.text.contains("开启轮次"))
        }
    }

    @Test("percentages read as basis points, and back")
    func percentages() {
        // 25 % = 2500 bp; 12.5 % = 1250 bp; 12.34 % = 1234 bp; three decimals or text are refused.
        #expect(RoundForm.basisPoints("25") == 2500 && RoundForm.basisPoints("12.5") == 1250 && RoundForm.basisPoints("12.34") == 1234)
        #expect(RoundForm.basisPoints("12.345") == nil && RoundForm.basisPoints("abc") == nil && RoundForm.basisPoints("-5") == nil)
        #expect(RoundForm.percent(2500) == "25" && RoundForm.percent(1250) == "12.5" && RoundForm.percent(1234) == "12.34" && RoundForm.percent(5) == "0.05")
    }

    @Test("the city quotas: one number for every city, another for single cities; a bad one is named beside its city")
    func cityQuotas() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let b = Browser(client)
            _ = try await b.login("admin")
            let form = try await b.get("/rounds/new")
            #expect(form.text.contains("name=\"cityQuota\"") && form.text.contains("name=\"cityQuotas/330100\""))
            let bad = try await b.post("/rounds", Self.form() + [("cityQuota", "5"), ("cityQuotas/330100", "八")])
            #expect(bad.status == .unprocessableContent && bad.text.contains("value=\"八\""))
            #expect(try await app.count("designation_rounds") == 0)
            let created = try await b.post("/rounds", Self.form() + [("cityQuota", "5"), ("cityQuotas/330100", "8"), ("cityQuotas/330200", "")])
            #expect(created.status == .found)
            let stored = try #require(try await app.services.database.sql.raw("SELECT configuration FROM designation_rounds").first())
                .decode(column: "configuration", as: String.self)
            let input = try JSONDecoder().decode(RoundInput.self, from: Data(stored.utf8))
            #expect(input.cityQuota == 5 && input.cityQuotas == ["330100": 8])
            let page = try await b.get(try #require(created.headers[.location]))
            #expect(page.text.contains("每市 5 个；杭州市 8"))
        }
    }
}
