import ArgumentParser
import Foundation
import JingpinApp
import JingpinCore

/// The `jingpin` command: a thin parser that hands each subcommand to `JingpinApp.Commands`.
@main
struct Jingpin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Jingpin (浙江精品): the platform of the Zhejiang Quality programme.",
        subcommands: [Serve.self, Migrate.self, Demo.self, Users.self, Audit.self, Import.self, Rewards.self, ReminderService.self, Lifecycle.self])

    /// Before any task runs: the server's tasks run on the event loops themselves (see
    /// `Commands.runTasksOnEventLoops`); other commands keep Swift's default executor.
    static func main() async {
        if CommandLine.arguments.dropFirst().first == "serve" { Commands.runTasksOnEventLoops() }
        await main(nil)
    }
}

/// Settings from the environment and `.env`; a bad setting stops the command with its reason.
/// The day a daily job runs for: `--date` when given (refused unless YYYY-MM-DD), else nil for today.
func runDay(_ date: String?) throws -> LocalDate? {
    guard let date else { return nil }
    guard let day = try? LocalDate(date) else { throw ValidationError("--date \(date) is not a date as YYYY-MM-DD") }
    return day
}

func loadSettings() throws -> Settings {
    do { return try Settings.load() } catch let e as Settings.Invalid { throw ValidationError(e.description) }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the web pages and the API.")
    @Option(help: "Address to listen on.") var hostname: String?
    @Option(help: "Port to listen on.") var port: Int?
    @Flag(help: "Migrate, load the small demo into an empty database, and print the demo accounts.") var demo = false

    func run() async throws {
        var settings = try loadSettings()
        if let hostname { settings.hostname = hostname }
        if let port { settings.port = port }
        try await Commands.serve(settings: settings, demo: demo)
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations (no prompt).")
    func run() async throws { try await Commands.migrate(settings: try loadSettings()) }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load deterministic demo data into an empty database.")
    @Option(help: "small (about 600 enterprises) or province (about 60,000).") var scale: String = "small"
    @Option(help: "Seed of the generator: the same seed gives the same data.") var seed: UInt64 = 2025
    @Flag(inversion: .prefixedNo, help: "Include three years of annual filings (benchmarks load enterprises only).") var filings = true

    func run() async throws {
        guard let s = DemoScale(rawValue: scale) else { throw ValidationError("--scale must be small or province") }
        do { try await Commands.demo(settings: try loadSettings(), scale: s, seed: seed, withFilings: filings) } catch let e as Settings.Invalid {
            throw ValidationError(e.description)
        }
    }
}

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage accounts.", subcommands: [Create.self, Token.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account; the password is read from standard input.")
        @Option(help: "Login name.") var username: String
        @Option(help: "province_admin, city_officer, county_officer, enterprise_user, expert or bank_officer.") var role: String
        @Option(help: "province, a region code (330100), an enterprise id, or a bank code; defaults by role.") var scope: String?
        @Option(help: "Name shown in the header.") var displayName: String?
        @Flag(help: "Read the password from standard input (required).") var passwordStdin = false

        func run() async throws {
            guard passwordStdin else { throw ValidationError("pass --password-stdin and the password on standard input") }
            guard let r = Role(rawValue: role) else {
                throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let parsedScope = try Self.scope(scope, role: r)
            guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw ValidationError("no password on standard input") }
            do {
                try await Commands.createUser(settings: try loadSettings(), username: username, role: r, scope: parsedScope,
                                              displayName: displayName, password: line)
            } catch let e as Settings.Invalid { throw ValidationError(e.description) }
        }

        static func scope(_ raw: String?, role: Role) throws -> Scope {
            switch (role, raw) {
            case (.provinceAdmin, nil): return .province
            case (.expert, nil): return .none
            case (_, nil): throw ValidationError("--scope is required for \(role.rawValue)")
            case (_, let text?):
                if let s = Scope(storageString: text) { return s }
                if text == "province" { return .province }
                if let code = try? RegionCode(text) { return .region(code) }
                if let id = UUID(uuidString: text) { return .enterprise(id) }
                if role == .bankOfficer { return .bank(text) }
                throw ValidationError("--scope “\(text)” is not a region code, enterprise id or bank code")
            }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue an API token for a user and print it (shown once).")
        @Argument(help: "The user's login name.") var username: String
        @Option(help: "What the token is for.") var name: String = "cli"

        func run() async throws {
            do { Commands.say(try await Commands.issueToken(settings: try loadSettings(), username: username, name: name)) } catch let e as Settings.Invalid {
                throw ValidationError(e.description)
            }
        }
    }
}

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Verify the hash chain; exits non-zero naming the first bad entry.")
        func run() async throws {
            let (checked, failure) = try await Commands.verifyAudit(settings: try loadSettings())
            if let failure {
                FileHandle.standardError.write(Data("audit chain broken: \(failure)\n".utf8))
                throw ExitCode(1)
            }
            Commands.say("audit chain intact: \(checked) entries verified")
        }
    }
}

