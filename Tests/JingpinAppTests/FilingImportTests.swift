import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import Logging
import NIOCore
import SQLKit
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension TestApp {
    /// Runs the importer on bytes in memory, in small chunks so chunk boundaries are exercised.
    func importFile(_ bytes: [UInt8], year: Int = 2025, dryRun: Bool = false, skipInvalid: Bool = false,
                    rejects: String? = nil) async throws -> FilingImportReport {
        try await FilingImporter(database: services.database, catalogue: services.catalogue)
            .run(MemoryByteSource(bytes: bytes, chunkSize: 7), options: FilingImportOptions(year: year, dryRun: dryRun, skipInvalid: skipInvalid),
                 actor: .cli("tester"), requestID: "test-import", rejectsPath: rejects)
    }

    /// Every stored value as "creditCode|indicator|value|source", sorted.
    func storedValues() async throws -> [String] {
        let rows = try await services.database.sql.raw("""
            SELECT e.credit_code AS code, v.indicator AS indicator, v.value AS value, v.source AS source, v.year AS year
            FROM filing_values v JOIN enterprises e ON e.id = v.enterprise_id
            """).all()
        return try rows.map { r in
            "\(try r.decode(column: "code", as: String.self))|\(try r.decode(column: "year", as: Int.self))|\(try r.decode(column: "indicator", as: String.self))|"
                + "\(try r.decode(column: "value", as: Int64.self))|\(try r.decode(column: "source", as: String.self))"
        }.sorted()
    }

    /// The audit entries of imports: (entity id, new value).
    func importAudits() async throws -> [(String, String)] {
        let rows = try await services.database.sql.raw("SELECT entity_id, new_value FROM audit_entries WHERE action = 'filing.import' ORDER BY seq").all()
        return try rows.map { (try $0.decode(column: "entity_id", as: String.self), try $0.decode(column: "new_value", as: String.self)) }
    }
}

/// The report's problems as "line|column|value|code".
private func summary(_ r: FilingImportReport) -> [String] { r.problems.map { "\($0.line)|\($0.column)|\($0.value)|\($0.code)" } }

private func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }

@Suite("Filing import")
struct FilingImportTests {
    @Test("a good long file is written exactly; re-importing it changes no value and is audited again")
    func goodFileAndReimport() async throws {
        try await TestApp.run { app, _ in
            let x = app.fixtures.xihuEnterprise.creditCode, b = app.fixtures.binjiangEnterprise.creditCode
            // The first code is quoted with an embedded line break: valid, the code is trimmed.
            let file = utf8("creditCode,year,indicator,value\r\n\"\(x)\n\",2025,revenue,1234.56\r\n\(x),2025,employees,12\r\n\(b),2025,iso9001_certified,是\r\n")
            let first = try await app.importFile(file)
            #expect(!first.refused)
            #expect(first.problems.isEmpty)
            #expect(first.counts.rowsRead == 3)
            #expect(first.valuesWritten == 3)
            #expect(first.layout == "long")
            #expect(first.encoding == .utf8)
            let expected = ["\(b)|2025|iso9001_certified|1|import", "\(x)|2025|employees|12|import", "\(x)|2025|revenue|123456|import"].sorted()
            #expect(try await app.storedValues() == expected)
            let digest = try sha256sum(file)
            #expect(first.sha256 == digest)
            let second = try await app.importFile(file)
            #expect(second.valuesWritten == 3)
            #expect(try await app.storedValues() == expected)
            let audits = try await app.importAudits()
            #expect(audits.count == 2)
            #expect(audits.allSatisfy { $0.0 == digest })
            #expect(audits[0].1 == #"{"dryRun":false,"encoding":"UTF-8","layout":"long","rowsRead":3,"rowsRejected":0,"sha256":"\#(digest)","skipInvalid":false,"valuesWritten":3,"year":2025}"#)
        }
    }

