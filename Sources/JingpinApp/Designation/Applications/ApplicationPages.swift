import FluentKit
import Foundation
import Hummingbird
import JingpinCore

/// The application pages: the list (an enterprise's own applications, an officer's queue within
/// their region), starting an application, and one application's page — its task list for the
/// enterprise, its status, reasons and history for everyone who may see it, and the review
/// step forms for the officer whose turn it is. The sections of the task list are in
/// `ApplicationSectionPages`; the city's ranked list in `CityRecommendationPage`.
struct ApplicationPages: UsesApplications {
    let services: AppServices

    func register(_ routes: RouteTable) {
        let view = Access.permission(.viewApplication)
        let edit = Access.permission(.editApplication)
        routes.add(.get, "/applications", view, listApplications)
        routes.add(.get, "/rounds/:id/apply", edit, applyForm)
        routes.add(.post, "/rounds/:id/apply", edit, startApplication)
        routes.add(.get, "/applications/:id", view, showApplication)
        routes.add(.post, "/applications/:id/steps", Access.permission(.reviewApplication), takeStep)
        ApplicationSectionPages(services: services).register(routes)
        CityRecommendationPages(services: services).register(routes)
    }

    /// The steps an officer takes from the application's own page; the city's recommendation
    /// has its ranked list, and ranking and decisions have the round's pages.
    static let officerSteps: [ApplicationStep] = [.countyPass, .countyReturn, .countyReject, .formalPass, .formalReject, .startExpertReview]

    // MARK: Handlers

