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
        routes.add(.get, "/applications", view) { request, context in try await list(request, context) }
        routes.add(.get, "/rounds/:id/apply", edit) { _, context in try await applyPage(try context.uuid("id"), errors: [], chosen: nil, context) }
        routes.add(.post, "/rounds/:id/apply", edit) { request, context in
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
        routes.add(.get, "/applications/:id", view) { _, context in try await page(try context.uuid("id"), errors: [], context) }
        routes.add(.post, "/applications/:id/steps", Access.permission(.reviewApplication)) { request, context in
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
        ApplicationSectionPages(services: services).register(routes)
        CityRecommendationPages(services: services).register(routes)
    }

    /// The steps an officer takes from the application's own page; the city's recommendation
    /// has its ranked list, and ranking and decisions have the round's pages.
    static let officerSteps: [ApplicationStep] = [.countyPass, .countyReturn, .countyReject, .formalPass, .formalReject, .startExpertReview]

    // MARK: List

    func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
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
        let rowData: [[String: Any]] = shown.map { m in
            let status = ApplicationStatus(rawValue: m.status)
            var next = ""
            if let status, let c = configurations[m.roundSeriesID] { next = nextStep.text(status, c, today: today, l) }
            return ["href": "/applications/\(m.id!)", "product": products[m.productID] ?? "", "enterprise": enterprises[m.enterpriseID] ?? "",
             "round": seriesTitle[m.roundSeriesID] ?? "", "county": regionName(m.countyCode, l),
             "status": status?.name(l) ?? m.status, "statusClass": m.status, "next": next,
             "updated": LocalDate(instant: m.updatedAt, timeZone: .shanghai).description, "cityRank": m.cityRank.map(String.init) ?? ""]
        }
        func href(page: Int) -> String {
            var parts = ["page=\(page)"]
            if let status { parts.append("status=\(status.rawValue)") }
            if let roundFilter { parts.append("round=\(roundFilter)") }
            if !search.isEmpty { parts.append("q=\(search.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
            return "/applications?" + parts.joined(separator: "&")
        }
        var data: [String: Any] = [
            "rows": rowData, "hasRows": !rowData.isEmpty, "total": total, "page": paging.page, "totalPages": totalPages, "q": search,
            "statusOptions": ApplicationStatus.allCases.map { ["value": $0.rawValue, "label": $0.name(l), "selected": $0 == status] as [String: Any] },
            "roundOptions": seriesTitle.sorted { $0.value > $1.value }.map { ["value": $0.key.uuidString, "label": $0.value, "selected": $0.key == roundFilter] as [String: Any] },
            "isEnterprise": identity.takes(.submit), "isCity": identity.takes(.cityRecommend),
        ]
        if paging.page > 1 { data["prevHref"] = href(page: paging.page - 1) }
        if paging.page < totalPages { data["nextHref"] = href(page: paging.page + 1) }
        if let roundFilter, let open = rounds.first(where: { $0.seriesID == roundFilter }) {
            data["exportHref"] = "/api/v1/rounds/\(open.id!)/applications/export?format=csv"
            data["exportXlsxHref"] = "/api/v1/rounds/\(open.id!)/applications/export?format=xlsx"
            if identity.takes(.cityRecommend) { data["recommendHref"] = "/rounds/\(open.id!)/recommendations" }
        }
        if identity.takes(.submit) {
            data["openRounds"] = rounds.filter { $0.status == .open }.map { ["title": l.pick(zh: $0.titleZh, en: $0.titleEn), "href": "/rounds/\($0.id!)/apply"] }
        }
        return views.page("designation/applications", title: views.t("application.listTitle", l), data: data, context: context)
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
        var data: [String: Any] = ["heading": (l.pick(zh: round.titleZh, en: round.titleEn)) + " · " + views.t("application.start", l),
                                   "action": "/rounds/\(roundID)/apply", "submit": views.t("application.start", l), "cancelHref": "/applications"]
        if let stage = configuration.stage(.application) {
            data["intro"] = String(format: views.t("application.stageDates", l), stage.opens.description, stage.deadline.description)
        }
        for (k, v) in form.data { data[k] = v }
        return views.page("form", title: views.t("application.start", l), data: data, context: context,
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
        let sections: [[String: Any]] = [
            ["name": views.t("application.section.product", l), "href": "\(base)/product", "state": productState.0, "stateClass": productState.1, "count": ""],
            ["name": views.t("application.section.values", l), "href": "\(base)/values", "state": valuesState.0, "stateClass": valuesState.1,
             "count": "\(filledValues) / \(values.count)"],
            ["name": views.t("application.section.files", l), "href": "\(base)/files", "state": filesState.0, "stateClass": filesState.1,
             "count": "\(files.count)"],
            ["name": views.t("application.section.declarations", l), "href": "\(base)/declarations", "state": declState.0, "stateClass": declState.1, "count": ""],
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
        let stepButtons: [[String: Any]] = steps.map { ["step": $0.rawValue, "label": views.t("application.step.\($0.rawValue)", l),
                                                         "secondary": $0.needsReason] }
        let reasons = (app.events ?? []).compactMap { e in e.reason.map { ["step": views.t("application.step.\(e.step)", l), "reason": $0] } }
        let history: [[String: Any]] = (app.events ?? []).reversed().map { e in
            ["at": AuditChain.timestamp(e.at), "actor": e.actor, "step": views.t("application.step.\(e.step)", l),
             "to": ApplicationStatus(rawValue: e.to)?.name(l) ?? e.to, "reason": e.reason ?? ""]
        }
        let next = status.map { NextStepLabel(views: views, calendar: services.reference.calendar).text($0, configuration, today: LocalDate.today(), l) } ?? ""
        var data: [String: Any] = [
            "id": id.uuidString, "base": base, "product": product?.name ?? "", "enterprise": enterprise?.name ?? "",
            "round": (try await RoundModel.find(app.roundId, on: services.database.db)).map { l.pick(zh: $0.titleZh, en: $0.titleEn) } ?? "",
            "status": status?.name(l) ?? app.status, "statusClass": app.status, "sections": sections,
            "canEdit": canEdit, "canWithdraw": [.draft, .submitted, .returned].contains(status) && identity.takes(.withdraw)
                && identity.may(.editApplication, on: target),
            "steps": stepButtons, "hasSteps": !stepButtons.isEmpty, "reasons": reasons, "hasReasons": !reasons.isEmpty,
            "history": history, "hasHistory": !history.isEmpty, "county": regionName(app.countyCode, l),
            "differs": values.filter(\.differsFromFiling).map { ["label": $0.label, "value": $0.value ?? "—", "filed": $0.filed ?? "—"] },
            "hasFeedback": status?.isFinal == true || identity.may(.viewScores),
        ]
        // Mustache renders a section for an empty string too, so absent values stay absent.
        if let rank = m.cityRank { data["cityRank"] = String(rank) }
        if !next.isEmpty { data["next"] = next }
        data["hasDiffers"] = !(data["differs"] as! [Any]).isEmpty && identity.mayEver(.reviewApplication)
        for (k, v) in form.data { data[k] = v }
        return views.page("designation/application", title: "\(product?.name ?? "") · \(views.t("application.title", l))", data: data,
                          context: context, status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
