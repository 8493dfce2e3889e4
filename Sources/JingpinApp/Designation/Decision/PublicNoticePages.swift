import Foundation
import Hummingbird
import JingpinCore

/// The public side of a round's notice (公示), without logging in: `/notices/{id}` lists the
/// proposed products (no scores, no contacts), and `/notices/{id}/objection` takes an objection
/// with a name and phone number that only the province sees. Objections are limited per client
/// (`PUBLIC_OBJECTIONS_PER_HOUR`), for the page and the API alike.
struct PublicNoticePages {
    let services: AppServices
    var views: Views { services.views }
    var decisions: DecisionService { DecisionService(database: services.database, rules: services.rules, reference: services.reference) }

    func register(_ routes: RouteTable) {
        routes.add(.get, "/notices/{id}", .anyone, noticePage)
        routes.add(.get, "/notices/{id}/objection", .anyone, objectionForm)
        routes.add(.post, "/notices/{id}/objection", .anyone, submitObjection)
    }

    /// A round's public notice with the products it proposes.
    @Sendable func noticePage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let notice = try await decisions.notice(roundID: try context.uuid("id"))
        let running = Self.isRunning(notice)
        let page = PublicNoticePage(
            id: notice.roundId.uuidString, roundTitle: notice.title, publishedOn: RoundPages.day(notice.publishedOn, l),
            lastDay: RoundPages.day(notice.lastDay, l), running: running,
            products: notice.products.map { .init(product: $0.product, enterprise: $0.enterprise, city: $0.city,
                                                  href: "/notices/\(notice.roundId)/objection?application=\($0.applicationId)", running: running) })
        return views.page("notices/show", title: "\(views.t("notice.title", l)) · \(notice.title)", model: page, context: context)
    }

    /// The objection form, with the product of `?application=` chosen.
    @Sendable func objectionForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await form(context, typed: ["applicationId": request.uri.queryParameters["application"].map(String.init) ?? ""], errors: [])
    }

    /// Takes an objection (limited per client), answering the received page.
    @Sendable func submitObjection(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let typed = ["applicationId", "text", "contactName", "contactPhone"].reduce(into: [String: String]()) { $0[$1] = form[$1] ?? "" }
        do {
            try PublicLimit.objection.admit(services, context)
            guard let applicationID = UUID(uuidString: typed["applicationId"]!) else {
                throw AppError.validation([FieldError(field: "applicationId", code: "required", "decision.error.required.3")])
            }
            _ = try await decisions.object(roundID: try context.uuid("id"), applicationID: applicationID, text: typed["text"]!,
                                           contactName: typed["contactName"]!, contactPhone: typed["contactPhone"]!, requestID: context.requestID)
            let l = context.language
            return views.page("notices/received", title: views.t("notice.receivedTitle", l),
                              model: ObjectionReceivedPage(id: try context.uuid("id").uuidString), context: context, status: .created)
        } catch AppError.validation(let errors) {
            return try await self.form(context, typed: typed, errors: errors, status: .unprocessableContent)
        } catch AppError.conflict(let why) {
            return try await self.form(context, typed: typed, errors: [FieldError(field: "text", code: "conflict", message: why)], status: .conflict)
        } catch AppError.tooManyRequests(let why, let seconds) {
            var response = try await self.form(context, typed: typed, errors: [FieldError(field: "text", code: "rate_limited", message: why)],
                                               status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }

    /// Whether today (Asia/Shanghai) is within the notice.
    static func isRunning(_ notice: DecisionService.NoticeView) -> Bool {
        let today = LocalDate.today().description
        return notice.publishedOn <= today && today <= notice.lastDay
    }

    /// Counts one public objection for the caller's address; 429 when it has used up the hour.
    func form(_ context: AppRequestContext, typed: [String: String], errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Response {
        let l = context.language
        let notice = try await decisions.notice(roundID: try context.uuid("id"))
        var form = FormView(strings: views.strings, language: l, errors: errors)
        form.select("applicationId", label: views.t("notice.product", l), value: typed["applicationId"], prompt: views.t("notice.chooseProduct", l),
                    options: notice.products.map { ($0.applicationId.uuidString, "\($0.product) · \($0.enterprise)") }, required: true)
        form.textarea("text", label: views.t("notice.objectionText", l), hint: views.t("notice.objectionHint", l), value: typed["text"])
        form.text("contactName", label: views.t("notice.contactName", l), hint: views.t("notice.privateHint", l), value: typed["contactName"], required: true)
        form.text("contactPhone", label: views.t("notice.contactPhone", l), value: typed["contactPhone"], type: "tel", required: true)
        let page = FormPage(heading: views.t("notice.objectionTitle", l), action: "/notices/\(notice.roundId)/objection",
                            submit: views.t("notice.submitButton", l), cancelHref: "/notices/\(notice.roundId)", form: form)
        return views.page("form", title: views.t("notice.objectionTitle", l), model: page, context: context, status: status)
    }
}

/// `/notices/{id}`: a round's public notice and the products it proposes.
struct PublicNoticePage: PageModel {
    let id: String
    let roundTitle: String
    let publishedOn: String
    let lastDay: String
    /// Whether objections are taken today.
    let running: Bool
    let products: [Product]

    /// One proposed product, with the link to object to it while the notice runs.
    struct Product: Encodable, Sendable {
        let product: String
        let enterprise: String
        let city: String
        let href: String
        let running: Bool
    }
}

/// The page after an objection is received: the way back to the notice.
struct ObjectionReceivedPage: PageModel {
    let id: String
}
