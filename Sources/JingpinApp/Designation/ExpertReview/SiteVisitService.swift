import FluentKit
import Foundation
import JingpinCore

/// The optional site visit to an applicant (现场核查): when, who went, what they found. One record
/// per application, written by a province admin or by the application's lead expert; a rewrite
/// keeps the old values in the audit log. The province reads it beside the scores.
struct SiteVisitService {
    let database: DatabaseService

    /// A site visit as it is shown.
    struct View: Codable, Sendable {
        let applicationId: UUID
        let visitedOn: String
        let participants: String
        let findings: String
        let recordedBy: String
        let recordedAt: Date
    }

    /// The site visit of application `applicationID`, if recorded, for `identity` (404 to anyone
    /// but the province and the application's lead expert).
    func view(applicationID: UUID, identity: Identity) async throws -> View? {
        try await authorise(applicationID, identity)
        return try await SiteVisitModel.query(on: database.db).filter(\.$applicationID == applicationID).first().map(Self.view)
    }

    /// Records (or rewrites) the site visit of application `applicationID`. The date is a
    /// business date, not in the future (Asia/Shanghai); participants and findings are required.
    func record(applicationID: UUID, identity: Identity, visitedOn: String?, participants: String?, findings: String?,
                today: LocalDate = .today(), requestID: String) async throws -> View {
        try await authorise(applicationID, identity)
        var errors: [FieldError] = []
        let day = try? LocalDate((visitedOn ?? "").trimmingCharacters(in: .whitespaces))
        if day == nil {
            errors.append(FieldError(field: "visitedOn", code: "invalid_date", "expertReview.error.invalid_date"))
        } else if let day, day > today {
            errors.append(FieldError(field: "visitedOn", code: "in_future", "expertReview.error.in_future"))
        }
        let who = FieldCheck.requiredText(participants, field: "participants", labelZh: "参加人员", labelEn: "participants", maxLength: 500, into: &errors)
        let found = FieldCheck.requiredText(findings, field: "findings", labelZh: "核查发现", labelEn: "findings", maxLength: 5000, into: &errors)
        guard errors.isEmpty, let day else { throw AppError.validation(errors) }
        let existing = try await SiteVisitModel.query(on: database.db).filter(\.$applicationID == applicationID).first()
        let old = existing.map { ["visitedOn": $0.visitedOn, "participants": $0.participants, "findings": $0.findings] }
        let m = existing ?? SiteVisitModel()
        if existing == nil {
            m.id = UUID()
            m.applicationID = applicationID
        }
        m.visitedOn = day.description
        m.participants = who
        m.findings = found
        m.recordedBy = identity.actor.stored
        m.recordedAt = Date()
        try await database.db.transaction { tx in
            if existing == nil { try await m.create(on: tx) } else { try await m.update(on: tx) }
            try await AuditLog.append(AuditRecord(actor: identity.actor, action: existing == nil ? "site_visit.create" : "site_visit.update",
                                                  entityType: "site_visit", entityID: m.id!.uuidString, old: old,
                                                  new: ["applicationId": applicationID.uuidString, "visitedOn": m.visitedOn,
                                                        "participants": m.participants, "findings": m.findings],
                                                  requestID: requestID), on: tx)
        }
        return Self.view(m)
    }

    /// The province may; an expert only as the application's named lead; anyone else sees 404.
    private func authorise(_ applicationID: UUID, _ identity: Identity) async throws {
        guard try await ApplicationModel.find(applicationID, on: database.db) != nil else { throw AppError.notFound }
        // The province runs expert review and sees every visit; anyone else must hold the action
        // and be the application's lead expert.
        if identity.may(.manageRounds) { return }
        guard identity.may(.recordSiteVisit),
              let expert = try await ExpertModel.query(on: database.db).filter(\.$userID == identity.userID).first(),
              let consensus = try await ConsensusModel.query(on: database.db).filter(\.$applicationID == applicationID).first(),
              consensus.leadExpertID == expert.id else { throw AppError.notFound }
    }

    private static func view(_ m: SiteVisitModel) -> View {
        View(applicationId: m.applicationID, visitedOn: m.visitedOn, participants: m.participants, findings: m.findings,
             recordedBy: m.recordedBy, recordedAt: m.recordedAt)
    }
}
