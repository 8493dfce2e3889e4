import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import Testing

@Suite("Each role reaches exactly its own enterprises over HTTP")
struct AccessTests {
    func listedIDs(_ client: any TestClientProtocol, _ token: String) async throws -> Set<String> {
        let r = try await client.api(.get, "/api/v1/enterprises?perPage=100", token: token)
        #expect(r.status == .ok)
        return Set((r.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
    }

    @Test("lists show each role only the enterprises in its scope")
    func listsAreScoped() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let f = app.fixtures
            let all: Set = [f.xihuEnterprise.id.uuidString, f.binjiangEnterprise.id.uuidString, f.haishuEnterprise.id.uuidString]
            #expect(try await listedIDs(client, f.tokens["admin"]!) == all)
            #expect(try await listedIDs(client, f.tokens["hangzhou"]!) == [f.xihuEnterprise.id.uuidString, f.binjiangEnterprise.id.uuidString])
            #expect(try await listedIDs(client, f.tokens["ningbo"]!) == [f.haishuEnterprise.id.uuidString])
            #expect(try await listedIDs(client, f.tokens["xihu"]!) == [f.xihuEnterprise.id.uuidString])
            #expect(try await listedIDs(client, f.tokens["firm"]!) == [f.xihuEnterprise.id.uuidString])
        }
    }

