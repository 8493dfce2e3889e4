import Foundation
import Hummingbird
import JingpinCore

/// The enterprise pages: list with filters, export, show, create and edit, and products.
struct EnterprisePages {
    let services: AppServices
    var repo: EnterpriseRepository { services.enterprises }
    var views: Views { services.views }
    var api: EnterpriseAPI { EnterpriseAPI(services: services) }

    func register(_ routes: RouteTable) {
        routes.add(.get, "/enterprises", .permission(.viewEnterprise), list)
        routes.add(.get, "/enterprises.csv", .permission(.viewEnterprise), exportCSV)
        routes.add(.get, "/enterprises/new", .permission(.createEnterprise), newEnterpriseForm)
        routes.add(.post, "/enterprises/new", .permission(.createEnterprise), createEnterprise)
        routes.add(.get, "/enterprises/:id", .permission(.viewEnterprise), showEnterprise)
        routes.add(.get, "/enterprises/:id/edit", .permission(.editEnterprise), editEnterpriseForm)
        routes.add(.post, "/enterprises/:id/edit", .permission(.editEnterprise), saveEnterprise)
        routes.add(.get, "/enterprises/:id/products/new", .permission(.createProduct), newProductForm)
        routes.add(.post, "/enterprises/:id/products/new", .permission(.createProduct), createProduct)
        routes.add(.get, "/products/:id/edit", .permission(.editProduct), editProductForm)
        routes.add(.post, "/products/:id/edit", .permission(.editProduct), saveProduct)
    }

