import Foundation
import Hummingbird
import JingpinCore

/// Exports of a round's scores and decision as CSV or Excel, for the province and the city and
/// county officers (each within their region): the pages' links `/rounds/{id}/scores.csv|xlsx`
/// and `/rounds/{id}/decisions.csv|xlsx`. The API's `…/scores/export` and `…/decisions/export`
/// are `DesignationExportAPI`'s, on the same tables.
struct DesignationExportPages {
    let services: AppServices

    var applications: ApplicationService { ApplicationService(database: services.database, rules: services.rules, regions: services.reference.regions) }
    var labels: ApplicationLabels { ApplicationLabels(database: services.database, regions: services.reference.regions) }
    var decisions: DecisionService { DecisionService(database: services.database, rules: services.rules, reference: services.reference) }

    func register(_ routes: RouteTable) {
        // Officers who review applications; enterprises, experts and banks are refused (403).
        let access = Access.permission(.reviewApplication)
        routes.add(.get, "/rounds/{id}/scores.csv", access, scoresCSV)
        routes.add(.get, "/rounds/{id}/decisions.csv", access, decisionsCSV)
        routes.add(.get, "/rounds/{id}/scores.xlsx", access, scoresXLSX)
        routes.add(.get, "/rounds/{id}/decisions.xlsx", access, decisionsXLSX)
    }

    /// The round's score sheets as CSV.
    @Sendable func scoresCSV(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await scores(context, "csv")
    }

    /// The round's ranking and decision as CSV.
    @Sendable func decisionsCSV(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await decision(context, "csv")
    }

    /// The round's score sheets as Excel.
    @Sendable func scoresXLSX(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await scores(context, "xlsx")
    }

    /// The round's ranking and decision as Excel.
    @Sendable func decisionsXLSX(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await decision(context, "xlsx")
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
