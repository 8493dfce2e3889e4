import Foundation
import JingpinCore
import Testing

@Suite("Login lock-out and password policy")
struct LoginThrottleTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let throttle = LoginThrottle.standard

    @Test("four failures warn, the fifth locks for exactly 15 minutes")
    func fiveFailuresLock() {
        var state = LoginThrottle.State(failedAttempts: 0, lockedUntil: nil)
        for n in 1...4 {
            let (outcome, next) = throttle.attempt(state: state, passwordIsCorrect: false, now: t0)
            #expect(outcome == .wrongPassword(remaining: 5 - n))
            state = next
        }
        let (outcome, locked) = throttle.attempt(state: state, passwordIsCorrect: false, now: t0)
        // 15 minutes = 900 seconds after the fifth failure.
        #expect(outcome == .locked(until: t0.addingTimeInterval(900)))
        #expect(locked.lockedUntil == t0.addingTimeInterval(900))
    }

    @Test("a locked account refuses even the right password until the lock ends")
    func lockHolds() {
        let state = LoginThrottle.State(failedAttempts: 0, lockedUntil: t0.addingTimeInterval(900))
        #expect(throttle.attempt(state: state, passwordIsCorrect: true, now: t0.addingTimeInterval(899)).0 == .locked(until: t0.addingTimeInterval(900)))
        #expect(throttle.attempt(state: state, passwordIsCorrect: true, now: t0.addingTimeInterval(900)).0 == .success)
    }

    @Test("a success resets the failure count")
    func successResets() {
        let state = LoginThrottle.State(failedAttempts: 4, lockedUntil: nil)
        let (outcome, next) = throttle.attempt(state: state, passwordIsCorrect: true, now: t0)
        #expect(outcome == .success)
        #expect(next == LoginThrottle.State(failedAttempts: 0, lockedUntil: nil))
    }

    @Test("the password policy", arguments: [
        ("Correct-horse-42", "alice", [String]()),
        ("short1", "alice", ["password_too_short"]),
        ("onlyletterslong", "alice", ["password_too_simple"]),
        ("alice-2026-pass", "alice", ["password_contains_username"]),
        ("1234567890", "bob", ["password_too_simple"]),
    ])
    func policy(password: String, username: String, codes: [String]) {
        #expect(PasswordPolicy.check(password, username: username).map(\.code) == codes)
    }
}
