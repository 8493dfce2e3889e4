/// A round's scorecard (评分表): weighted pillars, each with weighted indicators. Frozen when
/// the round opens. Weights are in basis points: the pillars' add up to 10,000 (100 %), and
/// within each pillar the indicators' do too.
public struct Scorecard: Sendable, Hashable {
    /// The pillars, in display order.
    public let pillars: [Pillar]

    /// Creates a scorecard; `problems` says whether it is usable.
    public init(pillars: [Pillar]) {
        self.pillars = pillars
    }

    /// Every indicator, with its pillar.
    public var indicators: [(pillar: Pillar, indicator: ScorecardIndicator)] {
        pillars.flatMap { p in p.indicators.map { (p, $0) } }
    }

    /// What is wrong with the scorecard, each at a path such as `pillars[2].indicators[0].weight`;
    /// empty when it can be used.
    public var problems: [ScorecardProblem] {
        var out: [ScorecardProblem] = []
        if pillars.isEmpty { out.append(.init(path: "pillars", reason: .empty)) }
        let pillarTotal = Self.total(pillars.map(\.weightBP))
        if !pillars.isEmpty && pillarTotal != 10_000 { out.append(.init(path: "pillars", reason: .weightsNotHundred(pillarTotal))) }
        var seenPillars: Set<PillarKind> = []
        var seenIndicators: Set<String> = []
        for (i, p) in pillars.enumerated() {
            let at = "pillars[\(i)]"
            if !seenPillars.insert(p.kind).inserted { out.append(.init(path: "\(at).kind", reason: .duplicate(p.kind.rawValue))) }
            if p.weightBP <= 0 { out.append(.init(path: "\(at).weight", reason: .notPositive)) }
            if p.weightBP > 10_000 { out.append(.init(path: "\(at).weight", reason: .aboveHundred)) }
            if p.indicators.isEmpty { out.append(.init(path: "\(at).indicators", reason: .empty)) }
            let total = Self.total(p.indicators.map(\.weightBP))
            if !p.indicators.isEmpty && total != 10_000 { out.append(.init(path: "\(at).indicators", reason: .weightsNotHundred(total))) }
            for (j, ind) in p.indicators.enumerated() {
                let here = "\(at).indicators[\(j)]"
                if !seenIndicators.insert(ind.id).inserted { out.append(.init(path: "\(here).id", reason: .duplicate(ind.id))) }
                if ind.weightBP <= 0 { out.append(.init(path: "\(here).weight", reason: .notPositive)) }
                if ind.weightBP > 10_000 { out.append(.init(path: "\(here).weight", reason: .aboveHundred)) }
                switch ind.normalisation {
                case .banded(let bands) where bands.count != Normalisation.topBand + 1:
                    out.append(.init(path: "\(here).bands", reason: .bandCount(bands.count)))
                case .linear(let baseline, let leading) where baseline == leading:
                    out.append(.init(path: "\(here).linear", reason: .baselineEqualsLeading))
                default: break
                }
                if case .banded = ind.normalisation, case .data = ind.source {
                    out.append(.init(path: "\(here).source", reason: .bandedNeedsExpert))
                }
                if case .expert = ind.source, !ind.normalisation.isBanded {
                    out.append(.init(path: "\(here).normalisation", reason: .expertNeedsBands))
                }
            }
        }
        return out
    }

    /// The sum of weights as sent, saturating instead of trapping: a client may send any `Int`,
    /// and an absurd weight is reported (`aboveHundred`), never allowed to stop the server.
    static func total(_ weights: [Int]) -> Int {
        weights.reduce(0) { sum, w in
            let (s, overflow) = sum.addingReportingOverflow(w)
            return overflow ? (w > 0 ? Int.max : Int.min) : s
        }
    }
}

/// One of the six pillars every scorecard draws from.
public enum PillarKind: String, Sendable, Hashable, Codable, CaseIterable {
    case quality
    case technology = "technology_rd"
    case digital = "digital_maturity"
    case green = "green_low_carbon"
    case brand = "brand_influence"
    case market = "market_international"

