import Foundation

/// A small in-memory sliding-window limiter: at most `limit` events per key within `window`
/// seconds. Per process, so a cluster of n instances allows up to n × limit; that is enough to
/// keep a flood of public objections out without a shared store.
actor RateLimiter {
    let limit: Int
    let window: TimeInterval
    private var events: [String: [Date]] = [:]

    /// Creates a limiter allowing `limit` events per key in `window` seconds.
    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Records an event for `key` at `now` when it is within the limit and answers true;
    /// answers false (recording nothing) when the key has used up its window.
    func allow(_ key: String, now: Date = Date()) -> Bool {
        let recent = (events[key] ?? []).filter { now.timeIntervalSince($0) < window }
        guard recent.count < limit else {
            events[key] = recent
            return false
        }
        events[key] = recent + [now]
        // Forget keys whose events have all expired, so the table does not grow without end.
        if events.count > 10_000 { events = events.filter { $0.value.contains { now.timeIntervalSince($0) < window } } }
        return true
    }

    /// Whole seconds until `key` may act again: when its oldest event in the window expires
    /// (0 when it has room now).
    func retryAfter(_ key: String, now: Date = Date()) -> Int {
        let recent = (events[key] ?? []).filter { now.timeIntervalSince($0) < window }
        guard recent.count >= limit, let oldest = recent.min() else { return 0 }
        return Int((window - now.timeIntervalSince(oldest)).rounded(.up))
    }
}
