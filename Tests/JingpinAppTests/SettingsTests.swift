@testable import JingpinApp
import Testing

@Suite("Settings are read once and checked")
struct SettingsTests {
    @Test("no DATABASE_URL means the embedded SQLite file; postgres URLs select PostgreSQL")
    func databaseURL() throws {
        #expect(try Settings.load(environment: [:], dotEnvPath: "/nonexistent").database == .sqliteFile("jingpin.sqlite"))
        #expect(try Settings.load(environment: ["DATABASE_URL": "sqlite:///var/lib/jp.sqlite"], dotEnvPath: "/nonexistent").database
                == .sqliteFile("/var/lib/jp.sqlite"))
        #expect(try Settings.load(environment: ["DATABASE_URL": "postgres://u:p@db:5432/jp"], dotEnvPath: "/nonexistent").database
                == .postgres("postgres://u:p@db:5432/jp"))
        #expect(throws: Settings.Invalid.self) { try Settings.load(environment: ["DATABASE_URL": "mysql://x"], dotEnvPath: "/nonexistent") }
        #expect(throws: Settings.Invalid.self) { try Settings.load(environment: ["PORT": "http"], dotEnvPath: "/nonexistent") }
        #expect(throws: Settings.Invalid.self) { try Settings.load(environment: ["LOG_LEVEL": "loud"], dotEnvPath: "/nonexistent") }
    }

    @Test("cookies are Secure everywhere except plain localhost")
    func secureCookies() {
        #expect(!Settings(hostname: "127.0.0.1").cookiesAreSecure)
        #expect(!Settings(hostname: "localhost").cookiesAreSecure)
        #expect(Settings(hostname: "0.0.0.0").cookiesAreSecure)
        #expect(Settings(hostname: "127.0.0.1", publicURL: "https://jingpin.example.gov.cn").cookiesAreSecure)
        #expect(!Settings(hostname: "0.0.0.0", publicURL: "http://localhost:8080").cookiesAreSecure)
    }

    @Test("a .env file fills in what the environment leaves out")
    func dotEnv() {
        let parsed = Settings.parseDotEnv("# comment\nPORT=9090\nLOG_LEVEL=\"debug\"\n\nBAD LINE\n")
        #expect(parsed == ["PORT": "9090", "LOG_LEVEL": "debug"])
    }
}
