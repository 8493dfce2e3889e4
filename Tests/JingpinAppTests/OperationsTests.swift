import Foundation
import Hummingbird
import HummingbirdTesting
@testable import JingpinApp
import Testing

@Suite("Health, metrics and the OpenAPI document")
struct OperationsTests {
    @Test("health and readiness answer without login")
    func health() async throws {
        try await TestApp.run { (_: TestApp, client: any TestClientProtocol) async throws -> Void in
            #expect(try await client.api(.get, "/healthz", token: nil).text == "ok\n")
            #expect(try await client.api(.get, "/readyz", token: nil).status == .ok)
        }
    }

    @Test("metrics expose request counts and a latency histogram")
    func metrics() async throws {
        try await TestApp.run { (_: TestApp, client: any TestClientProtocol) async throws -> Void in
            _ = try await client.api(.get, "/healthz", token: nil)
            let text = try await client.api(.get, "/metrics", token: nil).text
            #expect(text.contains("hb_requests"))
            #expect(text.contains("http_server_request_duration_bucket{http_route=\"/healthz\""))
        }
    }

    @Test("every /api/v1 route the router serves is documented in /openapi.json")
    func openAPICoversEveryRoute() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let doc = try await client.api(.get, "/openapi.json", token: nil).json
            let paths = doc["paths"] as? [String: [String: Any]] ?? [:]
            var served = 0
            for route in app.router.routes where route.path.description.hasPrefix("/api/v1") {
                served += 1
                // The router writes parameters as {name} or :name; OpenAPI uses {name}.
                let path = route.path.description.split(separator: "/").map { part -> String in
                    part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
                }.joined(separator: "/")
                let openAPIPath = path.hasPrefix("/") ? path : "/" + path
                #expect(paths[openAPIPath]?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(openAPIPath) missing from openapi.json")
            }
            #expect(served >= 15)
            #expect(doc["openapi"] as? String == "3.1.0")
            // Every $ref points at a schema the document defines.
            let schemas = Set(((doc["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]).keys)
            let text = String(buffer: try await client.api(.get, "/openapi.json", token: nil).body)
            let refs = text.components(separatedBy: "#/components/schemas/").dropFirst().map { String($0.prefix { $0 != "\"" && $0 != "\\" }) }
            #expect(!refs.isEmpty)
            for ref in Set(refs) { #expect(schemas.contains(ref), "dangling $ref \(ref)") }
        }
    }

    @Test("pages speak Chinese by default and English when asked")
    func languages() async throws {
        try await TestApp.run { (_: TestApp, client: any TestClientProtocol) async throws -> Void in
            #expect(try await client.api(.get, "/login", token: nil).text.contains("用户名"))
            var headers = HTTPFields()
            headers[.acceptLanguage] = "en-GB,en;q=0.9,zh;q=0.5"
            let en = try await client.execute(uri: "/login", method: .get, headers: headers, body: nil)
            #expect(en.text.contains("Username"))
            let browser = Browser(client)
            _ = try await browser.get("/language/en?back=/login")
            #expect(try await browser.get("/login").text.contains("Username"))
            let evil = try await browser.get("/language/en?back=//evil.example")
            #expect(evil.headers[.location] == "/")
        }
    }

    @Test("the server's event loops are as many as the CPUs it may run on, read from /proc/self/status")
    func allowedCPUs() {
        func count(_ list: String) -> Int? { Commands.allowedCPUCount(status: "Name:\tjingpin\nCpus_allowed:\tf\nCpus_allowed_list:\t\(list)\nMems_allowed:\t1\n") }
        #expect(count("0") == 1)
        #expect(count("0-1") == 2)
        #expect(count("0-3,6,8-9") == 4 + 1 + 2)
        #expect(count("3-1") == nil)
        #expect(Commands.allowedCPUCount(status: "Name:\tjingpin\n") == nil)
        #expect(Commands.allowedCPUCount(status: nil) == nil)
    }
}
