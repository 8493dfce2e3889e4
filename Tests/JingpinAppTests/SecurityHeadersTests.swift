import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import Testing

/// Headers set once, in the middleware, for every answer.
@Suite("Security headers on every answer")
struct SecurityHeadersTests {
    func expectBase(_ r: TestResponse, _ what: String) {
        #expect(r.headers[.init("X-Content-Type-Options")!] == "nosniff", "\(what)")
        #expect(r.headers[.init("Referrer-Policy")!] == "no-referrer", "\(what)")
    }

    @Test("a page, an API answer, an export and an error carry nosniff and the referrer policy; signed-in answers are not stored")
    func everyKindOfAnswer() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let browser = Browser(client)
            _ = try await browser.login("admin")
            let page = try await browser.get("/enterprises")
            expectBase(page, "page")
            #expect(page.headers[.cacheControl] == "no-store")
            let export = try await browser.get("/enterprises.csv")
            #expect(export.status == .ok)
            expectBase(export, "export")
            #expect(export.headers[.cacheControl] == "no-store")
            let api = try await client.api(.get, "/api/v1/enterprises", token: app.fixtures.tokens["admin"])
            expectBase(api, "API")
            #expect(api.headers[.cacheControl] == "no-store")
            let problem = try await client.api(.get, "/api/v1/enterprises/\(UUID())", token: app.fixtures.tokens["admin"])
            #expect(problem.status == .notFound)
            expectBase(problem, "problem")
            #expect(problem.headers[.cacheControl] == "no-store")
            // A public answer a handler marks cacheable keeps that for anonymous readers, and loses it
            // for a signed-in one (the same stylesheet).
            let css = try await client.execute(uri: "/static/app.css", method: .get, headers: [:], body: nil)
            expectBase(css, "stylesheet")
            #expect(css.headers[.cacheControl] == "public, max-age=3600")
            #expect(try await browser.get("/static/app.css").headers[.cacheControl] == "no-store")
            let anonymous = try await client.execute(uri: "/login", method: .get, headers: [:], body: nil)
            expectBase(anonymous, "login page")
            #expect(anonymous.headers[.cacheControl] == "no-store")
        }
    }
}
