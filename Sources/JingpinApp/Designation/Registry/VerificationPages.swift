import Foundation
import Hummingbird
import JingpinCore

/// The page `/verify/{code}` that a designated product's QR code opens: whether the product is
/// authentic, suspended, revoked or expired, for anyone, limited per client.
struct VerificationPages {
    let services: AppServices
    var views: Views { services.views }

    func register(_ routes: RouteTable) {
        routes.add(.get, "/verify/:code", .anyone, verifyPage)
    }

    /// The page a product's QR code opens.
    @Sendable func verifyPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try PublicLimit.verification.admit(services, context)
        let l = context.language
        let v = try await services.verificationIndex.verify(context.parameters.get("code") ?? "", today: LocalDate.today(), language: l)
        var data: [String: Any] = ["outcome": v.outcome, "outcomeName": v.outcomeName, "code": v.code,
                                   "found": v.outcome != VerificationOutcome.notFound.rawValue, "explanation": views.t("verify.\(v.outcome)", l),
                                   "reportHref": CounterfeitReportPages.reportPath(code: context.parameters.get("code") ?? "")]
        for (key, value) in [("product", v.product), ("enterprise", v.enterprise), ("certificateNumber", v.certificateNumber),
                             ("designatedOn", v.designatedOn), ("validUntil", v.validUntil), ("reason", v.reason), ("suspendedUntil", v.suspendedUntil)] {
            if let value { data[key] = value }  // absent, not empty: Mustache opens a section for ""
        }
        return views.page("designation/verify", title: v.outcomeName + " · " + views.t("verify.title", l), data: data, context: context)
    }
}
