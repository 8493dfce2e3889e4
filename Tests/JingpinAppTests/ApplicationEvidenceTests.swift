import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import JingpinApp
import JingpinCore
import SQLKit
import Testing

/// What an application carries: data-derived values prefilled from the filings and counted in
/// the ranking, evidence files within the policy, and the city's ranked recommendation list.
@Suite("Designation applications: values, evidence files, city recommendation")
struct ApplicationEvidenceTests {
    static let pdf = Array("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)

    static func upload(_ client: any TestClientProtocol, _ id: String, name: String, bytes: [UInt8], token: String?) async throws -> TestResponse {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        headers[.contentType] = "application/octet-stream"
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_")))!
        return try await client.execute(uri: "/api/v1/applications/\(id)/files?name=\(encoded)", method: .post, headers: headers,
                                        body: ByteBuffer(bytes: bytes))
    }

    @Test("values are prefilled from last year's filing, corrected with field errors, and compared with the filing")
    func values() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let dataYear = LocalDate.today().year - 1
            try await app.file(app.fixtures.xihuEnterprise, dataYear, ["invention_patents": 12])
            try await app.file(app.fixtures.xihuEnterprise, dataYear - 1, ["invention_patents": 99])  // an older year is not used
            let round = try await ApplicationAPITests.openRound(client, t["admin"])
            let product = try await ApplicationAPITests.product(app, client)
            let id = try #require(try await client.api(.post, "/api/v1/rounds/\(round)/applications", token: t["firm"],
                                                       json: ApplicationAPITests.applicationBody(product)).json["id"] as? String)
            func items(_ token: String?) async throws -> [String: [String: Any]] {
                let list = try await client.api(.get, "/api/v1/applications/\(id)/values", token: token).json["items"] as? [[String: Any]] ?? []
                return Dictionary(uniqueKeysWithValues: list.map { ($0["code"] as! String, $0) })
            }
            var v = try await items(t["firm"])
            #expect(v["invention_patents"]?["value"] as? String == "12" && v["invention_patents"]?["differsFromFiling"] as? Bool == false)
            #expect(v["defect_ppm"]?["value"] is NSNull || v["defect_ppm"]?["value"] == nil)  // not filed: no value

            // A bad value is refused whole, at its field; nothing changes.
            let bad = try await client.api(.put, "/api/v1/applications/\(id)/values", token: t["firm"],
                                           json: #"{"values": {"invention_patents": "many"}}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(RoundAPITests.errors(bad).map(\.pointer) == ["/values/invention_patents"])
            #expect(try await items(t["firm"])["invention_patents"]?["value"] as? String == "12")
            // A correction is kept and shown as differing from the filing.
            let ok = try await client.api(.put, "/api/v1/applications/\(id)/values", token: t["firm"], json: #"{"values": {"invention_patents": "14"}}"#)
            #expect(ok.status == .ok)
            v = try await items(t["xihu"])
            #expect(v["invention_patents"]?["value"] as? String == "14" && v["invention_patents"]?["filed"] as? String == "12")
            #expect(v["invention_patents"]?["differsFromFiling"] as? Bool == true)
            #expect(try await app.count("audit_entries WHERE action = 'application.values'") == 1)
            // Others: not the other county, not the bank; the county officer cannot change them.
            #expect(try await client.api(.get, "/api/v1/applications/\(id)/values", token: t["binjiang"]).status == .notFound)
            #expect(try await client.api(.get, "/api/v1/applications/\(id)/values", token: t["bank"]).status == .forbidden)
            #expect(try await client.api(.put, "/api/v1/applications/\(id)/values", token: t["xihu"], json: #"{"values": {"invention_patents": "1"}}"#)
                .status == .forbidden)
        }
    }

    @Test("evidence files: the type is read from the bytes, the name must agree, size and count are limited; downloads are attachments")
    func files() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let round = try await ApplicationAPITests.openRound(client, t["admin"])
            let product = try await ApplicationAPITests.product(app, client)
            let id = try #require(try await client.api(.post, "/api/v1/rounds/\(round)/applications", token: t["firm"],
                                                       json: ApplicationAPITests.applicationBody(product)).json["id"] as? String)
            let stored = try await Self.upload(client, id, name: "../../检测报告.pdf", bytes: Self.pdf, token: t["firm"])
            #expect(stored.status == .created)
            #expect(stored.json["name"] as? String == "检测报告.pdf" && stored.json["kind"] as? String == "pdf")
            #expect(stored.json["sha256"] as? String == (try sha256sum(Self.pdf)))
            let fileID = try #require(stored.json["id"] as? String)

            // Refused, each with its reason, storing nothing: HTML named .pdf, a PDF named .exe, an empty file, one byte over 10 MB.
            let before = try await app.count("application_files")
            let html = try await Self.upload(client, id, name: "report.pdf", bytes: Array("<html><script>alert(1)</script>".utf8), token: t["firm"])
            #expect(html.status == .unprocessableContent && RoundAPITests.errors(html).map(\.code) == ["file_refused"])
            #expect(try await Self.upload(client, id, name: "setup.exe", bytes: Self.pdf, token: t["firm"]).status == .unprocessableContent)
            #expect(try await Self.upload(client, id, name: "empty.pdf", bytes: [], token: t["firm"]).status == .unprocessableContent)
            let big = Self.pdf + [UInt8](repeating: 0x20, count: 10 * 1024 * 1024 + 1 - Self.pdf.count)
            let tooBig = try await Self.upload(client, id, name: "big.pdf", bytes: big, token: t["firm"])
            #expect(tooBig.status == .unprocessableContent && tooBig.text.contains("10 MB"))
            #expect(try await app.count("application_files") == before)
            #expect(try await app.count("file_contents") == before)

            // Download: the same bytes, as an attachment with the sniffed type; the county may read it, others may not.
            let down = try await client.api(.get, "/api/v1/applications/\(id)/files/\(fileID)", token: t["xihu"])
            #expect(down.status == .ok && Array(down.body.readableBytesView) == Self.pdf)
            #expect(down.headers[.contentType] == "application/pdf")
            #expect(down.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(try await client.api(.get, "/api/v1/applications/\(id)/files/\(fileID)", token: t["binjiang"]).status == .notFound)
            #expect(try await client.api(.get, "/api/v1/applications/\(id)/files/\(fileID)", token: t["expert"]).status == .forbidden)
            #expect(try await Self.upload(client, id, name: "x.pdf", bytes: Self.pdf, token: t["xihu"]).status == .forbidden)

            // Twenty at most.
            for i in 2...20 { #expect(try await Self.upload(client, id, name: "\(i).pdf", bytes: Self.pdf, token: t["firm"]).status == .created) }
            let twentyFirst = try await Self.upload(client, id, name: "21.pdf", bytes: Self.pdf, token: t["firm"])
            #expect(twentyFirst.status == .unprocessableContent && twentyFirst.text.contains("20"))

            // Delete, audited; once submitted, files no longer change.
            #expect(try await client.api(.delete, "/api/v1/applications/\(id)/files/\(fileID)", token: t["firm"]).status == .noContent)
            #expect(try await app.count("file_contents") == 19)
            #expect(try await app.count("audit_entries WHERE action = 'application.file_upload'") == 20)
            #expect(try await app.count("audit_entries WHERE action = 'application.file_delete'") == 1)
            try await ApplicationAPITests.fileFigures(app)
            #expect(try await ApplicationAPITests.step(client, id, "submit", t["firm"]).status == .ok)
            #expect(try await Self.upload(client, id, name: "late.pdf", bytes: Self.pdf, token: t["firm"]).status == .conflict)
        }
    }

    @Test("the city ranks its county-passed applications within its quota; the single step obeys the quota too")
    func recommendation() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            // Hangzhou may recommend one; Xihu's and Binjiang's applications have both passed their counties.
            var body = RoundAPITests.body(year: LocalDate.today().year, dates: ApplicationAPITests.dates(from: -10, to: 10))
            body = String(body.dropLast()) + #", "cityQuota": 1}"#
            let round = try #require(try await client.api(.post, "/api/v1/rounds", token: t["admin"], json: body).json["id"] as? String)
            #expect(try await client.api(.post, "/api/v1/rounds/\(round)/open", token: t["admin"]).status == .ok)
            let xihuProduct = try await ApplicationAPITests.product(app, client)
            let other = try await client.api(.post, "/api/v1/enterprises/\(app.fixtures.binjiangEnterprise.id)/products", token: t["admin"],
                                             json: #"{"name":"智能传感器","category":"advanced_manufacturing"}"#)
            let xihu = try #require(try await client.api(.post, "/api/v1/rounds/\(round)/applications", token: t["firm"],
                                                         json: ApplicationAPITests.applicationBody(xihuProduct)).json["id"] as? String)
            let binjiangProduct = try #require(other.json["id"] as? String)
            let binjiang = try #require(try await client.api(.post, "/api/v1/rounds/\(round)/applications", token: t["admin"],
                                                             json: ApplicationAPITests.applicationBody(binjiangProduct)).json["id"] as? String)
            try await app.services.database.sql.raw("UPDATE designation_applications SET status = 'county_passed'").run()

            let list = try await client.api(.get, "/api/v1/rounds/\(round)/recommendations", token: t["hangzhou"]).json
            #expect(list["quota"] as? Int == 1 && list["recommended"] as? Int == 0 && (list["items"] as? [Any])?.count == 2)
            // Over the quota, a decline without a reason: refused whole, nothing changes.
            let over = try await client.api(.post, "/api/v1/rounds/\(round)/recommendations", token: t["hangzhou"],
                                            json: #"{"ranked": ["\#(xihu)", "\#(binjiang)"]}"#)
            #expect(over.status == .unprocessableContent && RoundAPITests.errors(over).map(\.code) == ["over_city_quota"])
            let noReason = try await client.api(.post, "/api/v1/rounds/\(round)/recommendations", token: t["hangzhou"],
                                                json: #"{"ranked": ["\#(xihu)"], "declined": [{"id": "\#(binjiang)", "reason": " "}]}"#)
            #expect(RoundAPITests.errors(noReason).map(\.pointer) == ["/declined/0/reason"])
            #expect(try await app.count("application_events") == 0)
            // Not the county's, not another city's, not an expert's.
            #expect(try await client.api(.post, "/api/v1/rounds/\(round)/recommendations", token: t["xihu"], json: #"{"ranked": ["\#(xihu)"]}"#)
                .status == .forbidden)
            let ningbo = try await client.api(.post, "/api/v1/rounds/\(round)/recommendations", token: t["ningbo"], json: #"{"ranked": ["\#(xihu)"]}"#)
            #expect(RoundAPITests.errors(ningbo).map(\.code) == ["not_awaiting_city"])
            #expect(try await client.api(.get, "/api/v1/rounds/\(round)/recommendations", token: t["expert"]).status == .forbidden)

            let done = try await client.api(.post, "/api/v1/rounds/\(round)/recommendations", token: t["hangzhou"],
                                            json: #"{"ranked": ["\#(xihu)"], "declined": [{"id": "\#(binjiang)", "reason": "名额已满"}]}"#)
            #expect(done.status == .ok && done.json["recommended"] as? Int == 1)
            let first = (done.json["items"] as? [[String: Any]])?.first
            #expect(first?["applicationId"] as? String == xihu && first?["cityRank"] as? Int == 1)
            let declined = try await client.api(.get, "/api/v1/applications/\(binjiang)", token: t["admin"]).json
            #expect(declined["status"] as? String == "city_not_recommended")
            #expect((declined["events"] as? [[String: Any]])?.last?["reason"] as? String == "名额已满")

            // The single step is held to the same quota.
            try await app.services.database.sql.raw("UPDATE designation_applications SET status = 'county_passed' WHERE id = \(bind: UUID(uuidString: binjiang)!)").run()
            #expect(try await ApplicationAPITests.step(client, binjiang, "city_recommend", t["hangzhou"]).status == .conflict)
            // Once the province moves a recommended one on, it still counts and keeps its rank on the city's list.
            try await app.services.database.sql.raw("UPDATE designation_applications SET status = 'in_expert_review' WHERE id = \(bind: UUID(uuidString: xihu)!)").run()
            let later = try await client.api(.get, "/api/v1/rounds/\(round)/recommendations", token: t["hangzhou"]).json
            #expect(later["recommended"] as? Int == 1)
            #expect((later["items"] as? [[String: Any]])?.first?["cityRank"] as? Int == 1)
            // The province reads a city's list by naming it.
            #expect(try await client.api(.get, "/api/v1/rounds/\(round)/recommendations?city=330100", token: t["admin"]).json["recommended"] as? Int == 1)
            #expect(try await client.api(.get, "/api/v1/rounds/\(round)/recommendations", token: t["admin"]).status == .unprocessableContent)
        }
    }

    @Test("the ranking adds the data-derived indicators to the experts' points")
    func rankingWithData() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let dataYear = LocalDate.today().year - 1
            try await app.file(app.fixtures.xihuEnterprise, dataYear, ["defect_ppm": 300, "invention_patents": 10])
            try await app.file(app.fixtures.binjiangEnterprise, dataYear, ["defect_ppm": 100, "invention_patents": 4])
            let s = try await ExpertReviewTests.setUp(app, client)
            for id in [s.xihu, s.binjiang] {
                #expect(try await ApplicationAPITests.step(client, id, "start_expert_review", t["admin"]).status == .ok)
            }
            let made = try await client.api(.post, "/api/v1/rounds/\(s.round)/assignments", token: t["admin"],
                                            json: ExpertReviewTests.assign([(s.xihu, s.expert2, "同市不同区"), (s.binjiang, s.expert2, "同市不同区")]))
            let ids = (made.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.count == 2)
            _ = try await client.api(.post, "/api/v1/rounds/\(s.round)/assignments/publish", token: t["admin"])
            let expert2 = try #require(try await app.services.database.sql.raw("SELECT id FROM users WHERE username = 'expert2'").first())
                .decode(column: "id", as: UUID.self)
            let token2 = try await app.services.tokens.issue(userID: expert2, name: "test", actor: .system("test"), requestID: "test").1
            for id in ids {
                let r = try await client.api(.put, "/api/v1/my/assignments/\(id)/scores", token: token2,
                                             json: #"{"scores": [{"indicatorId": "quality.system", "band": 5}], "submit": true}"#)
                #expect(r.json["status"] as? String == "submitted")
            }
            // Worked by hand. Quality 60 %: defect ppm 60 % linear from 500 (0) to 100 (1), quality system 40 % (band 5 → 1);
            // technology 40 %: patents ranked within manufacturing.
            // Xihu: defect 300 → (300 − 500) / (100 − 500) = 1/2; quality = (0.6 × 1/2 + 0.4 × 1) × 100 = 70;
            //       patents 10 > 4 → rank share 1, technology 100; composite 0.6 × 70 + 0.4 × 100 = 82.
            // Binjiang: defect 100 → 1; quality 100; patents last → 0; composite 0.6 × 100 + 0 = 60.
            // Experts alone would tie them at 0.6 × 40 = 24.
            let ranked = try await client.api(.post, "/api/v1/rounds/\(s.round)/ranking", token: t["admin"], json: "{}").json["items"] as? [[String: Any]] ?? []
            #expect(ranked.compactMap { $0["applicationId"] as? String } == [s.xihu, s.binjiang])
            #expect(ranked.compactMap { $0["points"] as? String } == ["82.00", "60.00"])
        }
    }
}
