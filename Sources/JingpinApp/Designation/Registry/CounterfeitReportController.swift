import Foundation
import Hummingbird
import JingpinCore

/// "Report a suspected fake": the public form under `/verify/{code}/report` and
/// `POST /api/v1/public/fake-reports` (limited per client, like objections), and the province's
/// list and outcomes under `/api/v1/fake-reports`.
struct CounterfeitReportController {
    let services: AppServices
    var views: Views { services.views }
    var reports: CounterfeitReportService { CounterfeitReportService(database: services.database) }

    func register(_ routes: RouteTable) {
        routes.add(.get, "/verify/:code/report", .anyone) { _, context in
            try await form(context, typed: ["code": context.parameters.get("code") ?? ""], errors: [])
        }
        routes.add(.post, "/verify/:code/report", .anyone) { request, context in
            let form = try await FormData.read(request, context: context)
            var typed: [String: String] = [:]
            for key in ["code", "whereBought", "description", "contactName", "contactPhone"] { typed[key] = form[key] ?? "" }
            do {
                try checkLimit(context)
                _ = try await reports.file(Self.input(typed), requestID: context.requestID)
                let l = context.language
                return views.page("designation/fake_thanks", title: views.t("fake.thanksTitle", l), data: ["code": typed["code"] ?? ""], context: context)
            } catch AppError.validation(let errors) {
                return try await self.form(context, typed: typed, errors: errors)
            } catch AppError.tooManyRequests(let message, _) {
                return try await self.form(context, typed: typed, errors: [FieldError(field: "description", code: "too_many", zh: message, en: message)],
                                           status: .tooManyRequests)
            }
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/public/fake-reports",
                            summary: "Report a suspected fake: {\"code\", \"whereBought\", \"description\", \"contactName\"?, \"contactPhone\"?}; contacts stay private",
                            tag: "public", access: .anyone, success: (201, nil))) { request, context in
            try checkLimit(context)
            let body = try await RequestDecoder.decode(CounterfeitReportRequest.self, from: request, context: context)
            let id = try await reports.file(body.input, requestID: context.requestID)
            return try JSONResponse.make(["id": id.uuidString], status: .created)
        }
        let manage = Access.permission(.manageRounds)
        routes.api(RouteDoc(method: .get, path: "/api/v1/fake-reports", summary: "Reports of suspected fakes, with contacts (?status=open|closed)",
                            tag: "designations", access: manage, query: [("status", "open or closed")], success: (200, nil))) { request, _ in
            let raw = request.uri.queryParameters["status"].map(String.init)
            let status = raw.flatMap(CounterfeitReportStatus.init(rawValue:))
            if raw != nil, status == nil {
                throw AppError.validation([FieldError(field: "status", code: "unknown_status", zh: "状态应为 open 或 closed", en: "status is open or closed")])
            }
            return try JSONResponse.make(["items": try await reports.list(status: status)])
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/fake-reports/{id}/outcome", summary: "Close a report with its outcome: {\"outcome\": …}",
                            tag: "designations", access: manage, success: (200, nil))) { request, context in
            let identity = try context.requireIdentity()
            let body = try await RequestDecoder.decode(CounterfeitOutcomeRequest.self, from: request, context: context)
            return try JSONResponse.make(try await reports.close(try context.uuid("id"), outcome: body.outcome,
                                                                 identity: identity, requestID: context.requestID))
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

    /// One report per attempt for the caller's address, counted with the objections' hourly limit.
    func checkLimit(_ context: AppRequestContext) throws {
        let n = services.settings.publicObjectionsPerHour
        try services.objectionLimiter.admit("fake:" + (context.remoteAddress ?? "unknown")) { _ in
            context.language == .en ? "Too many reports from your connection: at most \(n) an hour. Please try again later; what you wrote is kept below."
                                    : "您的网络连接提交举报过于频繁：每小时最多 \(n) 次。请稍后再试，您填写的内容保留在下方。"
        }
    }

    func form(_ context: AppRequestContext, typed: [String: String], errors: [FieldError], status: HTTPResponse.Status? = nil) async throws -> Response {
        let l = context.language
        var form = FormView(language: l, errors: errors)
        form.text("code", label: views.t("verify.code", l), value: typed["code"], width: "20")
        form.text("whereBought", label: views.t("fake.whereBought", l), hint: views.t("fake.whereBoughtHint", l), value: typed["whereBought"], required: true)
        form.textarea("description", label: views.t("fake.description", l), hint: views.t("fake.descriptionHint", l), value: typed["description"])
        form.text("contactName", label: views.t("fake.contactName", l), hint: views.t("fake.contactHint", l), value: typed["contactName"])
        form.text("contactPhone", label: views.t("fake.contactPhone", l), value: typed["contactPhone"], type: "tel")
        var data: [String: Any] = ["heading": views.t("fake.title", l), "intro": views.t("fake.intro", l),
                                   "action": Self.reportPath(code: typed["code"] ?? ""),
                                   "submit": views.t("fake.submit", l), "cancelHref": "/registry"]
        for (k, v) in form.data { data[k] = v }
        return views.page("form", title: views.t("fake.title", l), data: data, context: context,
                          status: status ?? (errors.isEmpty ? .ok : .unprocessableContent))
    }
}
