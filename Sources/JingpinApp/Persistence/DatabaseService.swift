import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Logging
import NIOCore
import NIOPosix
import SQLKit
import ServiceLifecycle

/// The FluentKit databases, wired without Vapor: configuration, migrations and shutdown.
///
/// SQLite gets exactly one connection, pinned to one event loop: SQLite serialises writers
/// anyway, and one connection means no `SQLITE_BUSY` and a shared in-memory database in tests.
public final class DatabaseService: Service, Sendable {
    /// The FluentKit registry of configured databases.
    public let databases: Databases
    /// Whether the engine is SQLite (bulk paths and locking differ).
    public let isSQLite: Bool
    let logger: Logger
    let pinnedLoop: (any EventLoop)?
    let threadPool: NIOThreadPool

    /// Configures the database named by the settings; does not connect yet.
    public init(location: Settings.DatabaseLocation, logger: Logger, waitSeconds: Int64 = 10) throws {
        let group = MultiThreadedEventLoopGroup.singleton
        threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        databases = Databases(threadPool: threadPool, on: group)
        self.logger = logger
        switch location {
        case .sqliteFile(let path):
            databases.use(.sqlite(.file(path), connectionPoolTimeout: .seconds(waitSeconds), sqlLogLevel: .trace), as: .sqlite)
            isSQLite = true
            pinnedLoop = group.next()
        case .sqliteMemory:
            databases.use(.sqlite(.memory, connectionPoolTimeout: .seconds(waitSeconds), sqlLogLevel: .trace), as: .sqlite)
            isSQLite = true
            pinnedLoop = group.next()
        case .postgres(let url):
            databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: .seconds(waitSeconds), sqlLogLevel: .trace),
                          as: .psql)
            isSQLite = false
            pinnedLoop = nil
        }
    }

    /// A database handle for one unit of work.
    public var db: any Database {
        databases.database(logger: logger, on: pinnedLoop ?? MultiThreadedEventLoopGroup.singleton.any())!
    }

    /// The same handle as SQLKit, for reports and bulk writes.
    public var sql: any SQLDatabase { db as! any SQLDatabase }

    /// Applies engine settings and every pending migration. Safe to run repeatedly.
    public func migrate() async throws {
        if isSQLite {
            // WAL lets readers run while a writer commits; the setting is stored in the file.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
            try await sql.raw("PRAGMA foreign_keys=ON").run()
            try await sql.raw("PRAGMA busy_timeout=5000").run()
        }
        let migrator = Migrator(databases: databases, migrations: Self.migrations, logger: logger,
                                on: pinnedLoop ?? MultiThreadedEventLoopGroup.singleton.any(), migrationLogLevel: .debug)
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
    }

    /// Whether the database answers a trivial query.
    public func ping() async -> Bool {
        do {
            _ = try await sql.raw("SELECT 1 AS one").all()
            return true
        } catch {
            return false
        }
    }

    /// Closes every connection.
    public func shutdown() async {
        await databases.shutdownAsync()
        try? await threadPool.shutdownGracefully()
    }

    /// Runs as a service: waits for graceful shutdown, then closes the databases.
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }

    /// Every migration, in order. Append only: a released migration is never edited.
    static var migrations: Migrations {
        let m = Migrations()
        m.add(CreateReferenceTables())
        m.add(LoadReferenceData())
        m.add(CreateUsers())
        m.add(CreateSessionsAndTokens())
        m.add(CreateAuditLog())
        m.add(CreateEnterprises())
        m.add(CreateProducts())
        m.add(CreateFilings())
        m.add(CreateRewardRuns())
        m.add(CreateDesignationRounds())
        m.add(CreateApplications())
        m.add(CreateExpertReview())
        m.add(CreateScoreSheets())
        m.add(CreateNoticesAndDecisions())
        m.add(CreateNotifications())
        m.add(CreateInvitationsConsensusAndSiteVisits())
        m.add(CreateApplicationEvidence())
        m.add(CreateDesignationLifecycle())
        m.add(CreateFakeReports())
        m.add(CreateProgrammeTargets())
        m.add(CreateAnnualReviews())
        m.add(CreateNationalRecognitions())
        m.add(CreateSequences())
        return m
    }
}
