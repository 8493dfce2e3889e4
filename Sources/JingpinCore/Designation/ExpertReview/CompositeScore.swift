/// A scored application: the composite (0–100 points) and each pillar's score (0–100), exact.
///
/// composite = Σ pillar weight × pillar score, pillar score = Σ indicator weight × share × 100,
/// weights as fractions of 10,000 basis points. An indicator without a share (not scored, not
/// filed) counts 0 and is listed in `missing`, so a page can say why the score is low.
public struct CompositeScore: Sendable, Hashable {
    /// The composite, 0–100 points.
    public let total: ScoreFraction
    /// Each pillar's score, 0–100 points, in the scorecard's order.
    public let pillars: [(kind: PillarKind, score: ScoreFraction)]
    /// The indicators that had no share.
    public let missing: [String]

    /// Scores `shares` (indicator id → share of full marks, 0–1) on `scorecard`.
    public init(_ scorecard: Scorecard, shares: [String: ScoreFraction]) {
        var total = ScoreFraction.zero
        var pillars: [(PillarKind, ScoreFraction)] = []
        var missing: [String] = []
        for p in scorecard.pillars {
            var score = ScoreFraction.zero
            for ind in p.indicators {
                guard let share = shares[ind.id] else {
                    missing.append(ind.id)
                    continue
                }
                score = score + share * ScoreFraction(Int128(ind.weightBP) * 100, 10_000)
            }
            pillars.append((p.kind, score))
            total = total + score * ScoreFraction(Int128(p.weightBP), 10_000)
        }
        self.total = total
        self.pillars = pillars
        self.missing = missing
    }

    /// A score from its parts, e.g. averages over several experts' scores.
    public init(total: ScoreFraction, pillars: [(kind: PillarKind, score: ScoreFraction)], missing: [String] = []) {
        self.total = total
        self.pillars = pillars
        self.missing = missing
    }

    /// The score of pillar `kind`, if the scorecard has it.
    public func pillar(_ kind: PillarKind) -> ScoreFraction? { pillars.first { $0.kind == kind }?.score }

    public static func == (a: CompositeScore, b: CompositeScore) -> Bool {
        a.total == b.total && a.missing == b.missing && a.pillars.map(\.kind) == b.pillars.map(\.kind)
            && a.pillars.map(\.score) == b.pillars.map(\.score)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(total)
        hasher.combine(missing)
    }
}

extension CompositeScore {
    /// The sum of two scores on the same scorecard that cover different indicators — the
    /// experts' part (data indicators missing) and the data part (expert indicators missing).
    /// An indicator is missing from the sum only when both lacked it.
    public func adding(_ other: CompositeScore) -> CompositeScore {
        let otherPillars = Dictionary(other.pillars.map { ($0.kind, $0.score) }, uniquingKeysWith: { a, _ in a })
        let otherMissing = Set(other.missing)
        return CompositeScore(total: total + other.total,
                              pillars: pillars.map { (kind: $0.kind, score: $0.score + (otherPillars[$0.kind] ?? .zero)) },
                              missing: missing.filter { otherMissing.contains($0) })
    }
}
