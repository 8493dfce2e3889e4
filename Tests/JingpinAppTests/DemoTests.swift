import FluentKit
import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import Logging
import SQLKit
import Testing

@Suite("The demo: deterministic data, and every account sees only its own")
struct DemoTests {
    @Test("the same seed gives the same enterprises, each with a valid credit code for its county")
    func deterministic() async throws {
        try await TestApp.run { (app: TestApp, _: any TestClientProtocol) async throws -> Void in
            let ref = app.services.reference
            let a = DemoGenerator.generate(scale: .small, seed: 7, regions: ref.regions, industries: ref.industries)
            let b = DemoGenerator.generate(scale: .small, seed: 7, regions: ref.regions, industries: ref.industries)
            let c = DemoGenerator.generate(scale: .small, seed: 8, regions: ref.regions, industries: ref.industries)
            #expect(a.map(\.fields.creditCode) == b.map(\.fields.creditCode))
            #expect(a.map(\.fields.creditCode) != c.map(\.fields.creditCode))
            #expect(a.count == 600)
            #expect(Set(a.map(\.fields.creditCode)).count == 600)
            #expect(Set(a.compactMap { $0.fields.regionCode.cityCode }).count == 11)
            for e in a {
                // Re-validated from text by the independent reference implementation of the check characters.
                let code = e.fields.creditCode.value
                #expect(CreditCodeReference.make(region: String(Array(code)[2..<8]), body: String(Array(code)[8..<16])) == code)
                #expect(code.dropFirst(2).prefix(6) == Substring(e.fields.regionCode.value))
                #expect(e.products.allSatisfy { $0.sector == e.fields.sector })
            }
        }
    }

    @Test("after the demo loads, every account logs in and lists only what its role allows")
    func everyAccountSeesItsScope() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            // Start from an empty database, as `serve --demo` does.
            let sql = app.services.database.sql
            for table in ["products", "enterprises", "api_tokens", "sessions", "users"] {
                try await sql.raw("DELETE FROM \(unsafeRaw: table)").run()
            }
            #expect(try await DemoLoader.isEmpty(app.services))
            try await DemoLoader.load(app.services, scale: .small, seed: 2025, requestID: "test")
            let total = try await app.count("enterprises")
            let hangzhou = try await sql.raw("SELECT COUNT(*) AS n FROM enterprises WHERE city_code = '330100'").first()!.decode(column: "n", as: Int.self)
            let xihu = try await sql.raw("SELECT COUNT(*) AS n FROM enterprises WHERE region_code = '330106'").first()!.decode(column: "n", as: Int.self)
            let expected: [String: Int?] = ["admin": total, "hangzhou": hangzhou, "xihu": xihu, "enterprise": 1, "expert": nil, "bank": nil]
            for (user, count) in expected {
                let browser = Browser(client)
                let login = try await browser.post("/login", [("username", user), ("password", DemoLoader.password), ("next", "/")])
                #expect(login.status == .found, "\(user) logs in")
                #expect(try await browser.get("/").status == .ok)
                let list = try await browser.get("/enterprises?perPage=1")
                if let count {
                    #expect(list.status == .ok)
                    #expect(list.text.contains("共 \(count) "), "\(user) should see \(count)")
                    let csv = try await browser.get("/enterprises.csv")
                    #expect(csv.text.split(separator: "\r\n").count == count + 1, "\(user) export has \(count) rows")
                } else {
                    #expect(list.status == .forbidden, "\(user) is refused")
                }
            }
            #expect(try await AuditLog.verify(on: app.services.database.db).failure == nil)
        }
    }
}

@Suite("The command line")
struct CommandTests {
    @Test("audit verify exits clean on an intact chain and names the first altered entry")
    func auditVerify() async throws {
        let path = NSTemporaryDirectory() + "jingpin-cli-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let settings = Settings(database: .sqliteFile(path), logLevel: "error", bcryptCost: 4)
        try await Commands.createUser(settings: settings, username: "ops", role: .provinceAdmin, scope: .province,
                                      displayName: nil, password: "Shift-lead-2026")
        _ = try await Commands.issueToken(settings: settings, username: "ops", name: "t")
        let intact = try await Commands.verifyAudit(settings: settings)
        #expect(intact.failure == nil)
        #expect(intact.checked == 2)
        var logger = Logger(label: "t")
        logger.logLevel = .error
        let db = try DatabaseService(location: .sqliteFile(path), logger: logger)
        try await db.sql.raw("UPDATE audit_entries SET actor = 'user:mallory' WHERE seq = 1").run()
        await db.shutdown()
        let broken = try await Commands.verifyAudit(settings: settings)
        #expect(broken.failure?.hasPrefix("audit entry 1:") == true)
    }

