import Foundation
import JingpinCore
import Synchronization

/// Today's business date (Shanghai), asked on every scan of a product's code: the answer is kept
/// until the next Shanghai midnight, so the time-zone lookup (`TimeZone.secondsFromGMT`, behind
/// ICU and a lock) runs once a day, not once a request. The date is the one `LocalDate.today()`
/// gives.
enum BusinessDay {
    private struct Known {
        let day: LocalDate
        /// The first instant (seconds since 1970) that belongs to the next day.
        let endsAt: Double
    }

    private static let known = Mutex<Known?>(nil)

    /// Today's date in Shanghai at `now`.
    static func today(now: Date = Date()) -> LocalDate {
        let t = now.timeIntervalSince1970
        if let day = known.withLock({ k -> LocalDate? in
            guard let k, t < k.endsAt, t >= k.endsAt - 86_400 else { return nil }
            return k.day
        }) { return day }
        let day = LocalDate.today(now: now)
        // Midnight after `day` in Shanghai: the day's number of days since 1970, plus one, in
        // seconds, less the zone's offset then (China keeps one offset all year).
        let offset = Double(TimeZone.shanghai.secondsFromGMT(for: now))
        let endsAt = Double(day.daysSinceEpoch + 1) * 86_400 - offset
        known.withLock { $0 = Known(day: day, endsAt: endsAt) }
        return day
    }
}
