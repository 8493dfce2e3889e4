import Foundation
import Hummingbird
import JingpinCore

/// "Report a suspected fake": the public form under `/verify/{code}/report`, limited per client
/// like objections (the JSON side is `CounterfeitReportAPI`).
struct CounterfeitReportPages {
    let services: AppServices
    var views: Views { services.views }
    var reports: CounterfeitReportService { CounterfeitReportService(database: services.database) }

    func register(_ routes: RouteTable) {
        routes.add(.get, "/verify/:code/report", .anyone, blankForm)
        routes.add(.post, "/verify/:code/report", .anyone, file)
    }

    /// The empty form, the code filled in.
    @Sendable func blankForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await form(context, typed: ["code": context.parameters.get("code") ?? ""], errors: [])
    }

    /// Files a report from the form; a refusal shows the form again with what was typed.
    @Sendable func file(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        var typed: [String: String] = [:]
        for key in ["code", "whereBought", "description", "contactName", "contactPhone"] { typed[key] = form[key] ?? "" }
        do {
            try PublicLimit.counterfeitReport.admit(services, context)
            _ = try await reports.file(Self.input(typed), requestID: context.requestID)
            let l = context.language
            return views.page("designation/fake_thanks", title: views.t("fake.thanksTitle", l),
                              model: ReportThanksPage(code: typed["code"] ?? ""), context: context)
        } catch AppError.validation(let errors) {
            return try await self.form(context, typed: typed, errors: errors)
        } catch AppError.tooManyRequests(let message, _) {
            return try await self.form(context, typed: typed, errors: [FieldError(field: "description", code: "too_many", message: message)],
                                       status: .tooManyRequests)
        }
    }

    /// The report form's address for `code` as it was typed or scanned (percent-encoded: it may be anything).
    static func reportPath(code: String) -> String {
        "/verify/\(code.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-"))) ?? "")/report"
    }

    static func input(_ typed: [String: String]) -> CounterfeitReportService.Input {
        CounterfeitReportService.Input(code: typed["code"] ?? "", whereBought: typed["whereBought"] ?? "", description: typed["description"] ?? "",
                          contactName: typed["contactName"] ?? "", contactPhone: typed["contactPhone"] ?? "")
    }

    func form(_ context: AppRequestContext, typed: [String: String], errors: [FieldError], status: HTTPResponse.Status? = nil) async throws -> Response {
        let l = context.language
        var form = FormView(strings: views.strings, language: l, errors: errors)
        form.text("code", label: views.t("verify.code", l), value: typed["code"], width: "20")
        form.text("whereBought", label: views.t("fake.whereBought", l), hint: views.t("fake.whereBoughtHint", l), value: typed["whereBought"], required: true)
        form.textarea("description", label: views.t("fake.description", l), hint: views.t("fake.descriptionHint", l), value: typed["description"])
        form.text("contactName", label: views.t("fake.contactName", l), hint: views.t("fake.contactHint", l), value: typed["contactName"])
        form.text("contactPhone", label: views.t("fake.contactPhone", l), value: typed["contactPhone"], type: "tel")
        let page = FormPage(heading: views.t("fake.title", l), intro: views.t("fake.intro", l),
                            action: Self.reportPath(code: typed["code"] ?? ""), submit: views.t("fake.submit", l),
                            cancelHref: "/registry", form: form)
        return views.page("form", title: views.t("fake.title", l), model: page, context: context,
                          status: status ?? (errors.isEmpty ? .ok : .unprocessableContent))
    }
}

/// The thanks after a report: the code it was about.
struct ReportThanksPage: PageModel {
    let code: String
}
