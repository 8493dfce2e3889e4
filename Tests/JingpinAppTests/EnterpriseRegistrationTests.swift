import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import Testing

/// Which fields of an enterprise a role may change: its registration (identity and statistical
/// status) belongs to the officers of its region and the province; its contact fields to itself.
@Suite("Enterprise registration: who may change which fields")
struct EnterpriseRegistrationTests {
    /// A new value for each registration field of the Xihu fixture (credit code MA27XM2B in
    /// 330106, industry 34, not above scale), each valid on its own so only permission decides.
    static func protectedChanges() -> [(field: String, json: String)] {
        [("creditCode", #""\#(Fixtures.validCode(region: "330106", body: "MA2QQQ99"))""#),
         ("name", #""改名后的企业有限公司""#),
         ("regionCode", #""330105""#),
         ("industryCode", #""35""#),
         ("isAboveScale", "true")]
    }

    @Test("an enterprise user's change of each registration field is refused by name and changes nothing")
    func enterpriseUserIsRefused() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let id = app.fixtures.xihuEnterprise.id
            let before = try await app.services.enterprises.find(id)
            let audits = try await app.count("audit_entries")
            for (field, value) in Self.protectedChanges() {
                let r = try await client.api(.patch, "/api/v1/enterprises/\(id)", token: app.fixtures.tokens["firm"], json: #"{"\#(field)":\#(value)}"#)
                #expect(r.status == .forbidden, "\(field)")
                #expect(r.json["type"] as? String == "/problems/field-not-editable")
                let errors = r.json["errors"] as? [[String: Any]] ?? []
                #expect(errors.map { $0["pointer"] as? String } == ["/\(field)"])
                #expect(errors.first?["code"] as? String == "not_editable_by_role")
            }
            // Refused with a contact change alongside: all or nothing.
            let mixed = try await client.api(.patch, "/api/v1/enterprises/\(id)", token: app.fixtures.tokens["firm"],
                                             json: #"{"contactPhone":"0571-11112222","regionCode":"330203"}"#)
            #expect(mixed.status == .forbidden)
            #expect(try await app.services.enterprises.find(id) == before)
            #expect(try await app.count("audit_entries") == audits)
        }
    }

    @Test("an enterprise user may send its registration back unchanged with a new phone number")
    func unchangedRegistrationIsNoChange() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let e = app.fixtures.xihuEnterprise
            let body = #"{"creditCode":"\#(e.creditCode)","name":"\#(e.name)","regionCode":"330106","industryCode":"34","isAboveScale":\#(e.isAboveScale),"contactPhone":"0571-12345678"}"#
            let r = try await client.api(.patch, "/api/v1/enterprises/\(e.id)", token: app.fixtures.tokens["firm"], json: body)
            #expect(r.status == .ok)
            #expect(r.json["contactPhone"] as? String == "0571-12345678")
        }
    }

    @Test("the county's officer changes each registration field, audited old → new")
    func countyOfficerChangesRegistration() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let id = app.fixtures.xihuEnterprise.id
            // Region last: once in Gongshu (330105) the enterprise leaves the Xihu officer's county.
            for (field, value) in Self.protectedChanges().filter({ $0.field != "regionCode" }) {
                let audits = try await app.count("audit_entries")
                let r = try await client.api(.patch, "/api/v1/enterprises/\(id)", token: app.fixtures.tokens["xihu"], json: #"{"\#(field)":\#(value)}"#)
                #expect(r.status == .ok, "\(field)")
                #expect(try await app.count("audit_entries") == audits + 1)
                let row = try await app.services.database.sql.raw(
                    "SELECT old_value, new_value FROM audit_entries WHERE action = 'enterprise.update' ORDER BY seq DESC").first()
                let old = try row?.decode(column: "old_value", as: String.self) ?? ""
                let new = try row?.decode(column: "new_value", as: String.self) ?? ""
                #expect(old != new)
                #expect(new.contains(value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))), "\(field) in \(new)")
            }
            // The Xihu officer may not move it out of Xihu; Hangzhou's city officer may, within Hangzhou.
            let out = try await client.api(.patch, "/api/v1/enterprises/\(id)", token: app.fixtures.tokens["xihu"], json: #"{"regionCode":"330105"}"#)
            #expect(out.status == .unprocessableContent)
            #expect((out.json["errors"] as? [[String: Any]])?.first?["code"] as? String == "region_outside_scope")
            #expect(try await app.services.enterprises.find(id)?.regionCode == "330106")
            let moved = try await client.api(.patch, "/api/v1/enterprises/\(id)", token: app.fixtures.tokens["hangzhou"], json: #"{"regionCode":"330105"}"#)
            #expect(moved.status == .ok)
            #expect(try await app.services.enterprises.find(id)?.regionCode == "330105")
            // Hangzhou's officer cannot move it to Ningbo: that is the province's.
            let far = try await client.api(.patch, "/api/v1/enterprises/\(id)", token: app.fixtures.tokens["hangzhou"], json: #"{"regionCode":"330203"}"#)
            #expect(far.status == .unprocessableContent)
            let province = try await client.api(.patch, "/api/v1/enterprises/\(id)", token: app.fixtures.tokens["admin"], json: #"{"regionCode":"330203"}"#)
            #expect(province.status == .ok)
        }
    }

    @Test("the edit page shows an enterprise user its registration without inputs, and a posted change is refused beside the field")
    func pageObeysTheRule() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let id = app.fixtures.xihuEnterprise.id
            let firm = Browser(client)
            _ = try await firm.login("firm")
            let page = try await firm.get("/enterprises/\(id)/edit")
            #expect(page.status == .ok)
            #expect(!page.text.contains(#"name="creditCode""#))
            #expect(!page.text.contains(#"name="regionCode""#))
            #expect(!page.text.contains(#"name="isAboveScale""#))
            #expect(page.text.contains(#"name="contactPhone""#))
            #expect(page.text.contains(app.fixtures.xihuEnterprise.creditCode))
            // The contact form alone saves, and the registration stays as it was (the unchecked-box trap included).
            let saved = try await firm.post("/enterprises/\(id)/edit", [("address", "杭州市西湖区文三路1号"), ("contactPhone", "0571-87654321")])
            #expect(saved.status == .found)
            let after = try await app.services.enterprises.find(id)
            #expect(after?.address == "杭州市西湖区文三路1号")
            #expect(after?.regionCode == "330106")
            #expect(after?.isAboveScale == app.fixtures.xihuEnterprise.isAboveScale)
            // A registration field posted anyway is refused, with the message beside it.
            let forged = try await firm.post("/enterprises/\(id)/edit", [("regionCode", "330203"), ("contactPhone", "0571-87654321")])
            #expect(forged.status == .unprocessableContent)
            #expect(forged.text.contains("error-message"))
            #expect(try await app.services.enterprises.find(id)?.regionCode == "330106")
            // The county officer's page offers every field.
            let officer = Browser(client)
            _ = try await officer.login("xihu")
            let full = try await officer.get("/enterprises/\(id)/edit")
            #expect(full.text.contains(#"name="creditCode""#))
            #expect(full.text.contains(#"name="regionCode""#))
        }
    }
}
