import FluentKit
import Foundation
import JingpinCore

/// The feedback report every applicant receives: its score per pillar against the round's
/// median, the experts' comments (anonymised) as strengths and weaknesses, and the decision with
/// its reasons. The applicant sees it once its application has reached a final status; the
/// province at any time.
struct FeedbackReport {
    let database: DatabaseService
    let rules: RuleBook

    /// The report.
    struct View: Codable, Sendable {
        let applicationId: UUID
        let round: String
        let enterprise: String
        let product: String
        let status: String
        let statusName: String
        let pillars: [PillarLine]
        let strengths: [Comment]
        let weaknesses: [Comment]
        let reasons: [String]
    }

    /// One pillar: this application's points and the round's median, each 0–100.
    struct PillarLine: Codable, Sendable {
        let pillar: String
        let name: String
        let score: String?
        let roundMedian: String?
    }

    /// An expert's comment, without the expert.
    struct Comment: Codable, Sendable {
        let indicator: String
        let band: Int
        let text: String
    }

    /// The report of application `id` in `language`; `finalOnly` keeps it back until the
    /// application's outcome is final.
    func report(_ id: UUID, language l: Language, finalOnly: Bool) async throws -> View {
        guard let a = try await ApplicationModel.find(id, on: database.db) else { throw AppError.notFound }
        let status = ApplicationStatus(rawValue: a.status)
        if finalOnly && status?.isFinal != true {
            throw AppError.conflict(Message("decision.conflict.feedback_not_ready"))
        }
        guard let round = try await RoundConfigurations.openVersion(of: a.roundSeriesID, on: database.db) else {
            throw AppError.conflict(Message("rounds.conflict.not_open"))
        }
        let scorecard = try RoundConfigurations.configuration(round, rules).scorecard
        let labels = Dictionary(uniqueKeysWithValues: scorecard.indicators.map { ($0.indicator.id, l.pick(zh: $0.indicator.labelZh, en: $0.indicator.labelEn)) })

        // Every scored application of the round: its pillar scores (trimmed means over its experts).
        var roundPillars: [PillarKind: [ScoreFraction]] = [:]
        var mine: [PillarKind: ScoreFraction] = [:]
        var strengths: [Comment] = []
        var weaknesses: [Comment] = []
        let scoring = ScoringService(database: database, rules: rules)
        let others = try await ApplicationModel.query(on: database.db).filter(\.$roundSeriesID == a.roundSeriesID).all()
        // The data-derived part, among the applications that reached expert review — the set the ranking compared.
        let ranked = others.filter { ApplicationStatus(rawValue: $0.status).map(Self.reachedExperts.contains) ?? false }
        let dataScores = try await ApplicationEvidence.dataScores(ranked, scorecard, on: database.db)
        for other in others {
            let sheets = try await scoring.submittedSheets(applicationID: other.id!, scorecard: scorecard)
            guard !sheets.isEmpty else { continue }
            let scores = sheets.map(\.score)
            if other.id == a.id {
                for e in sheets.flatMap(\.entries) {
                    guard let text = e.comment?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { continue }
                    let c = Comment(indicator: labels[e.indicatorId] ?? e.indicatorId, band: e.band, text: text)
                    if e.band >= 4 { strengths.append(c) } else if e.band <= 2 { weaknesses.append(c) }
                }
            }
            for p in scorecard.pillars {
                guard let experts = ScoreAggregation.trimmedMean(scores.compactMap { $0.pillar(p.kind) }) else { continue }
                let score = experts + (dataScores[other.id!]?.pillar(p.kind) ?? .zero)
                roundPillars[p.kind, default: []].append(score)
                if other.id == a.id { mine[p.kind] = score }
            }
        }
        let pillars = scorecard.pillars.map { p in
            PillarLine(pillar: p.kind.rawValue, name: p.kind.name(l), score: mine[p.kind]?.description,
                       roundMedian: Self.median(roundPillars[p.kind] ?? [])?.description)
        }
        let reasons = try await ApplicationEventModel.query(on: database.db).filter(\.$applicationID == id).sort(\.$at).all().compactMap(\.reason)
        let enterprise = try await EnterpriseModel.find(a.enterpriseID, on: database.db)?.name ?? ""
        let product = try await ProductModel.find(a.productID, on: database.db)?.name ?? ""
        // Comments in a fixed order, so the report does not reveal which expert wrote what by their order.
        let order: (Comment, Comment) -> Bool = { ($0.indicator, $0.text) < ($1.indicator, $1.text) }
        return View(applicationId: id, round: l.pick(zh: round.titleZh, en: round.titleEn), enterprise: enterprise, product: product,
                    status: a.status, statusName: status?.name(l) ?? a.status, pillars: pillars,
                    strengths: strengths.sorted(by: order), weaknesses: weaknesses.sorted(by: order), reasons: reasons)
    }

    /// The statuses of an application that went to the experts.
    static let reachedExperts: Set<ApplicationStatus> = [.inExpertReview, .proposed, .notProposed, .designated, .notDesignated]

    /// The median: the middle value, or the mean of the two middle values.
    static func median(_ values: [ScoreFraction]) -> ScoreFraction? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[mid]
    }
}
