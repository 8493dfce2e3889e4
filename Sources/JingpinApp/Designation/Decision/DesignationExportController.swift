import Foundation
import Hummingbird
import JingpinCore

/// Exports of a round's scores and decision as CSV or Excel, for the province and the city and
/// county officers (each within their region): the pages' links `/rounds/{id}/scores.csv|xlsx`
/// and `/rounds/{id}/decisions.csv|xlsx`, and the API's `…/scores/export` and `…/decisions/export`.
struct DesignationExportController {
    let services: AppServices

    var applications: ApplicationService { ApplicationService(database: services.database, rules: services.rules, regions: services.reference.regions) }
    var labels: ApplicationLabels { ApplicationLabels(database: services.database, regions: services.reference.regions) }
    var decisions: DecisionService { DecisionService(database: services.database, rules: services.rules, reference: services.reference) }

    func register(_ routes: RouteTable) {
        // Officers who review applications; enterprises, experts and banks are refused (403).
        let access = Access.permission(.reviewApplication)
        for format in ["csv", "xlsx"] {
            routes.add(.get, "/rounds/{id}/scores.\(format)", access) { _, context in try await scores(context, format) }
            routes.add(.get, "/rounds/{id}/decisions.\(format)", access) { _, context in try await decision(context, format) }
        }
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds/{id}/scores/export",
                            summary: "The round's submitted score sheets within your region as CSV (default) or Excel: bands per indicator, points, trimmed mean; experts named for the province only",
                            tag: "decisions", access: access, query: [QueryParameter("format", "csv or xlsx")], success: (200, nil))) { request, context in
            try await scores(context, try Self.format(request))
        }
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds/{id}/decisions/export",
                            summary: "The round's ranking and decision within your region as CSV (default) or Excel: rank, composite and pillar scores, proposal, status, designation record",
                            tag: "decisions", access: access, query: [QueryParameter("format", "csv or xlsx")], success: (200, nil))) { request, context in
            try await decision(context, try Self.format(request))
        }
    }

    static func format(_ request: Request) throws -> String {
        let format = request.uri.queryParameters["format"].map(String.init) ?? "csv"
        guard ["csv", "xlsx"].contains(format) else {
            throw AppError.validation([FieldError(field: "format", code: "unknown_format", "decision.error.unknown_format")])
        }
        return format
    }

    func scores(_ context: AppRequestContext, _ format: String) async throws -> Response {
        let identity = try context.requireIdentity()
        let export = ScoreExport(applications: applications, scoring: ScoringService(database: services.database, rules: services.rules), labels: labels)
        return try await export.table(roundID: try context.uuid("id"), identity: identity, language: context.language).response(format: format, filename: "scores")
    }

    func decision(_ context: AppRequestContext, _ format: String) async throws -> Response {
        let identity = try context.requireIdentity()
        let export = DecisionExport(applications: applications, decisions: decisions, labels: labels)
        return try await export.table(roundID: try context.uuid("id"), identity: identity, language: context.language).response(format: format, filename: "decisions")
    }
}
