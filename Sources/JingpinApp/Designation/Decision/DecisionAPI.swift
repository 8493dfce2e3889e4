import Foundation
import Hummingbird
import JingpinCore

/// Ranking, the public notice with objections, the committee's vote and the decision:
/// `/api/v1/rounds/{id}/ranking|notice|objections|committee|decision` for the province, and
/// `/api/v1/public/rounds/{id}/notice|objections` for anyone, without logging in.
struct DecisionAPI {
    let services: AppServices

    var decisions: DecisionService { DecisionService(database: services.database, rules: services.rules, reference: services.reference) }

    func register(_ routes: RouteTable) {
        let manage = Access.permission(.manageRounds)
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/ranking",
                            summary: "Rank the applications in expert review; {\"apply\": true} proposes the first `quota`", tag: "decisions",
                            access: manage, request: RankingRequest.self, success: (200, ItemList<DecisionService.RankedView>.self)), rank)
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/notice",
                            summary: "Publish the notice of the proposed list: {\"publishedOn\": \"YYYY-MM-DD\"}", tag: "decisions", access: manage,
                            request: NoticeRequest.self, success: (201, DecisionService.NoticeView.self)), publishNotice)
        routes.api(RouteDoc(method: .get, path: "/api/v1/public/rounds/{id}/notice", summary: "The public notice of a round's proposed products",
                            tag: "public", access: .anyone, success: (200, DecisionService.NoticeView.self)), notice)
        routes.api(RouteDoc(method: .post, path: "/api/v1/public/rounds/{id}/objections",
                            summary: "Object to a proposed product during the notice: {\"applicationId\", \"text\", \"contactName\", \"contactPhone\"} (contacts stay private; at most PUBLIC_OBJECTIONS_PER_HOUR per client, then 429)",
                            tag: "public", access: .anyone, request: ObjectionRequest.self, success: (201, ObjectionReceipt.self), limit: .objection), object)
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds/{id}/objections", summary: "The round's objections, with contacts",
                            tag: "decisions", access: manage, success: (200, ItemList<DecisionService.ObjectionView>.self)), objections)
        routes.api(RouteDoc(method: .post, path: "/api/v1/objections/{id}/outcome",
                            summary: "Record an objection's outcome: {\"upheld\": true|false, \"outcome\": …}", tag: "decisions", access: manage,
                            request: ObjectionOutcomeRequest.self, success: (200, DecisionService.ObjectionView.self)), decideObjection)
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/committee",
                            summary: "Record the committee's vote: {\"members\", \"votesFor\"}", tag: "decisions", access: manage,
                            request: CommitteeVoteRequest.self, success: (201, CommitteeVote.self)), recordVote)
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/decision",
                            summary: "Designate the proposed products (after the notice, the objections and a carrying vote)", tag: "decisions",
                            access: manage, success: (200, DecisionService.DecisionView.self)), decide)
    }

    /// Ranks the round; `apply` proposes the head of the list.
    @Sendable func rank(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(RankingRequest.self, from: request, context: context)
        let ranked = try await decisions.rank(roundID: try context.uuid("id"), apply: body.apply ?? false, actor: identity.actor,
                                              requestID: context.requestID)
        return try JSONResponse.make(ItemList(ranked))
    }

    /// Publishes the notice of the proposed list.
    @Sendable func publishNotice(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(NoticeRequest.self, from: request, context: context)
        return try JSONResponse.make(try await decisions.publishNotice(roundID: try context.uuid("id"), publishedOn: body.publishedOn,
                                                                      actor: identity.actor, requestID: context.requestID), status: .created)
    }

    /// The public notice.
    @Sendable func notice(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(try await decisions.notice(roundID: try context.uuid("id")))
    }

    /// Files a public objection (limited per client).
    @Sendable func object(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let body = try await RequestDecoder.decode(ObjectionRequest.self, from: request, context: context)
        let id = try await decisions.object(roundID: try context.uuid("id"), applicationID: body.applicationId, text: body.text,
                                            contactName: body.contactName, contactPhone: body.contactPhone, requestID: context.requestID)
        return try JSONResponse.make(ObjectionReceipt(id: id, status: "open"), status: .created)
    }

    /// The round's objections, with contacts.
    @Sendable func objections(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(ItemList(try await decisions.objections(roundID: try context.uuid("id"))))
    }

    /// Records an objection's outcome.
    @Sendable func decideObjection(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(ObjectionOutcomeRequest.self, from: request, context: context)
        return try JSONResponse.make(try await decisions.decideObjection(try context.uuid("id"), upheld: body.upheld, outcome: body.outcome,
                                                                        identity: identity, requestID: context.requestID))
    }

    /// Records the committee's vote.
    @Sendable func recordVote(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(CommitteeVoteRequest.self, from: request, context: context)
        let vote = try await decisions.recordVote(roundID: try context.uuid("id"), members: body.members, votesFor: body.votesFor,
                                                  actor: identity.actor, requestID: context.requestID)
        return try JSONResponse.make(vote, status: .created)
    }

    /// Designates the proposed products.
    @Sendable func decide(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        return try JSONResponse.make(try await decisions.decide(roundID: try context.uuid("id"), actor: identity.actor, requestID: context.requestID))
    }
}

/// A public objection, received.
struct ObjectionReceipt: Codable, Sendable {
    /// Its id.
    let id: UUID
    /// `open` until the province records the outcome.
    let status: String
}
