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
        let v = try await services.verificationIndex.verify(context.parameters.get("code") ?? "", today: BusinessDay.today(), language: l)
        let page = VerifyPage(outcome: v.outcome, outcomeName: v.outcomeName, code: v.code, found: v.outcome != VerificationOutcome.notFound.rawValue,
                              explanation: views.t("verify.\(v.outcome)", l),
                              reportHref: CounterfeitReportPages.reportPath(code: context.parameters.get("code") ?? ""),
                              product: v.product, enterprise: v.enterprise, certificateNumber: v.certificateNumber, designatedOn: v.designatedOn,
                              validUntil: v.validUntil, reason: v.reason, suspendedUntil: v.suspendedUntil)
        return views.page("designation/verify", title: v.outcomeName + " · " + views.t("verify.title", l), model: page, context: context)
    }
}

/// `/verify/{code}`: the outcome in words, and the product's public record when the code is found.
/// Absent fields are nil, never empty: Mustache opens a section for "".
struct VerifyPage: PageModel {
    let outcome: String
    let outcomeName: String
    let code: String
    let found: Bool
    let explanation: String
    let reportHref: String
    let product: String?
    let enterprise: String?
    let certificateNumber: String?
    let designatedOn: String?
    let validUntil: String?
    let reason: String?
    let suspendedUntil: String?
}
