import FluentKit
import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import SQLKit
import Testing

@Suite("The audit log is hash-chained and tamper-evident")
struct AuditTests {
    /// Makes a few audited writes through the API.
    func someWrites(_ app: TestApp, _ client: any TestClientProtocol) async throws {
        let token = app.fixtures.tokens["admin"]
        _ = try await client.api(.patch, "/api/v1/enterprises/\(app.fixtures.xihuEnterprise.id)", token: token, json: #"{"name":"西湖精工机械股份有限公司"}"#)
        _ = try await client.api(.post, "/api/v1/enterprises/\(app.fixtures.xihuEnterprise.id)/products", token: token,
                                 json: #"{"name":"五轴加工中心","category":"advanced_manufacturing"}"#)
    }

    @Test("every write appends one entry with actor, action, old and new values")
    func writesAreAudited() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let before = try await app.count("audit_entries")
            try await someWrites(app, client)
            #expect(try await app.count("audit_entries") == before + 2)
            let update = try await AuditEntryModel.query(on: app.services.database.db).filter(\.$action == "enterprise.update").first()
            #expect(update?.actor == "user:admin")
            #expect(update?.entityID == app.fixtures.xihuEnterprise.id.uuidString)
            #expect(update?.oldValue?.contains("西湖精工机械有限公司") == true)
            #expect(update?.newValue?.contains("西湖精工机械股份有限公司") == true)
            #expect(update?.requestID.isEmpty == false)
        }
    }

    @Test("an intact chain verifies, and each entry links to the previous hash")
    func intactChain() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            try await someWrites(app, client)
            let result = try await AuditLog.verify(on: app.services.database.db)
            #expect(result.failure == nil)
            #expect(result.checked == (try await app.count("audit_entries")))
            // Recompute one link by hand: SHA-256 over the canonical text must equal the stored hash.
            let first = try await AuditEntryModel.query(on: app.services.database.db).sort(\.$id).first()!
            #expect(first.prevHash == String(repeating: "0", count: 64))
            let canonical = "{\"seq\":\"1\",\"at\":\(AuditChain.quote(first.at)),\"actor\":\(AuditChain.quote(first.actor)),"
                + "\"action\":\(AuditChain.quote(first.action)),\"entityType\":\(AuditChain.quote(first.entityType)),"
                + "\"entityID\":\(AuditChain.quote(first.entityID)),\"old\":\(first.oldValue.map(AuditChain.quote) ?? "null"),"
                + "\"new\":\(first.newValue.map(AuditChain.quote) ?? "null"),\"requestID\":\(AuditChain.quote(first.requestID)),"
                + "\"prevHash\":\"\(first.prevHash)\"}"
            #expect(AuditChain.sha256Hex(canonical) == first.hash)
        }
    }

    @Test("altering an entry is detected at that entry")
    func alteredEntry() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            try await someWrites(app, client)
            let sql = app.services.database.sql
            try await sql.raw("UPDATE audit_entries SET new_value = '{\"name\":\"forged\"}' WHERE seq = 3").run()
            let result = try await AuditLog.verify(on: app.services.database.db)
            #expect(result.failure?.seq == 3)
            #expect(result.checked == 2)
        }
    }

    @Test("deleting an entry in the middle or at the end is detected")
    func deletedEntries() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            try await someWrites(app, client)
            let sql = app.services.database.sql
            let total = try await app.count("audit_entries")
            try await sql.raw("DELETE FROM audit_entries WHERE seq = \(unsafeRaw: String(total))").run()
            #expect(try await AuditLog.verify(on: app.services.database.db).failure?.seq == total)
            try await sql.raw("DELETE FROM audit_entries WHERE seq = 2").run()
            #expect(try await AuditLog.verify(on: app.services.database.db).failure?.seq == 2)
        }
    }

    @Test("the admin filters the log on a page and exports it as CSV")
    func pageAndExport() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            try await someWrites(app, client)
            let browser = Browser(client)
            _ = try await browser.login("admin")
            let page = try await browser.get("/audit?action=product.create")
            #expect(page.status == .ok)
            #expect(page.text.contains("五轴加工中心"))
            #expect(!page.text.contains("enterprise.update</td>"))
            let csv = try await browser.get("/audit.csv?action=enterprise.update")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 2)
            #expect(lines[1].contains("enterprise.update"))
            let officer = Browser(client)
            _ = try await officer.login("hangzhou")
            #expect(try await officer.get("/audit").status == .forbidden)
        }
    }
}
