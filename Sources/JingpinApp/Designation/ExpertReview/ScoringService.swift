import FluentKit
import Foundation
import JingpinCore

/// Experts' score sheets: an expert bands each expert-scored indicator of their published
/// assignments (0–5, with comments), saves drafts and submits; a change to a submitted sheet
/// needs a reason and is kept (old → new, who, when, why). The province sees per application
/// who has scored, each expert's points, the trimmed mean and whether the spread calls for a
/// consensus discussion.
struct ScoringService {
    let database: DatabaseService
    let rules: RuleBook

    /// One band given.
    struct Entry: Codable, Sendable {
        let indicatorId: String
        let band: Int
        let comment: String?
    }

    /// An expert's sheet as they see it.
    struct SheetView: Codable, Sendable {
        let assignmentId: UUID
        let applicationId: UUID
        let status: ScoreSheetStatus
        let entries: [Entry]
        /// Points from the expert-scored indicators, two decimals.
        let points: String
        let submittedAt: Date?
        let changes: [Change]
    }

    /// A change to a submitted sheet.
    struct Change: Codable, Sendable {
        let indicatorId: String
        let oldBand: Int
        let newBand: Int
        let reason: String
        let actor: String
        let at: Date
    }

    /// An application's scoring as the province sees it.
    struct SummaryView: Codable, Sendable {
        let applicationId: UUID
        /// "3 of 5 scored": submitted sheets and assignments.
        let scored: Int
        let assigned: Int
        let experts: [ExpertScore]
        /// The trimmed mean of the submitted sheets' points (highest and lowest dropped from 5 up).
        let trimmedMean: String?
        let spread: String
        let needsConsensus: Bool
        /// The lead expert named for the consensus discussion, if any.
        let leadExpertId: UUID?
        /// The lead's consensus score and its reason, once recorded.
        let consensusPoints: String?
        let consensusReason: String?
        /// The points that count: the consensus score when recorded, else the trimmed mean.
        let points: String?
    }

    /// One expert's sheet in the summary.
    struct ExpertScore: Codable, Sendable {
        let expertId: UUID
        let status: ScoreSheetStatus
        let points: String
        let submittedAt: Date?
    }