struct ReminderService: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Scoring reminders for experts.", subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send the reminders due today: 7 and 3 days before the expert-review deadline, and overdue (run daily).")
        @Option(help: "The day to run for, YYYY-MM-DD (default: today in Asia/Shanghai).") var date: String?

        func run() async throws {
            let sent = try await Commands.runReminders(settings: try loadSettings(), date: try runDay(date))
            Commands.say("reminders sent: \(sent)")
        }
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import data files.", subcommands: [Filings.self])

    struct Filings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import annual filing values from a CSV file (UTF-8 or GB18030/GBK; wide or long).",
            discussion: "All-or-nothing by default: one bad row and nothing is written. Exits non-zero when refused.")
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "The year the values belong to.") var year: Int
        @Flag(help: "Validate only; write nothing.") var dryRun = false
        @Flag(help: "Write the good rows and write the bad ones to --rejects.") var skipInvalid = false
        @Option(help: "Where --skip-invalid writes the rejected rows (CSV with a reason column).") var rejects: String?

        func validate() throws {
            if skipInvalid && rejects == nil { throw ValidationError("--skip-invalid needs --rejects PATH") }
            if rejects != nil && !skipInvalid { throw ValidationError("--rejects is used only with --skip-invalid") }
        }

        func run() async throws {
            let accepted: Bool
            do {
                accepted = try await Commands.importFilings(settings: try loadSettings(), path: file, year: year, dryRun: dryRun,
                                                            skipInvalid: skipInvalid, rejectsPath: rejects)
            } catch let e as Settings.Invalid { throw ValidationError(e.description) }
            if !accepted { throw ExitCode(1) }
        }
    }
}

struct Rewards: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fiscal R&D reward schemes.", subcommands: [Schemes.self, Simulate.self, Bench.self])

    struct Schemes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the reward schemes: id, scope, version, title (tab-separated).")

        func run() async throws {
            for line in try Commands.rewardSchemes() { print(line) }
        }
    }

    struct Simulate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute a scheme's rewards from the filed data and fit them to a budget; nothing is stored.",
            discussion: "With --format csv, stdout is exactly `creditCode,eligibleFen,authorisedFen` and one row per eligible enterprise; the summary goes to stderr.")
        @Option(help: "The data year.") var year: Int
        @Option(help: "The scheme id (see `jingpin rewards schemes`).") var scheme: String
        @Option(help: "The budget in fen: a whole, non-negative number (¥1 = 100).") var budgetFen: String
        @Option(help: "pro-rata, cap-level or rank-order.") var strategy: String
        @Option(help: "text (default) or csv.") var format = "text"

        func validate() throws {
            if format != "text" && format != "csv" { throw ValidationError("--format is text or csv") }
        }

        func run() async throws {
            do {
                try await Commands.simulateRewards(settings: try loadSettings(), year: year, scheme: scheme, budgetFen: budgetFen,
                                                   strategy: strategy, csv: format == "csv")
            } catch let e as Settings.Invalid { throw ValidationError(e.description) }
        }
    }
}

struct Lifecycle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The designations' daily lifecycle job.", subcommands: [Tick.self])

    struct Tick: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Expire designations past their validity, open the annual reviews due, suspend overdue ones (run daily).")
        @Option(help: "The day to run for, YYYY-MM-DD (default: today in Asia/Shanghai).") var date: String?

        func run() async throws {
            let done = try await Commands.lifecycleTick(settings: try loadSettings(), date: try runDay(date))
            Commands.say("designations expired: \(done.expired); annual reviews opened: \(done.opened); suspended for an overdue review: \(done.suspended)")
        }
    }
}
