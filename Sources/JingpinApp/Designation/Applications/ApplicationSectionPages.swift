import Foundation
import Hummingbird
import JingpinCore

/// The sections of an application's task list, each saved on its own: product details,
/// indicator values (prefilled from the filings), evidence files, declarations; then
/// check-your-answers with the eligibility check explained rule by rule, submit, and withdraw
/// (confirmed on a page of its own). Each page calls the same services as the API.
struct ApplicationSectionPages: UsesApplications {
    let services: AppServices

    func register(_ routes: RouteTable) {
        let view = Access.permission(.viewApplication)
        let edit = Access.permission(.editApplication)
        routes.add(.get, "/applications/:id/product", edit, productForm)
        routes.add(.post, "/applications/:id/product", edit, saveProduct)
        routes.add(.get, "/applications/:id/declarations", edit, declarationsForm)
        routes.add(.post, "/applications/:id/declarations", edit, saveDeclarations)
        routes.add(.get, "/applications/:id/values", view, showValues)
        routes.add(.post, "/applications/:id/values", edit, saveValues)
        routes.add(.get, "/applications/:id/files", view, showFiles)
        routes.add(.post, "/applications/:id/files", edit, uploadFile)
        routes.add(.get, "/applications/:id/files/:fileId", view, downloadFile)
        routes.add(.get, "/applications/:id/files/:fileId/delete", edit, confirmDeleteFile)
        routes.add(.post, "/applications/:id/files/:fileId/delete", edit, deleteFile)
        routes.add(.get, "/applications/:id/check", view, checkAnswers)
        routes.add(.post, "/applications/:id/check", edit, submitApplication)
        routes.add(.get, "/applications/:id/withdraw", edit, confirmWithdraw)
        routes.add(.post, "/applications/:id/withdraw", edit, withdrawApplication)
    }

    // MARK: Handlers

