import Foundation

/// Every setting Jingpin reads, resolved once at start from the command line, then the
/// environment, then `.env`, then defaults — and checked, so a bad value fails loudly.
public struct Settings: Sendable {
    /// Where the data lives.
    public enum DatabaseLocation: Sendable, Equatable {
        /// An embedded SQLite file (the default, `./jingpin.sqlite`).
        case sqliteFile(String)
        /// An in-memory SQLite database (tests only).
        case sqliteMemory
        /// A PostgreSQL server given by URL.
        case postgres(String)
    }

    /// The database.
    public var database: DatabaseLocation
    /// The address to listen on.
    public var hostname: String
    /// The port to listen on.
    public var port: Int
    /// The log level name (trace, debug, info, notice, warning, error, critical).
    public var logLevel: String
    /// The public base URL, used to decide whether cookies need `Secure`.
    public var publicURL: String?
    /// Minutes of inactivity after which a session ends.
    public var sessionIdleMinutes: Int
    /// Hours after which a session ends whatever happens.
    public var sessionAbsoluteHours: Int
    /// The bcrypt cost (work factor); lowered only in tests.
    public var bcryptCost: Int
    /// How many public objections one client (by network address) may post per hour
    /// (`PUBLIC_OBJECTIONS_PER_HOUR`); the notice is public, so this keeps floods out.
    public var publicObjectionsPerHour: Int
    /// How many verifications one client may ask per minute (`PUBLIC_VERIFICATIONS_PER_MINUTE`):
    /// enough for a shop scanning its shelf, too few to walk the code space.
    public var publicVerificationsPerMinute: Int

    /// Creates settings with explicit values.
    public init(database: DatabaseLocation = .sqliteFile("jingpin.sqlite"), hostname: String = "127.0.0.1", port: Int = 8080,
                logLevel: String = "info", publicURL: String? = nil, sessionIdleMinutes: Int = 30,
                sessionAbsoluteHours: Int = 12, bcryptCost: Int = 12, publicObjectionsPerHour: Int = 5,
                publicVerificationsPerMinute: Int = 120, databaseWaitSeconds: Int64 = 10) {
        self.database = database
        self.hostname = hostname
        self.port = port
        self.logLevel = logLevel
        self.publicURL = publicURL
        self.sessionIdleMinutes = sessionIdleMinutes
        self.sessionAbsoluteHours = sessionAbsoluteHours
        self.bcryptCost = bcryptCost
        self.publicObjectionsPerHour = publicObjectionsPerHour
        self.publicVerificationsPerMinute = publicVerificationsPerMinute
        self.databaseWaitSeconds = databaseWaitSeconds
    }

    /// How long a request waits for a free database connection before it fails (10 s; the test
    /// suite, hundreds of tests on two cores, waits longer).
    public var databaseWaitSeconds: Int64

    /// A settings problem, reported before anything starts.
    public struct Invalid: Error, CustomStringConvertible {
        /// What is wrong and how to fix it.
        public let description: String
    }

    /// Reads settings from the environment, falling back to a `.env` file in the working directory.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment,
                            dotEnvPath: String = ".env") throws -> Settings {
        var values = (try? String(contentsOfFile: dotEnvPath, encoding: .utf8)).map(parseDotEnv) ?? [:]
        values.merge(environment) { _, env in env }
        var settings = Settings()
        if let url = values["DATABASE_URL"], !url.isEmpty { settings.database = try parseDatabaseURL(url) }
        if let host = values["HOSTNAME_BIND"] ?? values["HOST"], !host.isEmpty { settings.hostname = host }
        if let port = values["PORT"], !port.isEmpty {
            guard let p = Int(port), (1...65535).contains(p) else { throw Invalid(description: "PORT must be 1–65535, not “\(port)”") }
            settings.port = p
        }
        if let level = values["LOG_LEVEL"], !level.isEmpty {
            let known = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            guard known.contains(level) else { throw Invalid(description: "LOG_LEVEL must be one of \(known.joined(separator: ", "))") }
            settings.logLevel = level
        }
        if let url = values["PUBLIC_URL"], !url.isEmpty { settings.publicURL = url }
        settings.sessionIdleMinutes = try positive(values["SESSION_IDLE_MINUTES"], name: "SESSION_IDLE_MINUTES") ?? settings.sessionIdleMinutes
        settings.sessionAbsoluteHours = try positive(values["SESSION_ABSOLUTE_HOURS"], name: "SESSION_ABSOLUTE_HOURS") ?? settings.sessionAbsoluteHours
        if let cost = try positive(values["BCRYPT_COST"], name: "BCRYPT_COST") {
            guard (4...31).contains(cost) else { throw Invalid(description: "BCRYPT_COST must be 4–31") }
            settings.bcryptCost = cost
        }
        settings.publicObjectionsPerHour = try positive(values["PUBLIC_OBJECTIONS_PER_HOUR"], name: "PUBLIC_OBJECTIONS_PER_HOUR")
            ?? settings.publicObjectionsPerHour
        settings.publicVerificationsPerMinute = try positive(values["PUBLIC_VERIFICATIONS_PER_MINUTE"], name: "PUBLIC_VERIFICATIONS_PER_MINUTE")
            ?? settings.publicVerificationsPerMinute
        return settings
    }

    /// Parses `DATABASE_URL`: `sqlite://path`, `sqlite::memory:`, or `postgres://…`.
    public static func parseDatabaseURL(_ url: String) throws -> DatabaseLocation {
        if url == "sqlite::memory:" || url == "sqlite://:memory:" { return .sqliteMemory }
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw Invalid(description: "DATABASE_URL sqlite:// needs a file path") }
            return .sqliteFile(path)
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") { return .postgres(url) }
        throw Invalid(description: "DATABASE_URL must start with sqlite:// or postgres:// (got “\(url.prefix(20))…”)")
    }

    /// Whether session cookies must carry `Secure`: always, except when served on plain localhost.
    public var cookiesAreSecure: Bool {
        if let publicURL { return publicURL.hasPrefix("https://") || !Self.isLocalHost(publicURL) }
        return !["127.0.0.1", "localhost", "::1"].contains(hostname)
    }

    static func isLocalHost(_ url: String) -> Bool {
        url.hasPrefix("http://localhost") || url.hasPrefix("http://127.0.0.1") || url.hasPrefix("http://[::1]")
    }

    static func positive(_ raw: String?, name: String) throws -> Int? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let v = Int(raw), v > 0 else { throw Invalid(description: "\(name) must be a positive whole number, not “\(raw)”") }
        return v
    }

    static func parseDotEnv(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let eq = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<eq].trimmingCharacters(in: .whitespaces)
            var value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.first == "\"", value.last == "\"" { value = String(value.dropFirst().dropLast()) }
            out[key] = value
        }
        return out
    }
}