    /// The empty form for registering an enterprise.
    @Sendable func newEnterpriseForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        enterpriseForm(draft: EnterpriseDraft(), errors: [], editing: nil, context: context)
    }

    /// Registers the posted enterprise, or shows the form again with its errors.
    @Sendable func createEnterprise(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let draft = Self.draft(try await FormData.read(request, context: context))
        do {
            let fields = try api.validate(draft, extra: [])
            let identity = try context.require(.createEnterprise, on: .region(fields.regionCode))
            let record = try await repo.create(fields, actor: identity.actor, requestID: context.requestID)
            return .redirect(to: "/enterprises/\(record.id)", type: .found)
        } catch AppError.validation(let errors) {
            return enterpriseForm(draft: draft, errors: errors, editing: nil, context: context)
        }
    }

    /// The enterprise's page.
    @Sendable func showEnterprise(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let record = try await api.visible(try context.uuid("id"), .viewEnterprise, context)
        return try await show(record, context)
    }

    /// The form for editing an enterprise.
    @Sendable func editEnterpriseForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let record = try await api.visible(try context.uuid("id"), .editEnterprise, context)
        return enterpriseForm(draft: record.draft, errors: [], editing: record, context: context)
    }

    /// Saves the edited enterprise, or shows the form again with its errors.
    @Sendable func saveEnterprise(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let record = try await api.visible(try context.uuid("id"), .editEnterprise, context)
        let form = try await FormData.read(request, context: context)
        // Registration fields the user may not change are not on the form: they keep their values.
        let draft = canEditRegistration(record, context) ? Self.draft(form) : Self.draft(form, keeping: record.draft)
        do {
            let fields = try api.validate(draft, extra: [])
            let identity = try api.authorise(context, changing: record, to: fields)
            _ = try await repo.update(record.id, fields, actor: identity.actor, requestID: context.requestID)
            return .redirect(to: "/enterprises/\(record.id)", type: .found)
        } catch AppError.validation(let errors), AppError.fieldsNotEditable(let errors) {
            return enterpriseForm(draft: draft, errors: errors, editing: record, context: context)
        }
    }

    /// The empty form for adding a product to an enterprise.
    @Sendable func newProductForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let record = try await api.visible(try context.uuid("id"), .createProduct, context)
        return productForm(draft: ProductDraft(), errors: [], enterprise: record, editing: nil, context: context)
    }

    /// Adds the posted product to the enterprise, or shows the form again with its errors.
    @Sendable func createProduct(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let record = try await api.visible(try context.uuid("id"), .createProduct, context)
        let draft = Self.productDraft(try await FormData.read(request, context: context))
        do {
            let fields = try api.validateProduct(draft, enterprise: record, extra: [])
            _ = try await repo.createProduct(fields, enterpriseID: record.id, actor: try context.requireIdentity().actor,
                                             requestID: context.requestID)
            return .redirect(to: "/enterprises/\(record.id)", type: .found)
        } catch AppError.validation(let errors) {
            return productForm(draft: draft, errors: errors, enterprise: record, editing: nil, context: context)
        }
    }

    /// The form for editing a product.
    @Sendable func editProductForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (product, enterprise) = try await api.visibleProduct(try context.uuid("id"), .editProduct, context)
        return productForm(draft: product.draft, errors: [], enterprise: enterprise, editing: product, context: context)
    }

    /// Saves the edited product, or shows the form again with its errors.
    @Sendable func saveProduct(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (product, enterprise) = try await api.visibleProduct(try context.uuid("id"), .editProduct, context)
        let draft = Self.productDraft(try await FormData.read(request, context: context))
        do {
            let fields = try api.validateProduct(draft, enterprise: enterprise, extra: [])
            _ = try await repo.updateProduct(product.id, fields, actor: try context.requireIdentity().actor,
                                             requestID: context.requestID)
            return .redirect(to: "/enterprises/\(enterprise.id)", type: .found)
        } catch AppError.validation(let errors) {
            return productForm(draft: draft, errors: errors, enterprise: enterprise, editing: product, context: context)
        }
    }

    static func draft(_ form: FormData) -> EnterpriseDraft {
        EnterpriseDraft(creditCode: form["creditCode"], name: form["name"], regionCode: form["regionCode"],
                        industryCode: form["industryCode"], address: form["address"],
                        legalRepresentative: form["legalRepresentative"], contactPhone: form["contactPhone"],
                        isAboveScale: form["isAboveScale"] == nil ? "false" : "true")
    }

    /// The posted contact fields over `record`'s registration, for a user whose form shows the
    /// registration read-only; a registration field posted anyway is taken as sent, so that
    /// `authorise` refuses a change rather than this form ignoring it.
    static func draft(_ form: FormData, keeping record: EnterpriseDraft) -> EnterpriseDraft {
        var d = draft(form)
        d.creditCode = form["creditCode"] ?? record.creditCode
        d.name = form["name"] ?? record.name
        d.regionCode = form["regionCode"] ?? record.regionCode
        d.industryCode = form["industryCode"] ?? record.industryCode
        d.isAboveScale = form["isAboveScale"] == nil ? record.isAboveScale : "true"
        return d
    }

    /// Whether the user may change `record`'s registration (identity and statistical status).
    func canEditRegistration(_ record: EnterpriseRecord?, _ context: AppRequestContext) -> Bool {
        guard let record, let identity = context.identity else { return true }
        return Permission.decide(identity.principal, .editEnterpriseRegistration, on: .enterprise(id: record.id, county: record.county)) == .allow
    }

    static func productDraft(_ form: FormData) -> ProductDraft {
        ProductDraft(name: form["name"], category: form["category"], industryCode: form["industryCode"], description: form["description"])
    }

    // MARK: List

    /// The enterprise list, filtered, sorted and paged.
    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let l = context.language
        let q = request.queryDictionary
        var errors: [FieldError] = []
        let query = EnterpriseQuery.parse(q, errors: &errors)
        let page = try await repo.list(errors.isEmpty ? query : EnterpriseQuery(), visibility: .of(identity.principal))
        let refs = services.reference
        let rows = page.items.map { e in
            let county = (try? RegionCode(e.regionCode)).flatMap { refs.regions.region($0) }
            return EnterpriseListPage.Row(
                id: e.id.uuidString, name: e.name, creditCode: e.creditCode,
                county: county?.name(l) ?? e.regionCode,
                city: county?.parentCode.flatMap { refs.regions.region($0) }?.name(l) ?? "",
                industry: refs.industries.industry(e.industryCode).map { l.pick(zh: $0.nameZh, en: $0.nameEn) } ?? e.industryCode,
                sector: Sector(rawValue: e.sector)?.name(l) ?? e.sector)
        }
        func link(page p: Int? = nil, sort: String? = nil) -> String {
            var params = q.filter { !["page", "sort"].contains($0.key) && !$0.value.isEmpty }
            if let p { params["page"] = String(p) }
            if let s = sort ?? q["sort"] { params["sort"] = s }
            return "/enterprises?" + params.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                .sorted().joined(separator: "&")
        }
        let sortHeaders = [("name", "field.name"), ("creditCode", "field.creditCode"), ("regionCode", "field.region")].map { key, label in
            let current = q["sort"] ?? "name"
            let next = current == key ? "-" + key : key
            let mark = current == key ? " ▲" : (current == "-" + key ? " ▼" : "")
            return EnterpriseListPage.SortHeader(href: link(sort: next), label: views.t(label, l) + mark,
                                                 aria: current == key ? "ascending" : (current == "-" + key ? "descending" : "none"))
        }
        let visibility = EnterpriseVisibility.of(identity.principal)
        let cities = refs.regions.cities.filter { city in
            switch visibility { case .all: true; case .city(let c): c == city.code; default: false }
        }
        let counties = refs.regions.counties.filter { c in
            switch visibility {
            case .all: true
            case .city(let city): city.contains(c.code)
            case .county(let own): own == c.code
            default: false
            }
        }
        let cityOptions = cities.map { FormField.Option(value: $0.code.value, label: $0.name(l), selected: q["city"] == $0.code.value) }
        let model = EnterpriseListPage(
            rows: rows, total: page.total, page: page.page, totalPages: page.totalPages,
            hasRows: !rows.isEmpty, sortHeaders: sortHeaders, q: q["q"] ?? "",
            cityOptions: cityOptions, hasCityOptions: !cityOptions.isEmpty,
            countyOptions: counties.map { FormField.Option(value: $0.code.value, label: $0.name(l), selected: q["county"] == $0.code.value) },
            sectorOptions: Sector.allCases.map { FormField.Option(value: $0.rawValue, label: $0.name(l), selected: q["sector"] == $0.rawValue) },
            showRegionFilters: cities.count > 0 || counties.count > 1,
            exportHref: link().replacingOccurrences(of: "/enterprises?", with: "/enterprises.csv?"),
            canCreate: Permission.decide(identity.principal, .createEnterprise, on: .global) != .deny(.role),
            prevHref: page.page > 1 ? link(page: page.page - 1) : nil,
            nextHref: page.page < page.totalPages ? link(page: page.page + 1) : nil,
            errors: ErrorSummary(errors, strings: views.strings, language: l, href: { _ in "#filters" }))
        return views.page("enterprises/list", title: views.t("enterprises.title", l), model: model, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// The filtered enterprise list as CSV.
    @Sendable func exportCSV(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        var errors: [FieldError] = []
        let query = EnterpriseQuery.parse(request.queryDictionary, errors: &errors)
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let l = context.language
        let headerKeys = ["field.creditCode", "field.name", "field.region", "field.industry", "field.sector", "field.isAboveScale"]
        var out = "\u{FEFF}" + headerKeys.map { CSV.escape(views.t($0, l)) }.joined(separator: ",") + "\r\n"
        let refs = services.reference
        try await repo.forEach(query, visibility: .of(identity.principal)) { e in
            let county = (try? RegionCode(e.regionCode)).flatMap { refs.regions.region($0) }?.name(l) ?? e.regionCode
            let cols = [e.creditCode, e.name, county, e.industryCode, Sector(rawValue: e.sector)?.name(l) ?? e.sector,
                        e.isAboveScale ? views.t("common.yes", l) : views.t("common.no", l)]
            out += cols.map(CSV.escape).joined(separator: ",") + "\r\n"
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"enterprises.csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: out)))
    }

    // MARK: Show

    func show(_ e: EnterpriseRecord, _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let identity = try context.requireIdentity()
        let refs = services.reference
        let county = (try? RegionCode(e.regionCode)).flatMap { refs.regions.region($0) }
        let city = county?.parentCode.flatMap { refs.regions.region($0) }
        let products = try await repo.products(of: e.id)
        let target = AccessTarget.enterprise(id: e.id, county: e.county)
        let details = [
            (views.t("field.creditCode", l), e.creditCode),
            (views.t("field.region", l), [city?.name(l), county?.name(l)].compactMap { $0 }.joined(separator: " · ")),
            (views.t("field.industry", l), refs.industries.industry(e.industryCode).map { "\($0.code) \(l.pick(zh: $0.nameZh, en: $0.nameEn))" } ?? e.industryCode),
            (views.t("field.sector", l), Sector(rawValue: e.sector)?.name(l) ?? e.sector),
            (views.t("field.isAboveScale", l), views.t(e.isAboveScale ? "common.yes" : "common.no", l)),
            (views.t("field.address", l), e.address ?? "—"),
            (views.t("field.legalRepresentative", l), e.legalRepresentative ?? "—"),
            (views.t("field.contactPhone", l), e.contactPhone ?? "—"),
        ].map { EnterpriseShowPage.Detail(label: $0.0, value: $0.1) }
        let canEditProducts = Permission.decide(identity.principal, .editProduct, on: target) == .allow
        let page = EnterpriseShowPage(
            id: e.id.uuidString, name: e.name, details: details,
            mountain: county?.isMountain26 ?? false, island: county?.isIsland ?? false,
            canEdit: Permission.decide(identity.principal, .editEnterprise, on: target) == .allow,
            canAddProduct: Permission.decide(identity.principal, .createProduct, on: target) == .allow,
            hasProducts: !products.isEmpty,
            filingYears: Permission.decide(identity.principal, .viewFiling, on: target) == .allow
                ? FilingPages(services: services).filingYears().map { EnterpriseShowPage.FilingYear(year: $0, href: "/enterprises/\(e.id)/filings/\($0)") }
                : [],
            products: products.map { p in
                EnterpriseShowPage.Product(id: p.id.uuidString, name: p.name,
                                           category: ProductCategory(rawValue: p.category)?.name(l) ?? p.category,
                                           sector: Sector(rawValue: p.sector)?.name(l) ?? p.sector, industry: p.industryCode,
                                           canEdit: canEditProducts)
            })
        return views.page("enterprises/show", title: e.name, model: page, context: context)
    }

    // MARK: Forms

    func enterpriseForm(draft: EnterpriseDraft, errors: [FieldError], editing: EnterpriseRecord?, context: AppRequestContext) -> Response {
        let l = context.language
        let refs = services.reference
        var form = FormView(strings: views.strings, language: l, errors: errors)
        if canEditRegistration(editing, context) {
            registrationFields(&form, draft: draft, context: context)
        } else if let editing {
            // The registration is shown, not offered: the county officer keeps it.
            let hint = views.t("enterprises.registrationHint", l)
            form.readOnly("creditCode", label: views.t("field.creditCode", l), hint: hint, value: editing.creditCode)
            form.readOnly("name", label: views.t("field.name", l), value: editing.name)
            form.readOnly("regionCode", label: views.t("field.region", l), value: refs.regions.region(editing.county).map { "\($0.name(l)) (\($0.code.value))" } ?? editing.county.value)
            form.readOnly("industryCode", label: views.t("field.industry", l),
                          value: refs.industries.industry(editing.industryCode).map { "\($0.code) \(l.pick(zh: $0.nameZh, en: $0.nameEn))" } ?? editing.industryCode)
            form.readOnly("isAboveScale", label: views.t("field.isAboveScale", l), value: views.t(editing.isAboveScale ? "common.yes" : "common.no", l))
        }
        form.text("address", label: views.t("field.address", l), value: draft.address, width: "30")
        form.text("legalRepresentative", label: views.t("field.legalRepresentative", l), value: draft.legalRepresentative, width: "10")
        form.text("contactPhone", label: views.t("field.contactPhone", l), value: draft.contactPhone, type: "tel", width: "10")
        let title = editing.map { views.t("enterprises.editTitle", l) + " · " + $0.name } ?? views.t("enterprises.newTitle", l)
        let page = FormPage(heading: title, action: editing.map { "/enterprises/\($0.id)/edit" } ?? "/enterprises/new",
                            submit: views.t(editing == nil ? "enterprises.create" : "common.saveChanges", l),
                            cancelHref: editing.map { "/enterprises/\($0.id)" } ?? "/enterprises", form: form)
        return views.page("form", title: title, model: page, context: context, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// The registration inputs: credit code, name, county (only those the user may register in), industry, size.
    func registrationFields(_ form: inout FormView, draft: EnterpriseDraft, context: AppRequestContext) {
        let l = context.language
        let refs = services.reference
        form.text("creditCode", label: views.t("field.creditCode", l), hint: views.t("hint.creditCode", l),
                  value: draft.creditCode, width: "20", required: true)
        form.text("name", label: views.t("field.name", l), value: draft.name, width: "30", required: true)
        // Offer only counties the user may register enterprises in.
        let principal = context.identity!.principal
        let groups: [(String, [(String, String)])] = refs.regions.cities.compactMap { city in
            let counties = refs.regions.counties(in: city.code).filter {
                Permission.decide(principal, .createEnterprise, on: .region($0.code)) == .allow || $0.code.value == draft.regionCode
            }
            return counties.isEmpty ? nil : (city.name(l), counties.map { ($0.code.value, "\($0.name(l)) (\($0.code.value))") })
        }
        form.select("regionCode", label: views.t("field.region", l), value: draft.regionCode,
                    prompt: views.t("prompt.chooseCounty", l), groups: groups, required: true)
        form.select("industryCode", label: views.t("field.industry", l), hint: views.t("hint.industry", l), value: draft.industryCode,
                    prompt: views.t("prompt.chooseIndustry", l),
                    options: refs.industries.all.map { ($0.code, "\($0.code) \(l.pick(zh: $0.nameZh, en: $0.nameEn))") }, required: true)
        form.checkbox("isAboveScale", label: views.t("field.isAboveScale", l), checked: draft.isAboveScale == "true")
    }

    func productForm(draft: ProductDraft, errors: [FieldError], enterprise: EnterpriseRecord, editing: ProductRecord?,
                     context: AppRequestContext) -> Response {
        let l = context.language
        var form = FormView(strings: views.strings, language: l, errors: errors)
        form.text("name", label: views.t("field.productName", l), value: draft.name, width: "30", required: true)
        form.select("category", label: views.t("field.category", l), value: draft.category, prompt: views.t("prompt.chooseCategory", l),
                    groups: Sector.allCases.map { s in (s.name(l), ProductCategory.allCases.filter { $0.sector == s }.map { ($0.rawValue, $0.name(l)) }) },
                    required: true)
        form.select("industryCode", label: views.t("field.industry", l), hint: views.t("hint.productIndustry", l), value: draft.industryCode,
                    prompt: views.t("prompt.sameAsEnterprise", l),
                    options: services.reference.industries.all.map { ($0.code, "\($0.code) \(l.pick(zh: $0.nameZh, en: $0.nameEn))") })
        form.textarea("description", label: views.t("field.description", l), value: draft.description)
        let title = (editing == nil ? views.t("products.newTitle", l) : views.t("products.editTitle", l)) + " · " + enterprise.name
        let page = FormPage(heading: title, action: editing.map { "/products/\($0.id)/edit" } ?? "/enterprises/\(enterprise.id)/products/new",
                            submit: views.t(editing == nil ? "products.create" : "common.saveChanges", l),
                            cancelHref: "/enterprises/\(enterprise.id)", form: form)
        return views.page("form", title: title, model: page, context: context, status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
