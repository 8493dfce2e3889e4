import FluentKit
import Foundation
import JingpinCore

/// The consensus discussion (专家合议) of an application whose experts' scores spread beyond the
/// round's threshold: the province names a lead expert among its assigned experts; the lead
/// records a consensus score with a reason (required), which then counts instead of the
/// trimmed mean, in the summary and in the ranking. Who, when and why are kept, and audited.
struct ConsensusService {
    let database: DatabaseService
    let rules: RuleBook

    /// The consensus of one application.
    struct View: Codable, Sendable {
        let applicationId: UUID
        let leadExpertId: UUID
        let leadName: String
        let namedBy: String
        let namedAt: Date
        /// The consensus score, two decimals; nil until recorded.
        let points: String?
        let reason: String?
        let recordedBy: String?
        let recordedAt: Date?
    }

    /// What the lead sees to lead the discussion: every submitted sheet's points (not whose),
    /// the trimmed mean, the spread and the threshold, and the consensus so far.
    struct LeadView: Codable, Sendable {
        let assignmentId: UUID
        let applicationId: UUID
        let points: [String]
        let trimmedMean: String?
        let spread: String
        let threshold: String
        /// The most an application can score on the expert-scored indicators.
        let maxPoints: String
        let consensus: View
    }

    /// Names expert `expertID` the lead for application `applicationID`. The application must be
    /// flagged for consensus, the expert one of its assigned experts, and no consensus recorded yet.
    func nameLead(applicationID: UUID, expertID: UUID?, actor: AuditActor, requestID: String) async throws -> View {
        let summary = try await ScoringService(database: database, rules: rules).summary(applicationID: applicationID)
        guard summary.needsConsensus else {
            throw AppError.conflict(Message("experts.conflict.no_consensus_needed"))
        }
        guard let expertID, try await AssignmentModel.query(on: database.db).filter(\.$applicationID == applicationID)
            .filter(\.$expertID == expertID).first() != nil, let expert = try await ExpertModel.find(expertID, on: database.db) else {
            throw AppError.validation([FieldError(field: "expertId", code: "not_assigned", "expertReview.error.not_assigned")])
        }
        let existing = try await ConsensusModel.query(on: database.db).filter(\.$applicationID == applicationID).first()
        if existing?.pointsHundredths != nil { throw AppError.conflict(Message("experts.conflict.consensus_recorded")) }
        let m = existing ?? ConsensusModel()
        let old = existing.map { ["leadExpertId": $0.leadExpertID.uuidString] }
        if existing == nil {
            m.id = UUID()
            m.applicationID = applicationID
        }
        m.leadExpertID = expertID
        m.namedBy = actor.stored
        m.namedAt = Date()
        try await database.db.transaction { tx in
            if existing == nil { try await m.create(on: tx) } else { try await m.update(on: tx) }
            try await AuditLog.append(AuditRecord(actor: actor, action: "consensus.lead", entityType: "consensus_review", entityID: m.id!.uuidString,
                                                  old: old, new: ["applicationId": applicationID.uuidString, "leadExpertId": expertID.uuidString],
                                                  requestID: requestID), on: tx)
        }
        return Self.view(m, leadName: expert.name)
    }

    /// The consensus of application `applicationID`, if a lead is named.
    func view(applicationID: UUID) async throws -> View? {
        guard let m = try await ConsensusModel.query(on: database.db).filter(\.$applicationID == applicationID).first() else { return nil }
        return Self.view(m, leadName: try await ExpertModel.find(m.leadExpertID, on: database.db)?.name ?? "")
    }

    /// Recorded consensus scores by application.
    func scores(_ applicationIDs: [UUID]) async throws -> [UUID: ScoreFraction] {
        guard !applicationIDs.isEmpty else { return [:] }
        var out: [UUID: ScoreFraction] = [:]
        for m in try await ConsensusModel.query(on: database.db).filter(\.$applicationID ~~ applicationIDs).all() {
            if let h = m.pointsHundredths { out[m.applicationID] = ScoreFraction(Int128(h), 100) }
        }
        return out
    }

