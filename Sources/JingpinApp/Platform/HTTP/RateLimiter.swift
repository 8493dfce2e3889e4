import Foundation
import JingpinCore
import Synchronization

/// An in-memory sliding-window limiter: at most `limit` events per key within any `window`
/// seconds. Per process, so a cluster of n instances allows up to n × limit; that is enough to
/// keep a flood of public objections or verifications out without a shared store.
///
/// Each key keeps the times of its events still inside the window, oldest first, so deciding is
/// constant work per request (expired times leave from the front) — verification is the public
/// hot path, and a list filtered on every call grew with the load it was meant to stop. A mutex,
/// not an actor: the critical section is a few comparisons, cheaper than a hop to an executor.
final class RateLimiter: Sendable {
    let limit: Int
    let window: TimeInterval
    private let keys = Mutex<[String: Recent]>([:])

    /// The times of one key's events inside the window: `times[head...]`, oldest first.
    private struct Recent {
        var times: [TimeInterval] = []
        var head = 0
        var count: Int { times.count - head }

        /// Drops the times that have left the window ending at `now`.
        mutating func expire(now: TimeInterval, window: TimeInterval) {
            while head < times.count, now - times[head] >= window { head += 1 }
            // Compact once the dropped prefix is most of the storage, so it stays bounded by the window.
            if head > 32, head * 2 > times.count {
                times.removeFirst(head)
                head = 0
            }
        }
    }

    /// Creates a limiter allowing `limit` events per key in `window` seconds.
    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Records an event for `key` at `now` when it is within the limit and answers true;
    /// answers false (recording nothing) when the key has used up its window.
    func allow(_ key: String, now: Date = Date()) -> Bool {
        let t = now.timeIntervalSinceReferenceDate
        return keys.withLock { keys in
            var recent = keys.removeValue(forKey: key) ?? Recent()  // out of the table, so the array is not copied on write
            recent.expire(now: t, window: window)
            let allowed = recent.count < limit
            if allowed { recent.times.append(t) }
            keys[key] = recent
            // Forget keys whose events have all expired, so the table does not grow without end.
            if keys.count > 10_000 {
                keys = keys.filter { $0.value.times.last.map { t - $0 < window } ?? false }
            }
            return allowed
        }
    }

    /// Whole seconds until `key` may act again: when its oldest event in the window expires
    /// (0 when it has room now).
    func retryAfter(_ key: String, now: Date = Date()) -> Int {
        let t = now.timeIntervalSinceReferenceDate
        return keys.withLock { keys in
            guard var recent = keys[key] else { return 0 }
            recent.expire(now: t, window: window)
            guard recent.count >= limit else { return 0 }
            return Int((window - (t - recent.times[recent.head])).rounded(.up))
        }
    }
}

extension RateLimiter {
    /// Counts one event for `key`, or refuses it with 429 and `Retry-After`: the message is made
    /// from the whole seconds the client must wait.
    func admit(_ key: String, refusal message: (_ seconds: Int) -> Message) throws {
        guard !allow(key) else { return }
        let seconds = retryAfter(key)
        throw AppError.tooManyRequests(message(seconds), retryAfter: seconds)
    }
}
