import Foundation
import Hummingbird
import JingpinCore

/// The designated products' working pages: the province's list of designations with each one's
/// history and a form for its lifecycle steps (`/designations`), and the annual reviews
/// (`/annual-reviews`) — the enterprise submits its update there, the province decides.
struct DesignationPages {
    let services: AppServices
    var views: Views { services.views }
    var registry: RegistryService { RegistryService(database: services.database, rules: services.rules) }
    var reviews: AnnualReviewService { AnnualReviewService(database: services.database, rules: services.rules) }

    /// The steps the province takes by hand (expiry and renewal are the job's and the decision's).
    static let manualEvents = ["suspend", "reinstate", "revoke", "cancel", "start_review", "pass_review"]

    func register(_ routes: RouteTable) {
        let manage = Access.permission(.manageRounds)
        routes.add(.get, "/designations", manage, listDesignations)
        routes.add(.get, "/designations/:id", manage, designationPage)
        routes.add(.post, "/designations/:id", manage, applyStep)
        routes.add(.get, "/annual-reviews", .authenticated, annualReviewsPage)
        routes.add(.post, "/annual-reviews/:id/submit", .authenticated, submitReview)
        routes.add(.post, "/annual-reviews/:id/decision", manage, decideReview)
    }

    /// The list of designations.
    @Sendable func listDesignations(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let rows = try await registry.list().map { d in
            DesignationListPage.Row(href: "/designations/\(d.id)", certificate: d.certificateNumber, year: d.year, validUntil: d.validUntil,
                                    status: DesignationStatus(rawValue: d.status)?.name(l) ?? d.status, statusClass: d.status)
        }
        return views.page("designation/designations", title: views.t("designations.title", l),
                          model: DesignationListPage(rows: rows, hasRows: !rows.isEmpty), context: context)
    }

