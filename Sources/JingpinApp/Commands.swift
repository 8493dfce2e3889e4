import FluentKit
import Foundation
import Hummingbird
import JingpinCore
import Logging
import NIOCore
import NIOPosix

/// What the `jingpin` command line does, so the command target stays a thin parser.
public enum Commands {
    /// Builds services from settings (migrating as it goes).
    static func services(_ settings: Settings, logger: Logger) async throws -> AppServices {
        try await AppServices.make(settings: settings, logger: logger)
    }

    /// Makes Swift concurrency run its tasks on SwiftNIO's event loops, so a request's handler
    /// runs on the thread that read it instead of hopping to another and back: measured in
    /// `bench/run verify`. Must be called first thing in `main`, before any task is created;
    /// false when it could not be installed (the default executor then stays).
    /// The loops are as many as the CPUs the process may run on (`taskset`, a container's
    /// cpuset): SwiftNIO counts the machine's and cgroup quotas only, and two loops sharing one
    /// CPU spend their time switching between each other.
    @discardableResult
    public static func runTasksOnEventLoops() -> Bool {
        if let allowed = allowedCPUCount() { NIOSingletons.groupLoopCountSuggestion = max(1, min(System.coreCount, allowed)) }
        return NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    /// How many CPUs this process may run on, from `Cpus_allowed_list` in `/proc/self/status`
    /// (`0-3,6`); nil where there is no such file.
    static func allowedCPUCount(status: String? = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) -> Int? {
        guard let line = status?.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else { return nil }
        var count = 0
        for part in line.dropFirst("Cpus_allowed_list:".count).split(separator: ",") {
            let bounds = part.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let low = bounds.first, let high = bounds.last, high >= low else { return nil }
            count += high - low + 1
        }
        return count > 0 ? count : nil
    }

    /// `jingpin serve`: migrate, optionally load the demo into an empty database, then serve until SIGTERM.
    public static func serve(settings: Settings, demo: Bool) async throws {
        let logger = makeLogger(label: "jingpin", level: settings.logLevel)
        let services = try await services(settings, logger: logger)
        if demo {
            if try await DemoLoader.isEmpty(services) {
                say("Loading the small demo (about 600 enterprises)…")
                try await DemoLoader.load(services, scale: .small, seed: 2025, requestID: "cli-demo")
            }
            printAccounts(try await DemoLoader.accounts(services), demo: true)
        }
        say("Jingpin is serving on http://\(settings.hostname):\(settings.port)")
        let app = try buildApplication(services, logger: logger)
        try await app.runService()
    }

    /// `jingpin migrate`: apply pending migrations and stop.
    public static func migrate(settings: Settings) async throws {
        let services = try await services(settings, logger: makeLogger(label: "jingpin", level: settings.logLevel))
        await services.database.shutdown()
        say("Migrations applied.")
    }

    /// `jingpin demo`: load deterministic demo data into an empty database.
    public static func demo(settings: Settings, scale: DemoScale, seed: UInt64, withFilings: Bool = true) async throws {
        let services = try await services(settings, logger: makeLogger(label: "jingpin", level: settings.logLevel))
        guard try await DemoLoader.isEmpty(services) else {
            await services.database.shutdown()
            throw Settings.Invalid(description: "the database already has enterprises or users; the demo loads only into an empty one")
        }
        let started = Date()
        let accounts = try await DemoLoader.load(services, scale: scale, seed: seed, withFilings: withFilings, requestID: "cli-demo")
        say(String(format: "Loaded the %@ demo in %.1f s.", scale.rawValue, Date().timeIntervalSince(started)))
        printAccounts(accounts, demo: true)
        await services.database.shutdown()
    }

    /// `jingpin users create`.
    public static func createUser(settings: Settings, username: String, role: Role, scope: Scope, displayName: String?,
                                  password: String) async throws {
        let services = try await services(settings, logger: makeLogger(label: "jingpin", level: settings.logLevel))
        do {
            let user = try await services.accounts.createUser(username: username, displayName: displayName, role: role, scope: scope,
                                                              password: password, actor: .cli(ProcessInfo.processInfo.userName),
                                                              requestID: "cli-\(UUID().uuidString.prefix(8))")
            say("Created \(user.username) (\(user.role), \(user.scope)).")
            await services.database.shutdown()
        } catch AppError.validation(let errors) {
            await services.database.shutdown()
            throw Settings.Invalid(description: errors.map { "\($0.field): \(services.views.t($0.message, .en))" }.joined(separator: "\n"))
        }
    }

    /// `jingpin users token U`: issue an API token and return its secret.
    public static func issueToken(settings: Settings, username: String, name: String) async throws -> String {
        let services = try await services(settings, logger: makeLogger(label: "jingpin", level: settings.logLevel))
        guard let user = try await UserModel.query(on: services.database.db).filter(\.$username == username.lowercased()).first() else {
            await services.database.shutdown()
            throw Settings.Invalid(description: "no user named \(username)")
        }
        let (_, secret) = try await services.tokens.issue(userID: user.id!, name: name, actor: .cli(ProcessInfo.processInfo.userName),
                                                          requestID: "cli-\(UUID().uuidString.prefix(8))")
        await services.database.shutdown()
        return secret
    }

    /// `jingpin audit verify`: nil when intact, else the first bad entry.
    public static func verifyAudit(settings: Settings) async throws -> (checked: Int, failure: String?) {
        let services = try await services(settings, logger: makeLogger(label: "jingpin", level: "error"))
        let result = try await AuditLog.verify(on: services.database.db)
        await services.database.shutdown()
        return (result.checked, result.failure?.description)
    }

    /// `jingpin lifecycle tick`: the designations' daily job on `date` (today in Asia/Shanghai when
    /// nil) — expires every live designation past its last valid day, opens the annual reviews
    /// whose anniversary has come, suspends those overdue past the grace period; returns the counts.
    public static func lifecycleTick(settings: Settings, date: LocalDate?) async throws -> (expired: Int, opened: Int, suspended: Int) {
        let services = try await services(settings, logger: makeLogger(label: "jingpin", level: "error"))
        do {
            let today = date ?? LocalDate.today()
            let expired = try await RegistryService(database: services.database, rules: services.rules).tick(today: today, requestID: "cli-lifecycle")
            let reviews = try await AnnualReviewService(database: services.database, rules: services.rules).tick(today: today, requestID: "cli-lifecycle")
            await services.database.shutdown()
            return (expired, reviews.opened, reviews.suspended)
        } catch {
            await services.database.shutdown()
            throw error
        }
    }

    /// `jingpin reminders run`: sends the scoring reminders due on `date` (today in Asia/Shanghai
    /// when nil); returns how many were new. Meant for a daily timer.
    public static func runReminders(settings: Settings, date: LocalDate?) async throws -> Int {
        let services = try await services(settings, logger: makeLogger(label: "jingpin", level: "error"))
        do {
            let sent = try await ReminderService(database: services.database, rules: services.rules)
                .run(today: date ?? LocalDate.today(), actor: .cli("reminders"), requestID: "cli-reminders")
            await services.database.shutdown()
            return sent
        } catch {
            await services.database.shutdown()
            throw error
        }
    }

    /// Writes a line to standard output unbuffered, so progress shows at once even in a pipe or file.
    public static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func printAccounts(_ accounts: [DemoAccount], demo: Bool) {
        say("Demo accounts (password \(DemoLoader.password)):")
        for a in accounts {
            say("  \(a.username.padding(toLength: 12, withPad: " ", startingAt: 0)) \(a.role.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)) \(a.scope)")
        }
    }
}
