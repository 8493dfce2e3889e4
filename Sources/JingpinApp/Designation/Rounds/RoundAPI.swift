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
            let input = try await Self.read(request, context: context)
            return try JSONResponse.make(try await rounds.create(input, actor: identity.actor, requestID: context.requestID), status: .created)
        }
        routes.api(RouteDoc(method: .put, path: "/api/v1/rounds/{id}",
                            summary: "Replace a draft's configuration; for an open round, make a new draft version (newVersion: true)",
                            tag: "rounds", access: manage, requestSchema: "RoundInput", success: (200, "Round"))) { request, context in
            let identity = try context.require(.manageRounds)
            let id = try context.uuid("id")
            let input = try await Self.read(request, context: context)
            return try JSONResponse.make(try await rounds.update(id, input, actor: identity.actor, requestID: context.requestID))
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/open", summary: "Open a draft: its configuration is frozen",
                            tag: "rounds", access: manage, success: (200, "Round"))) { _, context in
            let identity = try context.require(.manageRounds)
            return try JSONResponse.make(try await rounds.open(try context.uuid("id"), by: Workflow.actor(identity), actor: identity.actor,
                                                                requestID: context.requestID))
        }
    }

    /// Decodes the body as a `RoundInput`: a missing or mistyped field is a 422 naming it.
    static func read(_ request: Request, context: AppRequestContext) async throws -> RoundInput {
        var request = request
        let data = Data(buffer: try await request.collectBody(upTo: context.maxUploadSize))
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            throw AppError.malformed(context.language == .en ? "The request body must be a JSON object." : "请求体必须是 JSON 对象。")
        }
        do {
            return try JSONDecoder().decode(RoundInput.self, from: data)
        } catch let error as DecodingError {
            throw AppError.validation([Self.fieldError(error)])
        }
    }

    /// The field a decoding error is about, as a pointer-style path, with the reason.
    static func fieldError(_ error: DecodingError) -> FieldError {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            (codingPath + (last.map { [$0] } ?? [])).map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return FieldError(field: path(context.codingPath, key), code: "required", zh: "缺少此项", en: "missing")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return FieldError(field: path(context.codingPath), code: "invalid_type", zh: "类型不正确（应为 \(type)）", en: "wrong type (expected \(type))")
        case .dataCorrupted(let context):
            return FieldError(field: path(context.codingPath), code: "invalid_value", zh: "无法读取此项", en: "cannot be read")
        @unknown default:
            return FieldError(field: "", code: "invalid_value", zh: "无法读取", en: "cannot be read")
        }
    }
}
