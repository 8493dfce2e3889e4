import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import Testing

@Suite("Logins, lock-out, sessions and CSRF")
struct AuthTests {
    @Test("a right password logs in with a Strict, HttpOnly session cookie")
    func loginSucceeds() async throws {
        try await TestApp.run { (_: TestApp, client: any TestClientProtocol) async throws -> Void in
            let browser = Browser(client)
            let r = try await browser.login("hangzhou")
            #expect(r.status == .found)
            let cookie = r.headers[values: .setCookie].first { $0.hasPrefix("jp_session=") } ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.text.contains("hangzhou"))
        }
    }

    @Test("five wrong passwords lock the account, even against the right password")
    func lockOut() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let browser = Browser(client)
            for _ in 1...5 { #expect(try await browser.login("xihu", password: "Wrong-password-1").status == .unauthorized) }
            // Locked: the right password is refused too, with the same answer as a wrong one.
            let locked = try await browser.login("xihu")
            #expect(locked.status == .unauthorized)
            #expect(browser.cookies["jp_session"] == nil)
            // The lock is recorded in the audit log: four failures, then the fifth locks.
            let sql = app.services.database.sql
            #expect(try await sql.raw("SELECT action FROM audit_entries WHERE action = 'user.lock'").all().count == 1)
            #expect(try await sql.raw("SELECT action FROM audit_entries WHERE action = 'user.login_failed'").all().count == 4)
        }
    }

    @Test("thirty wrong passwords sent at once lock the account: every guess counts")
    func parallelGuessesLock() async throws {
        try await TestApp.run { (app: TestApp, _: any TestClientProtocol) async throws -> Void in
            let accounts = app.services.accounts
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<30 {
                    group.addTask { _ = try await accounts.login(username: "xihu", password: "Wrong-password-\(i)", requestID: "guess \(i)") }
                }
                try await group.waitForAll()
            }
            let row = try await app.services.database.sql.raw("SELECT locked_until FROM users WHERE username = 'xihu'").first()
            #expect(try row?.decode(column: "locked_until", as: Date?.self) != nil)
            // Exactly five guesses changed the counter (1, 2, 3, 4, then the lock); the other 25 found it locked.
            let sql = app.services.database.sql
            #expect(try await sql.raw("SELECT action FROM audit_entries WHERE action = 'user.login_failed'").all().count == 4)
            #expect(try await sql.raw("SELECT action FROM audit_entries WHERE action = 'user.lock'").all().count == 1)
            guard case .invalid = try await accounts.login(username: "xihu", password: TestApp.password, requestID: "owner") else {
                Issue.record("a locked account let the right password in")
                return
            }
        }
    }

    @Test("an unknown username reads the same as a wrong password")
    func unknownUser() async throws {
        try await TestApp.run { (_: TestApp, client: any TestClientProtocol) async throws -> Void in
            let r = try await Browser(client).login("nobody")
            #expect(r.status == .unauthorized)
        }
    }

    @Test("a locked account and an unknown username get the same answer: status and page, but for the name typed")
    func lockedLooksUnknown() async throws {
        try await TestApp.run { (_: TestApp, client: any TestClientProtocol) async throws -> Void in
            let guesser = Browser(client)
            for _ in 1...5 { _ = try await guesser.login("xihu", password: "Wrong-password-1") }
            // Fresh browsers, so no cookie or CSRF token tells the two apart; the CSRF token is the only
            // other per-request part of the page, so it is masked with the name.
            func answer(_ name: String, _ password: String) async throws -> (UInt16 /* status */, String) {
                let b = Browser(client)
                let r = try await b.login(name, password: password)
                let token = b.cookies["jp_csrf"] ?? "-"
                return (UInt16(r.status.code), r.text.replacingOccurrences(of: name, with: "NAME").replacingOccurrences(of: token, with: "TOKEN"))
            }
            let locked = try await answer("xihu", TestApp.password)
            let unknown = try await answer("nosuchuser", TestApp.password)
            #expect(locked.0 == 401)
            #expect(unknown.0 == locked.0)
            #expect(unknown.1 == locked.1)
        }
    }

    @Test("a form posted without the CSRF token is refused and stores nothing")
    func csrfRefused() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let browser = Browser(client)
            #expect(try await browser.post("/login", [("username", "admin"), ("password", TestApp.password)], csrf: false).status == .forbidden)
            _ = try await browser.login("admin")
            let before = try await app.count("enterprises")
            let fields = [("creditCode", Fixtures.validCode(region: "330106", body: "MA2CXRF1")), ("name", "跨站企业"),
                          ("regionCode", "330106"), ("industryCode", "34")]
            #expect(try await browser.post("/enterprises/new", fields, csrf: false).status == .forbidden)
            #expect(try await app.count("enterprises") == before)
            // With the token the same form goes through.
            #expect(try await browser.post("/enterprises/new", fields).status == .found)
            #expect(try await app.count("enterprises") == before + 1)
        }
    }

    @Test("logging out ends the session on the server")
    func logout() async throws {
        try await TestApp.run { (_: TestApp, client: any TestClientProtocol) async throws -> Void in
            let browser = Browser(client)
            _ = try await browser.login("admin")
            let stolen = browser.cookies["jp_session"]!
            #expect(try await browser.post("/logout", []).status == .found)
            browser.cookies["jp_session"] = stolen
            let after = try await browser.get("/enterprises")
            #expect(after.status == .seeOther || after.status == .found)
            #expect(after.headers[.location]?.hasPrefix("/login") == true)
        }
    }

    @Test("a session idle past the timeout is ended")
    func idleTimeout() async throws {
        try await TestApp.run { (app: TestApp, _: any TestClientProtocol) async throws -> Void in
            let result = try await app.services.accounts.login(username: "admin", password: TestApp.password, requestID: "t")
            guard case .success(let token, _) = result else { Issue.record("login failed"); return }
            let store = app.services.sessions
            #expect(try await store.resume(token: token, now: Date().addingTimeInterval(60)) != nil)
            let idle = store.idleTimeout
            #expect(try await store.resume(token: token, now: Date().addingTimeInterval(idle + 120)) == nil)
            // Gone for good: even "now" it no longer resumes.
            #expect(try await store.resume(token: token) == nil)
        }
    }

    @Test("the password policy refuses weak passwords when creating users")
    func passwordPolicy() async throws {
        try await TestApp.run { (app: TestApp, _: any TestClientProtocol) async throws -> Void in
            await #expect(throws: AppError.self) {
                _ = try await app.services.accounts.createUser(username: "weak", displayName: nil, role: .expert, scope: .none,
                                                               password: "short1", actor: .system("t"), requestID: "t")
            }
            await #expect(throws: AppError.self) {
                _ = try await app.services.accounts.createUser(username: "mismatch", displayName: nil, role: .cityOfficer,
                                                               scope: .region(try RegionCode("330106")), password: TestApp.password,
                                                               actor: .system("t"), requestID: "t")
            }
        }
    }

    @Test("tokens are 256 random bits in unpadded base64url, encoded as Foundation's base64 with the URL-safe alphabet")
    func tokens() {
        var rng = SystemRandomNumberGenerator()
        for length in 0...40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            // The reference: Foundation's standard base64, its two symbols swapped for - and _, the padding dropped.
            let reference = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Secrets.base64URL(bytes) == reference, "\(length) bytes")
        }
        let tokens = (0..<1000).map { _ in Secrets.token(prefix: "jp_") }
        #expect(Set(tokens).count == 1000)
        // 32 bytes are 43 symbols unpadded.
        #expect(tokens.allSatisfy { $0.hasPrefix("jp_") && $0.count == 3 + 43 && $0.dropFirst(3).allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } })
    }
}
