import Foundation
import Hummingbird
import JingpinCore

/// `/api/v1/me` and the caller's own API tokens.
struct AccountAPI {
    let services: AppServices

    func register(_ routes: RouteTable) {
        let tokens = Access.permission(.manageOwnTokens)
        routes.api(RouteDoc(method: .get, path: "/api/v1/me", summary: "Who the token or session belongs to",
                            tag: "accounts", access: .authenticated, success: (200, Me.self)), me)
        routes.api(RouteDoc(method: .get, path: "/api/v1/tokens", summary: "List your API tokens",
                            tag: "accounts", access: tokens, success: (200, ItemList<APITokenSummary>.self)), list)
        routes.api(RouteDoc(method: .post, path: "/api/v1/tokens", summary: "Issue an API token (the secret is shown once)",
                            tag: "accounts", access: tokens, request: TokenRequest.self, success: (201, NewToken.self)), issue)
        routes.api(RouteDoc(method: .delete, path: "/api/v1/tokens/{id}", summary: "Revoke one of your API tokens",
                            tag: "accounts", access: tokens, success: (204, nil)), revoke)
    }

    /// The caller.
    @Sendable func me(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let i = try context.requireIdentity()
        return try JSONResponse.make(Me(id: i.userID, username: i.username, displayName: i.displayName, role: i.role, scope: i.scope))
    }

    /// The caller's tokens, revoked ones included.
    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(ItemList(try await services.tokens.list(userID: try context.requireIdentity().userID)))
    }

    /// Issues a token; its secret is in this answer and nowhere else.
    @Sendable func issue(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(TokenRequest.self, from: request, context: context)
        let (summary, secret) = try await services.tokens.issue(userID: identity.userID, name: body.name ?? "", actor: identity.actor,
                                                                requestID: context.requestID)
        return try JSONResponse.make(NewToken(token: summary, secret: secret), status: .created)
    }

    /// Revokes one of the caller's tokens.
    @Sendable func revoke(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        try await services.tokens.revoke(id: try context.uuid("id"), userID: identity.userID, actor: identity.actor, requestID: context.requestID)
        return Response(status: .noContent)
    }
}

/// `POST /api/v1/tokens`.
struct TokenRequest: RequestBody, SchemaRefined {
    /// What the token is for, 1–60 characters (the service checks).
    var name: String?

    static func refine(_ schema: inout JSONSchema) { schema.refine("name", to: .text(1...60)) }
}

/// `GET /api/v1/me`.
struct Me: Codable, Sendable, Documented {
    let id: UUID
    let username: String
    let displayName: String
    let role: Role
    /// As stored: `province`, `region:<code>`, `enterprise:<id>`, `bank:<name>`.
    let scope: Scope
}

/// `POST /api/v1/tokens`: the new token and its secret, shown this once.
struct NewToken: Codable, Sendable, Documented {
    let token: APITokenSummary
    let secret: String
}