    @Test("an import gives each filing it fills a header and one history event; overwritten values show old and new")
    func importHistory() async throws {
        try await TestApp.run { app, _ in
            let x = app.fixtures.xihuEnterprise, b = app.fixtures.binjiangEnterprise
            let filings = FilingRepository(database: app.services.database)
            let first = utf8("creditCode,year,indicator,value\n\(x.creditCode),2025,revenue,1234.56\n\(x.creditCode),2025,employees,12\n\(b.creditCode),2025,employees,7\n")
            #expect(try await app.importFile(first).valuesWritten == 3)
            let digest = try sha256sum(first)
            for (e, n) in [(x, 2), (b, 1)] {
                #expect(try await filings.filing(enterpriseID: e.id, year: 2025).status == .draft)
                let history = try await filings.history(enterpriseID: e.id, year: 2025)
                #expect(history.map(\.action) == ["import"])
                #expect(history.first?.actor == "cli:tester")
                #expect(history.first?.reason == "\(n) values, file SHA-256 \(digest.prefix(16))…")
                #expect(history.first?.changes == nil)
            }
            // The county accepted x's filing; the bureau then corrects revenue (and repeats employees).
            try await app.services.database.sql.raw("UPDATE filings SET status = 'accepted' WHERE enterprise_id = \(bind: x.id)").run()
            let second = utf8("creditCode,year,indicator,value\n\(x.creditCode),2025,revenue,2000\n\(x.creditCode),2025,employees,12\n")
            #expect(try await app.importFile(second).valuesWritten == 2)
            #expect(try await filings.filing(enterpriseID: x.id, year: 2025).status == .accepted)
            let history = try await filings.history(enterpriseID: x.id, year: 2025)
            #expect(history.map(\.action) == ["import", "import"])
            // 1234.56 yuan = 123456 fen → 2000 yuan = 200000 fen; employees unchanged, so not listed.
            #expect(history.last?.changes == ["revenue": [123456, 200000]])
            #expect(try await filings.history(enterpriseID: b.id, year: 2025).count == 1)
            // A refused file adds no header and no event.
            let bad = utf8("creditCode,year,indicator,value\n\(app.fixtures.haishuEnterprise.creditCode),2025,employees,3\n\(x.creditCode),2025,employees,x\n")
            #expect(try await app.importFile(bad).refused)
            #expect(try await filings.history(enterpriseID: app.fixtures.haishuEnterprise.id, year: 2025).isEmpty)
            #expect(try await filings.history(enterpriseID: x.id, year: 2025).count == 2)
        }
    }

    @Test("each malformed file is refused with its exact problem and writes nothing, not even the good rows")
    func malformed() async throws {
        try await TestApp.run { app, _ in
            let x = app.fixtures.xihuEnterprise.creditCode
            let header = "creditCode,year,indicator,value\n"
            let good = "\(x),2025,employees,12\n"
            let cases: [(String, [UInt8], [String])] = [
                ("wrong column count", utf8(header + good + "\(x),2025,revenue\n"), ["3|4|\(x),2025,revenue|wrong_column_count"]),
                ("unknown enterprise", utf8(header + good + "91350100M000100Y43,2025,revenue,1\n"),
                 ["3|creditCode|91350100M000100Y43|unknown_enterprise"]),
                ("invalid credit code", utf8(header + good + "91350100M000100Y44,2025,revenue,1\n"),
                 ["3|creditCode|91350100M000100Y44|invalid_credit_code"]),
                ("text after a closing quote", utf8(header + good + "\(x),2025,revenue,\"12\"3\n"), ["3|value|123|text_after_closing_quote"]),
                ("unterminated quote", utf8(header + good + "\(x),2025,revenue,\"12\n"), ["3|value|12\n|unterminated_quote"]),
                ("embedded line break shifts the next line", utf8(header + "\"\(x)\n\",2025,revenue,1\n\(x),2025,employees,x\n"),
                 ["4|value|x|not_a_number"]),
                ("BOM with a bad row", [0xEF, 0xBB, 0xBF] + utf8(header + good + "\(x),2025,revenue,1.234\n"), ["3|value|1.234|too_many_decimals"]),
                ("duplicate row", utf8(header + good + good), ["3|indicator|employees|duplicate_row"]),
                ("wrong year", utf8(header + "\(x),2024,employees,12\n"), ["2|year|2024|wrong_year"]),
                ("unknown indicator column", utf8("creditCode,year,employees,profit\n\(x),2025,1,2\n"), ["1|profit|profit|unknown_indicator"]),
            ]
            for (name, bytes, expected) in cases {
                let report = try await app.importFile(bytes)
                #expect(report.refused, "\(name)")
                #expect(summary(report) == expected, "\(name)")
                #expect(report.valuesWritten == 0, "\(name)")
                #expect(try await app.count("filing_values") == 0, "\(name)")
                #expect(try await app.importAudits().isEmpty, "\(name)")
            }
            let bom = try await app.importFile([0xEF, 0xBB, 0xBF] + utf8(header + good))
            #expect(bom.hadBOM && !bom.refused && bom.valuesWritten == 1)
        }
    }

