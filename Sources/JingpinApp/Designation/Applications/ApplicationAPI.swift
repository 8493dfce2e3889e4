import Foundation
import Hummingbird
import JingpinCore

/// Designation applications under `/api/v1/rounds/{id}/applications` and `/api/v1/applications/{id}`:
/// enterprises prepare and submit; county, city and province officers take their steps, each
/// within their region.
struct ApplicationAPI: UsesApplications {
    let services: AppServices

    /// The feedback report of an application the reader may see; applicants get it once final.
    func feedback(_ id: UUID, _ context: AppRequestContext) async throws -> FeedbackReport.View {
        let identity = try context.requireIdentity()
        _ = try await applications.get(id, identity: identity)  // 404 outside the reader's scope
        return try await FeedbackReport(database: services.database, rules: services.rules)
            .report(id, language: context.language, finalOnly: !identity.may(.viewScores))
    }

    func register(_ routes: RouteTable) {
        let view = Access.permission(.viewApplication)
        let edit = Access.permission(.editApplication)
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds/{id}/applications",
                            summary: "A round's applications within your scope (?status= to filter)", tag: "applications", access: view,
                            query: [QueryParameter("status", "An application status", .oneOf(ApplicationStatus.allCases.map(\.rawValue)))], success: (200, ItemList<ApplicationService.View>.self)), list)
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/applications",
                            summary: "Start a draft application for one of your products: {\"productId\": …, \"productSalesFen\": …, \"launchDate\": …}",
                            tag: "applications", access: edit, request: ApplicationRequest.self,
                            success: (201, ApplicationService.View.self)), create)
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds/{id}/applications/export",
                            summary: "A round's applications within your scope as CSV (default) or Excel, with the decision", tag: "applications",
                            access: view, query: [QueryParameter("format", "csv or xlsx")], success: (200, nil)), export)
        routes.api(RouteDoc(method: .get, path: "/api/v1/applications/{id}", summary: "An application with every step taken",
                            tag: "applications", access: view, success: (200, ApplicationService.View.self)), show)
        routes.api(RouteDoc(method: .put, path: "/api/v1/applications/{id}", summary: "Change a draft or returned application",
                            tag: "applications", access: edit, request: ApplicationRequest.self,
                            success: (200, ApplicationService.View.self)), update)
        routes.api(RouteDoc(method: .get, path: "/api/v1/applications/{id}/feedback",
                            summary: "The applicant's feedback report: pillars against the round's median, anonymised comments, the decision's reasons",
                            tag: "applications", access: view, success: (200, FeedbackReport.View.self)), feedbackReport)
        routes.add(.get, "/applications/{id}/feedback", view, feedbackPage)
        routes.api(RouteDoc(method: .get, path: "/api/v1/applications/{id}/eligibility",
                            summary: "The eligibility check as the application stands, each rule explained", tag: "applications", access: view,
                            success: (200, ApplicationService.EligibilityView.self)), eligibility)
        routes.api(RouteDoc(method: .post, path: "/api/v1/applications/{id}/steps",
                            summary: "Take a step: {\"step\": \"submit|withdraw|county_pass|county_return|…\", \"reason\": …}",
                            tag: "applications", access: view, request: ApplicationStepRequest.self,
                            success: (200, ApplicationService.View.self)), takeStep)
    }

    // The route checked the role; the service checks the region or the enterprise of each record.

    /// A round's applications within the caller's scope.
    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let status = request.uri.queryParameters["status"].map(String.init)
        if let status, ApplicationStatus(rawValue: status) == nil {
            throw AppError.validation([FieldError(field: "status", code: "unknown_status", "applications.error.unknown_status", "\(status)")])
        }
        return try JSONResponse.make(ItemList(try await applications.list(roundID: try context.uuid("id"), identity: identity, status: status)))
    }

    /// Starts a draft.
    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(ApplicationRequest.self, from: request, context: context)
        guard let productID = body.productId else {
            throw AppError.validation([FieldError(field: "productId", code: "required", "applications.error.required")])
        }
        let fields = try ApplicationFields.read(body)
        let created = try await applications.create(roundID: try context.uuid("id"), productID: productID, fields: fields, identity: identity,
                                                    requestID: context.requestID)
        return try JSONResponse.make(created, status: .created)
    }

    /// The round's applications as a table file.
    @Sendable func export(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let format = request.uri.queryParameters["format"].map(String.init) ?? "csv"
        guard ["csv", "xlsx"].contains(format) else {
            throw AppError.validation([FieldError(field: "format", code: "unknown_format", "applications.error.unknown_format")])
        }
        let export = ApplicationExport(applications: applications, scoring: ScoringService(database: services.database, rules: services.rules))
        let table = try await export.table(roundID: try context.uuid("id"), identity: identity, language: context.language)
        return try table.response(format: format, filename: "applications")
    }

    /// One application with its steps.
    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        return try JSONResponse.make(try await applications.get(try context.uuid("id"), identity: identity))
    }

    /// Changes a draft or returned application.
    @Sendable func update(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let fields = try ApplicationFields.read(try await RequestDecoder.decode(ApplicationRequest.self, from: request, context: context))
        return try JSONResponse.make(try await applications.update(try context.uuid("id"), fields: fields, identity: identity,
                                                                   requestID: context.requestID))
    }

    /// The feedback report as JSON.
    @Sendable func feedbackReport(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(try await feedback(try context.uuid("id"), context))
    }

    /// The feedback report as a page.
    @Sendable func feedbackPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let report = try await feedback(try context.uuid("id"), context)
        let l = context.language
        let page = ApplicationFeedbackPage(
            round: report.round, enterprise: report.enterprise, product: report.product, statusName: report.statusName,
            pillars: report.pillars.map { .init(name: $0.name, score: $0.score ?? "—", median: $0.roundMedian ?? "—") },
            strengths: report.strengths, weaknesses: report.weaknesses, reasons: report.reasons)
        return views.page("designation/feedback", title: views.t("feedback.title", l), model: page, context: context)
    }

    /// The eligibility check, each rule explained.
    @Sendable func eligibility(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        return try JSONResponse.make(try await applications.eligibility(try context.uuid("id"), identity: identity, language: context.language))
    }

    /// Takes a workflow step.
    @Sendable func takeStep(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(ApplicationStepRequest.self, from: request, context: context)
        return try JSONResponse.make(try await applications.take(body.step, on: try context.uuid("id"), reason: body.reason, identity: identity,
                                                                 requestID: context.requestID))
    }
}

/// The feedback report as a page: the facts, each pillar beside the round's median, the experts'
/// comments and the reasons. An empty list shows "none" (`{{^strengths}}`).
struct ApplicationFeedbackPage: PageModel {
    let round: String
    let enterprise: String
    let product: String
    let statusName: String
    let pillars: [Pillar]
    let strengths: [FeedbackReport.Comment]
    let weaknesses: [FeedbackReport.Comment]
    let reasons: [String]

    /// One pillar's score and the round's median, "—" when there is none.
    struct Pillar: Encodable, Sendable {
        let name: String
        let score: String
        let median: String
    }
}