    /// The lead's view through their assignment `assignmentID`; 404 unless the caller is the lead.
    func lead(assignmentID: UUID, userID: UUID) async throws -> LeadView {
        let (assignment, consensus, configuration) = try await ownLead(assignmentID, userID: userID)
        let sheets = try await ScoringService(database: database, rules: rules).submittedSheets(applicationID: assignment.applicationID,
                                                                                         scorecard: configuration.scorecard)
        let points = sheets.map(\.score.total).sorted()
        return LeadView(assignmentId: assignmentID, applicationId: assignment.applicationID, points: points.map(\.description),
                        trimmedMean: ScoreAggregation.trimmedMean(points)?.description, spread: ScoreAggregation.spread(points).description,
                        threshold: configuration.divergenceThreshold.description, maxPoints: Self.maxPoints(configuration.scorecard).description,
                        consensus: Self.view(consensus, leadName: try await ExpertModel.find(consensus.leadExpertID, on: database.db)?.name ?? ""))
    }

    /// Records the lead's consensus score (`points`, two decimals at most, 0 to the most the
    /// expert-scored indicators give) with its reason; recording again replaces it, and the
    /// audit log keeps the old value beside the new.
    func record(assignmentID: UUID, userID: UUID, points text: String?, reason: String?, actor: AuditActor, requestID: String) async throws -> View {
        let (_, m, configuration) = try await ownLead(assignmentID, userID: userID)
        let most = Self.maxPoints(configuration.scorecard)
        var errors: [FieldError] = []
        let hundredths = Self.parseHundredths(text ?? "")
        if hundredths == nil || ScoreFraction(Int128(hundredths!), 100) > most {
            errors.append(FieldError(field: "points", code: "invalid_points", "expertReview.error.invalid_points", "\(most)"))
        }
        let why = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if why.isEmpty {
            errors.append(FieldError(field: "reason", code: "required", "expertReview.error.required"))
        } else if why.count > 2000 {
            errors.append(FieldError(field: "reason", code: "too_long", "expertReview.error.too_long"))
        }
        guard errors.isEmpty, let hundredths else { throw AppError.validation(errors) }
        let old: [String: String]? = m.pointsHundredths.map { ["points": ScoreFraction(Int128($0), 100).description, "reason": m.reason ?? ""] }
        m.pointsHundredths = hundredths
        m.reason = why
        m.recordedBy = actor.stored
        m.recordedAt = Date()
        try await database.db.transaction { tx in
            try await m.update(on: tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "consensus.record", entityType: "consensus_review", entityID: m.id!.uuidString,
                                                  old: old, new: ["applicationId": m.applicationID.uuidString,
                                                                  "points": ScoreFraction(Int128(hundredths), 100).description, "reason": why],
                                                  requestID: requestID), on: tx)
        }
        return Self.view(m, leadName: try await ExpertModel.find(m.leadExpertID, on: database.db)?.name ?? "")
    }

    /// "12", "12.5", "12.50" → 1250; nil for anything else (signs, three decimals, text).
    static func parseHundredths(_ text: String) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 3, whole.allSatisfy({ $0.isASCII && $0.isNumber }),
              let w = Int64(whole), w >= 0 else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let f = parts[1]
            guard (1...2).contains(f.count), f.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int64(f) else { return nil }
            cents = f.count == 1 ? v * 10 : v
        }
        return w * 100 + cents
    }

    /// The most the expert-scored indicators give: every band at the top.
    static func maxPoints(_ scorecard: Scorecard) -> ScoreFraction {
        ScoringService.points(ScoringService.expertIndicators(scorecard).map { ScoringService.Entry(indicatorId: $0, band: Normalisation.topBand, comment: nil) }, scorecard)
    }

    /// The caller's published assignment on an application whose lead they are; 404 otherwise.
    private func ownLead(_ assignmentID: UUID, userID: UUID) async throws -> (AssignmentModel, ConsensusModel, RoundConfiguration) {
        guard let assignment = try await AssignmentModel.find(assignmentID, on: database.db), assignment.published,
              let expert = try await ExpertModel.find(assignment.expertID, on: database.db), expert.userID == userID,
              let m = try await ConsensusModel.query(on: database.db).filter(\.$applicationID == assignment.applicationID).first(),
              m.leadExpertID == expert.id else { throw AppError.notFound }
        guard let round = try await RoundConfigurations.openVersion(of: assignment.roundSeriesID, on: database.db) else {
            throw AppError.conflict(Message("rounds.conflict.not_open"))
        }
        return (assignment, m, try RoundConfigurations.configuration(round, rules))
    }

    private static func view(_ m: ConsensusModel, leadName: String) -> View {
        View(applicationId: m.applicationID, leadExpertId: m.leadExpertID, leadName: leadName, namedBy: m.namedBy, namedAt: m.namedAt,
             points: m.pointsHundredths.map { ScoreFraction(Int128($0), 100).description }, reason: m.reason, recordedBy: m.recordedBy,
             recordedAt: m.recordedAt)
    }
}