    @Test("the demo has two rounds decided and this year's in expert review, with the expert's work in it, and designations in every state")
    func demoRounds() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let sql = app.services.database.sql
            for table in ["products", "enterprises", "api_tokens", "sessions", "users"] {
                try await sql.raw("DELETE FROM \(unsafeRaw: table)").run()
            }
            try await DemoLoader.load(app.services, scale: .small, seed: 2025, requestID: "test")
            func token(_ user: String) async throws -> String {
                let id = try #require(try await sql.raw("SELECT id FROM users WHERE username = \(bind: user)").first()).decode(column: "id", as: UUID.self)
                return try await app.services.tokens.issue(userID: id, name: "t", actor: .system("test"), requestID: "test").1
            }
            let admin = try await token("admin")
            let rounds = try await client.api(.get, "/api/v1/rounds", token: admin).json["items"] as? [[String: Any]] ?? []
            let year = LocalDate.today().year
            #expect(rounds.compactMap { $0["year"] as? Int } == [year, year - 1, year - 4])
            #expect(rounds.allSatisfy { $0["status"] as? String == "open" })
            func statuses(_ round: [String: Any]) async throws -> [String] {
                let items = try await client.api(.get, "/api/v1/rounds/\(round["id"] as? String ?? "")/applications", token: admin).json["items"] as? [[String: Any]] ?? []
                return items.compactMap { $0["status"] as? String }.sorted()
            }
            #expect(try await statuses(rounds[1]) == ["county_rejected", "designated", "designated", "designated", "not_designated"])
            #expect(try await statuses(rounds[0]) == ["county_passed", "in_expert_review", "in_expert_review", "in_expert_review", "in_expert_review",
                                                      "in_expert_review", "submitted"])
            #expect(try await statuses(rounds[2]) == ["designated", "designated", "designated", "designated"])
            #expect(try await app.count("designations") == 4 + 3)
            // Each with a certificate and a code. The first round's: renewed by last year's (same product), expired, revoked,
            // cancelled; last year's: one in good standing, one under annual review, one suspended.
            #expect(try await app.count("designations WHERE certificate_number IS NOT NULL AND verification_code IS NOT NULL") == 7)
            let rows = try await sql.raw("SELECT status, verification_code, product_id FROM designations ORDER BY certificate_number").all()
            let states = try rows.map { try $0.decode(column: "status", as: String.self) }
            #expect(states == ["renewed", "expired", "revoked", "cancelled", "designated", "under_review", "suspended"])
            #expect(Set(DesignationStatus.allCases.map(\.rawValue)) == Set(states), "every state of the lifecycle is in the demo")
            #expect(try rows[0].decode(column: "product_id", as: UUID.self) == rows[4].decode(column: "product_id", as: UUID.self),
                    "the renewed designation's product is designated again last year")
            // What a buyer scanning each code is told (the policy's answers: a renewed or cancelled certificate is no longer valid).
            var answers: [String] = []
            for row in rows {
                let code = try row.decode(column: "verification_code", as: String.self)
                answers.append(try await client.api(.get, "/api/v1/public/verify/\(code)", token: nil).json["outcome"] as? String ?? "")
            }
            #expect(answers == ["expired", "expired", "revoked", "expired", "authentic", "authentic", "suspended"])
            // The expert sees five published assignments, two already scored.
            let mine = try await client.api(.get, "/api/v1/my/assignments", token: try await token("expert")).json["items"] as? [Any] ?? []
            #expect(mine.count == 5)
            let scored = try await sql.raw("SELECT COUNT(*) AS n FROM score_sheets WHERE status = 'submitted'").first()!.decode(column: "n", as: Int.self)
            #expect(scored == 2)
            // Every application carries a test report a newcomer can open, a valid PDF by the policy's own check.
            #expect(try await app.count("application_files") == 16)
            let file = try #require(try await sql.raw("SELECT f.id AS id, f.application_id AS app FROM application_files f").first())
            let download = try await client.api(.get, "/api/v1/applications/\(try file.decode(column: "app", as: UUID.self))/files/\(try file.decode(column: "id", as: UUID.self))",
                                                token: admin)
            #expect(download.status == .ok && String(buffer: download.body).hasSuffix("%%EOF\n"))
            // The city ranked the ones it recommended: the first round's four, four last year (three designated, one not),
            // the five in review this year.
            #expect(try await app.count("designation_applications WHERE city_rank IS NOT NULL") == 4 + 4 + 5)
        }
    }
}
