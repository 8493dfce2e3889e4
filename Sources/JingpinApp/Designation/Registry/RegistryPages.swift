import Foundation
import Hummingbird
import JingpinCore

/// The public registry of designated products, without login: a searchable, filterable list
/// (`/registry`), a page per product with its QR code, the printable certificate, and the QR code
/// itself as SVG and PNG. Only public fields appear. The JSON side is `PublicRegistryAPI`.
struct RegistryPages {
    let services: AppServices
    var views: Views { services.views }
    var registry: RegistryService { RegistryService(database: services.database, rules: services.rules) }

    func register(_ routes: RouteTable) {
        routes.add(.get, "/registry", .anyone, list)
        routes.add(.get, "/registry/:id", .anyone, entry)
        routes.add(.get, "/registry/:id/certificate", .anyone, certificate)
        routes.add(.get, "/registry/:id/qr.svg", .anyone, qrSVG)
        routes.add(.get, "/registry/:id/qr.png", .anyone, qrPNG)
    }

    /// A product's public page with its QR code.
    @Sendable func entry(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await entryPage(try context.uuid("id"), template: "designation/registry_entry", context)
    }

    /// A product's printable certificate.
    @Sendable func certificate(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await entryPage(try context.uuid("id"), template: "designation/certificate", context)
    }

    /// A product's QR code as SVG.
    @Sendable func qrSVG(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (entry, code, _) = try await registry.publicEntry(try context.uuid("id"), regions: services.reference.regions, language: context.language)
        let svg = try Self.qr(verifyURL(code)).svg(title: "\(entry.certificateNumber) \(code)")
        return Self.file(Array(svg.utf8), type: "image/svg+xml", name: "\(entry.certificateNumber).svg")
    }

    /// A product's QR code as PNG.
    @Sendable func qrPNG(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (entry, code, _) = try await registry.publicEntry(try context.uuid("id"), regions: services.reference.regions, language: context.language)
        return Self.file(try Self.qr(verifyURL(code)).png(scale: 8), type: "image/png", name: "\(entry.certificateNumber).png")
    }

    /// The recognitions shown with designation `id`.
    func recognitions(_ id: UUID, _ l: Language) async throws -> [RecognitionService.View] {
        guard let d = try await DesignationModel.find(id, on: services.database.db) else { throw AppError.notFound }
        return try await RecognitionService(database: services.database).forProduct(d.productID, enterpriseID: d.enterpriseID, language: l)
    }

    /// The URL a product's QR code opens: the public address of this service, `/verify/`, the code.
    func verifyURL(_ code: VerificationCode) -> String {
        let base = services.settings.publicURL ?? "http://\(services.settings.hostname):\(services.settings.port)"
        return base.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/verify/" + code.value
    }

    static func qr(_ text: String) throws -> QRMatrix {
        guard let library = QRLibrary.shared else { throw AppError.conflict(QRLibrary.missingMessage) }
        return try library.encode(text)
    }

    static func file(_ bytes: [UInt8], type: String, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentDisposition] = "inline; filename=\"\(name)\""
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The filter and the page a query asks for; 422 naming each bad value.
    static func filter(_ q: [String: String]) throws -> (RegistryService.PublicFilter, PageRequest) {
        var errors: [FieldError] = []
        var f = RegistryService.PublicFilter()
        f.query = (q["q"] ?? "").trimmingCharacters(in: .whitespaces)
        if let city = q["city"], !city.isEmpty {
            if let c = try? RegionCode(city), c.level == .city { f.city = c.value } else {
                errors.append(FieldError(field: "city", code: "not_a_city", "registry.error.not_a_city"))
            }
        }
        if let sector = q["sector"], !sector.isEmpty {
            if let s = Sector(rawValue: sector) { f.sector = s } else {
                errors.append(FieldError(field: "sector", code: "unknown_sector", "registry.error.unknown_sector"))
            }
        }
        if let year = q["year"], !year.isEmpty {
            switch InputBounds.parse(year, in: InputBounds.year) {
            case .success(let y): f.year = y
            case .failure(let e): errors.append(e.fieldError("year"))
            }
        }
        if let status = q["status"], !status.isEmpty {
            if let s = DesignationStatus(rawValue: status) { f.status = s } else {
                errors.append(FieldError(field: "status", code: "unknown_status", "registry.error.unknown_status.2"))
            }
        }
        let paging = PageRequest.parse(page: q["page"], perPage: q["perPage"], errors: &errors)
        guard errors.isEmpty else { throw AppError.validation(errors) }
        return (f, paging)
    }

