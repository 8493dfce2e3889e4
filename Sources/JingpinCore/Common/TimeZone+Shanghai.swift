import Foundation

extension TimeZone {
    /// Asia/Shanghai, the zone of every business date in the product.
    ///
    /// Falls back to a fixed UTC+8 when the system has no time-zone database
    /// (slim containers): China has kept UTC+8 without daylight saving since 1991,
    /// so the fallback gives the same answer for every date the product handles.
    public static let shanghai: TimeZone =
        TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
}
