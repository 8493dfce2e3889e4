import FluentKit
import Foundation
import JingpinCore

/// Invitations to review in a round (专家邀请): the province invites registered experts, each
/// accepts or declines (with an optional reason), once. They gate assignment: automatic
/// assignment picks only experts who accepted, and an expert who declined cannot be assigned
/// by hand either (one not yet asked, or not yet answering, can: the office may have arranged
/// it by telephone). Every write is audited.
struct InvitationService {
    let database: DatabaseService

    /// An invitation as the province and the expert see it.
    struct View: Codable, Sendable {
        let id: UUID
        let roundSeriesId: UUID
        let expertId: UUID
        let expertName: String
        /// `pending`, `accepted` or `declined`.
        let status: InvitationStatus
        let declineReason: String?
        let invitedAt: Date
        let answeredAt: Date?
    }

    /// An expert's own invitation, with the round it is for.
    struct MineView: Codable, Sendable {
        let id: UUID
        let roundId: UUID
        let roundTitle: String
        let year: Int
        let status: InvitationStatus
        let declineReason: String?
        let invitedAt: Date
        let answeredAt: Date?
    }

    /// Invites experts to round `roundID`, all or nothing: an unknown expert or one already
    /// invited refuses the whole list, naming each.
    func invite(roundID: UUID, expertIDs: [UUID], actor: AuditActor, requestID: String) async throws -> [View] {
        guard let round = try await RoundModel.find(roundID, on: database.db) else { throw AppError.notFound }
        guard !expertIDs.isEmpty else {
            throw AppError.validation([FieldError(field: "expertIds", code: "required", "expertReview.error.required.10")])
        }
        let existing = Set(try await InvitationModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).all().map(\.expertID))
        var errors: [FieldError] = []
        var experts: [ExpertModel] = []
        var seen: Set<UUID> = []
        for (i, id) in expertIDs.enumerated() {
            guard let expert = try await ExpertModel.find(id, on: database.db) else {
                errors.append(FieldError(field: "expertIds/\(i)", code: "not_found", "expertReview.error.not_found"))
                continue
            }
            guard !existing.contains(id), seen.insert(id).inserted else {
                errors.append(FieldError(field: "expertIds/\(i)", code: "duplicate", "expertReview.error.duplicate.2", "\(expert.name)"))
                continue
            }
            experts.append(expert)
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let now = Date()
        let chosen = experts
        return try await database.db.transaction { tx in
            var views: [View] = []
            for e in chosen {
                let m = InvitationModel()
                m.id = UUID()
                m.roundSeriesID = round.seriesID
                m.expertID = e.id!
                m.status = .pending
                m.invitedBy = actor.stored
                m.invitedAt = now
                try await m.create(on: tx)
                try await AuditLog.append(AuditRecord(actor: actor, action: "invitation.create", entityType: "expert_invitation", entityID: m.id!.uuidString,
                                                      new: ["roundSeriesId": round.seriesID.uuidString, "expertId": e.id!.uuidString, "status": "pending"],
                                                      requestID: requestID), on: tx)
                views.append(Self.view(m, name: e.name))
            }
            return views
        }
    }

    /// The round's invitations, by expert name.
    func list(roundID: UUID) async throws -> [View] {
        guard let round = try await RoundModel.find(roundID, on: database.db) else { throw AppError.notFound }
        let names = Dictionary(uniqueKeysWithValues: try await ExpertModel.query(on: database.db).all().map { ($0.id!, $0.name) })
        return try await InvitationModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).all()
            .map { Self.view($0, name: names[$0.expertID] ?? "") }
            .sorted { ($0.expertName, $0.expertId.uuidString) < ($1.expertName, $1.expertId.uuidString) }
    }

    /// Each expert's answer in the round series: expert id → status.
    func statuses(roundSeriesID: UUID) async throws -> [UUID: InvitationStatus] {
        Dictionary(try await InvitationModel.query(on: database.db).filter(\.$roundSeriesID == roundSeriesID).all().map { ($0.expertID, $0.status) },
                   uniquingKeysWith: { a, _ in a })
    }

    /// The invitations of the expert who is user `userID`, newest first.
    func mine(userID: UUID, language l: Language) async throws -> [MineView] {
        guard let expert = try await ExpertModel.query(on: database.db).filter(\.$userID == userID).first() else { return [] }
        var out: [MineView] = []
        for m in try await InvitationModel.query(on: database.db).filter(\.$expertID == expert.id!).sort(\.$invitedAt, .descending).all() {
            guard let round = try await RoundConfigurations.currentVersion(of: m.roundSeriesID, on: database.db) else { continue }
            out.append(MineView(id: m.id!, roundId: round.id!, roundTitle: l.pick(zh: round.titleZh, en: round.titleEn), year: round.year,
                                status: m.status, declineReason: m.declineReason, invitedAt: m.invitedAt, answeredAt: m.answeredAt))
        }
        return out
    }

    /// Accepts or declines invitation `id` for the expert who is user `userID`; 404 for anyone
    /// else's, 409 once answered (the office changes an answer, not the form).
    func answer(_ id: UUID, userID: UUID, accept: Bool, reason: String?, actor: AuditActor, requestID: String) async throws -> View {
        guard let m = try await InvitationModel.find(id, on: database.db),
              let expert = try await ExpertModel.find(m.expertID, on: database.db), expert.userID == userID else { throw AppError.notFound }
        let why = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if why.count > 500 {
            throw AppError.validation([FieldError(field: "reason", code: "too_long", "expertReview.error.too_long.2")])
        }
        // Only the invited expert reaches here (their profile is the invitation's), so the actor is an expert.
        m.status = try Workflow.take(accept ? InvitationStep.accept : .decline, from: m.status, by: .role(.expert))
        m.declineReason = accept || why.isEmpty ? nil : why
        m.answeredAt = Date()
        try await database.db.transaction { tx in
            try await m.update(on: tx)
            var new = ["status": m.status.rawValue]
            if let r = m.declineReason { new["reason"] = r }
            try await AuditLog.append(AuditRecord(actor: actor, action: accept ? "invitation.accept" : "invitation.decline", entityType: "expert_invitation",
                                                  entityID: id.uuidString, old: ["status": "pending"], new: new, requestID: requestID), on: tx)
        }
        return Self.view(m, name: expert.name)
    }

    private static func view(_ m: InvitationModel, name: String) -> View {
        View(id: m.id!, roundSeriesId: m.roundSeriesID, expertId: m.expertID, expertName: name, status: m.status, declineReason: m.declineReason,
             invitedAt: m.invitedAt, answeredAt: m.answeredAt)
    }
}
