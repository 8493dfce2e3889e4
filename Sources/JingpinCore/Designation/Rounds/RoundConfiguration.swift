import Foundation

/// A designation round's configuration (评选轮次): what it covers, its dated stages, the rules
/// and scorecard it applies, and the numbers its decisions use. Frozen once the round opens;
/// a change after that makes a new version.
public struct RoundConfiguration: Sendable, Hashable {
    /// The round's year.
    public var year: Int
    /// The sectors it is open to.
    public var sectors: Set<Sector>
    /// The product categories it accepts (each must belong to one of `sectors`).
    public var categories: [ProductCategory]
    /// The stages, one of each kind, in order.
    public var stages: [RoundStage]
    /// The eligibility rule set's id (`designation.2025`).
    public var eligibilityRuleSet: String
    /// The scorecard.
    public var scorecard: Scorecard
    /// How many products the round may designate.
    public var quota: Int
    /// How many working days the public notice runs.
    public var noticeWorkingDays: Int
    /// The share of committee members who must vote for the list, e.g. 2/3.
    public var voteThreshold: ScoreFraction
    /// The tie-breaks after the composite score, in order.
    public var tieBreaks: [Ranking.TieBreak]
    /// Whether an expert from the applicant's city is a conflict.
    public var sameCityConflicts: Bool
    /// A spread of expert scores above this many points sends an application to consensus.
    public var divergenceThreshold: ScoreFraction
    /// How many applications each city may recommend to the province; nil for no limit.
    public var cityQuota: Int?
    /// Cities whose quota differs from `cityQuota`, by city code.
    public var cityQuotas: [RegionCode: Int]

    /// Creates a configuration; `problems` says whether it can be used.
    public init(year: Int, sectors: Set<Sector>, categories: [ProductCategory], stages: [RoundStage], eligibilityRuleSet: String,
                scorecard: Scorecard, quota: Int, noticeWorkingDays: Int, voteThreshold: ScoreFraction, tieBreaks: [Ranking.TieBreak],
                sameCityConflicts: Bool, divergenceThreshold: ScoreFraction, cityQuota: Int? = nil, cityQuotas: [RegionCode: Int] = [:]) {
        self.year = year
        self.sectors = sectors
        self.categories = categories
        self.stages = stages
        self.eligibilityRuleSet = eligibilityRuleSet
        self.scorecard = scorecard
        self.quota = quota
        self.noticeWorkingDays = noticeWorkingDays
        self.voteThreshold = voteThreshold
        self.tieBreaks = tieBreaks
        self.sameCityConflicts = sameCityConflicts
        self.divergenceThreshold = divergenceThreshold
        self.cityQuota = cityQuota
        self.cityQuotas = cityQuotas
    }

    /// How many applications city `city` may recommend; nil for no limit.
    public func cityQuota(for city: RegionCode) -> Int? { cityQuotas[city] ?? cityQuota }

    /// The stage of `kind`, if configured.
    public func stage(_ kind: RoundStage.Kind) -> RoundStage? { stages.first { $0.kind == kind } }

    /// Whether stage `kind` accepts work at `instant`: from its opening day to its deadline day
    /// inclusive, by the calendar in Asia/Shanghai — the server's clock, not the user's.
    public func accepts(_ kind: RoundStage.Kind, at instant: Date) -> Bool {
        guard let s = stage(kind) else { return false }
        let today = LocalDate(instant: instant, timeZone: .shanghai)
        return s.opens <= today && today <= s.deadline
    }

    /// Whether a committee vote of `votesFor` out of `members` reaches the threshold.
    public func voteCarries(votesFor: Int, members: Int) -> Bool {
        guard members > 0, (0...members).contains(votesFor) else { return false }
        return ScoreFraction(Int128(votesFor), Int128(members)) >= voteThreshold
    }