    /// The product details section's form.
    @Sendable func productForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await productPage(try context.uuid("id"), typed: nil, errors: [], context)
    }

    /// Saves the product details (sales, launch date); a mistake shows the form again with what was typed.
    @Sendable func saveProduct(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        let form = try await FormData.read(request, context: context)
        let typed = ["sales": form["sales"] ?? "", "launchDate": form["launchDate"] ?? ""]
        return try await save(id, context, onError: { try await productPage(id, typed: typed, errors: $0, context) }) { fields in
            var errors: [FieldError] = []
            let sales = typed["sales"]!.trimmingCharacters(in: .whitespaces)
            if sales.isEmpty { fields.productSalesFen = nil } else if let money = try? Money.parse(sales), money.fen >= 0 { fields.productSalesFen = money.fen } else {
                errors.append(FieldError(field: "sales", code: "invalid_amount", "applications.error.invalid_amount.2"))
            }
            let launch = typed["launchDate"]!.trimmingCharacters(in: .whitespaces)
            if launch.isEmpty { fields.launchDate = nil } else if let date = try? LocalDate(launch) { fields.launchDate = date } else {
                errors.append(FieldError(field: "launchDate", code: "invalid_date", "applications.error.invalid_date"))
            }
            return errors
        }
    }

    /// The declarations section's form.
    @Sendable func declarationsForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await declarationsPage(try context.uuid("id"), errors: [], context)
    }

    /// Saves the two declarations as ticked.
    @Sendable func saveDeclarations(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        let form = try await FormData.read(request, context: context)
        return try await save(id, context, onError: { try await declarationsPage(id, errors: $0, context) }) { fields in
            fields.declaresTruthful = form["declaresTruthful"] == "true"
            fields.declaresNoVeto = form["declaresNoVeto"] == "true"
            return []
        }
    }

    /// The indicator values section, editable while the application is.
    @Sendable func showValues(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await valuesPage(try context.uuid("id"), typed: [:], errors: [], context)
    }

    /// Saves the indicator values; a mistake shows the section again with what was typed.
    @Sendable func saveValues(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.uuid("id")
        let form = try await FormData.read(request, context: context)
        var typed: [String: String] = [:]
        for (k, v) in form.pairs where k.hasPrefix("values/") { typed[String(k.dropFirst("values/".count))] = v }
        do {
            try await evidence.saveValues(id, typed: typed, identity: identity, requestID: context.requestID, language: context.language)
            return .redirect(to: "/applications/\(id)", type: .found)
        } catch AppError.validation(let errors) {
            return try await valuesPage(id, typed: typed, errors: errors, context)
        }
    }

    /// The evidence files section: the files uploaded and the upload form.
    @Sendable func showFiles(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await filesPage(try context.uuid("id"), errors: [], context)
    }

    /// Uploads one evidence file; a refused file shows the section again with the reason.
    @Sendable func uploadFile(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.uuid("id")
        do {
            let (name, bytes) = try await EvidenceAPI.readUpload(request, context)
            _ = try await evidence.upload(id, name: name, bytes: bytes, identity: identity, requestID: context.requestID)
            return .redirect(to: "/applications/\(id)/files", type: .found)
        } catch AppError.validation(let errors) {
            return try await filesPage(id, errors: errors.map { FieldError(field: "file", code: $0.code, message: $0.message) }, context)
        }
    }

    /// Downloads one evidence file.
    @Sendable func downloadFile(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (file, bytes) = try await evidence.download(try context.uuid("id"), fileID: try context.uuid("fileId"), identity: try context.requireIdentity())
        return EvidenceAPI.download(file, bytes)
    }

    /// The page confirming an evidence file's deletion.
    @Sendable func confirmDeleteFile(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        let (file, _) = try await evidence.download(id, fileID: try context.uuid("fileId"), identity: try context.requireIdentity())
        let l = context.language
        let page = FormPage(heading: views.t("application.deleteFile", l), intro: file.name,
                            action: "/applications/\(id)/files/\(file.id)/delete", submit: views.t("application.deleteFile", l), destructive: true,
                            cancelHref: "/applications/\(id)/files", form: FormView(strings: views.strings, language: l, errors: []))
        return views.page("form", title: views.t("application.deleteFile", l), model: page, context: context)
    }

    /// Deletes an evidence file, back to the files section.
    @Sendable func deleteFile(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        try await evidence.delete(id, fileID: try context.uuid("fileId"), identity: try context.requireIdentity(), requestID: context.requestID)
        return .redirect(to: "/applications/\(id)/files", type: .found)
    }

    /// Check your answers, with the eligibility check rule by rule.
    @Sendable func checkAnswers(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await checkPage(try context.uuid("id"), errors: [], context)
    }

    /// Submits the application; a refusal shows check-your-answers again with the reason.
    @Sendable func submitApplication(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        do {
            _ = try await applications.take(.submit, on: id, reason: nil, identity: try context.requireIdentity(), requestID: context.requestID)
            return .redirect(to: "/applications/\(id)", type: .found)
        } catch AppError.validation(let errors) {
            return try await checkPage(id, errors: errors, context)
        } catch AppError.conflict(let message) {
            return try await checkPage(id, errors: [FieldError(field: "submit", code: "conflict", message: message)], context)
        }
    }

    /// The page confirming the application's withdrawal.
    @Sendable func confirmWithdraw(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        _ = try await applications.get(id, identity: try context.requireIdentity())
        let l = context.language
        let page = FormPage(heading: views.t("application.withdrawTitle", l), intro: views.t("application.withdrawWarning", l),
                            action: "/applications/\(id)/withdraw", submit: views.t("application.step.withdraw", l), destructive: true,
                            cancelHref: "/applications/\(id)", form: FormView(strings: views.strings, language: l, errors: []))
        return views.page("form", title: views.t("application.withdrawTitle", l), model: page, context: context)
    }

    /// Withdraws the application, back to its page.
    @Sendable func withdrawApplication(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        _ = try await applications.take(.withdraw, on: id, reason: nil, identity: try context.requireIdentity(), requestID: context.requestID)
        return .redirect(to: "/applications/\(id)", type: .found)
    }

    /// Changes part of what the enterprise filled in: `change` edits the current fields and
    /// returns the errors in what was typed; nothing is saved unless there are none.
    private func save(_ id: UUID, _ context: AppRequestContext, onError: ([FieldError]) async throws -> Response,
                      change: (inout ApplicationFields) -> [FieldError]) async throws -> Response {
        let identity = try context.requireIdentity()
        let current = try await applications.get(id, identity: identity)
        var fields = Self.fields(current)
        let errors = change(&fields)
        guard errors.isEmpty else { return try await onError(errors) }
        do {
            _ = try await applications.update(id, fields: fields, identity: identity, requestID: context.requestID)
        } catch AppError.validation(let errors) {
            return try await onError(errors)
        }
        return .redirect(to: "/applications/\(id)", type: .found)
    }

    static func fields(_ v: ApplicationService.View) -> ApplicationFields {
        ApplicationFields(productSalesFen: v.productSalesFen, launchDate: v.launchDate.flatMap { try? LocalDate($0) },
                          declaresTruthful: v.declaresTruthful, declaresNoVeto: v.declaresNoVeto)
    }

    // MARK: Pages

    func productPage(_ id: UUID, typed: [String: String]?, errors: [FieldError], _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let app = try await applications.get(id, identity: try context.requireIdentity())
        var form = FormView(strings: views.strings, language: l, errors: errors)
        form.text("sales", label: views.t("application.sales", l), hint: views.t("application.salesHint", l),
                  value: typed?["sales"] ?? app.productSalesFen.map { Money(fen: $0).formatted(.zhHans).replacingOccurrences(of: "¥", with: "") })
        form.text("launchDate", label: views.t("application.launchDate", l), hint: views.t("application.launchDateHint", l),
                  value: typed?["launchDate"] ?? app.launchDate, width: "10")
        let page = FormPage(heading: views.t("application.section.product", l), action: "/applications/\(id)/product",
                            submit: views.t("filing.saveSection", l), cancelHref: "/applications/\(id)", form: form)
        return views.page("form", title: views.t("application.section.product", l), model: page, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func declarationsPage(_ id: UUID, errors: [FieldError], _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let app = try await applications.get(id, identity: try context.requireIdentity())
        var form = FormView(strings: views.strings, language: l, errors: errors)
        form.checkbox("declaresTruthful", label: views.t("application.declaresTruthful", l), checked: app.declaresTruthful)
        form.checkbox("declaresNoVeto", label: views.t("application.declaresNoVeto", l), checked: app.declaresNoVeto)
        let page = FormPage(heading: views.t("application.section.declarations", l), action: "/applications/\(id)/declarations",
                            submit: views.t("filing.saveSection", l), cancelHref: "/applications/\(id)", form: form)
        return views.page("form", title: views.t("application.section.declarations", l), model: page, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func valuesPage(_ id: UUID, typed: [String: String], errors: [FieldError], _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let identity = try context.requireIdentity()
        let app = try await applications.get(id, identity: identity)
        let values = try await evidence.values(id, identity: identity, language: l)
        let canEdit = [ApplicationStatus.draft, .returned].contains(ApplicationStatus(rawValue: app.status)) && identity.takes(.submit)
        let byField = Dictionary(errors.map { ($0.field, views.t($0.message, l)) }, uniquingKeysWith: { a, _ in a })
        let rows = values.map { v in
            ApplicationValuesPage.Row(name: "values/\(v.code)", id: "field-values/\(v.code)", label: v.label,
                           value: typed[v.code] ?? v.value ?? "", display: v.value ?? "—",
                           hint: v.filed.map { views.t("application.filedValue", l) + $0 + " " + v.unit } ?? views.t("application.notFiled", l),
                           differs: v.differsFromFiling && v.filed != nil, error: byField["values/\(v.code)"],
                           unit: v.unit.isEmpty ? nil : v.unit)  // an empty string would still open the section
        }
        let page = ApplicationValuesPage(rows: rows, hasRows: !rows.isEmpty, canEdit: canEdit, action: "/applications/\(id)/values",
                              backHref: "/applications/\(id)", errors: ErrorSummary(errors, strings: views.strings, language: l))
        return views.page("designation/values", title: views.t("application.section.values", l), model: page, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func filesPage(_ id: UUID, errors: [FieldError], _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let identity = try context.requireIdentity()
        let app = try await applications.get(id, identity: identity)
        let files = try await evidence.files(id, identity: identity)
        let canEdit = [ApplicationStatus.draft, .returned].contains(ApplicationStatus(rawValue: app.status)) && identity.takes(.submit)
        let rows = files.map { f in
            ApplicationFilesPage.Row(name: f.name, href: "/applications/\(id)/files/\(f.id)", deleteHref: "/applications/\(id)/files/\(f.id)/delete",
                          size: Self.size(f.size), kind: f.kind.uppercased(), at: AuditChain.timestamp(f.uploadedAt), sha: String(f.sha256.prefix(12)))
        }
        let policy = EvidencePolicy.standard
        let page = ApplicationFilesPage(rows: rows, hasRows: !rows.isEmpty, canEdit: canEdit, backHref: "/applications/\(id)",
                             action: "/applications/\(id)/files?_csrf=\(context.csrfToken)",
                             limits: String(format: views.t("application.fileLimits", l), "\(policy.maxBytes / (1024 * 1024))", "\(policy.maxFiles)"),
                             fileError: errors.isEmpty ? nil : errors.map { views.t($0.message, l) }.joined(separator: "；"),
                             errors: ErrorSummary(errors, strings: views.strings, language: l, href: { _ in "#field-file" }))
        return views.page("designation/files", title: views.t("application.section.files", l), model: page, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// A size in words: "820 KB", "3.4 MB".
    static func size(_ bytes: Int64) -> String {
        bytes >= 1024 * 1024 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : "\(max(1, (bytes + 1023) / 1024)) KB"
    }

    func checkPage(_ id: UUID, errors: [FieldError], _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let identity = try context.requireIdentity()
        let app = try await applications.get(id, identity: identity)
        let eligibility = try await applications.eligibility(id, identity: identity, language: l)
        let values = try await evidence.values(id, identity: identity, language: l)
        let files = try await evidence.files(id, identity: identity)
        let yes = views.t("common.yes", l), no = views.t("common.no", l)
        func row(_ label: String, _ value: String, _ section: String) -> ApplicationCheckPage.Answer { ApplicationCheckPage.Answer(label: label, value: value, href: section) }
        let sales = app.productSalesFen.map { Money(fen: $0).formatted(l) } ?? "—"
        let fileNames = files.isEmpty ? "—" : files.map(\.name).joined(separator: "、")
        var answers = [row(views.t("application.sales", l), sales, "product"),
                       row(views.t("application.launchDate", l), app.launchDate ?? "—", "product")]
        for v in values { answers.append(row(v.label, (v.value ?? "—") + " " + v.unit, "values")) }
        answers.append(row(views.t("application.section.files", l), fileNames, "files"))
        answers.append(row(views.t("application.declaresTruthful", l), app.declaresTruthful ? yes : no, "declarations"))
        answers.append(row(views.t("application.declaresNoVeto", l), app.declaresNoVeto ? yes : no, "declarations"))
        let page = ApplicationCheckPage(
            answers: answers, base: "/applications/\(id)",
            checks: eligibility.checks.map { ApplicationCheckPage.Check(message: $0.message, passed: $0.passed) },
            canSubmit: [ApplicationStatus.draft, .returned].contains(ApplicationStatus(rawValue: app.status)) && identity.takes(.submit),
            missingValues: values.contains { $0.value == nil },
            errors: ErrorSummary(errors, strings: views.strings, language: l, href: { _ in "#submit" }))
        return views.page("designation/check", title: views.t("application.checkTitle", l), model: page, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

/// The indicator values section: one row per indicator, editable while the application is.
struct ApplicationValuesPage: PageModel {
    let rows: [Row]
    let hasRows: Bool
    let canEdit: Bool
    let action: String
    let backHref: String
    let errors: ErrorSummary

    /// One indicator: what was declared (or typed), and the value filed for the year as the hint.
    struct Row: Encodable, Sendable {
        let name: String
        let id: String
        let label: String
        let value: String
        let display: String
        let hint: String
        let differs: Bool
        let error: String?
        let unit: String?
    }
}

/// The evidence files section: the files uploaded, and the upload form while it may change.
struct ApplicationFilesPage: PageModel {
    let rows: [Row]
    let hasRows: Bool
    let canEdit: Bool
    let backHref: String
    /// The upload posts multipart, so the token rides in the address.
    let action: String
    let limits: String
    let fileError: String?
    let errors: ErrorSummary

    /// One uploaded file.
    struct Row: Encodable, Sendable {
        let name: String
        let href: String
        let deleteHref: String
        let size: String
        let kind: String
        let at: String
        let sha: String
    }
}

/// Check your answers: every answer with its section, the eligibility check rule by rule, submit.
struct ApplicationCheckPage: PageModel {
    let answers: [Answer]
    let base: String
    let checks: [Check]
    let canSubmit: Bool
    let missingValues: Bool
    let errors: ErrorSummary

    /// One answer; `href` is its section's path under the application.
    struct Answer: Encodable, Sendable {
        let label: String
        let value: String
        let href: String
    }

    /// One eligibility rule and whether the application passes it.
    struct Check: Encodable, Sendable {
        let message: String
        let passed: Bool
    }
}
