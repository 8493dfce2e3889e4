import Foundation
import Hummingbird
import JingpinCore

/// The filing pages: a task list per enterprise and year, one page per section with last
/// year's values beside each field, check-your-answers before submitting, the county's
/// accept/return decision, and the officers' list with its CSV export.
struct FilingPages {
    let services: AppServices
    var views: Views { services.views }
    var api: FilingAPI { FilingAPI(services: services) }
    var catalogue: IndicatorCatalogue { services.catalogue }

    func register(_ routes: RouteTable) {
        routes.add(.get, "/filings", .permission(.viewFiling), listFilings)
        routes.add(.get, "/filings.csv", .permission(.viewFiling), exportFilingsCSV)
        routes.add(.get, "/filings.xlsx", .permission(.viewFiling), exportFilingsXLSX)
        routes.add(.get, "/enterprises/:id/filings/:year", .permission(.viewFiling), filingTasks)
        routes.add(.get, "/enterprises/:id/filings/:year/sections/:section", .permission(.viewFiling), sectionForm)
        routes.add(.post, "/enterprises/:id/filings/:year/sections/:section", .permission(.editFiling), saveSection)
        routes.add(.get, "/enterprises/:id/filings/:year/check", .permission(.editFiling), checkAnswers)
        routes.add(.post, "/enterprises/:id/filings/:year/check", .permission(.editFiling), submitFiling)
        routes.add(.post, "/enterprises/:id/filings/:year/accept", .permission(.reviewFiling), acceptFiling)
        routes.add(.post, "/enterprises/:id/filings/:year/return", .permission(.reviewFiling), returnFiling)
    }

    /// The officers' filing list.
    @Sendable func listFilings(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await list(request, context, export: nil)
    }

    /// The filing list as CSV.
    @Sendable func exportFilingsCSV(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await list(request, context, export: "csv")
    }

    /// The filing list as an Excel workbook.
    @Sendable func exportFilingsXLSX(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await list(request, context, export: "xlsx")
    }

    /// The task list of an enterprise's filing for a year.
    @Sendable func filingTasks(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (e, year) = try await api.target(context, .viewFiling)
        return try await taskList(e, year, context, returnErrors: [])
    }

