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

    /// The problem in words.
    public func message(_ l: Language) -> String {
        let en = l == .en
        switch reason {
        case .empty: return en ? "must not be empty" : "不能为空"
        case .weightsNotHundred(let bp):
            let cents = bp.magnitude % 100
            let pct = "\(bp / 100).\(cents < 10 ? "0" : "")\(cents) %"
            return en ? "weights add up to \(pct), not 100 %" : "权重合计为 \(pct)，应为 100 %"
        case .notPositive: return en ? "weight must be positive" : "权重必须大于 0"
        case .aboveHundred: return en ? "a weight cannot exceed 100 %" : "单项权重不能超过 100 %"
        case .duplicate(let id): return en ? "\(id) appears twice" : "\(id) 重复"
        case .bandCount(let n): return en ? "needs a descriptor for each band 0–5 (6), has \(n)" : "需为 0–5 共 6 个分档各写一段说明，现有 \(n) 个"
        case .baselineEqualsLeading: return en ? "baseline and leading value must differ" : "基准值与领先值不能相同"
        case .bandedNeedsExpert: return en ? "a banded indicator is scored by experts, not taken from data" : "分档指标由专家评分，不能取自填报数据"
        case .expertNeedsBands: return en ? "an expert-scored indicator needs band descriptors" : "专家评分指标须采用分档说明"
        }
    }

    public var description: String { "\(path): \(message(.en))" }
}