    @Test("a GBK file is decoded (是/否 and a bad value 可能 reported as read); a good one is written")
    func gbk() async throws {
        try await TestApp.run { app, _ in
            let x = app.fixtures.xihuEnterprise.creditCode, b = app.fixtures.binjiangEnterprise.creditCode
            let header = utf8("creditCode,year,iso9001_certified,zhejiang_made_certified\r\n")
            let shi: [UInt8] = [0xCA, 0xC7], fou: [UInt8] = [0xB7, 0xF1], keneng: [UInt8] = [0xBF, 0xC9, 0xC4, 0xDC]  // 是 否 可能 in GBK
            let row1 = utf8("\(x),2025,") + shi + utf8(",") + fou + utf8("\r\n")
            let bad = utf8("\(b),2025,") + shi + utf8(",") + keneng + utf8("\r\n")
            let refused = try await app.importFile(header + row1 + bad)
            #expect(refused.encoding == .gb18030)
            #expect(summary(refused) == ["3|zhejiang_made_certified|可能|not_a_boolean"])
            #expect(try await app.count("filing_values") == 0)
            let ok = try await app.importFile(header + row1)
            #expect(!ok.refused && ok.layout == "wide")
            #expect(try await app.storedValues() == ["\(x)|2025|iso9001_certified|1|import", "\(x)|2025|zhejiang_made_certified|0|import"])
        }
    }

    @Test("--skip-invalid writes the good rows and the rejected rows with their reason")
    func skipInvalid() async throws {
        try await TestApp.run { app, _ in
            let x = app.fixtures.xihuEnterprise.creditCode, b = app.fixtures.binjiangEnterprise.creditCode
            let file = utf8("creditCode,year,indicator,value\n\(x),2025,employees,12\n\(b),2025,employees,\"1,5\"\n\(b),2025,revenue,10\n")
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("jp-rejects-\(UUID().uuidString).csv").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let report = try await app.importFile(file, skipInvalid: true, rejects: path)
            #expect(!report.refused)
            #expect(report.valuesWritten == 2)
            #expect(report.counts.rowsRejected == 1)
            #expect(try await app.storedValues() == ["\(b)|2025|revenue|1000|import", "\(x)|2025|employees|12|import"].sorted())
            let rejects = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(Array(rejects) == [0xEF, 0xBB, 0xBF] + utf8("creditCode,year,indicator,value,reason\r\n\(b),2025,employees,\"1,5\",value: Enter a number\r\n"))
            #expect(try await app.importAudits().count == 1)
        }
    }

    @Test("a dry run writes no value; it leaves one audit entry marked as a dry run")
    func dryRun() async throws {
        try await TestApp.run { app, _ in
            let x = app.fixtures.xihuEnterprise.creditCode
            let report = try await app.importFile(utf8("creditCode,year,indicator,value\n\(x),2025,employees,12\n"), dryRun: true)
            #expect(!report.refused && report.valuesWritten == 0 && report.counts.valuesAccepted == 1)
            #expect(try await app.count("filing_values") == 0)
            let audits = try await app.importAudits()
            #expect(audits.count == 1 && audits[0].1.contains(#""dryRun":true"#))
        }
    }

