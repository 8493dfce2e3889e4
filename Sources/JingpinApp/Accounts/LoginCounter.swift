import FluentKit
import Foundation
import JingpinCore
import SQLKit

/// The lock-out counter of an account, changed only by single atomic statements.
///
/// `LoginThrottle.attempt` is the rule; these statements are its failure and success branches
/// done inside the database, so two guesses can never both read the same count. Each
/// statement touches the row only while it is not locked (`locked_until` empty or past), and
/// `RETURNING` tells the caller what it did. SQLite (3.35 and later) and PostgreSQL both speak
/// this SQL; in `SET`, every expression reads the row as it was before the statement.
enum LoginCounter {
    /// Counts one wrong password: the count goes up by one, and reaching the throttle's limit
    /// locks the account and starts the count again. Answers the state before and after,
    /// or nil when the account was already locked (nothing changed).
    static func fail(_ id: UUID, throttle: LoginThrottle, now: Date, on tx: any Database) async throws
        -> (old: LoginThrottle.State, new: LoginThrottle.State)? {
        let sql = tx as! any SQLDatabase
        let until = now.addingTimeInterval(throttle.lockDuration)
        let limit = throttle.maxFailures
        guard let row = try await sql.raw("""
            UPDATE users SET
              failed_attempts = CASE WHEN failed_attempts + 1 >= \(bind: limit) THEN 0 ELSE failed_attempts + 1 END,
              locked_until = CASE WHEN failed_attempts + 1 >= \(bind: limit) THEN \(bind: until) ELSE NULL END
            WHERE id = \(bind: id) AND (locked_until IS NULL OR locked_until <= \(bind: now))
            RETURNING failed_attempts, locked_until
            """).first() else { return nil }
        let failures = try row.decode(column: "failed_attempts", as: Int.self)
        let lockedUntil = try row.decode(column: "locked_until", as: Date?.self)
        let new = LoginThrottle.State(failedAttempts: failures, lockedUntil: lockedUntil)
        // The count before is implied: one less, or the limit less one when this guess locked.
        let old = LoginThrottle.State(failedAttempts: lockedUntil == nil ? failures - 1 : limit - 1, lockedUntil: nil)
        return (old, new)
    }

    /// Clears the count after a right password, unless a parallel guess locked the account in
    /// the meantime: then nothing changes and the answer is false.
    static func clear(_ id: UUID, now: Date, on tx: any Database) async throws -> Bool {
        let sql = tx as! any SQLDatabase
        let row = try await sql.raw("""
            UPDATE users SET failed_attempts = 0, locked_until = NULL
            WHERE id = \(bind: id) AND (locked_until IS NULL OR locked_until <= \(bind: now))
            RETURNING id
            """).first()
        return row != nil
    }

    /// The audit log's view of the counter.
    static func snapshot(_ s: LoginThrottle.State) -> [String: String] {
        ["failedAttempts": "\(s.failedAttempts)", "lockedUntil": s.lockedUntil.map(AuditChain.timestamp) ?? ""]
    }
}