    /// The pillar's name.
    public func name(_ l: Language) -> String {
        switch (self, l) {
        case (.quality, .en): "Quality"
        case (.quality, _): "质量"
        case (.technology, .en): "Technology and R&D"
        case (.technology, _): "技术与研发"
        case (.digital, .en): "Digital maturity"
        case (.digital, _): "数字化水平"
        case (.green, .en): "Green and low-carbon"
        case (.green, _): "绿色低碳"
        case (.brand, .en): "Brand influence"
        case (.brand, _): "品牌影响力"
        case (.market, .en): "Market and international"
        case (.market, _): "市场与国际化"
        }
    }
}

/// A weighted pillar and its indicators.
public struct Pillar: Sendable, Hashable {
    /// Which pillar.
    public let kind: PillarKind
    /// Its weight in the composite, basis points.
    public let weightBP: Int
    /// Its indicators.
    public let indicators: [ScorecardIndicator]

    /// Creates a pillar.
    public init(kind: PillarKind, weightBP: Int, indicators: [ScorecardIndicator]) {
        self.kind = kind
        self.weightBP = weightBP
        self.indicators = indicators
    }
}

/// One scored indicator.
public struct ScorecardIndicator: Sendable, Hashable {
    /// Where the raw value comes from.
    public enum Source: Sendable, Hashable {
        /// Experts score it, by band.
        case expert
        /// Taken from the applicant's filings: the indicator code.
        case data(String)
    }

    /// A stable id within the scorecard (`quality.defect_rate`).
    public let id: String
    /// The Chinese label.
    public let labelZh: String
    /// The English label.
    public let labelEn: String
    /// Its weight within its pillar, basis points.
    public let weightBP: Int
    /// Where its value comes from.
    public let source: Source
    /// How the value is normalised.
    public let normalisation: Normalisation

    /// Creates an indicator.
    public init(id: String, labelZh: String, labelEn: String, weightBP: Int, source: Source, normalisation: Normalisation) {
        self.id = id
        self.labelZh = labelZh
        self.labelEn = labelEn
        self.weightBP = weightBP
        self.source = source
        self.normalisation = normalisation
    }
}

extension Normalisation {
    /// Whether this is a banded normalisation.
    public var isBanded: Bool {
        if case .banded = self { return true }
        return false
    }
}

/// One thing wrong with a scorecard.
public struct ScorecardProblem: Sendable, Hashable, CustomStringConvertible {
    /// Why.
    public enum Reason: Sendable, Hashable {
        case empty
        case weightsNotHundred(Int)
        case notPositive
        /// A single weight above 100 %.
        case aboveHundred
        case duplicate(String)
        case bandCount(Int)
        case baselineEqualsLeading
        case bandedNeedsExpert
        case expertNeedsBands
    }

    /// Where, e.g. `pillars[1].indicators`.
    public let path: String
    /// Why.
    public let reason: Reason

    /// The problem as a key of the strings table and its values (a sum of weights as a
    /// percentage with two decimals, from basis points: 9000 → "90.00 %").
    public var message: Message {
        switch reason {
        case .empty: return Message("domain.scorecard.empty")
        case .weightsNotHundred(let bp):
            let cents = bp.magnitude % 100
            return Message("domain.scorecard.weights_not_hundred", "\(bp / 100).\(cents < 10 ? "0" : "")\(cents) %")
        case .notPositive: return Message("domain.scorecard.not_positive")
        case .aboveHundred: return Message("domain.scorecard.above_hundred")
        case .duplicate(let id): return Message("domain.scorecard.duplicate", "\(id)")
        case .bandCount(let n): return Message("domain.scorecard.band_count", "\(n)")
        case .baselineEqualsLeading: return Message("domain.scorecard.baseline_equals_leading")
        case .bandedNeedsExpert: return Message("domain.scorecard.banded_needs_expert")
        case .expertNeedsBands: return Message("domain.scorecard.expert_needs_bands")
        }
    }

    public var description: String { "\(path): \(message)" }
}
