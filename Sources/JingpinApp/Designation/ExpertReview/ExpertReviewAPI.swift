import Foundation
import Hummingbird
import JingpinCore

/// The expert registry (`/api/v1/experts`), a round's assignments
/// (`/api/v1/rounds/{id}/assignments`, `/conflicts`, `/assignments/publish`), and an expert's
/// own published assignments and score sheets (`/api/v1/my/assignments`), and an application's
/// scoring for the province (`/api/v1/applications/{id}/scores`).
struct ExpertReviewAPI {
    let services: AppServices

    var review: ExpertReviewService { ExpertReviewService(database: services.database, regions: services.reference.regions, rules: services.rules) }
    var scoring: ScoringService { ScoringService(database: services.database, rules: services.rules) }

    var reminders: ReminderService { ReminderService(database: services.database, rules: services.rules) }

    func register(_ routes: RouteTable) {
        let manage = Access.permission(.manageRounds)
        let expert = Access.permission(.viewAssignments)
        routes.api(RouteDoc(method: .get, path: "/api/v1/experts", summary: "The expert registry", tag: "experts", access: manage,
                            success: (200, ItemList<ExpertReviewService.ExpertView>.self)), experts)
        routes.api(RouteDoc(method: .post, path: "/api/v1/experts",
                            summary: "Register an expert user's profile: home city, sectors, load cap, affiliations", tag: "experts",
                            access: manage, request: ExpertRequest.self, success: (201, ExpertReviewService.ExpertView.self)), registerExpert)
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds/{id}/assignments", summary: "A round's review assignments", tag: "experts",
                            access: manage, success: (200, ItemList<ExpertReviewService.AssignmentView>.self)), assignments)
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/assignments",
                            summary: "Assign experts, one or many: {\"assignments\": [{\"applicationId\", \"expertId\", \"dismissConflictReason\"?}]}",
                            tag: "experts", access: manage, request: AssignmentRequest.self, success: (201, ItemList<ExpertReviewService.AssignmentView>.self)), assign)
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds/{id}/conflicts",
                            summary: "Check every assignment of the round for conflicts, now", tag: "experts", access: manage,
                            success: (200, ItemList<ExpertReviewService.ConflictView>.self)), conflicts)
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/assignments/publish",
                            summary: "Publish the round's assignments: experts see them from now on", tag: "experts", access: manage,
                            success: (200, PublishResult.self)), publish)
        routes.api(RouteDoc(method: .get, path: "/api/v1/my/assignments", summary: "Your published review assignments (experts)",
                            tag: "experts", access: expert, success: (200, ItemList<ExpertReviewService.MyAssignmentView>.self)), myAssignments)
        routes.api(RouteDoc(method: .get, path: "/api/v1/my/notifications", summary: "Your notifications (scoring reminders), newest first",
                            tag: "experts", access: .authenticated, success: (200, ItemList<ReminderService.NotificationView>.self)), notifications)
        routes.api(RouteDoc(method: .post, path: "/api/v1/my/notifications/{id}/read", summary: "Mark one of your notifications read",
                            tag: "experts", access: .authenticated, success: (204, nil)), markRead)
        routes.api(RouteDoc(method: .get, path: "/api/v1/my/assignments/{id}/scores", summary: "Your score sheet for an assignment",
                            tag: "experts", access: expert, success: (200, ScoringService.SheetView.self)), sheet)
        routes.api(RouteDoc(method: .put, path: "/api/v1/my/assignments/{id}/scores",
                            summary: "Save bands 0–5 per expert-scored indicator: {\"scores\": [{\"indicatorId\", \"band\", \"comment\"}], \"submit\": true, \"reason\": …}",
                            tag: "experts", access: expert, request: ScoreRequest.self, success: (200, ScoringService.SheetView.self)), saveScores)
        routes.api(RouteDoc(method: .get, path: "/api/v1/applications/{id}/scores",
                            summary: "Who has scored, each expert's points, the trimmed mean, the spread and the consensus flag",
                            tag: "experts", access: manage, success: (200, ScoringService.SummaryView.self)), scoreSummary)
    }

    /// The expert registry.
    @Sendable func experts(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(ItemList(try await review.experts()))
    }

    /// Registers an expert user's profile.
    @Sendable func registerExpert(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(ExpertRequest.self, from: request, context: context)
        let expert = try await review.register(userID: body.userId, name: body.name, homeCity: body.homeCity, sectors: body.sectors,
                                               loadCap: body.loadCap, affiliations: (body.affiliations ?? []).map { ($0.creditCode, $0.kind) },
                                               actor: identity.actor, requestID: context.requestID)
        return try JSONResponse.make(expert, status: .created)
    }

    /// A round's assignments.
    @Sendable func assignments(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(ItemList(try await review.assignments(roundID: try context.uuid("id"))))
    }

    /// Assigns experts, all or nothing.
    @Sendable func assign(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(AssignmentRequest.self, from: request, context: context)
        let made = try await review.assign(roundID: try context.uuid("id"),
                                           body.assignments.map { .init(applicationID: $0.applicationId, expertID: $0.expertId, dismissReason: $0.dismissConflictReason) },
                                           actor: identity.actor, requestID: context.requestID)
        return try JSONResponse.make(ItemList(made), status: .created)
    }

    /// Every assignment of the round checked for conflicts.
    @Sendable func conflicts(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(ItemList(try await review.conflicts(roundID: try context.uuid("id"))))
    }

    /// Publishes the round's assignments.
    @Sendable func publish(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        return try JSONResponse.make(PublishResult(published: try await review.publish(roundID: try context.uuid("id"), actor: identity.actor,
                                                                                       requestID: context.requestID)))
    }

    /// The expert's published assignments.
    @Sendable func myAssignments(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(ItemList(try await review.mine(userID: try context.requireIdentity().userID)))
    }

    /// The user's notifications.
    @Sendable func notifications(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(ItemList(try await reminders.notifications(userID: try context.requireIdentity().userID, language: context.language)))
    }

    /// Marks a notification read.
    @Sendable func markRead(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        try await reminders.markRead(try context.uuid("id"), userID: identity.userID, actor: identity.actor, requestID: context.requestID)
        return Response(status: .noContent)
    }

    /// The expert's score sheet.
    @Sendable func sheet(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(try await scoring.sheet(assignmentID: try context.uuid("id"), userID: try context.requireIdentity().userID))
    }

    /// Saves (or submits) the expert's scores.
    @Sendable func saveScores(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(ScoreRequest.self, from: request, context: context)
        let sheet = try await scoring.save(assignmentID: try context.uuid("id"), userID: identity.userID,
                                           entries: body.scores.map { .init(indicatorId: $0.indicatorId, band: $0.band, comment: $0.comment) },
                                           submit: body.submit ?? false, reason: body.reason, actor: identity.actor, requestID: context.requestID)
        return try JSONResponse.make(sheet)
    }

    /// An application's scoring for the province.
    @Sendable func scoreSummary(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(try await scoring.summary(applicationID: try context.uuid("id")))
    }
}

/// `POST /api/v1/rounds/{id}/assignments/publish`: how many assignments were published.
struct PublishResult: Codable, Sendable {
    let published: Int
}