    @Test("roles without enterprise access are refused with 403")
    func expertsAndBanksAreRefused() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            for user in ["expert", "bank"] {
                let r = try await client.api(.get, "/api/v1/enterprises", token: app.fixtures.tokens[user])
                #expect(r.status == .forbidden)
                #expect(r.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                let one = try await client.api(.get, "/api/v1/enterprises/\(app.fixtures.xihuEnterprise.id)", token: app.fixtures.tokens[user])
                #expect(one.status == .forbidden)
            }
        }
    }

    @Test("records outside the scope answer 404, not 403")
    func outOfScopeIsNotFound() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let f = app.fixtures
            let cases: [(String, UUID)] = [("xihu", f.binjiangEnterprise.id), ("hangzhou", f.haishuEnterprise.id),
                                           ("ningbo", f.xihuEnterprise.id), ("firm", f.binjiangEnterprise.id)]
            for (user, id) in cases {
                let r = try await client.api(.get, "/api/v1/enterprises/\(id)", token: f.tokens[user])
                #expect(r.status == .notFound, "\(user) reading \(id)")
                #expect(r.json["type"] as? String == "/problems/not-found")
                let p = try await client.api(.patch, "/api/v1/enterprises/\(id)", token: f.tokens[user], json: #"{"name":"x"}"#)
                #expect(p.status == .notFound)
            }
            // In scope: the same calls succeed.
            let own = try await client.api(.get, "/api/v1/enterprises/\(f.xihuEnterprise.id)", token: f.tokens["xihu"])
            #expect(own.status == .ok)
            #expect(own.json["creditCode"] as? String == f.xihuEnterprise.creditCode)
        }
    }

    @Test("a county officer registers enterprises only in its own county")
    func countyCreatesOnlyAtHome() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let token = app.fixtures.tokens["xihu"]
            let elsewhere = Fixtures.validCode(region: "330108", body: "MA2NEW01")
            let refused = try await client.api(.post, "/api/v1/enterprises", token: token,
                                               json: #"{"creditCode":"\#(elsewhere)","name":"外区企业","regionCode":"330108","industryCode":"34"}"#)
            #expect(refused.status == .notFound)
            let home = Fixtures.validCode(region: "330106", body: "MA2NEW02")
            let created = try await client.api(.post, "/api/v1/enterprises", token: token,
                                               json: #"{"creditCode":"\#(home)","name":"本区新企业","regionCode":"330106","industryCode":"34","isAboveScale":true}"#)
            #expect(created.status == .created)
            #expect(created.json["cityCode"] as? String == "330100")
            #expect(created.json["sector"] as? String == "manufacturing")
            #expect(created.json["isAboveScale"] as? Bool == true)
            #expect(created.headers[.location] == "/api/v1/enterprises/\(created.json["id"] as? String ?? "")")
        }
    }

    @Test("an enterprise user edits its own enterprise and products but cannot register enterprises")
    func enterpriseUserOwnsItsRecord() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let f = app.fixtures
            let token = f.tokens["firm"]
            let create = try await client.api(.post, "/api/v1/enterprises", token: token,
                                              json: #"{"creditCode":"\#(Fixtures.validCode(region: "330106", body: "MA2NEW03"))","name":"x","regionCode":"330106","industryCode":"34"}"#)
            #expect(create.status == .forbidden)
            let patch = try await client.api(.patch, "/api/v1/enterprises/\(f.xihuEnterprise.id)", token: token, json: #"{"contactPhone":"0571-88886666"}"#)
            #expect(patch.status == .ok)
            #expect(patch.json["contactPhone"] as? String == "0571-88886666")
            #expect(patch.json["name"] as? String == f.xihuEnterprise.name)
            let product = try await client.api(.post, "/api/v1/enterprises/\(f.xihuEnterprise.id)/products", token: token,
                                               json: #"{"name":"精密数控车床","category":"advanced_manufacturing"}"#)
            #expect(product.status == .created)
            #expect(product.json["industryCode"] as? String == "34")
            #expect(product.json["sector"] as? String == "manufacturing")
            let pid = product.json["id"] as? String ?? ""
            // Another county's officer cannot see the product; its own county's can.
            #expect(try await client.api(.get, "/api/v1/products/\(pid)", token: f.tokens["binjiang"]).status == .notFound)
            #expect(try await client.api(.get, "/api/v1/products/\(pid)", token: f.tokens["xihu"]).status == .ok)
            let list = try await client.api(.get, "/api/v1/enterprises/\(f.xihuEnterprise.id)/products", token: f.tokens["hangzhou"])
            #expect((list.json["items"] as? [Any])?.count == 1)
        }
    }

    @Test("moving an enterprise out of the officer's county is refused and changes nothing")
    func cannotMoveOutOfScope() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let f = app.fixtures
            let r = try await client.api(.patch, "/api/v1/enterprises/\(f.xihuEnterprise.id)", token: f.tokens["xihu"], json: #"{"regionCode":"330108"}"#)
            // The record is in scope, so not a 404: the new region is refused at its field.
            #expect(r.status == .unprocessableContent)
            #expect((r.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/regionCode")
            #expect(try await app.services.enterprises.find(f.xihuEnterprise.id)?.regionCode == "330106")
        }
    }

    @Test("only the province admin reads the audit log")
    func auditIsAdminOnly() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            #expect(try await client.api(.get, "/api/v1/audit", token: app.fixtures.tokens["admin"]).status == .ok)
            for user in ["hangzhou", "xihu", "firm", "expert", "bank"] {
                #expect(try await client.api(.get, "/api/v1/audit", token: app.fixtures.tokens[user]).status == .forbidden, "\(user)")
            }
        }
    }

    @Test("no credentials, or a bad or revoked token, answers 401 problem+json")
    func unauthenticated() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let none = try await client.api(.get, "/api/v1/enterprises", token: nil)
            #expect(none.status == .unauthorized)
            #expect(none.json["type"] as? String == "/problems/unauthenticated")
            #expect(try await client.api(.get, "/api/v1/enterprises", token: "jp_not-a-token").status == .unauthorized)
            let admin = app.fixtures.tokens["admin"]!
            let tokens = try await client.api(.get, "/api/v1/tokens", token: admin)
            let id = ((tokens.json["items"] as? [[String: Any]])?.first?["id"] as? String)!
            #expect(try await client.api(.delete, "/api/v1/tokens/\(id)", token: admin).status == .noContent)
            #expect(try await client.api(.get, "/api/v1/me", token: admin).status == .unauthorized)
        }
    }

    @Test("a user cannot revoke someone else's token")
    func tokensAreOwnOnly() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let theirs = try await client.api(.get, "/api/v1/tokens", token: app.fixtures.tokens["xihu"])
            let id = ((theirs.json["items"] as? [[String: Any]])?.first?["id"] as? String)!
            #expect(try await client.api(.delete, "/api/v1/tokens/\(id)", token: app.fixtures.tokens["hangzhou"]).status == .notFound)
            #expect(try await client.api(.get, "/api/v1/me", token: app.fixtures.tokens["xihu"]).status == .ok)
        }
    }

    @Test("filters, search, sort and paging narrow the list")
    func filtersAndPaging() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let admin = app.fixtures.tokens["admin"]
            let ningbo = try await client.api(.get, "/api/v1/enterprises?city=330200", token: admin)
            #expect(ningbo.json["total"] as? Int == 1)
            let search = try await client.api(.get, "/api/v1/enterprises?q=%E6%BB%A8%E6%B1%9F", token: admin)  // 滨江
            #expect((search.json["items"] as? [[String: Any]])?.first?["name"] as? String == "滨江智能电子有限公司")
            let byCode = try await client.api(.get, "/api/v1/enterprises?q=91330203", token: admin)
            #expect(byCode.json["total"] as? Int == 1)
            let page2 = try await client.api(.get, "/api/v1/enterprises?perPage=2&page=2&sort=-regionCode", token: admin)
            #expect(page2.json["totalPages"] as? Int == 2)
            // Descending by region: 330203, 330108 on page 1, then 330106.
            #expect((page2.json["items"] as? [[String: Any]])?.first?["regionCode"] as? String == "330106")
            let bad = try await client.api(.get, "/api/v1/enterprises?perPage=1000&sort=size", token: admin)
            #expect(bad.status == .unprocessableContent)
            #expect(Set((bad.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }) == ["perPage", "sort"])
        }
    }
}
