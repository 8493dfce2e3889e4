import Foundation
import Hummingbird
import JingpinCore

/// Exports of a round's scores and decision as CSV (default) or Excel through the API,
/// `GET /api/v1/rounds/{id}/scores/export` and `…/decisions/export` with `?format=`, for the
/// province and the city and county officers (each within their region): the same tables as the
/// pages' links, `DesignationExportPages`.
struct DesignationExportAPI {
    let services: AppServices
    var exports: DesignationExportPages { DesignationExportPages(services: services) }

    func register(_ routes: RouteTable) {
        // Officers who review applications; enterprises, experts and banks are refused (403).
        let access = Access.permission(.reviewApplication)
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds/{id}/scores/export",
                            summary: "The round's submitted score sheets within your region as CSV (default) or Excel: bands per indicator, points, trimmed mean; experts named for the province only",
                            tag: "decisions", access: access, query: [QueryParameter("format", "csv or xlsx")], success: (200, nil)), exportScores)
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds/{id}/decisions/export",
                            summary: "The round's ranking and decision within your region as CSV (default) or Excel: rank, composite and pillar scores, proposal, status, designation record",
                            tag: "decisions", access: access, query: [QueryParameter("format", "csv or xlsx")], success: (200, nil)), exportDecisions)
    }

    /// The round's score sheets in the format asked for.
    @Sendable func exportScores(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await exports.scores(context, try Self.format(request))
    }

    /// The round's ranking and decision in the format asked for.
    @Sendable func exportDecisions(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await exports.decision(context, try Self.format(request))
    }

    static func format(_ request: Request) throws -> String {
        let format = request.uri.queryParameters["format"].map(String.init) ?? "csv"
        guard ["csv", "xlsx"].contains(format) else {
            throw AppError.validation([FieldError(field: "format", code: "unknown_format", "decision.error.unknown_format")])
        }
        return format
    }
}
