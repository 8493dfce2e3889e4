import Foundation
import Hummingbird
import JingpinCore

/// Designated products: the province's list and lifecycle steps under `/api/v1/designations`,
/// and the public verification of a product's code — `GET /api/v1/public/verify/{code}` and the
/// page `/verify/{code}` that a QR code opens — limited per client.
struct DesignationRegistryController {
    let services: AppServices
    var views: Views { services.views }
    var registry: RegistryService { RegistryService(database: services.database, rules: services.rules) }

    func register(_ routes: RouteTable) {
        let manage = Access.permission(.manageRounds)
        routes.api(RouteDoc(method: .get, path: "/api/v1/designations", summary: "Every designation with its certificate number, code, validity and status",
                            tag: "designations", access: manage, success: (200, nil))) { _, _ in
            try JSONResponse.make(["items": try await registry.list()])
        }
        routes.api(RouteDoc(method: .get, path: "/api/v1/designations/{id}", summary: "A designation with its lifecycle history",
                            tag: "designations", access: manage, success: (200, nil))) { _, context in
            try JSONResponse.make(try await registry.get(try context.uuid("id")))
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/designations/{id}/events",
                            summary: "A lifecycle step: {\"event\": \"start_review|pass_review|suspend|reinstate|revoke|cancel\", \"reason\": …, \"until\": \"YYYY-MM-DD\"}",
                            tag: "designations", access: manage, success: (200, nil))) { request, context in
            let identity = try context.requireIdentity()
            let body = try await RequestDecoder.decode(LifecycleRequest.self, from: request, context: context)
            return try JSONResponse.make(try await registry.apply(body.designationEvent, to: try context.uuid("id"), actor: identity.actor, requestID: context.requestID))
        }
        let reviews = AnnualReviewService(database: services.database, rules: services.rules)
        routes.api(RouteDoc(method: .get, path: "/api/v1/annual-reviews", summary: "Annual reviews: the province's all, an enterprise's own",
                            tag: "designations", access: .authenticated, success: (200, nil))) { _, context in
            try JSONResponse.make(["items": try await reviews.list(try context.requireIdentity())])
        }
        routes.api(RouteDoc(method: .put, path: "/api/v1/annual-reviews/{id}",
                            summary: "The enterprise's update: {\"salesFen\": …, \"incidents\": …, \"complaints\": …}", tag: "designations",
                            access: .authenticated, success: (200, nil))) { request, context in
            let identity = try context.requireIdentity()
            let body = try await RequestDecoder.decode(AnnualReviewUpdateRequest.self, from: request, context: context)
            return try JSONResponse.make(try await reviews.submit(try context.uuid("id"), salesFen: body.salesFen, incidents: body.incidents ?? "",
                                                                  complaints: body.complaints, identity: identity, requestID: context.requestID))
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/annual-reviews/{id}/decision",
                            summary: "Decide a submitted review: {\"accept\": true|false, \"note\": …} (a note is required to refuse)",
                            tag: "designations", access: manage, success: (200, nil))) { request, context in
            let identity = try context.requireIdentity()
            let body = try await RequestDecoder.decode(AnnualReviewDecisionRequest.self, from: request, context: context)
            return try JSONResponse.make(try await reviews.decide(try context.uuid("id"), accept: body.accept, note: body.note ?? "",
                                                                  identity: identity, requestID: context.requestID))
        }
        routes.api(RouteDoc(method: .get, path: "/api/v1/public/verify/{code}",
                            summary: "Verify a product's code: authentic, suspended, revoked (with the reason), expired or not_found; no login",
                            tag: "public", access: .anyone, success: (200, nil))) { _, context in
            try checkLimit(context)
            let code = context.parameters.get("code") ?? ""
            return try JSONResponse.make(try await services.verificationIndex.verify(code, today: LocalDate.today(), language: context.language))
        }
        routes.add(.get, "/verify/:code", .anyone) { _, context in
            try checkLimit(context)
            let l = context.language
            let v = try await services.verificationIndex.verify(context.parameters.get("code") ?? "", today: LocalDate.today(), language: l)
            var data: [String: Any] = ["outcome": v.outcome, "outcomeName": v.outcomeName, "code": v.code,
                                       "found": v.outcome != VerificationOutcome.notFound.rawValue, "explanation": views.t("verify.\(v.outcome)", l),
                                       "reportHref": CounterfeitReportController.reportPath(code: context.parameters.get("code") ?? "")]
            for (key, value) in [("product", v.product), ("enterprise", v.enterprise), ("certificateNumber", v.certificateNumber),
                                 ("designatedOn", v.designatedOn), ("validUntil", v.validUntil), ("reason", v.reason), ("suspendedUntil", v.suspendedUntil)] {
                if let value { data[key] = value }  // absent, not empty: Mustache opens a section for ""
            }
            return views.page("designation/verify", title: v.outcomeName + " · " + views.t("verify.title", l), data: data, context: context)
        }
    }

    /// One verification for the caller's address; 429 when it has used up its minute.
    func checkLimit(_ context: AppRequestContext) throws {
        let n = services.settings.publicVerificationsPerMinute
        try services.verificationLimiter.admit(context.remoteAddress ?? "unknown") { seconds in
            context.language == .en ? "Too many verifications from your connection: at most \(n) a minute. Please try again in \(seconds) seconds."
                                    : "您的网络连接验证过于频繁：每分钟最多 \(n) 次。请在 \(seconds) 秒后再试。"
        }
    }
}