    /// A designation's page with its history and the lifecycle form.
    @Sendable func designationPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await detail(try context.uuid("id"), typed: [:], errors: [], context)
    }

    /// Takes a lifecycle step, then back to the designation.
    @Sendable func applyStep(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.uuid("id")
        let form = try await FormData.read(request, context: context)
        let typed = ["event": form["event"] ?? "", "reason": form["reason"] ?? "", "until": form["until"] ?? ""]
        do {
            let step = try LifecycleRequest(form: typed["event"]!, reason: typed["reason"]!, until: typed["until"]!)
            _ = try await registry.apply(step.designationEvent, to: id, actor: identity.actor, requestID: context.requestID)
            return .redirect(to: "/designations/\(id)", type: .found)
        } catch AppError.validation(let errors) {
            return try await detail(id, typed: typed, errors: errors, context)
        } catch AppError.conflict(let message) {
            return try await detail(id, typed: typed, errors: [FieldError(field: "event", code: "conflict", message: message)], context)
        }
    }

    /// The annual reviews page.
    @Sendable func annualReviewsPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await reviewsPage(context, errors: [], typed: [:])
    }

    /// The enterprise's update to its annual review, then back to the reviews.
    @Sendable func submitReview(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.uuid("id")
        let form = try await FormData.read(request, context: context)
        let typed = ["sales": form["sales"] ?? "", "complaints": form["complaints"] ?? "", "incidents": form["incidents"] ?? ""]
        var errors: [FieldError] = []
        let sales = try? Money.parse(typed["sales"]!)
        if sales == nil { errors.append(FieldError(field: "sales-\(id)", code: "invalid_amount", "registry.error.invalid_amount")) }
        let complaints = Int(typed["complaints"]!.trimmingCharacters(in: .whitespaces))
        if complaints == nil { errors.append(FieldError(field: "complaints-\(id)", code: "not_a_number", "registry.error.not_a_number")) }
        guard errors.isEmpty, let sales, let complaints else { return try await reviewsPage(context, errors: errors, typed: typed.reduce(into: [:]) { $0["\($1.key)-\(id)"] = $1.value }) }
        do {
            _ = try await reviews.submit(id, salesFen: sales.fen, incidents: typed["incidents"]!, complaints: complaints, identity: identity, requestID: context.requestID)
        } catch AppError.validation(let e) {
            return try await reviewsPage(context, errors: e.map { FieldError(field: "\($0.field == "salesFen" ? "sales" : $0.field)-\(id)", code: $0.code, message: $0.message) },
                                         typed: [:])
        }
        return .redirect(to: "/annual-reviews", type: .found)
    }

    /// The province's decision on a submitted review, then back to the reviews.
    @Sendable func decideReview(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.uuid("id")
        let form = try await FormData.read(request, context: context)
        do {
            _ = try await reviews.decide(id, accept: form["accept"] == "true", note: form["note"] ?? "", identity: identity, requestID: context.requestID)
        } catch AppError.validation(let e) {
            return try await reviewsPage(context, errors: e.map { FieldError(field: "note-\(id)", code: $0.code, message: $0.message) },
                                         typed: ["note-\(id)": form["note"] ?? ""])
        }
        return .redirect(to: "/annual-reviews", type: .found)
    }

    func detail(_ id: UUID, typed: [String: String], errors: [FieldError], _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let d = try await registry.get(id)
        var form = FormView(strings: views.strings, language: l, errors: errors)
        form.select("event", label: views.t("designations.event", l), value: typed["event"], prompt: views.t("designations.chooseEvent", l),
                    options: Self.manualEvents.map { ($0, views.t("designations.event.\($0)", l)) }, required: true)
        form.textarea("reason", label: views.t("designations.reason", l), hint: views.t("designations.reasonHint", l), value: typed["reason"])
        form.text("until", label: views.t("designations.until", l), hint: views.t("designations.untilHint", l), value: typed["until"], type: "date", width: "10")
        let history = (d.events ?? []).reversed().map { e in
            DesignationPage.Event(at: AuditChain.timestamp(e.at), actor: e.actor, event: views.t("designations.event.\(e.event)", l),
                                  to: DesignationStatus(rawValue: e.to)?.name(l) ?? e.to, reason: e.reason ?? "", until: e.until ?? "")
        }
        let page = DesignationPage(
            certificate: d.certificateNumber, code: d.verificationCode, validUntil: d.validUntil, designatedOn: d.designatedOn,
            status: DesignationStatus(rawValue: d.status)?.name(l) ?? d.status, statusClass: d.status, action: "/designations/\(id)",
            registryHref: "/registry/\(id)", history: history, hasHistory: !history.isEmpty, fields: form.fields, errors: form.summary)
        return views.page("designation/designation", title: d.certificateNumber, model: page, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func reviewsPage(_ context: AppRequestContext, errors: [FieldError], typed: [String: String]) async throws -> Response {
        let l = context.language
        let identity = try context.requireIdentity()
        let list = try await reviews.list(identity)  // 403 for anyone but the province and enterprises
        let byField = Dictionary(errors.map { ($0.field, views.t($0.message, l)) }, uniquingKeysWith: { a, _ in a })
        let who = Workflow.actor(identity)
        let rows = list.map { r in
            AnnualReviewsPage.Row(
                id: r.id.uuidString, certificate: r.certificateNumber, year: r.year, dueOn: r.dueOn,
                status: views.t("review.status.\(r.status)", l), statusClass: r.status.rawValue,
                sales: r.salesFen.map { Money(fen: $0).formatted(l) } ?? "—", complaints: r.complaints.map(String.init) ?? "—",
                incidents: r.incidents ?? "—",
                canSubmit: AnnualReviewStep.submit.isTaken(by: who) && AnnualReviewStep.submit.rule.from.contains(r.status),
                canDecide: AnnualReviewStep.accept.isTaken(by: who) && AnnualReviewStep.accept.rule.from.contains(r.status),
                typedSales: typed["sales-\(r.id)"] ?? "", typedComplaints: typed["complaints-\(r.id)"] ?? "",
                typedIncidents: typed["incidents-\(r.id)"] ?? "", typedNote: typed["note-\(r.id)"] ?? "",
                salesError: byField["sales-\(r.id)"], complaintsError: byField["complaints-\(r.id)"], noteError: byField["note-\(r.id)"])
        }
        let page = AnnualReviewsPage(rows: rows, hasRows: !rows.isEmpty, errors: ErrorSummary(errors, strings: views.strings, language: l))
        return views.page("designation/annual_reviews", title: views.t("review.title", l), model: page, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

/// `/designations`: every designation, newest year first.
struct DesignationListPage: PageModel {
    let rows: [Row]
    let hasRows: Bool

    /// One designation.
    struct Row: Encodable, Sendable {
        let href: String
        let certificate: String
        let year: Int
        let validUntil: String
        let status: String
        let statusClass: String
    }
}

/// `/designations/{id}`: a designation's facts, the form for its next lifecycle step, its history.
struct DesignationPage: PageModel {
    let certificate: String
    let code: String
    let validUntil: String
    let designatedOn: String
    let status: String
    let statusClass: String
    let action: String
    let registryHref: String
    let history: [Event]
    let hasHistory: Bool
    let fields: [FormField]
    let errors: ErrorSummary

    /// One lifecycle step, newest first.
    struct Event: Encodable, Sendable {
        let at: String
        let actor: String
        let event: String
        let to: String
        let reason: String
        let until: String
    }
}

/// `/annual-reviews`: the reviews the user sees, each with the form its next step takes.
struct AnnualReviewsPage: PageModel {
    let rows: [Row]
    let hasRows: Bool
    let errors: ErrorSummary

    /// One review; its forms' ids carry the review's id, so several can be open on one page.
    struct Row: Encodable, Sendable {
        let id: String
        let certificate: String
        let year: Int
        let dueOn: String
        let status: String
        let statusClass: String
        let sales: String
        let complaints: String
        let incidents: String
        let canSubmit: Bool
        let canDecide: Bool
        let typedSales: String
        let typedComplaints: String
        let typedIncidents: String
        let typedNote: String
        /// Each field's error; nil when it has none.
        let salesError: String?
        let complaintsError: String?
        let noteError: String?
    }
}
