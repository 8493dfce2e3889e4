import Foundation
import Hummingbird
import JingpinCore

/// The rest of expert review through the API: invitations (`/api/v1/rounds/{id}/invitations`,
/// `/api/v1/my/invitations`), automatic assignment (`/api/v1/rounds/{id}/assignments/auto`),
/// the consensus of divergent scores (`/api/v1/applications/{id}/consensus`,
/// `/api/v1/my/assignments/{id}/consensus`) and the site visit (`/api/v1/applications/{id}/site-visit`).
struct ExpertRoundAPI {
    let services: AppServices

    var review: ExpertReviewService { ExpertReviewService(database: services.database, regions: services.reference.regions, rules: services.rules) }
    var invitations: InvitationService { InvitationService(database: services.database) }
    var consensus: ConsensusService { ConsensusService(database: services.database, rules: services.rules) }
    var siteVisits: SiteVisitService { SiteVisitService(database: services.database) }

    func register(_ routes: RouteTable) {
        let manage = Access.permission(.manageRounds)
        let expert = Access.permission(.viewAssignments)

        // MARK: Invitations
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds/{id}/invitations", summary: "A round's expert invitations and their answers",
                            tag: "experts", access: manage, success: (200, "InvitationList"))) { _, context in
            try JSONResponse.make(["items": try await invitations.list(roundID: try context.uuid("id"))])
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/invitations",
                            summary: "Invite experts to review in the round: {\"expertIds\": [...]}, all or nothing", tag: "experts",
                            access: manage, requestSchema: "InvitationInput", success: (201, "InvitationList"))) { request, context in
            let identity = try context.requireIdentity()
            let input = try await JSONInput.read(request, context: context)
            let ids = try Self.uuids(input.object["expertIds"], field: "expertIds")
            let made = try await invitations.invite(roundID: try context.uuid("id"), expertIDs: ids, actor: identity.actor, requestID: context.requestID)
            return try JSONResponse.make(["items": made], status: .created)
        }
        routes.api(RouteDoc(method: .get, path: "/api/v1/my/invitations", summary: "Your invitations to review (experts)", tag: "experts",
                            access: expert, success: (200, "MyInvitationList"))) { _, context in
            try JSONResponse.make(["items": try await invitations.mine(userID: try context.requireIdentity().userID, language: context.language)])
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/my/invitations/{id}/accept", summary: "Accept an invitation to review",
                            tag: "experts", access: expert, success: (200, "Invitation"))) { _, context in
            let identity = try context.requireIdentity()
            return try JSONResponse.make(try await invitations.answer(try context.uuid("id"), userID: identity.userID, accept: true, reason: nil,
                                                                       actor: identity.actor, requestID: context.requestID))
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/my/invitations/{id}/decline",
                            summary: "Decline an invitation to review: {\"reason\"?}", tag: "experts", access: expert,
                            requestSchema: "DeclineInput", success: (200, "Invitation"))) { request, context in
            let identity = try context.requireIdentity()
            let input = try await JSONInput.read(request, context: context)
            var errors: [FieldError] = []
            let reason = input.text("reason", errors: &errors)
            guard errors.isEmpty else { throw AppError.validation(errors) }
            return try JSONResponse.make(try await invitations.answer(try context.uuid("id"), userID: identity.userID, accept: false, reason: reason,
                                                                       actor: identity.actor, requestID: context.requestID))
        }

        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/conflicts/dismiss",
                            summary: "Dismiss, with a reason, a conflict the round-wide check found: {\"assignmentId\", \"reason\"}", tag: "experts",
                            access: manage, requestSchema: "ConflictDismissInput", success: (200, "Assignment"))) { request, context in
            let identity = try context.requireIdentity()
            let input = try await JSONInput.read(request, context: context)
            guard let assignment = (input.object["assignmentId"] as? String).flatMap(UUID.init(uuidString:)) else {
                throw AppError.validation([FieldError(field: "assignmentId", code: "required", zh: "请给出分配编号", en: "give the assignment's id")])
            }
            var errors: [FieldError] = []
            let reason = input.text("reason", errors: &errors)
            guard errors.isEmpty else { throw AppError.validation(errors) }
            return try JSONResponse.make(try await review.dismissConflicts(roundID: try context.uuid("id"), assignmentID: assignment, reason: reason,
                                                                            actor: identity.actor, requestID: context.requestID))
        }

        // MARK: Automatic assignment
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/assignments/auto",
                            summary: "Plan up to N experts per application by expertise and load: {\"perApplication\": N, \"commit\": false} previews, true stores",
                            tag: "experts", access: manage, requestSchema: "AutoAssignInput", success: (200, "AutoAssignPlan"))) { request, context in
            let identity = try context.requireIdentity()
            let input = try await JSONInput.read(request, context: context)
            guard let n = input.object["perApplication"] as? Int else {
                throw AppError.validation([FieldError(field: "perApplication", code: "required", zh: "请给出每项申报的专家人数",
                                                      en: "give the number of experts per application")])
            }
            let commit = input.object["commit"] as? Bool ?? false
            let plan = try await review.autoAssign(roundID: try context.uuid("id"), perApplication: n, commit: commit, language: context.language,
                                                   actor: identity.actor, requestID: context.requestID)
            return try JSONResponse.make(plan, status: commit ? .created : .ok)
        }

        // MARK: Consensus
        routes.api(RouteDoc(method: .get, path: "/api/v1/applications/{id}/consensus",
                            summary: "The application's consensus: its lead expert and the consensus score with its reason", tag: "experts",
                            access: manage, success: (200, "Consensus"))) { _, context in
            guard let view = try await consensus.view(applicationID: try context.uuid("id")) else { throw AppError.notFound }
            return try JSONResponse.make(view)
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/applications/{id}/consensus/lead",
                            summary: "Name the lead expert of an application flagged for consensus: {\"expertId\"}", tag: "experts",
                            access: manage, requestSchema: "ConsensusLeadInput", success: (200, "Consensus"))) { request, context in
            let identity = try context.requireIdentity()
            let input = try await JSONInput.read(request, context: context)
            let expertID = (input.object["expertId"] as? String).flatMap(UUID.init(uuidString:))
            return try JSONResponse.make(try await consensus.nameLead(applicationID: try context.uuid("id"), expertID: expertID,
                                                                       actor: identity.actor, requestID: context.requestID))
        }
        routes.api(RouteDoc(method: .get, path: "/api/v1/my/assignments/{id}/consensus",
                            summary: "For the lead expert: the submitted points, spread and threshold, and the consensus so far", tag: "experts",
                            access: expert, success: (200, "ConsensusLead"))) { _, context in
            try JSONResponse.make(try await consensus.lead(assignmentID: try context.uuid("id"), userID: try context.requireIdentity().userID))
        }
        routes.api(RouteDoc(method: .put, path: "/api/v1/my/assignments/{id}/consensus",
                            summary: "The lead expert records the consensus score: {\"points\": \"18.50\", \"reason\"}", tag: "experts",
                            access: expert, requestSchema: "ConsensusInput", success: (200, "Consensus"))) { request, context in
            let identity = try context.requireIdentity()
            let input = try await JSONInput.read(request, context: context)
            var errors: [FieldError] = []
            let points = input.text("points", errors: &errors)
            let reason = input.text("reason", errors: &errors)
            guard errors.isEmpty else { throw AppError.validation(errors) }
            return try JSONResponse.make(try await consensus.record(assignmentID: try context.uuid("id"), userID: identity.userID, points: points,
                                                                     reason: reason, actor: identity.actor, requestID: context.requestID))
        }

        // MARK: Site visit
        routes.api(RouteDoc(method: .get, path: "/api/v1/applications/{id}/site-visit",
                            summary: "The application's site visit (province, or its lead expert)", tag: "experts", access: expert,
                            success: (200, "SiteVisit"))) { _, context in
            guard let view = try await siteVisits.view(applicationID: try context.uuid("id"), identity: try context.requireIdentity()) else {
                throw AppError.notFound
            }
            return try JSONResponse.make(view)
        }
        routes.api(RouteDoc(method: .put, path: "/api/v1/applications/{id}/site-visit",
                            summary: "Record the site visit: {\"visitedOn\": \"YYYY-MM-DD\", \"participants\", \"findings\"} (province, or the lead expert)",
                            tag: "experts", access: expert, requestSchema: "SiteVisitInput", success: (200, "SiteVisit"))) { request, context in
            let identity = try context.requireIdentity()
            let input = try await JSONInput.read(request, context: context)
            var errors: [FieldError] = []
            let on = input.text("visitedOn", errors: &errors)
            let participants = input.text("participants", errors: &errors)
            let findings = input.text("findings", errors: &errors)
            guard errors.isEmpty else { throw AppError.validation(errors) }
            return try JSONResponse.make(try await siteVisits.record(applicationID: try context.uuid("id"), identity: identity, visitedOn: on,
                                                                      participants: participants, findings: findings, requestID: context.requestID))
        }
    }

    /// A list of ids; a missing list or a malformed id is a field error.
    static func uuids(_ value: Any?, field: String) throws -> [UUID] {
        guard let raw = value as? [Any] else {
            throw AppError.validation([FieldError(field: field, code: "required", zh: "请给出专家清单", en: "give the list of experts")])
        }
        var out: [UUID] = []
        var errors: [FieldError] = []
        for (i, v) in raw.enumerated() {
            if let s = v as? String, let id = UUID(uuidString: s) { out.append(id) } else {
                errors.append(FieldError(field: "\(field)/\(i)", code: "invalid_id", zh: "不是有效的编号", en: "not a valid id"))
            }
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        return out
    }
}