    /// Saves the expert's bands on assignment `assignmentID`, and submits when `submit`.
    func save(assignmentID: UUID, userID: UUID, entries: [Entry], submit: Bool, reason: String?, actor: AuditActor,
              requestID: String) async throws -> SheetView {
        let (assignment, scorecard) = try await ownAssignment(assignmentID, userID: userID)
        let expertIndicators = Self.expertIndicators(scorecard)
        var errors: [FieldError] = []
        for (i, e) in entries.enumerated() {
            if !expertIndicators.contains(e.indicatorId) {
                errors.append(FieldError(field: "scores/\(i)/indicatorId", code: "unknown_indicator", "expertReview.error.unknown_indicator"))
            }
            if !(0...Normalisation.topBand).contains(e.band) {
                errors.append(FieldError(field: "scores/\(i)/band", code: "invalid_band", "expertReview.error.invalid_band"))
            }
        }
        if Set(entries.map(\.indicatorId)).count != entries.count {
            errors.append(FieldError(field: "scores", code: "duplicate", "expertReview.error.duplicate.3"))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }

        let existing = try await ScoreSheetModel.query(on: database.db).filter(\.$assignmentID == assignmentID).first()
        let old: [Entry] = if let existing { try await entriesOf(existing.id!) } else { [] }
        let oldBands = Dictionary(uniqueKeysWithValues: old.map { ($0.indicatorId, $0.band) })
        var merged = Dictionary(uniqueKeysWithValues: old.map { ($0.indicatorId, $0) })
        for e in entries { merged[e.indicatorId] = e }
        let wasSubmitted = existing?.status == .submitted
        let changed = entries.filter { e in oldBands[e.indicatorId].map { $0 != e.band } ?? false }
        let why = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        // The sheet's own workflow decides: a changed score on a submitted sheet needs a reason.
        let step: ScoreSheetStep = wasSubmitted ? (changed.isEmpty ? .comment : .amend) : (submit ? .submit : .save)
        let next: ScoreSheetStatus
        do {
            next = try Workflow.take(step, from: existing?.status ?? .draft, by: .role(.expert), reason: why)
        } catch AppError.validation {
            throw AppError.validation([FieldError(field: "reason", code: "required", "expertReview.error.required.11")])
        }
        if submit || wasSubmitted {
            let missing = expertIndicators.filter { merged[$0] == nil }
            if !missing.isEmpty {
                throw AppError.validation(missing.map { FieldError(field: "scores", code: "incomplete", "expertReview.error.incomplete", "\($0)") })
            }
        }
        let now = Date()
        let toStore = Array(merged.values)
        let sheet = try await database.db.transaction { tx -> ScoreSheetModel in
            let sheet = existing ?? ScoreSheetModel()
            if existing == nil {
                sheet.id = UUID()
                sheet.assignmentID = assignmentID
                sheet.applicationID = assignment.applicationID
                sheet.expertID = assignment.expertID
            }
            if next == .submitted && !wasSubmitted { sheet.submittedAt = now }
            sheet.status = next
            sheet.updatedAt = now
            if existing == nil { try await sheet.create(on: tx) } else { try await sheet.update(on: tx) }
            try await ScoreEntryModel.query(on: tx).filter(\.$sheetID == sheet.id!).delete()
            for e in toStore {
                let m = ScoreEntryModel()
                m.sheetID = sheet.id!
                m.indicatorID = e.indicatorId
                m.band = e.band
                m.comment = e.comment
                try await m.create(on: tx)
            }
            if wasSubmitted {
                for e in changed {
                    let c = ScoreChangeModel()
                    c.sheetID = sheet.id!
                    c.indicatorID = e.indicatorId
                    c.oldBand = oldBands[e.indicatorId] ?? 0
                    c.newBand = e.band
                    c.reason = why
                    c.actor = actor.stored
                    c.at = now
                    try await c.create(on: tx)
                }
            }
            let action = wasSubmitted ? "score.change" : (submit ? "score.submit" : "score.save")
            try await AuditLog.append(AuditRecord(actor: actor, action: action, entityType: "score_sheet", entityID: sheet.id!.uuidString,
                                                  old: wasSubmitted ? Self.bands(old) : nil, new: Self.bands(toStore), requestID: requestID), on: tx)
            return sheet
        }
        return try await view(sheet, scorecard)
    }

    /// The expert's own sheet for an assignment (empty draft when none yet).
    func sheet(assignmentID: UUID, userID: UUID) async throws -> SheetView {
        let (assignment, scorecard) = try await ownAssignment(assignmentID, userID: userID)
        guard let sheet = try await ScoreSheetModel.query(on: database.db).filter(\.$assignmentID == assignmentID).first() else {
            return SheetView(assignmentId: assignmentID, applicationId: assignment.applicationID, status: .draft, entries: [], points: "0.00",
                             submittedAt: nil, changes: [])
        }
        return try await view(sheet, scorecard)
    }

    /// Who has scored application `applicationID`, their points, the trimmed mean and the spread.
    func summary(applicationID: UUID) async throws -> SummaryView {
        guard let application = try await ApplicationModel.find(applicationID, on: database.db) else { throw AppError.notFound }
        let configuration = try await roundConfiguration(application.roundSeriesID)
        let assigned = try await AssignmentModel.query(on: database.db).filter(\.$applicationID == applicationID).count()
        var experts: [ExpertScore] = []
        var submitted: [ScoreFraction] = []
        for sheet in try await ScoreSheetModel.query(on: database.db).filter(\.$applicationID == applicationID).sort(\.$updatedAt).all() {
            let points = Self.points(try await entriesOf(sheet.id!), configuration.scorecard)
            if sheet.status == .submitted { submitted.append(points) }
            experts.append(ExpertScore(expertId: sheet.expertID, status: sheet.status, points: points.description, submittedAt: sheet.submittedAt))
        }
        let consensus = try await ConsensusModel.query(on: database.db).filter(\.$applicationID == applicationID).first()
        let agreed = consensus?.pointsHundredths.map { ScoreFraction(Int128($0), 100) }
        let mean = ScoreAggregation.trimmedMean(submitted)
        return SummaryView(applicationId: applicationID, scored: submitted.count, assigned: assigned, experts: experts,
                           trimmedMean: mean?.description,
                           spread: ScoreAggregation.spread(submitted).description,
                           needsConsensus: ScoreAggregation.needsConsensus(submitted, threshold: configuration.divergenceThreshold),
                           leadExpertId: consensus?.leadExpertID, consensusPoints: agreed?.description, consensusReason: consensus?.reason,
                           points: (agreed ?? mean)?.description)
    }

