/// How an indicator's raw value becomes a share of its full marks, 0 to 1 — declared per
/// indicator, frozen with the round's scorecard.
public enum Normalisation: Sendable, Hashable {
    /// An expert picks a band from 0 to 5, each described in words (as SIRI and Baldrige
    /// do); band b scores b / 5. The descriptors are indexed by band, 0 first.
    case banded([BandDescriptor])
    /// Linear between a baseline (scores 0) and a leading value (scores 1), clamped outside.
    /// A leading value below the baseline means lower is better (a defect rate).
    case linear(baseline: Int64, leading: Int64)
    /// By rank among the round's applications in the same sector: the best scores 1, the
    /// last 0, evenly between; equal values share the better rank; alone in its sector, 1.
    case rankWithinSector

    /// The highest band of a banded indicator.
    public static let topBand = 5

    /// The share for a band (banded) or a raw value (linear); nil for a band out of range,
    /// and for rank, which needs the other applications (`rankShares`).
    public func share(_ value: Int64) -> ScoreFraction? {
        switch self {
        case .banded:
            guard (0...Int64(Self.topBand)).contains(value) else { return nil }
            return ScoreFraction(Int128(value), Int128(Self.topBand))
        case .linear(let baseline, let leading):
            let span = Int128(leading) - Int128(baseline)
            let share = ScoreFraction(Int128(value) - Int128(baseline), span)
            return min(max(share, .zero), ScoreFraction(1))
        case .rankWithinSector:
            return nil
        }
    }

    /// The rank shares of `values` (higher is better), in the same order.
    public static func rankShares(_ values: [Int64]) -> [ScoreFraction] {
        let n = values.count
        guard n > 1 else { return values.map { _ in ScoreFraction(1) } }
        return values.map { v in
            // Competition ranking: 0-based rank = how many are strictly better.
            let better = values.count { $0 > v }
            return ScoreFraction(Int128(n - 1 - better), Int128(n - 1))
        }
    }
}

/// What one band of a banded indicator means, in both languages.
public struct BandDescriptor: Sendable, Hashable, Codable {
    /// The Chinese text.
    public let zh: String
    /// The English text.
    public let en: String

    /// Creates a descriptor.
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
}
