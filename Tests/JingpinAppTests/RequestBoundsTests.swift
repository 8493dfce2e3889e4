import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import Testing

/// Numbers a client chooses are bounded where they are parsed. The routes are found by walking
/// the route table, so a list added later is covered without being named here.
@Suite("Request bounds: no number a client sends can stop the server")
struct RequestBoundsTests {
    /// Values for path parameters: a real enterprise where an id fits, something plausible elsewhere
    /// (a record that does not exist answers 404, which is fine: it must not crash either).
    static func fill(_ route: RegisteredRoute, enterprise: UUID) -> String {
        var path = route.path
        for name in route.parameters {
            let value: String
            switch name {
            case "year": value = "2025"
            case "lang": value = "en"
            case "section": value = "business"
            case "code": value = "ZJ0000000000"
            case "kind": value = "regions"
            default: value = enterprise.uuidString
            }
            path = path.replacingOccurrences(of: ":\(name)", with: value).replacingOccurrences(of: "{\(name)}", with: value)
        }
        return path
    }

    /// The largest page numbers anyone would try: `Int.max`, and the probe's value whose offset
    /// (page − 1) × 20 overflows `Int64` — 461,168,601,842,738,792 × 20 ≈ 9.2 × 10^18 > 2^63 − 1.
    static let hugePages = ["9223372036854775807", "461168601842738792"]

    @Test("every paged route answers 422 to the largest page numbers, every GET route stays below 500, and the server still answers")
    func everyPagedRouteIsBounded() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let token = app.fixtures.tokens["admin"]
            let gets = app.routes.registered.filter { $0.method == .get }
            #expect(gets.count > 60, "the walk reaches the whole table")
            var paged: Set<String> = []
            for route in gets {
                let path = Self.fill(route, enterprise: app.fixtures.xihuEnterprise.id)
                // A route reads `page` if a valid page answers and a page of 0 is refused.
                let first = try await client.api(.get, "\(path)?year=2025&page=1", token: token)
                let zero = try await client.api(.get, "\(path)?year=2025&page=0", token: token)
                if first.status.code < 300, zero.status == .unprocessableContent { paged.insert(route.path) }
                for huge in Self.hugePages {
                    let r = try await client.api(.get, "\(path)?year=2025&page=\(huge)", token: token)
                    #expect(r.status.code < 500, "\(route.path) page=\(huge)")
                    if paged.contains(route.path) { #expect(r.status == .unprocessableContent, "\(route.path) page=\(huge)") }
                }
                // Every other number a list reads, at both ends of Int64, as the admin and as anyone.
                for query in ["perPage=9223372036854775807", "year=9223372036854775807", "year=-9223372036854775808",
                              "page=-9223372036854775808&perPage=-1"] {
                    #expect(try await client.api(.get, "\(path)?\(query)", token: token).status.code < 500, "\(route.path)?\(query)")
                    if route.access == .anyone {
                        #expect(try await client.api(.get, "\(path)?\(query)", token: nil).status.code < 500, "anonymous \(route.path)?\(query)")
                    }
                }
            }
            // The walk found the lists it should (a sanity check of the discovery, not the list of routes tested).
            for known in ["/api/v1/enterprises", "/enterprises", "/registry", "/api/v1/public/designations", "/audit", "/api/v1/audit",
                          "/filings", "/api/v1/filings", "/applications"] {
                #expect(paged.contains(known), "\(known) was found to read page")
            }
            #expect(try await client.api(.get, "/healthz", token: nil).status == .ok)
        }
    }

    @Test("the 422 names the page and its range, in the problem's errors")
    func pageProblemNamesTheField() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let r = try await client.api(.get, "/api/v1/public/designations?page=461168601842738792", token: nil)
            #expect(r.status == .unprocessableContent)
            let errors = r.json["errors"] as? [[String: Any]] ?? []
            #expect(errors.first?["pointer"] as? String == "/page")
            #expect(errors.first?["code"] as? String == "out_of_range")
            // The bound itself is served: 100,000 pages of the registry is an empty page, not an error.
            let last = try await client.api(.get, "/api/v1/public/designations?page=100000&perPage=100", token: nil)
            #expect(last.status == .ok)
            #expect((last.json["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("a round's scorecard with weights at Int.max is refused with field errors, not a crash")
    func hugeWeightsAreRefused() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let token = app.fixtures.tokens["admin"]
            let before = try await app.count("designation_rounds")
            // A scorecard whose two pillar weights add past Int64's top: 9223372036854775807 + 1.
            let body = #"""
            {"year":2026,"titleZh":"溢出","titleEn":"Overflow","sectors":["manufacturing"],"categories":["advanced_manufacturing"],
             "stages":[],"eligibilityRuleSet":"designation.eligibility.2025","quota":1,"noticeWorkingDays":5,
             "voteThreshold":{"numerator":2,"denominator":3},"tieBreaks":[],"sameCityConflicts":true,"divergenceThresholdPoints":20,
             "scorecard":{"pillars":[{"kind":"quality","weightBP":9223372036854775807,"indicators":[]},
                                     {"kind":"brand_influence","weightBP":1,"indicators":[]}]}}
            """#
            let r = try await client.api(.post, "/api/v1/rounds", token: token, json: body)
            #expect(r.status == .unprocessableContent)
            #expect(try await app.count("designation_rounds") == before)
            #expect(try await client.api(.get, "/healthz", token: nil).status == .ok)
        }
    }

    @Test("a round form naming a repeated-section slot past the bound is read without looping over it")
    func hugeFormSlotIsIgnored() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let browser = Browser(client)
            _ = try await browser.login("admin")
            let r = try await browser.post("/rounds", [("year", "2026"), ("scorecard/pillars/0/indicators/9223372036854775807/id", "x")])
            #expect(r.status == .unprocessableContent)
            #expect(try await browser.get("/healthz").status == .ok)
        }
    }
}
