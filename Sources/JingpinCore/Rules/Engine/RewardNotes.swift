/// Why an amount is zero or was changed on the way: the machine-readable notes of a trace's
/// result. A set of bits while computing (no strings per enterprise), written out as names,
/// always in the order below, when a trace is made.
public struct RewardNotes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// A figure the formula needs was not filed (or revenue is not positive).
    public static let missingFigure = RewardNotes(rawValue: 1 << 0)
    /// The enterprise does not reach the scheme's threshold.
    public static let belowThreshold = RewardNotes(rawValue: 1 << 1)
    /// R&D spending did not grow over the previous year.
    public static let noGrowth = RewardNotes(rawValue: 1 << 2)
    /// The mountain-county uplift was applied.
    public static let mountainUplift = RewardNotes(rawValue: 1 << 3)
    /// The amount was limited by the per-enterprise cap.
    public static let capped = RewardNotes(rawValue: 1 << 4)

    /// Each note with the name traces store, in writing order.
    static let named: [(RewardNotes, String)] = [
        (.missingFigure, "missing_figure"), (.belowThreshold, "below_threshold"), (.noGrowth, "no_growth"),
        (.mountainUplift, "mountain_uplift"), (.capped, "capped"),
    ]

    /// The names of the notes set, in writing order.
    public var names: [String] { Self.named.filter { contains($0.0) }.map(\.1) }
}
