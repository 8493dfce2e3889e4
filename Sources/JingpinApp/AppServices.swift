import Foundation
import JingpinCore
import Logging

/// Everything handlers use, built once at start by `buildApplication`.
public struct AppServices: Sendable {
    /// Resolved settings.
    public let settings: Settings
    /// The database.
    public let database: DatabaseService
    /// Reference data read at start.
    public let reference: ReferenceData
    /// Page rendering.
    let views: Views
    /// Accounts and logins.
    public let accounts: Accounts
    /// API tokens.
    public let tokens: APITokens
    /// Sessions.
    let sessions: SessionStore
    /// Enterprises and products.
    public let enterprises: EnterpriseRepository
    /// The indicator catalogue, all years.
    public let catalogue: IndicatorCatalogue
    /// Annual filings.
    public let filings: FilingRepository
    /// The rule files (reward schemes, eligibility rules), read and checked at start.
    public let rules: RuleBook
    /// Public objections per client and hour (one limiter per process; see `RateLimiter`).
    let objectionLimiter: RateLimiter
    /// Public verifications per client and minute.
    let verificationLimiter: RateLimiter
    /// Every verification code's answer, in memory (the public hot path).
    let verificationIndex: VerificationIndex

    /// Connects, migrates, reads reference data and wires the services.
    public static func make(settings: Settings, logger: Logger, loadViews: Bool = true) async throws -> AppServices {
        let database = try DatabaseService(location: settings.database, logger: logger, waitSeconds: settings.databaseWaitSeconds)
        do {
            // Rule files first: a broken one stops the start before anything else is touched.
            let rules = try RuleBook.shipped()
            try await database.migrate()
            let reference = try await ReferenceData.load(from: database.db)
            let views = try await Views.load(regions: reference.regions)
            let sessions = SessionStore(database: database, idleTimeout: TimeInterval(settings.sessionIdleMinutes * 60),
                                        absoluteTimeout: TimeInterval(settings.sessionAbsoluteHours * 3600))
            let hasher = PasswordHasher(cost: settings.bcryptCost)
            return AppServices(settings: settings, database: database, reference: reference, views: views,
                               accounts: Accounts(database: database, reference: reference, hasher: hasher, sessions: sessions),
                               tokens: APITokens(database: database), sessions: sessions,
                               enterprises: EnterpriseRepository(database: database, reference: reference),
                               catalogue: try IndicatorCatalogue(csv: ReferenceFiles.read("indicators")),
                               filings: FilingRepository(database: database), rules: rules,
                               objectionLimiter: RateLimiter(limit: settings.publicObjectionsPerHour, window: 3600),
                               verificationLimiter: RateLimiter(limit: settings.publicVerificationsPerMinute, window: 60),
                               verificationIndex: VerificationIndex(database: database))
        } catch {
            await database.shutdown()
            throw error
        }
    }
}
