import Foundation
import JingpinCore

/// A round's configuration as the API takes and returns it, and as it is stored (JSON, keys
/// sorted). Plain strings and numbers; `configuration(rules:)` turns it into the domain's
/// `RoundConfiguration`, naming every field it cannot use.
struct RoundInput: Codable, Sendable, Equatable, RequestBody {
    var year: Int
    var titleZh: String
    var titleEn: String
    var sectors: [String]
    var categories: [String]
    var stages: [Stage]
    var eligibilityRuleSet: String
    var scorecard: ScorecardInput
    var quota: Int
    var noticeWorkingDays: Int
    var voteThreshold: Fraction
    /// `pillar:<kind>` or `earlier_submission`, in order.
    var tieBreaks: [String]
    var sameCityConflicts: Bool
    var divergenceThresholdPoints: Int
    /// How many applications each city may recommend; absent for no limit.
    var cityQuota: Int? = nil
    /// Cities with their own quota, by city code (`330100`).
    var cityQuotas: [String: Int]? = nil

    struct Stage: Codable, Sendable, Equatable {
        var kind: String
        var opens: String
        var deadline: String
    }

    struct Fraction: Codable, Sendable, Equatable {
        var numerator: Int
        var denominator: Int
    }

    struct ScorecardInput: Codable, Sendable, Equatable {
        var pillars: [PillarInput]
    }

    struct PillarInput: Codable, Sendable, Equatable {
        var kind: String
        var weightBP: Int
        var indicators: [IndicatorInput]
    }

    struct IndicatorInput: Codable, Sendable, Equatable {
        var id: String
        var labelZh: String
        var labelEn: String
        var weightBP: Int
        /// `expert` or `data`.
        var source: String
        /// The filed indicator's code, for `data`.
        var dataIndicator: String?
        /// `banded`, `linear` or `rank_within_sector`.
        var normalisation: String
        var bands: [BandDescriptor]?
        var baseline: Int64?
        var leading: Int64?
    }

    /// The domain configuration, or every problem with a pointer-style field
    /// (`stages/0/deadline`): unknown names first, then what the domain's checks find.
    func configuration(rules: RuleBook) -> Result<RoundConfiguration, FieldErrors> {
        var errors: [FieldError] = []
        func bad(_ field: String, _ code: String, _ key: String, _ args: MessageArgument...) {
            errors.append(FieldError(field: field, code: code, message: Message(key, args: args)))
        }
        func text(_ field: String, _ value: String, max: Int) {
            let t = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if t.isEmpty { bad(field, "required", "rounds.input.required") }
            if t.count > max { bad(field, "too_long", "rounds.input.too_long", "\(max)") }
        }
        text("titleZh", titleZh, max: 200)
        text("titleEn", titleEn, max: 200)
        var sectorSet: Set<Sector> = []
        for (i, s) in sectors.enumerated() {
            if let sector = Sector(rawValue: s) { sectorSet.insert(sector) } else { bad("sectors/\(i)", "unknown_sector", "rounds.input.unknown_sector", "\(s)") }
        }
        var categoryList: [ProductCategory] = []
        for (i, c) in categories.enumerated() {
            if let category = ProductCategory(rawValue: c) { categoryList.append(category) } else {
                bad("categories/\(i)", "unknown_category", "rounds.input.unknown_category", "\(c)")
            }
        }
        var stageList: [RoundStage] = []
        for (i, s) in stages.enumerated() {
            let kind = RoundStage.Kind(rawValue: s.kind)
            if kind == nil { bad("stages/\(i)/kind", "unknown_stage", "rounds.input.unknown_stage", "\(s.kind)") }
            let opens = try? LocalDate(s.opens)
            if opens == nil { bad("stages/\(i)/opens", "invalid_date", "rounds.input.invalid_date") }
            let deadline = try? LocalDate(s.deadline)
            if deadline == nil { bad("stages/\(i)/deadline", "invalid_date", "rounds.input.invalid_date") }
            if let kind, let opens, let deadline { stageList.append(RoundStage(kind: kind, opens: opens, deadline: deadline)) }
        }
        if rules.ruleSet(eligibilityRuleSet)?.kind != .designationEligibility {
            bad("eligibilityRuleSet", "unknown_rule_set", "rounds.input.unknown_rule_set", "\(eligibilityRuleSet)")
        }
        let scorecard = self.scorecard.domain(&errors)
        var ties: [Ranking.TieBreak] = []
        for (i, t) in tieBreaks.enumerated() {
            if t == "earlier_submission" { ties.append(.earlierSubmission) } else if t.hasPrefix("pillar:"), let kind = PillarKind(rawValue: String(t.dropFirst(7))) {
                ties.append(.pillar(kind))
            } else {
                bad("tieBreaks/\(i)", "unknown_tie_break", "rounds.input.unknown_tie_break", "\(t)")
            }
        }
        if voteThreshold.denominator <= 0 {
            bad("voteThreshold/denominator", "not_positive", "rounds.input.denominator_not_positive")
        }
        var cityQuotaMap: [RegionCode: Int] = [:]
        for (code, q) in (cityQuotas ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let city = try? RegionCode(code), city.level == .city { cityQuotaMap[city] = q } else {
                bad("cityQuotas/\(code)", "not_a_city", "rounds.input.not_a_city", "\(code)")
            }
        }
        guard errors.isEmpty else { return .failure(FieldErrors(errors)) }
        let configuration = RoundConfiguration(
            year: year, sectors: sectorSet, categories: categoryList, stages: stageList, eligibilityRuleSet: eligibilityRuleSet,
            scorecard: scorecard, quota: quota, noticeWorkingDays: noticeWorkingDays,
            voteThreshold: ScoreFraction(Int128(voteThreshold.numerator), Int128(voteThreshold.denominator)), tieBreaks: ties,
            sameCityConflicts: sameCityConflicts, divergenceThreshold: ScoreFraction(Int128(divergenceThresholdPoints)),
            cityQuota: cityQuota, cityQuotas: cityQuotaMap)
        let problems = configuration.problems.map { p in
            FieldError(field: Self.pointerField(p.path), code: "invalid_round", message: p.message)
        }
        return problems.isEmpty ? .success(configuration) : .failure(FieldErrors(problems))
    }

