import FluentKit
import Foundation
import JingpinCore

/// The annual review (年度复核) of designated products. Each year on a designation's anniversary
/// the daily job opens a review, due a month later, and moves the designation to under review;
/// the enterprise submits its update (the product's sales, incidents, complaints); the province
/// accepts it (designated again) or not (suspended, with the reason). A review still not submitted
/// past its due day plus the rule set's grace period suspends the designation automatically.
struct AnnualReviewService {
    let database: DatabaseService
    let rules: RuleBook
    /// The clock; tests pass their own.
    var now: @Sendable () -> Date = { Date() }

    /// Days from the anniversary to the due day.
    static let daysToSubmit = 30

    /// A review as the API shows it.
    struct View: Codable, Sendable {
        let id: UUID
        let designationId: UUID
        let certificateNumber: String
        let year: Int
        let dueOn: String
        let status: AnnualReviewStatus
        let salesFen: Int64?
        let incidents: String?
        let complaints: Int?
        let decisionNote: String?
    }

    // MARK: The daily job

    /// Opens the reviews whose anniversary has come by `today` and suspends the designations
    /// whose review is overdue past the grace period; returns how many of each. Idempotent.
    func tick(today: LocalDate, requestID: String) async throws -> (opened: Int, suspended: Int) {
        let actor = AuditActor.system("lifecycle")
        let at = now()
        var opened = 0, suspended = 0
        let designations = try await DesignationModel.query(on: database.db).filter(\.$status == DesignationStatus.designated.rawValue).all()
        let existing = Set(try await AnnualReviewModel.query(on: database.db).filter(\.$year == today.year).all().map(\.designationID))
        for d in designations where !existing.contains(d.id!) {
            guard let designatedOn = try? LocalDate(d.designatedOn), today.year > designatedOn.year else { continue }
            let anniversary = designatedOn.adding(years: today.year - designatedOn.year)
            guard anniversary <= today else { continue }
            try await database.db.transaction { tx in
                let r = AnnualReviewModel()
                r.id = UUID()
                r.designationID = d.id!
                r.year = today.year
                r.dueOn = anniversary.adding(days: Self.daysToSubmit).description
                r.status = .open
                r.createdAt = at
                try await r.create(on: tx)
                try await RegistryService.record(.startReview, on: d, actor: actor, today: today, at: at, requestID: requestID, tx)
            }
            opened += 1
        }
        for r in try await AnnualReviewModel.query(on: database.db).filter(\.$status == .open).all() {
            guard let due = try? LocalDate(r.dueOn), let d = try await DesignationModel.find(r.designationID, on: database.db) else { continue }
            let grace = try await graceDays(d, on: today)
            guard today > due.adding(days: grace), [DesignationStatus.designated, .underReview].contains(DesignationStatus(rawValue: d.status ?? "")) else { continue }
            let overdue = try Workflow.take(AnnualReviewStep.markOverdue, from: r.status, by: .system)
            try await database.db.transaction { tx in
                r.status = overdue
                try await r.update(on: tx)
                try await RegistryService.record(.suspend(reason: "\(r.year)年度复核逾期未提交 / the \(r.year) annual review is overdue", until: nil),
                                                     on: d, actor: actor, today: today, at: at, requestID: requestID, tx)
            }
            suspended += 1
        }
        return (opened, suspended)
    }

    /// The grace period of the rule set the designation's round applied.
    private func graceDays(_ d: DesignationModel, on day: LocalDate) async throws -> Int {
        guard let round = try await RoundModel.query(on: database.db).filter(\.$seriesID == d.roundSeriesID).first() else { return 0 }
        let ruleSet = try RoundConfigurations.configuration(round, rules).eligibilityRuleSet
        return try RegistryService(database: database, rules: rules).terms(ruleSet: ruleSet, on: day).reviewGraceDays
    }

    // MARK: The enterprise and the province

    /// The reviews `identity` may see: the province all, an enterprise its own; newest first.
    func list(_ identity: Identity) async throws -> [View] {
        var query = DesignationModel.query(on: database.db)
        // The province, which steers designations, reads them all; an enterprise, which sends the
        // updates, its own; officers, experts and banks have no part in annual reviews.
        guard identity.mayEver(.manageRounds) || identity.mayEver(.editAnnualReview) else { throw AppError.forbidden }
        switch EnterpriseVisibility.of(identity.principal) {
        case .all: break
        case .enterprise(let own): query = query.filter(\.$enterpriseID == own)
        case .city, .county, .nothing: throw AppError.forbidden
        }
        let designations = Dictionary(uniqueKeysWithValues: try await query.all().map { ($0.id!, $0) })
        return try await AnnualReviewModel.query(on: database.db).filter(\.$designationID ~~ Array(designations.keys)).sort(\.$year, .descending).all()
            .map { Self.view($0, designations[$0.designationID]) }
    }

