import Foundation
import Hummingbird
import JingpinCore

/// `GET /api/v1/targets` for officials (the province and the city and county bureaus, who read
/// the dashboards) and `POST /api/v1/targets` for the province.
struct TargetsAPI {
    let services: AppServices
    var targets: TargetService { TargetService(database: services.database, regions: services.reference.regions) }

    func register(_ routes: RouteTable) {
        routes.api(RouteDoc(method: .get, path: "/api/v1/targets", summary: "The programme's targets with live designations, projection and whether on track",
                            tag: "designations", access: .permission(.viewDashboard), success: (200, ItemList<TargetService.View>.self)), list)
        routes.api(RouteDoc(method: .post, path: "/api/v1/targets",
                            summary: "Add a target: {\"labelZh\", \"labelEn\", \"count\", \"deadline\", \"sector\"?, \"city\"?}",
                            tag: "designations", access: .permission(.manageRounds), request: TargetRequest.self, success: (201, CreatedID.self)), create)
    }

    /// Every target with its progress.
    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(ItemList(try await targets.list(language: context.language)))
    }

    /// Adds a target.
    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(TargetRequest.self, from: request, context: context)
        let id = try await targets.create(body.input, actor: identity.actor, requestID: context.requestID)
        return try JSONResponse.make(CreatedID(id: id), status: .created)
    }
}
