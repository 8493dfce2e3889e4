import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import Testing

/// The navigation comes from the permission function: each role's menu as the policy gives it,
/// and every link in it leads to a page that user may open.
@Suite("Navigation from permissions")
struct NavigationTests {
    /// Written from the policy: the province runs everything; city and county officers work their
    /// region's records and read shared data; an enterprise its own record, applications and
    /// annual reviews; an expert their reviews; a bank, for now, the rule catalogue.
    static let expected: [String: [String]] = [
        "admin": ["/", "/enterprises", "/filings", "/applications", "/annual-reviews", "/filings/import", "/rounds", "/expert-review",
                  "/targets", "/designations", "/rewards", "/reference/regions", "/rules", "/audit", "/account/tokens"],
        "hangzhou": ["/", "/enterprises", "/filings", "/applications", "/rounds", "/targets", "/reference/regions", "/rules", "/account/tokens"],
        "xihu": ["/", "/enterprises", "/filings", "/applications", "/rounds", "/targets", "/reference/regions", "/rules", "/account/tokens"],
        "firm": ["/", "/enterprises", "/applications", "/annual-reviews", "/rules", "/account/tokens"],
        "expert": ["/", "/my/reviews", "/rules", "/account/tokens"],
        "bank": ["/", "/rules", "/account/tokens"],
    ]

    @Test("each role's menu is the policy's, and every link in it opens for that user", arguments: ["admin", "hangzhou", "xihu", "firm", "expert", "bank"])
    func menus(user: String) async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let browser = Browser(client)
            _ = try await browser.login(user)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            // The menu is the side navigation's list.
            let nav = home.text.components(separatedBy: "<nav class=\"side-nav\"").dropFirst().first?.components(separatedBy: "</nav>").first ?? ""
            let hrefs = nav.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(Array(hrefs) == Self.expected[user], "\(user)")
            for href in Self.expected[user] ?? [] {
                #expect(try await browser.get(href).status == .ok, "\(user) following \(href)")
            }
        }
    }
}