    /// The enterprise's update for review `id`: while it is open (or overdue, to catch up).
    func submit(_ id: UUID, salesFen: Int64, incidents: String, complaints: Int, identity: Identity, requestID: String) async throws -> View {
        let (r, d) = try await find(id)
        guard identity.mayEver(.editAnnualReview) else { throw AppError.forbidden }
        guard let enterprise = try await EnterpriseModel.find(d.enterpriseID, on: database.db),
              identity.may(.editAnnualReview, on: .enterprise(id: d.enterpriseID, county: try RegionCode(enterprise.regionCode))) else {
            throw AppError.notFound
        }
        let submitted = try Workflow.take(AnnualReviewStep.submit, from: r.status, by: Workflow.actor(identity))
        var errors: [FieldError] = []
        if salesFen < 0 { errors.append(FieldError(field: "salesFen", code: "negative", "registry.error.negative.2")) }
        if complaints < 0 { errors.append(FieldError(field: "complaints", code: "negative", "registry.error.negative")) }
        if salesFen > InputBounds.amountFen.upperBound {
            errors.append(BoundedNumberError.outOfRange(InputBounds.amountFen.lowerBound, InputBounds.amountFen.upperBound).fieldError("salesFen"))
        }
        if complaints > InputBounds.count.upperBound { errors.append(InputBounds.check(complaints, in: InputBounds.count)!.fieldError("complaints")) }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        r.salesFen = salesFen
        r.incidents = incidents.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        r.complaints = complaints
        r.status = submitted
        r.submittedBy = identity.actor.stored
        r.submittedAt = now()
        try await database.db.transaction { tx in
            try await r.update(on: tx)
            try await AuditLog.append(AuditRecord(actor: identity.actor, action: "annual_review.submit", entityType: "annual_review", entityID: id.uuidString,
                                                  new: ["salesFen": "\(salesFen)", "complaints": "\(complaints)", "incidents": r.incidents ?? ""],
                                                  requestID: requestID), on: tx)
        }
        return Self.view(r, d)
    }

    /// The province's decision on a submitted review: accepted — the designation is designated
    /// again (or reinstated, if it was suspended for being late); not accepted — suspended with the note.
    func decide(_ id: UUID, accept: Bool, note: String, identity: Identity, requestID: String) async throws -> View {
        let actor = identity.actor
        let (r, d) = try await find(id)
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        let decided: AnnualReviewStatus
        do {
            decided = try Workflow.take(accept ? AnnualReviewStep.accept : .refuse, from: r.status, by: Workflow.actor(identity),
                                        reason: text, reasonField: "note")
        } catch AppError.validation {
            throw AppError.validation([FieldError(field: "note", code: "required", "registry.error.required")])
        }
        let today = LocalDate(instant: now(), timeZone: .shanghai)
        let status = DesignationStatus(rawValue: d.status ?? "") ?? .designated
        let event: DesignationEvent = accept ? (status == .suspended ? .reinstate(reason: text.nilIfEmpty ?? "年度复核通过 / annual review accepted") : .passReview)
                                             : .suspend(reason: text, until: nil)
        try await database.db.transaction { tx in
            r.status = decided
            r.decidedBy = actor.stored
            r.decidedAt = now()
            r.decisionNote = text.nilIfEmpty
            try await r.update(on: tx)
            try await RegistryService.record(event, on: d, actor: actor, today: today, at: now(), requestID: requestID, tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "annual_review.decide", entityType: "annual_review", entityID: id.uuidString,
                                                  old: ["status": AnnualReviewStatus.submitted.rawValue], new: ["status": r.status.rawValue, "note": text],
                                                  requestID: requestID), on: tx)
        }
        return Self.view(r, d)
    }

    private func find(_ id: UUID) async throws -> (AnnualReviewModel, DesignationModel) {
        guard let r = try await AnnualReviewModel.find(id, on: database.db),
              let d = try await DesignationModel.find(r.designationID, on: database.db) else { throw AppError.notFound }
        return (r, d)
    }

    static func view(_ r: AnnualReviewModel, _ d: DesignationModel?) -> View {
        View(id: r.id!, designationId: r.designationID, certificateNumber: d?.certificateNumber ?? "", year: r.year, dueOn: r.dueOn, status: r.status,
             salesFen: r.salesFen, incidents: r.incidents, complaints: r.complaints, decisionNote: r.decisionNote)
    }
}
