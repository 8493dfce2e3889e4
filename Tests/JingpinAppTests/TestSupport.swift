import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import Logging
import NIOCore
import SQLKit

/// A fresh application on a fresh database for one test: in-memory SQLite by default, or a
/// throwaway PostgreSQL database when `TEST_DATABASE_URL` names a server.
struct TestApp: @unchecked Sendable {
    let services: AppServices
    let router: Router<AppRequestContext>
    let routes: RouteTable
    let fixtures: Fixtures

    static let password = "Correct-horse-42"

    static func run<T: Sendable>(_ body: @escaping @Sendable (TestApp, any TestClientProtocol) async throws -> T) async throws -> T {
        var logger = Logger(label: "test")
        logger.logLevel = .error
        let (location, cleanup) = try await freshDatabase(logger: logger)
        // Hundreds of tests share two cores, and some send thirty transactions at once: a wait for a
        // connection is not a fault here.
        let settings = Settings(database: location, hostname: "127.0.0.1", port: 0, logLevel: "error", bcryptCost: 4, databaseWaitSeconds: 120)
        let services = try await AppServices.make(settings: settings, logger: logger)
        do {
            let fixtures = try await Fixtures.make(services)
            let (router, routes) = try buildRouter(services, checkingAnswers: true)
            let testApp = TestApp(services: services, router: router, routes: routes, fixtures: fixtures)
            let app = Application(router: router, logger: logger)
            let result = try await app.test(.router) { client in try await body(testApp, client) }
            await services.database.shutdown()
            try await cleanup()
            return result
        } catch {
            await services.database.shutdown()
            try? await cleanup()
            throw error
        }
    }

    static func freshDatabase(logger: Logger) async throws -> (Settings.DatabaseLocation, () async throws -> Void) {
        guard let base = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !base.isEmpty else {
            return (.sqliteMemory, {})
        }
        let name = "jp_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try DatabaseService(location: .postgres(base), logger: logger)
        try await admin.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
        await admin.shutdown()
        var components = URLComponents(string: base)!
        components.path = "/" + name
        return (.postgres(components.string!), {
            let admin = try DatabaseService(location: .postgres(base), logger: logger)
            try await admin.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
            await admin.shutdown()
        })
    }

    /// Rows in a table right now.
    func count(_ table: String) async throws -> Int {
        let row = try await services.database.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()
        return try row!.decode(column: "n", as: Int.self)
    }
}

/// Known enterprises and one user per role, created through the product's own services.
struct Fixtures {
    /// Xihu District, Hangzhou.
    let xihuEnterprise: EnterpriseRecord
    /// Binjiang District, Hangzhou.
    let binjiangEnterprise: EnterpriseRecord
    /// Haishu District, Ningbo.
    let haishuEnterprise: EnterpriseRecord
    /// Bearer tokens by username.
    let tokens: [String: String]

    static func make(_ s: AppServices) async throws -> Fixtures {
        func enterprise(_ code: String, _ name: String, _ region: String) async throws -> EnterpriseRecord {
            let fields = try EnterpriseDraft(creditCode: code, name: name, regionCode: region, industryCode: "34")
                .validate(regions: s.reference.regions, industries: s.reference.industries).get()
            return try await s.enterprises.create(fields, actor: .system("test"), requestID: "test")
        }
        let xihu = try await enterprise(validCode(region: "330106", body: "MA27XM2B"), "西湖精工机械有限公司", "330106")
        let binjiang = try await enterprise(validCode(region: "330108", body: "MA2H2G3X"), "滨江智能电子有限公司", "330108")
        let haishu = try await enterprise(validCode(region: "330203", body: "MA2AA8XG"), "海曙港航装备有限公司", "330203")
        let users: [(String, Role, Scope)] = [
            ("admin", .provinceAdmin, .province),
            ("hangzhou", .cityOfficer, .region(try RegionCode("330100"))),
            ("ningbo", .cityOfficer, .region(try RegionCode("330200"))),
            ("xihu", .countyOfficer, .region(try RegionCode("330106"))),
            ("binjiang", .countyOfficer, .region(try RegionCode("330108"))),
            ("firm", .enterpriseUser, .enterprise(xihu.id)),
            ("expert", .expert, .none),
            ("bank", .bankOfficer, .bank("ZJRCU")),
        ]
        var tokens: [String: String] = [:]
        for (name, role, scope) in users {
            let user = try await s.accounts.createUser(username: name, displayName: name, role: role, scope: scope,
                                                       password: TestApp.password, actor: .system("test"), requestID: "test")
            tokens[name] = try await s.tokens.issue(userID: user.id, name: "test", actor: .system("test"), requestID: "test").1
        }
        return Fixtures(xihuEnterprise: xihu, binjiangEnterprise: binjiang, haishuEnterprise: haishu, tokens: tokens)
    }

    /// A valid credit code built by the independent reference implementation in the tests.
    static func validCode(region: String, body: String) -> String {
        CreditCodeReference.make(region: region, body: body)
    }
}

/// An independent implementation of GB 32100 / GB 11714 check characters, written from the
/// standard's text, so fixtures do not depend on the code under test.
enum CreditCodeReference {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static func make(region: String, body: String) -> String {
        // Organisation code check: weights 3,7,9,10,5,8,4,2; letters A=10 … Z=35.
        let orgWeights = [3, 7, 9, 10, 5, 8, 4, 2]
        var orgSum = 0
        for (c, w) in zip(body, orgWeights) {
            let value: Int = c.isNumber ? Int(String(c))! : Int(c.asciiValue!) - 65 + 10
            orgSum += value * w
        }
        let r = 11 - orgSum % 11
        let orgCheck = r == 10 ? "X" : r == 11 ? "0" : String(r)
        let first17 = Array("91" + region + body + orgCheck)
        var sum = 0, weight = 1
        for c in first17 {
            sum += alphabet.firstIndex(of: c)! * weight
            weight = weight * 3 % 31
        }
        return String(first17) + String(alphabet[(31 - sum % 31) % 31])
    }
}

extension TestClientProtocol {
    /// A JSON API call with a bearer token.
    func api(_ method: HTTPRequest.Method, _ uri: String, token: String?, json: String? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }
    /// The body as a JSON object.
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:] }
}

/// A browser: keeps cookies between requests and posts forms with the CSRF token.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }

    @discardableResult
    func get(_ uri: String) async throws -> TestResponse {
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let r = try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
        remember(r)
        return r
    }

    /// Posts a form; `csrf: false` leaves the token out.
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], csrf: Bool = true) async throws -> TestResponse {
        if cookies["jp_csrf"] == nil { try await get("/login") }
        var all = fields
        if csrf { all.append(("_csrf", cookies["jp_csrf"]!)) }
        let body = all.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        headers[.cookie] = cookieHeader
        let r = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        remember(r)
        return r
    }

    func login(_ username: String, password: String = TestApp.password) async throws -> TestResponse {
        try await post("/login", [("username", username), ("password", password), ("next", "/")])
    }

    func remember(_ r: TestResponse) {
        for header in r.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
    }
}

/// SHA-256 by the system's `sha256sum`, an implementation independent of the product's.
func sha256sum(_ bytes: [UInt8]) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("jp-sha-\(UUID().uuidString)")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    p.arguments = [url.path]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    p.waitUntilExit()
    return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ")[0].description
}