    /// `stages[0].deadline` → `stages/0/deadline`; `divergenceThreshold` is taken in points.
    static func pointerField(_ path: String) -> String {
        if path.hasPrefix("cityQuotas.") { return "cityQuotas/" + path.dropFirst("cityQuotas.".count) }
        let field = path.replacingOccurrences(of: "[", with: "/").replacingOccurrences(of: "]", with: "").replacingOccurrences(of: ".", with: "/")
        return field == "divergenceThreshold" ? "divergenceThresholdPoints" : field
    }
}

extension RoundInput.ScorecardInput {
    /// The domain scorecard; unknown names are added to `errors`.
    func domain(_ errors: inout [FieldError]) -> Scorecard {
        var pillarList: [Pillar] = []
        for (i, p) in pillars.enumerated() {
            let at = "scorecard/pillars/\(i)"
            guard let kind = PillarKind(rawValue: p.kind) else {
                errors.append(FieldError(field: "\(at)/kind", code: "unknown_pillar", "rounds.error.unknown_pillar", "\(p.kind)"))
                continue
            }
            var indicators: [ScorecardIndicator] = []
            for (j, ind) in p.indicators.enumerated() {
                let here = "\(at)/indicators/\(j)"
                let source: ScorecardIndicator.Source?
                switch ind.source {
                case "expert": source = .expert
                case "data":
                    if let code = ind.dataIndicator, !code.isEmpty { source = .data(code) } else {
                        errors.append(FieldError(field: "\(here)/dataIndicator", code: "required", "rounds.error.required.4"))
                        source = nil
                    }
                default:
                    errors.append(FieldError(field: "\(here)/source", code: "unknown_source", "rounds.error.unknown_source"))
                    source = nil
                }
                let normalisation: Normalisation?
                switch ind.normalisation {
                case "banded": normalisation = .banded(ind.bands ?? [])
                case "rank_within_sector": normalisation = .rankWithinSector
                case "linear":
                    if let baseline = ind.baseline, let leading = ind.leading { normalisation = .linear(baseline: baseline, leading: leading) } else {
                        errors.append(FieldError(field: "\(here)/baseline", code: "required", "rounds.error.required.3"))
                        normalisation = nil
                    }
                default:
                    errors.append(FieldError(field: "\(here)/normalisation", code: "unknown_normalisation",
                                             "rounds.error.unknown_normalisation"))
                    normalisation = nil
                }
                if let source, let normalisation {
                    indicators.append(ScorecardIndicator(id: ind.id, labelZh: ind.labelZh, labelEn: ind.labelEn, weightBP: ind.weightBP,
                                                         source: source, normalisation: normalisation))
                }
            }
            pillarList.append(Pillar(kind: kind, weightBP: p.weightBP, indicators: indicators))
        }
        return Scorecard(pillars: pillarList)
    }
}