    @Test("the upload page: 403 for other roles, a report for the admin, the CSRF token required")
    func uploadPage() async throws {
        try await TestApp.run { app, client in
            let officer = Browser(client)
            _ = try await officer.login("xihu")
            #expect(try await officer.get("/filings/import").status == .forbidden)
            let admin = Browser(client)
            _ = try await admin.login("admin")
            let form = try await admin.get("/filings/import")
            #expect(form.status == .ok)
            #expect(form.text.contains("enctype=\"multipart/form-data\""))
            let token = admin.cookies["jp_csrf"]!
            #expect(form.text.contains("action=\"/filings/import?_csrf=\(token)\""))
            let x = app.fixtures.xihuEnterprise.creditCode
            func upload(_ b: Browser, _ csv: String, query: String) async throws -> TestResponse {
                let boundary = "----jpBoundary7MA4YWxk"
                var body = ""
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"year\"\r\n\r\n2025\r\n"
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n"
                body += "--\(boundary)--\r\n"
                var headers = HTTPFields()
                headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
                headers[.cookie] = b.cookieHeader
                return try await client.execute(uri: "/filings/import" + query, method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            let bad = try await upload(admin, "creditCode,year,indicator,value\n\(x),2025,employees,abc\n", query: "?_csrf=\(token)")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("<td>2</td><td>value</td><td class=\"mono\">abc</td><td>请输入数字</td>"))
            #expect(try await app.count("filing_values") == 0)
            #expect(try await upload(admin, "creditCode,year,indicator,value\n\(x),2025,employees,7\n", query: "").status == .forbidden)
            #expect(try await upload(officer, "creditCode,year,indicator,value\n\(x),2025,employees,7\n",
                                     query: "?_csrf=\(officer.cookies["jp_csrf"]!)").status == .forbidden)
            #expect(try await app.count("filing_values") == 0)
            let good = try await upload(admin, "creditCode,year,indicator,value\n\(x),2025,employees,7\n", query: "?_csrf=\(token)")
            #expect(good.status == .ok)
            #expect(good.text.contains("导入完成"))
            #expect(try await app.storedValues() == ["\(x)|2025|employees|7|import"])
            let audit = try await app.services.database.sql.raw("SELECT actor FROM audit_entries WHERE action = 'filing.import'").all()
            #expect(try audit.map { try $0.decode(column: "actor", as: String.self) } == ["user:admin"])
        }
    }

    @Test("the multipart reader finds fields and the file, with CRLF inside the file")
    func multipart() {
        let body = Array("--XyZ\r\nContent-Disposition: form-data; name=\"year\"\r\n\r\n2025\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\na,b\r\n1,2\r\n\r\n--XyZ--\r\n".utf8)
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=\"XyZ\"") == "XyZ")
        let form = MultipartForm(body: body, boundary: "XyZ")
        #expect(form?.parts.map(\.name) == ["year", "file"])
        #expect(form?["year"]?.text == "2025")
        #expect(form?["file"]?.filename == "a.csv")
        #expect(form?["file"]?.text == "a,b\r\n1,2\r\n")
        #expect(MultipartForm(body: Array("no parts here".utf8), boundary: "XyZ") == nil)
    }
}

