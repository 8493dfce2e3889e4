import Foundation
import Hummingbird
import JingpinCore

/// Reports of suspected fakes as JSON: `POST /api/v1/public/fake-reports` for anyone (limited per
/// client), and the province's list and outcomes under `/api/v1/fake-reports`.
struct CounterfeitReportAPI {
    let services: AppServices
    var reports: CounterfeitReportService { CounterfeitReportService(database: services.database) }

    func register(_ routes: RouteTable) {
        routes.api(RouteDoc(method: .post, path: "/api/v1/public/fake-reports",
                            summary: "Report a suspected fake: {\"code\", \"whereBought\", \"description\", \"contactName\"?, \"contactPhone\"?}; contacts stay private",
                            tag: "public", access: .anyone, request: CounterfeitReportRequest.self, success: (201, CreatedID.self),
                            limit: .counterfeitReport), file)
        let manage = Access.permission(.manageRounds)
        routes.api(RouteDoc(method: .get, path: "/api/v1/fake-reports", summary: "Reports of suspected fakes, with contacts (?status=open|closed)",
                            tag: "designations", access: manage, query: [QueryParameter("status", "open or closed", .oneOf(CounterfeitReportStatus.allCases.map(\.rawValue)))],
                            success: (200, ItemList<CounterfeitReportService.View>.self)), list)
        routes.api(RouteDoc(method: .post, path: "/api/v1/fake-reports/{id}/outcome", summary: "Close a report with its outcome: {\"outcome\": …}",
                            tag: "designations", access: manage, request: CounterfeitOutcomeRequest.self,
                            success: (200, CounterfeitReportService.View.self)), close)
    }

    /// Files a public report.
    @Sendable func file(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let body = try await RequestDecoder.decode(CounterfeitReportRequest.self, from: request, context: context)
        let id = try await reports.file(body.input, requestID: context.requestID)
        return try JSONResponse.make(CreatedID(id: id), status: .created)
    }

    /// The reports, with contacts.
    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let raw = request.uri.queryParameters["status"].map(String.init)
        let status = raw.flatMap(CounterfeitReportStatus.init(rawValue:))
        if raw != nil, status == nil {
            throw AppError.validation([FieldError(field: "status", code: "unknown_status", "registry.error.unknown_status")])
        }
        return try JSONResponse.make(ItemList(try await reports.list(status: status)))
    }

    /// Closes a report with its outcome.
    @Sendable func close(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(CounterfeitOutcomeRequest.self, from: request, context: context)
        return try JSONResponse.make(try await reports.close(try context.uuid("id"), outcome: body.outcome,
                                                             identity: identity, requestID: context.requestID))
    }
}
