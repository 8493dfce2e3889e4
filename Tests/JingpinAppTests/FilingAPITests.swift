import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import Testing

@Suite("Annual filings over the API")
struct FilingAPITests {
    /// A value for every indicator manufacturing must report in the year, as the catalogue API lists them.
    func completeValues(_ client: any TestClientProtocol, token: String, year: Int) async throws -> [String: String] {
        let list = try await client.api(.get, "/api/v1/indicators?year=\(year)", token: token).json["items"] as? [[String: Any]] ?? []
        var values: [String: String] = [:]
        for i in list where (i["requiredFor"] as? [String])?.contains("manufacturing") == true {
            switch i["type"] as? String {
            case "enum": values[i["code"] as! String] = (i["options"] as? [String])?.last ?? ""
            case "boolean": values[i["code"] as! String] = "no"
            default: values[i["code"] as! String] = "12"
            }
        }
        return values
    }

    func json(_ values: [String: String]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: ["values": values], options: [.sortedKeys])
        return String(data: data, encoding: .utf8)!
    }

    @Test("the catalogue is readable by anyone logged in, per year")
    func catalogue() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let r2025 = try await client.api(.get, "/api/v1/indicators?year=2025", token: app.fixtures.tokens["expert"])
            #expect(r2025.status == .ok)
            // 50 rows in the shipped catalogue; digital_level starts in 2025.
            #expect((r2025.json["items"] as? [Any])?.count == 50)
            let r2024 = try await client.api(.get, "/api/v1/indicators?year=2024", token: app.fixtures.tokens["bank"])
            #expect((r2024.json["items"] as? [Any])?.count == 49)
            #expect(try await client.api(.get, "/api/v1/indicators?year=2025", token: nil).status == .unauthorized)
        }
    }

    @Test("an enterprise saves, submits; the county returns with a reason; it corrects and the county accepts")
    func workflow() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let f = app.fixtures
            let base = "/api/v1/enterprises/\(f.xihuEnterprise.id)/filings/2025"
            let firm = f.tokens["firm"]!, county = f.tokens["xihu"]!
            let saved = try await client.api(.put, base, token: firm, json: #"{"values":{"revenue":"12,345,678.90","defect_rate":"0.35%"}}"#)
            #expect(saved.status == .ok)
            let filing = saved.json["filing"] as? [String: Any]
            #expect(filing?["status"] as? String == "draft")
            // 12,345,678.90 yuan = 1,234,567,890 fen; 0.35 % = 35 basis points.
            #expect((filing?["values"] as? [String: Any])?["revenue"] as? Int == 1_234_567_890)
            #expect((filing?["values"] as? [String: Any])?["defect_rate"] as? Int == 35)
            let incomplete = try await client.api(.post, base + "/submit", token: firm)
            #expect(incomplete.status == .unprocessableContent)
            #expect((incomplete.json["errors"] as? [[String: Any]])?.contains { $0["pointer"] as? String == "/values/employees" } == true)
            var values = try await completeValues(client, token: firm, year: 2025)
            #expect(try await client.api(.put, base, token: firm, json: json(values)).status == .ok)
            let submitted = try await client.api(.post, base + "/submit", token: firm)
            #expect((submitted.json["filing"] as? [String: Any])?["status"] as? String == "submitted")
            // Locked while submitted.
            #expect(try await client.api(.put, base, token: firm, json: #"{"values":{"revenue":"1"}}"#).status == .conflict)
            #expect(try await client.api(.post, base + "/return", token: county, json: #"{"reason":" "}"#).status == .unprocessableContent)
            let returned = try await client.api(.post, base + "/return", token: county, json: #"{"reason":"用电量与电网数据不符"}"#)
            #expect((returned.json["filing"] as? [String: Any])?["reviewReason"] as? String == "用电量与电网数据不符")
            values["electricity"] = "15000.5"
            #expect(try await client.api(.put, base, token: firm, json: json(values)).status == .ok)
            #expect(try await client.api(.post, base + "/submit", token: firm).status == .ok)
            let accepted = try await client.api(.post, base + "/accept", token: county)
            #expect((accepted.json["filing"] as? [String: Any])?["status"] as? String == "accepted")
            #expect(try await client.api(.post, base + "/accept", token: county).status == .conflict)
            let history = try await client.api(.get, base + "/history", token: f.tokens["hangzhou"])
            let actions = (history.json["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
            #expect(actions == ["save", "save", "submit", "return", "save", "submit", "accept"])
            let correction = (history.json["items"] as? [[String: Any]])?[4]["changes"] as? [String: [Any]]
            // 12 kWh → 15000.5 kWh, stored in thousandths: 12000 → 15000500.
            #expect(correction?["electricity"]?.compactMap { $0 as? Int } == [12_000, 15_000_500])
        }
    }

    @Test("bad values answer 422 at /values/<code> and store nothing")
    func badValues() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let base = "/api/v1/enterprises/\(app.fixtures.xihuEnterprise.id)/filings/2025"
            let r = try await client.api(.put, base, token: app.fixtures.tokens["firm"],
                                         json: #"{"values":{"revenue":"12.345","employees":"many","made_up":"1","defect_rate":"101"}}"#)
            #expect(r.status == .unprocessableContent)
            let codes = Dictionary(((r.json["errors"] as? [[String: Any]]) ?? []).map { ($0["pointer"] as! String, $0["code"] as! String) },
                                   uniquingKeysWith: { a, _ in a })
            #expect(codes == ["/values/revenue": "too_many_decimals", "/values/employees": "not_a_number",
                              "/values/made_up": "unknown_indicator", "/values/defect_rate": "out_of_range"])
            #expect(try await app.count("filing_values") == 0)
            #expect(try await app.count("filings") == 0)
            #expect(try await client.api(.get, "/api/v1/enterprises/\(app.fixtures.xihuEnterprise.id)/filings/2031",
                                         token: app.fixtures.tokens["firm"]).status == .notFound)
        }
    }

    @Test("filings are scoped: other enterprises' are 404, only the county decides, officers cannot edit")
    func permissions() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let f = app.fixtures
            let xihu = "/api/v1/enterprises/\(f.xihuEnterprise.id)/filings/2025"
            let binjiang = "/api/v1/enterprises/\(f.binjiangEnterprise.id)/filings/2025"
            #expect(try await client.api(.get, binjiang, token: f.tokens["firm"]).status == .notFound)
            #expect(try await client.api(.put, binjiang, token: f.tokens["firm"], json: #"{"values":{}}"#).status == .notFound)
            #expect(try await client.api(.post, xihu + "/accept", token: f.tokens["binjiang"]).status == .notFound)
            #expect(try await client.api(.post, xihu + "/accept", token: f.tokens["hangzhou"]).status == .forbidden)
            #expect(try await client.api(.post, xihu + "/accept", token: f.tokens["firm"]).status == .forbidden)
            #expect(try await client.api(.put, xihu, token: f.tokens["xihu"], json: #"{"values":{}}"#).status == .forbidden)
            #expect(try await client.api(.get, xihu, token: f.tokens["expert"]).status == .forbidden)
            #expect(try await client.api(.get, xihu, token: f.tokens["hangzhou"]).status == .ok)
            let list = try await client.api(.get, "/api/v1/filings?year=2025", token: f.tokens["binjiang"])
            #expect((list.json["items"] as? [[String: Any]])?.map { $0["enterpriseId"] as? String } == [f.binjiangEnterprise.id.uuidString])
            #expect((list.json["items"] as? [[String: Any]])?.first?["status"] as? String == "not_started")
            #expect(try await client.api(.get, "/api/v1/filings", token: f.tokens["admin"]).status == .unprocessableContent)
        }
    }
}