/// The reliability check of the issue: SIGKILL part-way through a large import leaves no row of
/// the file, an intact database, and an import that succeeds when run again. It runs the real
/// `jingpin` binary against an SQLite file, once (in the SQLite pass of the suite).
@Suite("Filing import survives SIGKILL", .enabled(if: (ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? "").isEmpty))
struct FilingImportKillTests {
    /// The `jingpin` executable built beside the test bundle.
    static func binary() -> URL? {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                          Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates += [".build-import/debug", ".build/debug"].map { root.appendingPathComponent($0) }
        return candidates.map { $0.appendingPathComponent("jingpin") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func services(_ path: String) async throws -> AppServices {
        var logger = Logger(label: "test")
        logger.logLevel = .error
        return try await AppServices.make(settings: Settings(database: .sqliteFile(path), logLevel: "error", bcryptCost: 4), logger: logger)
    }

    @Test("killed part-way: none of the file's rows, integrity ok, and a re-run imports everything")
    func killAndRerun() async throws {
        let jingpin = try #require(Self.binary(), "build the jingpin executable first (swift build --build-tests)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jp-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let dbPath = dir.appendingPathComponent("kill.sqlite").path

        // 3,000 enterprises and a long file of their whole-number and money values: about 100,000 rows.
        let s = try await Self.services(dbPath)
        let indicators = s.catalogue.indicators(for: 2025).filter {
            switch $0.type { case .money, .integer, .quantity: true; default: false }
        }
        let codes = (0..<3000).map { CreditCodeReference.make(region: "330106", body: String(format: "%08d", $0)) }
        try await s.database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            for chunk in stride(from: 0, to: 3000, by: 500) {
                var insert = sql.insert(into: "enterprises").columns("id", "credit_code", "name", "region_code", "city_code",
                                                                     "industry_code", "sector", "is_above_scale", "created_at", "updated_at")
                for i in chunk..<(chunk + 500) {
                    let code = codes[i]
                    insert = insert.values(SQLBind(UUID()), SQLBind(code), SQLBind("企业\(i)"), SQLBind("330106"), SQLBind("330100"),
                                           SQLBind("34"), SQLBind("manufacturing"), SQLBind(true), SQLBind(Date()), SQLBind(Date()))
                }
                try await insert.run()
            }
        }
        await s.database.shutdown()
        var text = "creditCode,year,indicator,value\n"
        for code in codes { for i in indicators { text += "\(code),2025,\(i.code),1\n" } }
        let rows = codes.count * indicators.count
        #expect(rows > 60_000)
        let file = dir.appendingPathComponent("big.csv")
        try Data(text.utf8).write(to: file)

        func start() throws -> (Process, Pipe) {
            let p = Process()
            p.executableURL = jingpin
            p.arguments = ["import", "filings", file.path, "--year", "2025"]
            p.currentDirectoryURL = dir
            p.environment = ["DATABASE_URL": "sqlite://\(dbPath)", "LOG_LEVEL": "error", "PATH": "/usr/bin:/bin"]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = out
            try p.run()
            return (p, out)
        }

        // Kill at the first progress line: 50,000 rows validated and sent to SQLite, the rest still to come.
        let (first, out) = try start()
        var seen = ""
        while !seen.contains("rows read") {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(seen.contains("rows read") && !seen.contains("imported"), "output so far: \(seen)")
        #expect(first.terminationReason == .uncaughtSignal)

        let after = try await Self.services(dbPath)
        let count = try await after.database.sql.raw("SELECT COUNT(*) AS n FROM filing_values").first()!.decode(column: "n", as: Int.self)
        let integrity = try await after.database.sql.raw("PRAGMA integrity_check").first()!.decode(column: "integrity_check", as: String.self)
        let audits = try await after.database.sql.raw("SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'filing.import'").first()!
            .decode(column: "n", as: Int.self)
        await after.database.shutdown()
        #expect(count == 0)
        #expect(integrity == "ok")
        #expect(audits == 0)

        let (second, out2) = try start()
        let output = String(decoding: out2.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        second.waitUntilExit()
        #expect(second.terminationStatus == 0, "output: \(output)")
        #expect(output.contains("imported: \(rows) value(s) written"))
        let final = try await Self.services(dbPath)
        let n = try await final.database.sql.raw("SELECT COUNT(*) AS n FROM filing_values").first()!.decode(column: "n", as: Int.self)
        await final.database.shutdown()
        #expect(n == rows)
    }
}
