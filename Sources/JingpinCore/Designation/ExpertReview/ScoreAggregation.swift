/// How the experts' scores of one application become one score, and when they disagree too
/// much to be averaged without a discussion.
public enum ScoreAggregation {
    /// The fewest scores from which the highest and the lowest are dropped.
    public static let trimFrom = 5

    /// The mean of `scores`; with `trimFrom` or more, one highest and one lowest are dropped
    /// first (so one outlier, friendly or hostile, cannot carry the result). Nil for no scores.
    public static func trimmedMean(_ scores: [ScoreFraction]) -> ScoreFraction? {
        guard !scores.isEmpty else { return nil }
        var kept = scores.sorted()
        if kept.count >= trimFrom {
            kept.removeFirst()
            kept.removeLast()
        }
        return kept.reduce(ScoreFraction.zero, +) / kept.count
    }

    /// Highest minus lowest; zero for fewer than two scores.
    public static func spread(_ scores: [ScoreFraction]) -> ScoreFraction {
        guard let low = scores.min(), let high = scores.max() else { return .zero }
        return high - low
    }

    /// Whether the spread is above `threshold` points, which sends the application to a
    /// consensus discussion led by the lead expert.
    public static func needsConsensus(_ scores: [ScoreFraction], threshold: ScoreFraction) -> Bool {
        spread(scores) > threshold
    }
}