    // MARK: Helpers

    /// The expert's published assignment and the round's scorecard; 404 for anyone else's or an unpublished one.
    private func ownAssignment(_ id: UUID, userID: UUID) async throws -> (AssignmentModel, Scorecard) {
        guard let assignment = try await AssignmentModel.find(id, on: database.db), assignment.published,
              let expert = try await ExpertModel.find(assignment.expertID, on: database.db), expert.userID == userID else {
            throw AppError.notFound
        }
        return (assignment, try await roundConfiguration(assignment.roundSeriesID).scorecard)
    }

    private func roundConfiguration(_ seriesID: UUID) async throws -> RoundConfiguration {
        guard let round = try await RoundConfigurations.openVersion(of: seriesID, on: database.db) else {
            throw AppError.conflict(Message("rounds.conflict.not_open"))
        }
        return try RoundConfigurations.configuration(round, rules)
    }

    func entriesOf(_ sheetID: UUID) async throws -> [Entry] {
        try await ScoreEntryModel.query(on: database.db).filter(\.$sheetID == sheetID).sort(\.$indicatorID).all()
            .map { Entry(indicatorId: $0.indicatorID, band: $0.band, comment: $0.comment) }
    }

    private func view(_ sheet: ScoreSheetModel, _ scorecard: Scorecard) async throws -> SheetView {
        let entries = try await entriesOf(sheet.id!)
        let changes = try await ScoreChangeModel.query(on: database.db).filter(\.$sheetID == sheet.id!).sort(\.$at).all().map {
            Change(indicatorId: $0.indicatorID, oldBand: $0.oldBand, newBand: $0.newBand, reason: $0.reason, actor: $0.actor, at: $0.at)
        }
        return SheetView(assignmentId: sheet.assignmentID, applicationId: sheet.applicationID, status: sheet.status, entries: entries,
                         points: Self.points(entries, scorecard).description, submittedAt: sheet.submittedAt, changes: changes)
    }

    /// The ids of the scorecard's expert-scored indicators.
    static func expertIndicators(_ scorecard: Scorecard) -> [String] {
        scorecard.indicators.filter { $0.indicator.source == .expert }.map(\.indicator.id)
    }

    /// The submitted sheets of application `applicationID`: each one's entries and its score on
    /// `scorecard` — what the summary, the ranking and the feedback report all start from.
    func submittedSheets(applicationID: UUID, scorecard: Scorecard) async throws -> [(entries: [Entry], score: CompositeScore)] {
        var out: [(entries: [Entry], score: CompositeScore)] = []
        for sheet in try await ScoreSheetModel.query(on: database.db).filter(\.$applicationID == applicationID).filter(\.$status == .submitted)
            .sort(\.$updatedAt).all() {
            let entries = try await entriesOf(sheet.id!)
            out.append((entries, Self.score(entries, scorecard)))
        }
        return out
    }

    /// A sheet's score: the expert-scored indicators' part of the composite (band / 5 of each
    /// one's weighted share), with its pillar scores.
    static func score(_ entries: [Entry], _ scorecard: Scorecard) -> CompositeScore {
        CompositeScore(scorecard, shares: Dictionary(uniqueKeysWithValues: entries.map {
            ($0.indicatorId, ScoreFraction(Int128($0.band), Int128(Normalisation.topBand)))
        }))
    }

    /// The points of a sheet's entries.
    static func points(_ entries: [Entry], _ scorecard: Scorecard) -> ScoreFraction { score(entries, scorecard).total }

    private static func bands(_ entries: [Entry]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.indicatorId, "\($0.band)") })
    }
}