    /// One section's page of a filing, with last year's values.
    @Sendable func sectionForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (e, year) = try await api.target(context, .viewFiling)
        let filing = try await services.filings.filing(enterpriseID: e.id, year: year)
        let typed = filing.values.reduce(into: [String: String]()) { out, kv in
            if let i = catalogue.indicator(kv.key, year: year) { out[kv.key] = IndicatorValue.format(kv.value, i, context.language) }
        }
        return try await sectionPage(e, year, try section(context), typed: typed, errors: [], context)
    }

    /// Saves a section's posted values, or shows the section again with its errors.
    @Sendable func saveSection(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (e, year) = try await api.target(context, .editFiling)
        let section = try self.section(context)
        let form = try await FormData.read(request, context: context)
        var typed: [String: String?] = [:]
        for i in catalogue.indicators(for: year) where i.section == section { typed[i.code] = .some(form[i.code] ?? "") }
        do {
            let changes = try EnterpriseAPI.unwrap(FilingInput.changes(typed, catalogue: catalogue, year: year, language: context.language), extra: [])
            _ = try await api.run(context.language) {
                let identity = try context.requireIdentity()
                return try await services.filings.save(enterpriseID: e.id, year: year, changes: changes, by: Workflow.actor(identity),
                                                       actor: identity.actor, requestID: context.requestID)
            }
            return .redirect(to: "/enterprises/\(e.id)/filings/\(year)", type: .found)
        } catch AppError.validation(let errors) {
            return try await sectionPage(e, year, section, typed: typed.compactMapValues { $0 }, errors: errors, context)
        }
    }

    /// Check-your-answers before submitting.
    @Sendable func checkAnswers(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (e, year) = try await api.target(context, .editFiling)
        return try await checkPage(e, year, errors: [], context)
    }

    /// Submits the filing, or shows check-your-answers again with what is missing.
    @Sendable func submitFiling(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (e, year) = try await api.target(context, .editFiling)
        do {
            _ = try await api.transition(e, year, .submit, context)
            return .redirect(to: "/enterprises/\(e.id)/filings/\(year)", type: .found)
        } catch AppError.validation(let errors) {
            return try await checkPage(e, year, errors: errors, context)
        }
    }

    /// The county's acceptance of a submitted filing.
    @Sendable func acceptFiling(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (e, year) = try await api.target(context, .reviewFiling)
        _ = try await api.transition(e, year, .accept, context)
        return .redirect(to: "/enterprises/\(e.id)/filings/\(year)", type: .found)
    }

    /// The county's return of a submitted filing for correction, with a reason.
    @Sendable func returnFiling(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (e, year) = try await api.target(context, .reviewFiling)
        let form = try await FormData.read(request, context: context)
        do {
            _ = try await api.transition(e, year, .returnForCorrection(reason: form["reason"] ?? ""), context)
            return .redirect(to: "/enterprises/\(e.id)/filings/\(year)", type: .found)
        } catch AppError.validation(let errors) {
            return try await taskList(e, year, context, returnErrors: errors, reasonTyped: form["reason"])
        }
    }

    func section(_ context: AppRequestContext) throws -> FilingSection {
        guard let s = context.parameters.get("section").flatMap(FilingSection.init(rawValue:)) else { throw AppError.notFound }
        return s
    }

    // MARK: Task list

    func taskList(_ e: EnterpriseRecord, _ year: Int, _ context: AppRequestContext, returnErrors: [FieldError],
                  reasonTyped: String? = nil) async throws -> Response {
        let l = context.language
        let identity = try context.requireIdentity()
        let filing = try await services.filings.filing(enterpriseID: e.id, year: year)
        let indicators = catalogue.indicators(for: year)
        let sector = Sector(rawValue: e.sector) ?? .manufacturing
        let target = AccessTarget.enterprise(id: e.id, county: e.county)
        let canEdit = filing.status.isEditable && Permission.decide(identity.principal, .editFiling, on: target) == .allow
        let canReview = filing.status == .submitted && Permission.decide(identity.principal, .reviewFiling, on: target) == .allow
        let sections = FilingSection.allCases.map { s in
            let inSection = indicators.filter { $0.section == s }
            let filled = inSection.filter { filing.values[$0.code] != nil }.count
            let missing = inSection.filter { $0.requiredFor.contains(sector) && filing.values[$0.code] == nil }.count
            let state = filled == 0 ? "notStarted" : (missing == 0 ? "completed" : "inProgress")
            return FilingTasksPage.Section(name: s.name(l), href: "/enterprises/\(e.id)/filings/\(year)/sections/\(s.rawValue)",
                                           state: views.t("filing.state.\(state)", l), stateClass: state,
                                           count: "\(filled) / \(inSection.count)")
        }
        let history = try await services.filings.history(enterpriseID: e.id, year: year).reversed().map { h in
            FilingTasksPage.HistoryRow(at: AuditChain.timestamp(h.at), actor: h.actor, action: views.t("filing.action.\(h.action)", l),
                                       reason: h.reason ?? "", changes: h.changes.map { "\($0.count)" } ?? "")
        }
        var form = FormView(strings: views.strings, language: l, errors: returnErrors)
        form.textarea("reason", label: views.t("filing.returnReason", l), hint: views.t("filing.returnHint", l), value: reasonTyped)
        let page = FilingTasksPage(
            enterpriseName: e.name, enterpriseHref: "/enterprises/\(e.id)", year: year,
            status: filing.status.name(l), statusClass: filing.status.rawValue,
            // Shown only while the filing is back with the enterprise.
            reviewReason: filing.status == .returned ? filing.reviewReason : nil,
            sections: sections, canEdit: canEdit, canReview: canReview,
            checkHref: "/enterprises/\(e.id)/filings/\(year)/check", base: "/enterprises/\(e.id)/filings/\(year)",
            history: history, hasHistory: !history.isEmpty,
            years: filingYears().map { FilingTasksPage.YearTab(year: $0, href: "/enterprises/\(e.id)/filings/\($0)", current: $0 == year) },
            fields: form.fields, errors: form.summary)
        return views.page("filings/tasks", title: "\(year) · \(views.t("filing.title", l)) · \(e.name)", model: page, context: context,
                          status: returnErrors.isEmpty ? .ok : .unprocessableContent)
    }

    /// The years a filing can be opened for: completed years the catalogue defines.
    func filingYears() -> [Int] {
        let lastYear = LocalDate.today().year - 1
        return Set(catalogue.all.flatMap { i in i.years.lowerBound <= lastYear ? Array(i.years.lowerBound...min(i.years.upperBound, lastYear)) : [] })
            .sorted(by: >)
    }

    // MARK: Section

    func sectionPage(_ e: EnterpriseRecord, _ year: Int, _ section: FilingSection, typed: [String: String], errors: [FieldError],
                     _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let identity = try context.requireIdentity()
        let filing = try await services.filings.filing(enterpriseID: e.id, year: year)
        let previous = try await services.filings.values(enterpriseID: e.id, year: year - 1)
        let sector = Sector(rawValue: e.sector) ?? .manufacturing
        let canEdit = filing.status.isEditable
            && Permission.decide(identity.principal, .editFiling, on: .enterprise(id: e.id, county: e.county)) == .allow
        let errorByField = Dictionary(errors.map { ($0.field, views.t($0.message, l)) }, uniquingKeysWith: { a, _ in a })
        let fields = catalogue.indicators(for: year).filter { $0.section == section }.map { i in
            // Last year's value; nil when there was none, so no empty hint paragraph is drawn.
            let hint = previous[i.code].flatMap { p in
                catalogue.indicator(i.code, year: year - 1).map { pi in views.t("filing.lastYear", l) + IndicatorValue.format(p, pi, l) + " " + i.unit(l) }
            }
            var options: [FormField.Option] = []
            var isSelect = true
            if case .enumeration(let choices) = i.type {
                options = choices.map { FormField.Option(value: $0, label: $0, selected: $0 == typed[i.code]) }
            } else if case .boolean = i.type {
                options = [("是", views.t("common.yes", l)), ("否", views.t("common.no", l))].map { v, label in
                    FormField.Option(value: v, label: label,
                                     selected: typed[i.code].map { IndicatorValue.parse($0, i) == IndicatorValue.parse(v, i) } ?? false)
                }
            } else {
                isSelect = false
            }
            return FilingSectionPage.Field(name: i.code, id: "field-values/\(i.code)", label: i.name(l), unit: i.unit(l).nilIfEmpty,
                                           value: typed[i.code] ?? "", hint: hint, required: i.requiredFor.contains(sector),
                                           display: typed[i.code].flatMap { $0.isEmpty ? nil : $0 } ?? "—",
                                           isText: !isSelect, isSelect: isSelect, options: options, error: errorByField["values/\(i.code)"])
        }
        let page = FilingSectionPage(enterpriseName: e.name, year: year, sectionName: section.name(l), fields: fields, canEdit: canEdit,
                                     action: "/enterprises/\(e.id)/filings/\(year)/sections/\(section.rawValue)",
                                     backHref: "/enterprises/\(e.id)/filings/\(year)",
                                     errors: ErrorSummary(errors, strings: views.strings, language: l))
        return views.page("filings/section", title: "\(section.name(l)) · \(year) · \(e.name)", model: page, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    // MARK: Check your answers

    func checkPage(_ e: EnterpriseRecord, _ year: Int, errors: [FieldError], _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let filing = try await services.filings.filing(enterpriseID: e.id, year: year)
        let indicators = catalogue.indicators(for: year)
        let sector = Sector(rawValue: e.sector) ?? .manufacturing
        let sections = FilingSection.allCases.map { s in
            FilingCheckPage.Section(
                name: s.name(l), href: "/enterprises/\(e.id)/filings/\(year)/sections/\(s.rawValue)",
                rows: indicators.filter { $0.section == s }.map { i in
                    FilingCheckPage.Row(label: i.name(l),
                                        value: filing.values[i.code].map { IndicatorValue.format($0, i, l) + " " + i.unit(l) }
                                            ?? (i.requiredFor.contains(sector) ? views.t("filing.missing", l) : "—"),
                                        missing: filing.values[i.code] == nil && i.requiredFor.contains(sector))
                })
        }
        // Each problem links to the field on its own section's page.
        let summary = ErrorSummary(errors, strings: views.strings, language: l) { err in
            let code = err.field.replacingOccurrences(of: "values/", with: "")
            let s = catalogue.indicator(code, year: year)?.section.rawValue ?? "business"
            return "/enterprises/\(e.id)/filings/\(year)/sections/\(s)#field-\(err.field)"
        }
        let page = FilingCheckPage(enterpriseName: e.name, year: year, sections: sections, canSubmit: filing.status.isEditable,
                                   status: filing.status.name(l), action: "/enterprises/\(e.id)/filings/\(year)/check",
                                   backHref: "/enterprises/\(e.id)/filings/\(year)", errors: summary)
        return views.page("filings/check", title: "\(views.t("filing.checkTitle", l)) · \(year) · \(e.name)", model: page, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    // MARK: List and export

    func list(_ request: Request, _ context: AppRequestContext, export: String?) async throws -> Response {
        let identity = try context.requireIdentity()
        let l = context.language
        var q = request.queryDictionary
        let years = filingYears()
        let year = q["year"].flatMap(Int.init).flatMap { years.contains($0) ? $0 : nil } ?? years[0]
        q["year"] = String(year)
        var errors: [FieldError] = []
        var query = EnterpriseQuery.parse(q, errors: &errors)
        let status = q["status"].flatMap { FilingStatus(rawValue: $0) != nil || $0 == "not_started" ? $0 : nil }
        let visibility = EnterpriseVisibility.of(identity.principal)
        if let export {
            guard errors.isEmpty else { throw AppError.validation(errors) }
            let indicators = catalogue.indicators(for: year)
            var table = TableExport(sheetName: "\(year)", headers: [views.t("field.creditCode", l), views.t("field.name", l),
                                                                    views.t("field.region", l), views.t("filing.status", l)]
                                        + indicators.map { "\($0.name(l)) (\($0.code))" })
            // Pages of 500 enterprises, each with one query for all their values.
            var pageNumber = 1
            while true {
                query.page = PageRequest(page: pageNumber, perPage: 500)
                let page = try await services.filings.list(year: year, status: status, visibility: visibility, query: query)
                let values = try await services.filings.values(enterpriseIDs: page.items.map(\.enterpriseId), year: year)
                for item in page.items {
                    let own = values[item.enterpriseId] ?? [:]
                    table.rows.append([.text(item.creditCode), .text(item.enterpriseName), .text(item.regionCode),
                                       .text(FilingStatus(rawValue: item.status)?.name(l) ?? views.t("filing.notStarted", l))]
                                      + indicators.map { i in own[i.code].map { Self.cell($0, i, l) } ?? .empty })
                }
                if pageNumber >= page.totalPages { break }
                pageNumber += 1
            }
            return try table.response(format: export, filename: "filings-\(year)")
        }
        let page = try await services.filings.list(year: year, status: status, visibility: visibility, query: errors.isEmpty ? query : EnterpriseQuery())
        let regions = services.reference.regions
        func link(_ p: Int) -> String {
            var params = q.filter { $0.key != "page" && !$0.value.isEmpty }
            params["page"] = String(p)
            return "/filings?" + params.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.sorted().joined(separator: "&")
        }
        let model = FilingListPage(
            year: year, q: q["q"] ?? "", total: page.total, page: page.page, totalPages: page.totalPages,
            rows: page.items.map { item in
                FilingListPage.Row(name: item.enterpriseName, creditCode: item.creditCode,
                                   county: (try? RegionCode(item.regionCode)).flatMap { regions.region($0) }?.name(l) ?? item.regionCode,
                                   status: FilingStatus(rawValue: item.status)?.name(l) ?? views.t("filing.notStarted", l),
                                   statusClass: item.status, count: item.valueCount,
                                   href: "/enterprises/\(item.enterpriseId)/filings/\(year)")
            },
            hasRows: !page.items.isEmpty,
            yearOptions: years.map { YearOption(value: $0, selected: $0 == year) },
            statusOptions: (FilingStatus.allCases.map(\.rawValue) + ["not_started"]).map { s in
                FormField.Option(value: s, label: FilingStatus(rawValue: s)?.name(l) ?? views.t("filing.notStarted", l), selected: s == status)
            },
            exportHref: link(1).replacingOccurrences(of: "/filings?", with: "/filings.csv?"),
            exportXlsxHref: link(1).replacingOccurrences(of: "/filings?", with: "/filings.xlsx?"),
            prevHref: page.page > 1 ? link(page.page - 1) : nil,
            nextHref: page.page < page.totalPages ? link(page.page + 1) : nil,
            errors: ErrorSummary(errors, strings: views.strings, language: l, href: { _ in "#filters" }))
        return views.page("filings/list", title: views.t("filing.listTitle", l), model: model, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// An exported value: numbers stay numbers (yuan, percent, units), options and yes/no as text.
    static func cell(_ stored: Int64, _ i: Indicator, _ l: Language) -> ExportCell {
        switch i.type {
        case .money: .number(stored, scale: 2)
        case .rate: .number(stored, scale: 2)
        case .quantity: .number(stored, scale: 3)
        case .integer: .number(stored, scale: 0)
        case .boolean, .enumeration: .text(IndicatorValue.format(stored, i, l))
        }
    }
}
