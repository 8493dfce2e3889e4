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
        // Invitations
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds/{id}/invitations", summary: "A round's expert invitations and their answers",
                            tag: "experts", access: manage, success: (200, ItemList<InvitationService.View>.self)), listInvitations)
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/invitations",
                            summary: "Invite experts to review in the round: {\"expertIds\": [...]}, all or nothing", tag: "experts",
                            access: manage, request: InvitationRequest.self, success: (201, ItemList<InvitationService.View>.self)), invite)
        routes.api(RouteDoc(method: .get, path: "/api/v1/my/invitations", summary: "Your invitations to review (experts)", tag: "experts",
                            access: expert, success: (200, ItemList<InvitationService.MineView>.self)), myInvitations)
        routes.api(RouteDoc(method: .post, path: "/api/v1/my/invitations/{id}/accept", summary: "Accept an invitation to review",
                            tag: "experts", access: expert, success: (200, InvitationService.View.self)), accept)
        routes.api(RouteDoc(method: .post, path: "/api/v1/my/invitations/{id}/decline",
                            summary: "Decline an invitation to review: {\"reason\"?}", tag: "experts", access: expert,
                            request: DeclineRequest.self, success: (200, InvitationService.View.self)), decline)
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/conflicts/dismiss",
                            summary: "Dismiss, with a reason, a conflict the round-wide check found: {\"assignmentId\", \"reason\"}", tag: "experts",
                            access: manage, request: ConflictDismissRequest.self, success: (200, ExpertReviewService.AssignmentView.self)), dismissConflict)
        // Automatic assignment
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/assignments/auto",
                            summary: "Plan up to N experts per application by expertise and load: {\"perApplication\": N, \"commit\": false} previews, true stores",
                            tag: "experts", access: manage, request: AutoAssignRequest.self, success: (200, ExpertReviewService.AutoPlanView.self), alsoSuccess: [201]), autoAssign)
        // Consensus
        routes.api(RouteDoc(method: .get, path: "/api/v1/applications/{id}/consensus",
                            summary: "The application's consensus: its lead expert and the consensus score with its reason", tag: "experts",
                            access: manage, success: (200, ConsensusService.View.self)), consensusOf)
        routes.api(RouteDoc(method: .post, path: "/api/v1/applications/{id}/consensus/lead",
                            summary: "Name the lead expert of an application flagged for consensus: {\"expertId\"}", tag: "experts",
                            access: manage, request: ConsensusLeadRequest.self, success: (200, ConsensusService.View.self)), nameLead)
        routes.api(RouteDoc(method: .get, path: "/api/v1/my/assignments/{id}/consensus",
                            summary: "For the lead expert: the submitted points, spread and threshold, and the consensus so far", tag: "experts",
                            access: expert, success: (200, ConsensusService.LeadView.self)), leadView)
        routes.api(RouteDoc(method: .put, path: "/api/v1/my/assignments/{id}/consensus",
                            summary: "The lead expert records the consensus score: {\"points\": \"18.50\", \"reason\"}", tag: "experts",
                            access: expert, request: ConsensusRequest.self, success: (200, ConsensusService.View.self)), recordConsensus)
        // Site visit
        routes.api(RouteDoc(method: .get, path: "/api/v1/applications/{id}/site-visit",
                            summary: "The application's site visit (province, or its lead expert)", tag: "experts", access: expert,
                            success: (200, SiteVisitService.View.self)), siteVisit)
        routes.api(RouteDoc(method: .put, path: "/api/v1/applications/{id}/site-visit",
                            summary: "Record the site visit: {\"visitedOn\": \"YYYY-MM-DD\", \"participants\", \"findings\"} (province, or the lead expert)",
                            tag: "experts", access: expert, request: SiteVisitRequest.self, success: (200, SiteVisitService.View.self)), recordSiteVisit)
    }

    // MARK: Invitations

    /// A round's invitations and their answers.
    @Sendable func listInvitations(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(ItemList(try await invitations.list(roundID: try context.uuid("id"))))
    }

    /// Invites experts to the round.
    @Sendable func invite(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(InvitationRequest.self, from: request, context: context)
        let made = try await invitations.invite(roundID: try context.uuid("id"), expertIDs: body.expertIds, actor: identity.actor,
                                                requestID: context.requestID)
        return try JSONResponse.make(ItemList(made), status: .created)
    }

    /// The expert's own invitations.
    @Sendable func myInvitations(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(ItemList(try await invitations.mine(userID: try context.requireIdentity().userID, language: context.language)))
    }

    /// The expert accepts.
    @Sendable func accept(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        return try JSONResponse.make(try await invitations.answer(try context.uuid("id"), userID: identity.userID, accept: true, reason: nil,
                                                                   actor: identity.actor, requestID: context.requestID))
    }

    /// The expert declines, perhaps saying why.
    @Sendable func decline(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(DeclineRequest.self, from: request, context: context)
        return try JSONResponse.make(try await invitations.answer(try context.uuid("id"), userID: identity.userID, accept: false, reason: body.reason,
                                                                   actor: identity.actor, requestID: context.requestID))
    }

    /// Dismisses a conflict the round-wide check found.
    @Sendable func dismissConflict(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(ConflictDismissRequest.self, from: request, context: context)
        return try JSONResponse.make(try await review.dismissConflicts(roundID: try context.uuid("id"), assignmentID: body.assignmentId,
                                                                        reason: body.reason, actor: identity.actor, requestID: context.requestID))
    }

    // MARK: Automatic assignment

    /// Previews or stores an automatic assignment.
    @Sendable func autoAssign(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(AutoAssignRequest.self, from: request, context: context)
        let commit = body.commit ?? false
        let plan = try await review.autoAssign(roundID: try context.uuid("id"), perApplication: body.perApplication, commit: commit,
                                               language: context.language, actor: identity.actor, requestID: context.requestID)
        return try JSONResponse.make(plan, status: commit ? .created : .ok)
    }

    // MARK: Consensus

    /// An application's consensus.
    @Sendable func consensusOf(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let view = try await consensus.view(applicationID: try context.uuid("id")) else { throw AppError.notFound }
        return try JSONResponse.make(view)
    }

    /// Names the lead expert.
    @Sendable func nameLead(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(ConsensusLeadRequest.self, from: request, context: context)
        return try JSONResponse.make(try await consensus.nameLead(applicationID: try context.uuid("id"), expertID: body.expertId,
                                                                   actor: identity.actor, requestID: context.requestID))
    }

    /// What the lead expert sees.
    @Sendable func leadView(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(try await consensus.lead(assignmentID: try context.uuid("id"), userID: try context.requireIdentity().userID))
    }

    /// The lead expert records the consensus score.
    @Sendable func recordConsensus(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(ConsensusRequest.self, from: request, context: context)
        return try JSONResponse.make(try await consensus.record(assignmentID: try context.uuid("id"), userID: identity.userID, points: body.points,
                                                                 reason: body.reason, actor: identity.actor, requestID: context.requestID))
    }

    // MARK: Site visit

    /// The application's site visit.
    @Sendable func siteVisit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let view = try await siteVisits.view(applicationID: try context.uuid("id"), identity: try context.requireIdentity()) else {
            throw AppError.notFound
        }
        return try JSONResponse.make(view)
    }

    /// Records the site visit.
    @Sendable func recordSiteVisit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(SiteVisitRequest.self, from: request, context: context)
        return try JSONResponse.make(try await siteVisits.record(applicationID: try context.uuid("id"), identity: identity, visitedOn: body.visitedOn,
                                                                  participants: body.participants, findings: body.findings, requestID: context.requestID))
    }
}