    /// The form starting an application to an open round: the enterprise's products not yet entered.
    @Sendable func applyForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await applyPage(try context.uuid("id"), errors: [], chosen: nil, context)
    }

    /// Starts an application for the chosen product, on to its page; a refusal shows the form again.
    @Sendable func startApplication(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let round = try context.uuid("id")
        let form = try await FormData.read(request, context: context)
        do {
            guard let raw = form["productId"], let product = UUID(uuidString: raw) else {
                throw AppError.validation([FieldError(field: "productId", code: "required", "applications.error.required.2")])
            }
            let created = try await applications.create(roundID: round, productID: product,
                                                        fields: ApplicationFields(productSalesFen: nil, launchDate: nil, declaresTruthful: false, declaresNoVeto: false),
                                                        identity: identity, requestID: context.requestID)
            return .redirect(to: "/applications/\(created.id)", type: .found)
        } catch AppError.validation(let errors) {
            return try await applyPage(round, errors: errors, chosen: form["productId"], context)
        } catch AppError.conflict(let message) {
            return try await applyPage(round, errors: [FieldError(field: "productId", code: "conflict", message: message)],
                                       chosen: form["productId"], context)
        }
    }

    /// One application's page: task list, status, reasons, history and the officer's steps.
    @Sendable func showApplication(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await page(try context.uuid("id"), errors: [], context)
    }

    /// Takes an officer's step on the application; a refusal shows its page again with the reason typed.
    @Sendable func takeStep(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.uuid("id")
        let form = try await FormData.read(request, context: context)
        guard let step = form["step"].flatMap(ApplicationStep.init(rawValue:)), Self.officerSteps.contains(step) else {
            throw AppError.malformed(Message("applications.malformed.unknown_step"))
        }
        do {
            _ = try await applications.take(step, on: id, reason: form["reason"], identity: identity, requestID: context.requestID)
            return .redirect(to: "/applications/\(id)", type: .found)
        } catch AppError.validation(let errors) {
            return try await page(id, errors: errors, context, reasonTyped: form["reason"])
        } catch AppError.conflict(let message) {
            return try await page(id, errors: [FieldError(field: "reason", code: "conflict", message: message)], context,
                                  reasonTyped: form["reason"])
        }
    }

    // MARK: List

    /// The applications list: an enterprise's own, an officer's queue within their region, filtered and paged.
    @Sendable func listApplications(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let l = context.language
        let q = request.queryDictionary
        var errors: [FieldError] = []
        let paging = PageRequest.parse(page: q["page"], perPage: nil, errors: &errors)
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let status = q["status"].flatMap { $0.isEmpty ? nil : ApplicationStatus(rawValue: $0) }
        let rounds = try await RoundModel.query(on: services.database.db).filter(\.$status != .draft).sort(\.$year, .descending).all()
        var seriesTitle: [UUID: String] = [:]
        for r in rounds where seriesTitle[r.seriesID] == nil || r.status == .open { seriesTitle[r.seriesID] = l.pick(zh: r.titleZh, en: r.titleEn) }
        let roundFilter = q["round"].flatMap(UUID.init(uuidString:)).flatMap { seriesTitle[$0] == nil ? nil : $0 }
        guard var query = ApplicationService.scoped(ApplicationModel.query(on: services.database.db), identity) else { throw AppError.forbidden }
        if let status { query = query.filter(\.$status == status.rawValue) }
        if let roundFilter { query = query.filter(\.$roundSeriesID == roundFilter) }
        var rows = try await query.sort(\.$updatedAt, .descending).all()
        let products = Dictionary(uniqueKeysWithValues: try await ProductModel.query(on: services.database.db)
            .filter(\.$id ~~ rows.map(\.productID)).all().map { ($0.id!, $0.name) })
        let enterprises = Dictionary(uniqueKeysWithValues: try await EnterpriseModel.query(on: services.database.db)
            .filter(\.$id ~~ rows.map(\.enterpriseID)).all().map { ($0.id!, $0.name) })
        let search = (q["q"] ?? "").trimmingCharacters(in: .whitespaces)
        if !search.isEmpty {
            rows = rows.filter { (products[$0.productID] ?? "").contains(search) || (enterprises[$0.enterpriseID] ?? "").contains(search) }
        }
        let total = rows.count
        let totalPages = paging.totalPages(total)
        let shown = paging.slice(rows)
        // The configuration in force per round series, for "who acts next, by when".
        var configurations: [UUID: RoundConfiguration] = [:]
        for r in rounds where r.status == .open || configurations[r.seriesID] == nil {
            configurations[r.seriesID] = try? RoundConfigurations.configuration(r, services.rules)
        }
        let nextStep = NextStepLabel(views: views, calendar: services.reference.calendar)
        let today = LocalDate.today()
        let rowData = shown.map { m in
            let status = ApplicationStatus(rawValue: m.status)
            var next = ""
            if let status, let c = configurations[m.roundSeriesID] { next = nextStep.text(status, c, today: today, l) }
            return ApplicationListPage.Row(
                href: "/applications/\(m.id!)", product: products[m.productID] ?? "", enterprise: enterprises[m.enterpriseID] ?? "",
                round: seriesTitle[m.roundSeriesID] ?? "", county: regionName(m.countyCode, l),
                status: status?.name(l) ?? m.status, statusClass: m.status, next: next,
                updated: LocalDate(instant: m.updatedAt, timeZone: .shanghai).description, cityRank: m.cityRank.map(String.init) ?? "")
        }
        func href(page: Int) -> String {
            var parts = ["page=\(page)"]
            if let status { parts.append("status=\(status.rawValue)") }
            if let roundFilter { parts.append("round=\(roundFilter)") }
            if !search.isEmpty { parts.append("q=\(search.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
            return "/applications?" + parts.joined(separator: "&")
        }
        let filtered = roundFilter.flatMap { filter in rounds.first(where: { $0.seriesID == filter }) }
        let model = ApplicationListPage(
            rows: rowData, hasRows: !rowData.isEmpty, total: total, page: paging.page, totalPages: totalPages, q: search,
            statusOptions: ApplicationStatus.allCases.map { FormField.Option(value: $0.rawValue, label: $0.name(l), selected: $0 == status) },
            roundOptions: seriesTitle.sorted { $0.value > $1.value }.map { FormField.Option(value: $0.key.uuidString, label: $0.value, selected: $0.key == roundFilter) },
            isEnterprise: identity.takes(.submit), isCity: identity.takes(.cityRecommend),
            prevHref: paging.page > 1 ? href(page: paging.page - 1) : nil,
            nextHref: paging.page < totalPages ? href(page: paging.page + 1) : nil,
            exportHref: filtered.map { "/api/v1/rounds/\($0.id!)/applications/export?format=csv" },
            exportXlsxHref: filtered.map { "/api/v1/rounds/\($0.id!)/applications/export?format=xlsx" },
            recommendHref: identity.takes(.cityRecommend) ? filtered.map { "/rounds/\($0.id!)/recommendations" } : nil,
            openRounds: identity.takes(.submit)
                ? rounds.filter { $0.status == .open }.map { .init(title: l.pick(zh: $0.titleZh, en: $0.titleEn), href: "/rounds/\($0.id!)/apply") } : [])
        return views.page("designation/applications", title: views.t("application.listTitle", l), model: model, context: context)
    }

    func regionName(_ code: String, _ l: Language) -> String {
        (try? RegionCode(code)).flatMap { services.reference.regions.region($0) }.map { l.pick(zh: $0.nameZh, en: $0.nameEn) } ?? code
    }

    // MARK: Apply

    func applyPage(_ roundID: UUID, errors: [FieldError], chosen: String?, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let l = context.language
        guard case .enterprise(let own) = identity.scope else { throw AppError.forbidden }
        guard let round = try await RoundModel.find(roundID, on: services.database.db), round.status == .open else { throw AppError.notFound }
        let configuration = try RoundConfigurations.configuration(round, services.rules)
        let taken = Set(try await ApplicationModel.query(on: services.database.db).filter(\.$roundSeriesID == round.seriesID)
            .filter(\.$enterpriseID == own).all().map(\.productID))
        let products = try await ProductModel.query(on: services.database.db).filter(\.$enterpriseID == own).sort(\.$name).all()
            .filter { p in !taken.contains(p.id!) && ProductCategory(rawValue: p.category).map(configuration.categories.contains) == true }
        var form = FormView(strings: views.strings, language: l, errors: errors)
        form.select("productId", label: views.t("application.product", l), hint: views.t("application.productHint", l), value: chosen,
                    prompt: views.t("application.chooseProduct", l), options: products.map { ($0.id!.uuidString, $0.name) }, required: true)
        let intro = configuration.stage(.application).map {
            String(format: views.t("application.stageDates", l), $0.opens.description, $0.deadline.description)
        }
        let page = FormPage(heading: (l.pick(zh: round.titleZh, en: round.titleEn)) + " · " + views.t("application.start", l), intro: intro,
                            action: "/rounds/\(roundID)/apply", submit: views.t("application.start", l), cancelHref: "/applications", form: form)
        return views.page("form", title: views.t("application.start", l), model: page, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    // MARK: One application

    func page(_ id: UUID, errors: [FieldError], _ context: AppRequestContext, reasonTyped: String? = nil) async throws -> Response {
        let identity = try context.requireIdentity()
        let l = context.language
        let app = try await applications.get(id, identity: identity)
        guard let m = try await ApplicationModel.find(id, on: services.database.db) else { throw AppError.notFound }
        let status = ApplicationStatus(rawValue: app.status)
        let configuration = try await applications.configuration(of: m)
        let product = try await ProductModel.find(app.productId, on: services.database.db)
        let enterprise = try await EnterpriseModel.find(app.enterpriseId, on: services.database.db)
        let target = AccessTarget.enterprise(id: app.enterpriseId, county: try RegionCode(app.countyCode))
        let canEdit = [.draft, .returned].contains(status) && Permission.decide(identity.principal, .editApplication, on: target) == .allow
        let values = try await evidence.values(id, identity: identity, language: l)
        let files = try await evidence.files(id, identity: identity)
        let base = "/applications/\(id)"
        func state(_ done: Bool, _ started: Bool) -> (String, String) {
            let key = done ? "completed" : (started ? "inProgress" : "notStarted")
            return (views.t("filing.state.\(key)", l), key)
        }
        let productState = state(app.productSalesFen != nil && app.launchDate != nil, app.productSalesFen != nil || app.launchDate != nil)
        let filledValues = values.count { $0.value != nil }
        let valuesState = state(filledValues == values.count, filledValues > 0)
        let filesState = state(!files.isEmpty, false)
        let declState = state(app.declaresTruthful && app.declaresNoVeto, app.declaresTruthful || app.declaresNoVeto)
        func section(_ key: String, _ path: String, _ state: (String, String), count: String = "") -> ApplicationPage.Section {
            ApplicationPage.Section(name: views.t("application.section.\(key)", l), href: "\(base)/\(path)", state: state.0, stateClass: state.1, count: count)
        }
        let sections = [
            section("product", "product", productState),
            section("values", "values", valuesState, count: "\(filledValues) / \(values.count)"),
            section("files", "files", filesState, count: "\(files.count)"),
            section("declarations", "declarations", declState),
        ]
        // The officer's steps whose turn it is: the workflow's table decides, as it does for the API.
        let steps = Self.officerSteps.filter { step in
            status.map { step.transition.from.contains($0) } == true && step.role == identity.role
                && Permission.decide(identity.principal, .reviewApplication, on: target) == .allow
        }
        var form = FormView(strings: views.strings, language: l, errors: errors)
        if steps.contains(where: \.needsReason) {
            form.textarea("reason", label: views.t("application.reason", l), hint: views.t("application.reasonHint", l), value: reasonTyped)
        }
        let stepButtons = steps.map { ApplicationPage.StepButton(step: $0.rawValue, label: views.t("application.step.\($0.rawValue)", l),
                                                                  secondary: $0.needsReason) }
        let reasons = (app.events ?? []).compactMap { e in
            e.reason.map { ApplicationPage.Reason(step: views.t("application.step.\(e.step)", l), reason: $0) }
        }
        let history = (app.events ?? []).reversed().map { e in
            ApplicationPage.Event(at: AuditChain.timestamp(e.at), actor: e.actor, step: views.t("application.step.\(e.step)", l),
                                  to: ApplicationStatus(rawValue: e.to)?.name(l) ?? e.to, reason: e.reason ?? "")
        }
        let differs = values.filter(\.differsFromFiling).map { ApplicationPage.Differ(label: $0.label, value: $0.value ?? "—", filed: $0.filed ?? "—") }
        let next = status.map { NextStepLabel(views: views, calendar: services.reference.calendar).text($0, configuration, today: LocalDate.today(), l) } ?? ""
        let model = ApplicationPage(
            base: base, product: product?.name ?? "", enterprise: enterprise?.name ?? "",
            round: (try await RoundModel.find(app.roundId, on: services.database.db)).map { l.pick(zh: $0.titleZh, en: $0.titleEn) } ?? "",
            status: status?.name(l) ?? app.status, statusClass: app.status, sections: sections,
            canEdit: canEdit, canWithdraw: [.draft, .submitted, .returned].contains(status) && identity.takes(.withdraw)
                && identity.may(.editApplication, on: target),
            steps: stepButtons, hasSteps: !stepButtons.isEmpty, reasons: reasons, hasReasons: !reasons.isEmpty,
            history: history, hasHistory: !history.isEmpty, county: regionName(app.countyCode, l),
            differs: differs, hasDiffers: !differs.isEmpty && identity.mayEver(.reviewApplication),
            hasFeedback: status?.isFinal == true || identity.may(.viewScores),
            cityRank: m.cityRank.map(String.init), next: next.isEmpty ? nil : next,
            fields: form.fields, errors: form.summary)
        return views.page("designation/application", title: "\(product?.name ?? "") · \(views.t("application.title", l))", model: model,
                          context: context, status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

/// The applications list: the filters, one page of rows, and the paging and export links.
struct ApplicationListPage: PageModel {
    let rows: [Row]
    let hasRows: Bool
    let total: Int
    let page: Int
    let totalPages: Int
    /// The search as typed.
    let q: String
    let statusOptions: [FormField.Option]
    let roundOptions: [FormField.Option]
    let isEnterprise: Bool
    let isCity: Bool
    let prevHref: String?
    let nextHref: String?
    /// The exports and the ranked list are of one round: only when the list is filtered to one.
    let exportHref: String?
    let exportXlsxHref: String?
    let recommendHref: String?
    /// The rounds an enterprise may apply to now.
    let openRounds: [OpenRound]

    /// One application in the list.
    struct Row: Encodable, Sendable {
        let href: String
        let product: String
        let enterprise: String
        let round: String
        let county: String
        let status: String
        /// The status's raw value, for the tag's colour.
        let statusClass: String
        let next: String
        let updated: String
        let cityRank: String
    }

    /// A round open for applications, with its apply link.
    struct OpenRound: Encodable, Sendable {
        let title: String
        let href: String
    }
}

/// One application's page: its task list, status, reasons and history, and the officer's step form.
struct ApplicationPage: PageModel {
    let base: String
    let product: String
    let enterprise: String
    let round: String
    let status: String
    let statusClass: String
    let sections: [Section]
    let canEdit: Bool
    let canWithdraw: Bool
    let steps: [StepButton]
    let hasSteps: Bool
    let reasons: [Reason]
    let hasReasons: Bool
    let history: [Event]
    let hasHistory: Bool
    let county: String
    /// Declared values that differ from the enterprise's filings (shown to reviewers only).
    let differs: [Differ]
    let hasDiffers: Bool
    let hasFeedback: Bool
    let cityRank: String?
    let next: String?
    let fields: [FormField]
    let errors: ErrorSummary

    /// One section of the task list and how far it is filled in.
    struct Section: Encodable, Sendable {
        let name: String
        let href: String
        let state: String
        let stateClass: String
        let count: String
    }

    /// A step button of the officer's form; steps that need a reason are the secondary ones.
    struct StepButton: Encodable, Sendable {
        let step: String
        let label: String
        let secondary: Bool
    }

    /// A reason given with a step (a return or a rejection).
    struct Reason: Encodable, Sendable {
        let step: String
        let reason: String
    }

    /// One step in the history, newest first.
    struct Event: Encodable, Sendable {
        let at: String
        let actor: String
        let step: String
        let to: String
        let reason: String
    }

    /// A declared value beside the filed one.
    struct Differ: Encodable, Sendable {
        let label: String
        let value: String
        let filed: String
    }
}
