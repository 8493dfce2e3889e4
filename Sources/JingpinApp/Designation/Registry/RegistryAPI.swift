import Foundation
import Hummingbird
import JingpinCore

/// Designated products for the province under `/api/v1/designations` (the list and lifecycle
/// steps), annual reviews under `/api/v1/annual-reviews`, and the public verification of a
/// product's code, `GET /api/v1/public/verify/{code}`, limited per client.
struct RegistryAPI {
    let services: AppServices
    var registry: RegistryService { RegistryService(database: services.database, rules: services.rules) }
    var reviews: AnnualReviewService { AnnualReviewService(database: services.database, rules: services.rules) }

    func register(_ routes: RouteTable) {
        let manage = Access.permission(.manageRounds)
        routes.api(RouteDoc(method: .get, path: "/api/v1/designations", summary: "Every designation with its certificate number, code, validity and status",
                            tag: "designations", access: manage, success: (200, ItemList<RegistryService.View>.self)), list)
        routes.api(RouteDoc(method: .get, path: "/api/v1/designations/{id}", summary: "A designation with its lifecycle history",
                            tag: "designations", access: manage, success: (200, RegistryService.View.self)), show)
        routes.api(RouteDoc(method: .post, path: "/api/v1/designations/{id}/events",
                            summary: "A lifecycle step: {\"event\": \"start_review|pass_review|suspend|reinstate|revoke|cancel\", \"reason\": …, \"until\": \"YYYY-MM-DD\"}",
                            tag: "designations", access: manage, request: LifecycleRequest.self, success: (200, RegistryService.View.self)), applyEvent)
        routes.api(RouteDoc(method: .get, path: "/api/v1/annual-reviews", summary: "Annual reviews: the province's all, an enterprise's own",
                            tag: "designations", access: .authenticated, success: (200, ItemList<AnnualReviewService.View>.self)), annualReviews)
        routes.api(RouteDoc(method: .put, path: "/api/v1/annual-reviews/{id}",
                            summary: "The enterprise's update: {\"salesFen\": …, \"incidents\": …, \"complaints\": …}", tag: "designations",
                            access: .authenticated, request: AnnualReviewUpdateRequest.self, success: (200, AnnualReviewService.View.self)), submitReview)
        routes.api(RouteDoc(method: .post, path: "/api/v1/annual-reviews/{id}/decision",
                            summary: "Decide a submitted review: {\"accept\": true|false, \"note\": …} (a note is required to refuse)",
                            tag: "designations", access: manage, request: AnnualReviewDecisionRequest.self,
                            success: (200, AnnualReviewService.View.self)), decideReview)
        routes.api(RouteDoc(method: .get, path: "/api/v1/public/verify/{code}",
                            summary: "Verify a product's code: authentic, suspended, revoked (with the reason), expired or not_found; no login",
                            tag: "public", access: .anyone, success: (200, RegistryService.VerificationView.self), limit: .verification), verify)
    }

    /// Every designation.
    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(ItemList(try await registry.list()))
    }

    /// One designation with its history.
    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(try await registry.get(try context.uuid("id")))
    }

    /// A lifecycle step.
    @Sendable func applyEvent(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(LifecycleRequest.self, from: request, context: context)
        return try JSONResponse.make(try await registry.apply(body.designationEvent, to: try context.uuid("id"), actor: identity.actor,
                                                              requestID: context.requestID))
    }

    /// The annual reviews the caller may see (the service decides).
    @Sendable func annualReviews(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(ItemList(try await reviews.list(try context.requireIdentity())))
    }

    /// The enterprise's update to its review.
    @Sendable func submitReview(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(AnnualReviewUpdateRequest.self, from: request, context: context)
        return try JSONResponse.make(try await reviews.submit(try context.uuid("id"), salesFen: body.salesFen, incidents: body.incidents ?? "",
                                                              complaints: body.complaints, identity: identity, requestID: context.requestID))
    }

    /// The province's decision on a submitted review.
    @Sendable func decideReview(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(AnnualReviewDecisionRequest.self, from: request, context: context)
        return try JSONResponse.make(try await reviews.decide(try context.uuid("id"), accept: body.accept, note: body.note ?? "",
                                                              identity: identity, requestID: context.requestID))
    }

    /// A public verification.
    @Sendable func verify(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let code = context.parameters.get("code") ?? ""
        let answer = try await services.verificationIndex.answer(code, today: BusinessDay.today(), language: context.language)
        return JSONResponse.make(encoded: answer)
    }
}
