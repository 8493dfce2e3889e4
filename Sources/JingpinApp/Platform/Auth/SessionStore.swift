import FluentKit
import Foundation
import JingpinCore

/// Server-side sessions in the database, so any instance of a cluster serves any user.
/// The cookie carries a random token; the table keeps only its SHA-256.
struct SessionStore: Sendable {
    let database: DatabaseService
    let idleTimeout: TimeInterval
    let absoluteTimeout: TimeInterval

    /// Starts a session for a user inside the login transaction and returns the cookie's token.
    func create(userID: UUID, on tx: any Database, now: Date = Date()) async throws -> String {
        let token = Secrets.token()
        let m = SessionModel()
        m.id = Secrets.hash(token)
        m.userID = userID
        m.createdAt = now
        m.lastSeenAt = now
        m.expiresAt = now.addingTimeInterval(absoluteTimeout)
        try await m.create(on: tx)
        return token
    }

    /// The identity behind a cookie token, or nil when the session is unknown, idle too long,
    /// past its absolute limit, or its user is disabled. Expired rows are deleted.
    func resume(token: String, now: Date = Date()) async throws -> Identity? {
        let db = database.db
        let id = Secrets.hash(token)
        guard let session = try await SessionModel.find(id, on: db) else { return nil }
        if now.timeIntervalSince(session.lastSeenAt) > idleTimeout || now >= session.expiresAt {
            try await session.delete(on: db)
            return nil
        }
        guard let user = try await UserModel.find(session.userID, on: db), user.isActive,
              let identity = Accounts.identity(of: user, method: .session(id: id)) else { return nil }
        // Touch at most once a minute: the idle clock needs no finer grain, and it spares a write per request.
        if now.timeIntervalSince(session.lastSeenAt) > 60 {
            session.lastSeenAt = now
            try await session.update(on: db)
        }
        return identity
    }

    /// Ends a session.
    func end(id: String, on tx: any Database) async throws {
        try await SessionModel.query(on: tx).filter(\.$id == id).delete()
    }
}
