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
                            tag: "rounds", access: view, success: (200, "RoundList"))) { _, context in
            let identity = try context.require(.viewRounds)
            return try JSONResponse.make(["items": try await rounds.list(includeDrafts: identity.may(.viewRoundDrafts))])
        }
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds/{id}", summary: "One round version with its configuration",
                            tag: "rounds", access: view, success: (200, "Round"))) { _, context in
            let identity = try context.require(.viewRounds)
            return try JSONResponse.make(try await rounds.get(try context.uuid("id"), includeDrafts: identity.may(.viewRoundDrafts)))
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds", summary: "Create a draft round from its configuration",
                            tag: "rounds", access: manage, requestSchema: "RoundInput", success: (201, "Round"))) { request, context in
            let identity = try context.require(.manageRounds)
            let input = try await RequestDecoder.decode(RoundInput.self, from: request, context: context)
            return try JSONResponse.make(try await rounds.create(input, actor: identity.actor, requestID: context.requestID), status: .created)
        }
        routes.api(RouteDoc(method: .put, path: "/api/v1/rounds/{id}",
                            summary: "Replace a draft's configuration; for an open round, make a new draft version (newVersion: true)",
                            tag: "rounds", access: manage, requestSchema: "RoundInput", success: (200, "Round"))) { request, context in
            let identity = try context.require(.manageRounds)
            let id = try context.uuid("id")
            let input = try await RequestDecoder.decode(RoundInput.self, from: request, context: context)
            return try JSONResponse.make(try await rounds.update(id, input, actor: identity.actor, requestID: context.requestID))
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/open", summary: "Open a draft: its configuration is frozen",
                            tag: "rounds", access: manage, success: (200, "Round"))) { _, context in
            let identity = try context.require(.manageRounds)
            return try JSONResponse.make(try await rounds.open(try context.uuid("id"), by: Workflow.actor(identity), actor: identity.actor,
                                                                requestID: context.requestID))
        }
    }
}
