import Foundation

/// The lock-out rule for password logins: after `maxFailures` wrong passwords in a row
/// the account is locked for `lockDuration`, whatever is typed next.
///
/// Pure so the rule is tested without a database; the caller stores the returned state.
public struct LoginThrottle: Sendable {
    /// Wrong passwords in a row that lock the account.
    public let maxFailures: Int
    /// How long a lock lasts.
    public let lockDuration: TimeInterval

    /// The programme's rule: 5 failures lock for 15 minutes.
    public static let standard = LoginThrottle(maxFailures: 5, lockDuration: 15 * 60)

    /// Creates a throttle.
    public init(maxFailures: Int, lockDuration: TimeInterval) {
        self.maxFailures = maxFailures
        self.lockDuration = lockDuration
    }

    /// What an account remembers between attempts.
    public struct State: Sendable, Equatable {
        /// Wrong passwords since the last success or lock.
        public var failedAttempts: Int
        /// Until when the account is locked, if it is.
        public var lockedUntil: Date?
        /// Creates a state.
        public init(failedAttempts: Int, lockedUntil: Date?) {
            self.failedAttempts = failedAttempts
            self.lockedUntil = lockedUntil
        }
    }

    /// What happened to one attempt.
    public enum Outcome: Sendable, Equatable {
        /// The password was right and the account is not locked.
        case success
        /// The password was wrong; `remaining` more failures lock the account.
        case wrongPassword(remaining: Int)
        /// The account is locked (now or by this attempt) until the given instant.
        case locked(until: Date)
    }

    /// Decides one attempt. The password is checked by the caller; a locked account
    /// answers `.locked` even for the right password, so a guesser learns nothing.
    public func attempt(state: State, passwordIsCorrect: Bool, now: Date) -> (Outcome, State) {
        if let until = state.lockedUntil, until > now {
            return (.locked(until: until), state)
        }
        if passwordIsCorrect {
            return (.success, State(failedAttempts: 0, lockedUntil: nil))
        }
        let failures = state.failedAttempts + 1
        if failures >= maxFailures {
            let until = now.addingTimeInterval(lockDuration)
            return (.locked(until: until), State(failedAttempts: 0, lockedUntil: until))
        }
        return (.wrongPassword(remaining: maxFailures - failures), State(failedAttempts: failures, lockedUntil: nil))
    }
}