    // MARK: Pages

    /// The registry list, filtered and paged by the query.
    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let q = request.queryDictionary
        let (filter, paging) = try Self.filter(q)
        let all = try await registry.publicEntries(filter, regions: services.reference.regions, language: l)
        let shown = paging.slice(all)
        let totalPages = paging.totalPages(all.count)
        func href(_ page: Int) -> String {
            var parts = ["page=\(page)"]
            for key in ["q", "city", "sector", "year", "status"] {
                if let v = q[key], !v.isEmpty { parts.append("\(key)=\(v.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
            }
            return "/registry?" + parts.joined(separator: "&")
        }
        let page = RegistryListPage(
            rows: shown.map { e in
                RegistryListPage.Row(href: "/registry/\(e.id)", product: e.product, enterprise: e.enterprise, city: e.city, sector: e.sector,
                                     year: e.year, status: e.statusName, statusClass: e.status, certificate: e.certificateNumber)
            },
            hasRows: !shown.isEmpty, total: all.count, page: paging.page, totalPages: totalPages, q: filter.query,
            cityOptions: services.reference.regions.cities.map { FormField.Option(value: $0.code.value, label: $0.name(l), selected: $0.code.value == filter.city) },
            sectorOptions: Sector.allCases.map { FormField.Option(value: $0.rawValue, label: $0.name(l), selected: $0 == filter.sector) },
            statusOptions: DesignationStatus.allCases.map { FormField.Option(value: $0.rawValue, label: $0.name(l), selected: $0 == filter.status) },
            year: filter.year.map(String.init) ?? "",
            prevHref: paging.page > 1 ? href(paging.page - 1) : nil,
            nextHref: paging.page < totalPages ? href(paging.page + 1) : nil)
        return views.page("designation/registry", title: views.t("registry.title", l), model: page, context: context)
    }

    func entryPage(_ id: UUID, template: String, _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let (e, code, designatedOn) = try await registry.publicEntry(id, regions: services.reference.regions, language: l)
        let honours = try await recognitions(id, l)
        let qrSVG = QRLibrary.shared == nil ? nil : try? Self.qr(verifyURL(code)).svg(title: views.t("registry.qrTitle", l))
        let page = RegistryEntryPage(
            product: e.product, category: e.category, enterprise: e.enterprise, city: e.city, sector: e.sector,
            year: e.year, status: e.statusName, statusClass: e.status, certificate: e.certificateNumber,
            designatedOn: designatedOn, validUntil: e.validUntil, code: code.description,
            verifyHref: "/verify/\(code.value)", verifyURL: verifyURL(code), base: "/registry/\(id)", reason: e.reason,
            hasRecognitions: !honours.isEmpty,
            recognitions: honours.map { RegistryEntryPage.Recognition(kind: $0.kindName, title: $0.title, year: $0.year, issuer: $0.issuer) },
            qrSVG: qrSVG)
        return views.page(template, title: "\(e.product) · \(views.t("registry.title", l))", model: page, context: context)
    }
}

/// `/registry`: the public list of designated products, with its filters and pages.
struct RegistryListPage: PageModel {
    let rows: [Row]
    let hasRows: Bool
    let total: Int
    let page: Int
    let totalPages: Int
    let q: String
    let cityOptions: [FormField.Option]
    let sectorOptions: [FormField.Option]
    let statusOptions: [FormField.Option]
    /// The year filter as given, "" for any.
    let year: String
    let prevHref: String?
    let nextHref: String?

    /// One designated product.
    struct Row: Encodable, Sendable {
        let href: String
        let product: String
        let enterprise: String
        let city: String
        let sector: String
        let year: Int
        let status: String
        let statusClass: String
        let certificate: String
    }
}

/// `/registry/{id}` and its printable certificate: one product's public record and QR code.
struct RegistryEntryPage: PageModel {
    let product: String
    let category: String
    let enterprise: String
    let city: String
    let sector: String
    let year: Int
    let status: String
    let statusClass: String
    let certificate: String
    let designatedOn: String
    let validUntil: String
    let code: String
    let verifyHref: String
    let verifyURL: String
    let base: String
    /// Why the designation is suspended or revoked; nil when it is not.
    let reason: String?
    let hasRecognitions: Bool
    let recognitions: [Recognition]
    /// The QR code as inline SVG; nil when the QR library is not installed.
    let qrSVG: String?

    /// A national recognition the product or its enterprise holds.
    struct Recognition: Encodable, Sendable {
        let kind: String
        let title: String
        let year: Int
        let issuer: String
    }
}