    /// What is wrong, each at a path (`stages[2].deadline`, `scorecard.pillars`); empty when usable.
    public var problems: [RoundProblem] {
        var out: [RoundProblem] = []
        if !(2000...2100).contains(year) { out.append(.init(path: "year", reason: .outOfRange)) }
        if sectors.isEmpty { out.append(.init(path: "sectors", reason: .empty)) }
        if categories.isEmpty { out.append(.init(path: "categories", reason: .empty)) }
        for (i, c) in categories.enumerated() where !sectors.contains(c.sector) {
            out.append(.init(path: "categories[\(i)]", reason: .categoryOutsideSectors(c.rawValue)))
        }
        let kinds = stages.map(\.kind)
        if kinds != RoundStage.Kind.allCases { out.append(.init(path: "stages", reason: .stagesIncomplete)) }
        for (i, s) in stages.enumerated() {
            if s.deadline < s.opens { out.append(.init(path: "stages[\(i)].deadline", reason: .deadlineBeforeOpening)) }
            if i > 0, s.opens < stages[i - 1].opens || s.deadline < stages[i - 1].deadline {
                out.append(.init(path: "stages[\(i)]", reason: .stageBeforePrevious))
            }
        }
        if eligibilityRuleSet.isEmpty { out.append(.init(path: "eligibilityRuleSet", reason: .empty)) }
        out += scorecard.problems.map { RoundProblem(path: "scorecard.\($0.path)", reason: .scorecard($0)) }
        if quota < 1 { out.append(.init(path: "quota", reason: .notPositive)) }
        if let q = cityQuota, q < 1 { out.append(.init(path: "cityQuota", reason: .notPositive)) }
        for (city, q) in cityQuotas.sorted(by: { $0.key < $1.key }) where q < 1 {
            out.append(.init(path: "cityQuotas.\(city)", reason: .notPositive))
        }
        if !(1...30).contains(noticeWorkingDays) { out.append(.init(path: "noticeWorkingDays", reason: .outOfRange)) }
        if voteThreshold <= .zero || voteThreshold > ScoreFraction(1) { out.append(.init(path: "voteThreshold", reason: .outOfRange)) }
        if divergenceThreshold <= .zero || divergenceThreshold > ScoreFraction(100) { out.append(.init(path: "divergenceThreshold", reason: .outOfRange)) }
        return out
    }
}

/// One dated stage of a round.
public struct RoundStage: Sendable, Hashable {
    /// The stages, in the order a round runs them.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case application
        case countyReview = "county_review"
        case cityRecommendation = "city_recommendation"
        case formalReview = "formal_review"
        case expertReview = "expert_review"
        case publicNotice = "public_notice"
        case decision
    }

    /// Which stage.
    public var kind: Kind
    /// The first day it accepts work.
    public var opens: LocalDate
    /// The last day it accepts work (inclusive, Asia/Shanghai).
    public var deadline: LocalDate

    /// Creates a stage.
    public init(kind: Kind, opens: LocalDate, deadline: LocalDate) {
        self.kind = kind
        self.opens = opens
        self.deadline = deadline
    }
}

/// One thing wrong with a round's configuration.
public struct RoundProblem: Sendable, Hashable, CustomStringConvertible {
    /// Why.
    public enum Reason: Sendable, Hashable {
        case empty
        case outOfRange
        case notPositive
        case categoryOutsideSectors(String)
        case stagesIncomplete
        case deadlineBeforeOpening
        case stageBeforePrevious
        case scorecard(ScorecardProblem)
    }

    /// Where.
    public let path: String
    /// Why.
    public let reason: Reason

    /// The problem as a key of the strings table and its values.
    public var message: Message {
        switch reason {
        case .empty: Message("domain.round.empty")
        case .outOfRange: Message("domain.round.out_of_range")
        case .notPositive: Message("domain.round.not_positive")
        case .categoryOutsideSectors(let c): Message("domain.round.category_outside_sectors", "\(c)")
        case .stagesIncomplete: Message("domain.round.stages_incomplete")
        case .deadlineBeforeOpening: Message("domain.round.deadline_before_opening")
        case .stageBeforePrevious: Message("domain.round.stage_before_previous")
        case .scorecard(let p): p.message
        }
    }

    public var description: String { "\(path): \(message)" }
}
