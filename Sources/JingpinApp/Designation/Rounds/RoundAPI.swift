import Foundation
import Hummingbird
import JingpinCore

/// Designation rounds under `/api/v1/rounds`: everyone taking part reads the open rounds; the
/// province configures, versions and opens them.
struct RoundAPI {
    let services: AppServices

    var rounds: RoundService { RoundService(database: services.database, rules: services.rules) }

    func register(_ routes: RouteTable) {
        let view = Access.permission(.viewRounds)
        let manage = Access.permission(.manageRounds)
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds", summary: "Designation rounds (drafts and superseded versions for the province only)",
                            tag: "rounds", access: view, success: (200, ItemList<RoundService.View>.self)), list)
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds/{id}", summary: "One round version with its configuration",
                            tag: "rounds", access: view, success: (200, RoundService.View.self)), show)
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds", summary: "Create a draft round from its configuration",
                            tag: "rounds", access: manage, request: RoundInput.self, success: (201, RoundService.View.self)), create)
        routes.api(RouteDoc(method: .put, path: "/api/v1/rounds/{id}",
                            summary: "Replace a draft's configuration; for an open round, make a new draft version (newVersion: true)",
                            tag: "rounds", access: manage, request: RoundInput.self, success: (200, RoundService.View.self)), update)
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/open", summary: "Open a draft: its configuration is frozen",
                            tag: "rounds", access: manage, success: (200, RoundService.View.self)), open)
    }

    /// The rounds the caller may see.
    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.require(.viewRounds)
        return try JSONResponse.make(ItemList(try await rounds.list(includeDrafts: identity.may(.viewRoundDrafts))))
    }

    /// One round version.
    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.require(.viewRounds)
        return try JSONResponse.make(try await rounds.get(try context.uuid("id"), includeDrafts: identity.may(.viewRoundDrafts)))
    }

    /// Creates a draft.
    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.require(.manageRounds)
        let input = try await RequestDecoder.decode(RoundInput.self, from: request, context: context)
        return try JSONResponse.make(try await rounds.create(input, actor: identity.actor, requestID: context.requestID), status: .created)
    }

    /// Replaces a draft's configuration, or versions an open round.
    @Sendable func update(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.require(.manageRounds)
        let id = try context.uuid("id")
        let input = try await RequestDecoder.decode(RoundInput.self, from: request, context: context)
        return try JSONResponse.make(try await rounds.update(id, input, actor: identity.actor, requestID: context.requestID))
    }

    /// Opens a draft.
    @Sendable func open(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.require(.manageRounds)
        return try JSONResponse.make(try await rounds.open(try context.uuid("id"), by: Workflow.actor(identity), actor: identity.actor,
                                                            requestID: context.requestID))
    }
}
