import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import Testing

@Suite("Bad input gets RFC 9457 problems and changes nothing")
struct ProblemTests {
    @Test("invalid fields answer 422 with a pointer and reason for each, and store nothing")
    func validationProblem() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let before = try await app.count("enterprises")
            let auditBefore = try await app.count("audit_entries")
            let long = String(repeating: "长", count: 101)
            let r = try await client.api(.post, "/api/v1/enterprises", token: app.fixtures.tokens["admin"],
                                         json: #"{"creditCode":"91350100M000100Y44","name":"\#(long)","regionCode":"339999","industryCode":"34"}"#)
            #expect(r.status == .unprocessableContent)
            #expect(r.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            let p = r.json
            #expect(p["type"] as? String == "/problems/validation-failed")
            #expect(p["status"] as? Int == 422)
            #expect(p["title"] as? String != nil)
            #expect(p["detail"] as? String != nil)
            let errors = p["errors"] as? [[String: String]] ?? []
            let byPointer = Dictionary(errors.map { ($0["pointer"]!, $0["code"]!) }, uniquingKeysWith: { a, _ in a })
            #expect(byPointer == ["/creditCode": "invalid_credit_code", "/name": "too_long", "/regionCode": "unknown_region"])
            #expect(try await app.count("enterprises") == before)
            #expect(try await app.count("audit_entries") == auditBefore)
        }
    }

    @Test("a known address asked with a method it does not take is 405 with Allow; an unknown address stays 404")
    func methodNotAllowed() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let trace = try await client.api(.trace, "/api/v1/enterprises", token: app.fixtures.tokens["admin"])
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.json["type"] as? String == "/problems/method-not-allowed")
            // /api/v1/enterprises is registered for GET and POST.
            #expect(trace.headers[.allow] == "GET, POST")
            let delete = try await client.api(.delete, "/api/v1/rounds/\(UUID())", token: app.fixtures.tokens["admin"])
            #expect(delete.status == .methodNotAllowed)
            #expect(delete.headers[.allow] == "GET, PUT")
            let unknown = try await client.api(.get, "/api/v1/no-such-thing", token: app.fixtures.tokens["admin"])
            #expect(unknown.status == .notFound)
        }
    }

    @Test("an API query naming a parameter twice is refused: which value was meant cannot be guessed")
    func repeatedParameter() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let r = try await client.api(.get, "/api/v1/enterprises?perPage=5&perPage=50", token: app.fixtures.tokens["admin"])
            #expect(r.status == .unprocessableContent)
            #expect((r.json["errors"] as? [[String: String]])?.map { $0["code"]! } == ["repeated"])
            let once = try await client.api(.get, "/api/v1/enterprises?perPage=5", token: app.fixtures.tokens["admin"])
            #expect(once.status == .ok)
        }
    }

    @Test("a duplicate credit code is a field error")
    func duplicate() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let code = app.fixtures.binjiangEnterprise.creditCode.lowercased()
            let r = try await client.api(.post, "/api/v1/enterprises", token: app.fixtures.tokens["admin"],
                                         json: #"{"creditCode":"\#(code)","name":"重复","regionCode":"330108","industryCode":"34"}"#)
            #expect(r.status == .unprocessableContent)
            #expect((r.json["errors"] as? [[String: String]])?.first?["code"] == "duplicate_credit_code")
        }
    }

    @Test("malformed JSON answers 400")
    func malformed() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            for body in ["{not json", "[1,2]", ""] {
                let r = try await client.api(.post, "/api/v1/enterprises", token: app.fixtures.tokens["admin"], json: body)
                #expect(r.status == .badRequest, "body \(body)")
                #expect(r.json["type"] as? String == "/problems/malformed-request")
            }
        }
    }

    @Test("a web form with errors shows a linked summary and keeps what was typed")
    func formKeepsInput() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let browser = Browser(client)
            _ = try await browser.login("admin")
            let r = try await browser.post("/enterprises/new", [("creditCode", "91330106ABCDEFGHIZ"), ("name", "留着我的输入"),
                                                              ("regionCode", "330106"), ("industryCode", "")])
            #expect(r.status == .unprocessableContent)
            let html = r.text
            #expect(html.contains("error-summary"))
            #expect(html.contains("href=\"#field-creditCode\""))
            #expect(html.contains("href=\"#field-industryCode\""))
            #expect(html.contains("value=\"留着我的输入\""))
            #expect(html.contains("value=\"91330106ABCDEFGHIZ\""))
            #expect(try await app.count("enterprises") == 3)
        }
    }

    @Test("unknown pages get a helpful 404 page, and the API a 404 problem")
    func notFound() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let browser = Browser(client)
            _ = try await browser.login("admin")
            let page = try await browser.get("/no/such/page")
            #expect(page.status == .notFound)
            #expect(page.text.contains("href=\"/\""))
            let api = try await client.api(.get, "/api/v1/enterprises/\(UUID())", token: app.fixtures.tokens["admin"])
            #expect(api.status == .notFound)
        }
    }
}
