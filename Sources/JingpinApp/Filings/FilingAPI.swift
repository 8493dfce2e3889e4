import Foundation
import Hummingbird
import JingpinCore

/// `/api/v1/indicators` and the filing endpoints under `/api/v1/enterprises/{id}/filings/{year}`.
struct FilingAPI {
    let services: AppServices
    var filings: FilingRepository { services.filings }
    var catalogue: IndicatorCatalogue { services.catalogue }
    var enterprises: EnterpriseAPI { EnterpriseAPI(services: services) }

    /// An indicator as the API describes it.
    struct IndicatorDTO: Codable, Sendable {
        let code, nameZh, nameEn, section, type, unit: String
        let options: [String]?
        let minimum, maximum: Int64?
        let storedUnit: String
        let requiredFor: [String]

        init(_ i: Indicator) {
            code = i.code
            nameZh = i.nameZh
            nameEn = i.nameEn
            section = i.section.rawValue
            type = i.type.storageName
            unit = i.unit(.en)
            if case .enumeration(let o) = i.type { options = o } else { options = nil }
            minimum = i.minimum
            maximum = i.maximum
            storedUnit = switch i.type {
            case .money: "fen"
            case .rate: "basis points"
            case .quantity(let u): "thousandths of \(u)"
            case .boolean: "1 = yes, 0 = no"
            case .enumeration: "option index from 0"
            case .integer: "count"
            }
            requiredFor = i.requiredFor.map(\.rawValue).sorted()
        }
    }

    /// `GET /api/v1/indicators`: a year's catalogue.
    struct IndicatorList: Codable, Sendable, Documented {
        let year: Int
        let items: [IndicatorDTO]
    }

    /// A filing with its values both stored and as typed, and last year's values beside them.
    struct FilingDTO: Codable, Sendable, Documented {
        static var schemaName: String { "Filing" }
        let filing: FilingRecord
        let display: [String: String]
        let previousYear: [String: String]
        let missingRequired: [String]
    }

    func register(_ routes: RouteTable) {
        routes.api(RouteDoc(method: .get, path: "/api/v1/indicators", summary: "The indicator catalogue for a year",
                            tag: "filings", access: .permission(.viewIndicators), query: [QueryParameter("year", "Reporting year, e.g. 2025", required: true)],
                            success: (200, IndicatorList.self)), indicators)
        routes.api(RouteDoc(method: .get, path: "/api/v1/filings", summary: "Filings of the enterprises you may see, for a year",
                            tag: "filings", access: .permission(.viewFiling),
                            query: [QueryParameter("year", "Reporting year", required: true),
                                    QueryParameter("status", "draft, submitted, returned, accepted or not_started",
                                                   .oneOf(FilingStatus.allCases.map(\.rawValue) + ["not_started"]), blankIsAll: true)]
                                + EnterpriseAPI.listQuery.filter { $0.name != "sort" },
                            success: (200, Page<FilingListItem>.self)), list)
        routes.api(RouteDoc(method: .get, path: "/api/v1/enterprises/{id}/filings/{year}", summary: "An enterprise's filing for a year",
                            tag: "filings", access: .permission(.viewFiling), success: (200, FilingDTO.self)), filing)
        routes.api(RouteDoc(method: .put, path: "/api/v1/enterprises/{id}/filings/{year}",
                            summary: "Save values (a draft); send {\"values\": {\"code\": \"text\"}}, empty text clears",
                            tag: "filings", access: .permission(.editFiling), request: FilingValuesRequest.self, success: (200, FilingDTO.self)), save)
        routes.api(RouteDoc(method: .post, path: "/api/v1/enterprises/{id}/filings/{year}/submit", summary: "Submit the filing to the county",
                            tag: "filings", access: .permission(.editFiling), success: (200, FilingDTO.self)), submit)
        routes.api(RouteDoc(method: .post, path: "/api/v1/enterprises/{id}/filings/{year}/accept", summary: "Accept a submitted filing (county officer)",
                            tag: "filings", access: .permission(.reviewFiling), success: (200, FilingDTO.self)), accept)
        routes.api(RouteDoc(method: .post, path: "/api/v1/enterprises/{id}/filings/{year}/return",
                            summary: "Return a submitted filing with a reason (county officer)", tag: "filings", access: .permission(.reviewFiling),
                            request: FilingReturnRequest.self, success: (200, FilingDTO.self)), returnForCorrection)
        routes.api(RouteDoc(method: .get, path: "/api/v1/enterprises/{id}/filings/{year}/history", summary: "Every change to a filing",
                            tag: "filings", access: .permission(.viewFiling), success: (200, ItemList<FilingEvent>.self)), history)
    }

    /// The indicators of a year.
    @Sendable func indicators(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var errors: [FieldError] = []
        guard let year = InputBounds.read(request.uri.queryParameters["year"].map(String.init), field: "year",
                                          in: InputBounds.year, errors: &errors) else { throw AppError.validation(errors) }
        return try JSONResponse.make(IndicatorList(year: year, items: catalogue.indicators(for: year).map(IndicatorDTO.init)))
    }

    /// The filings of a year, of the enterprises the caller may see.
    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let q = request.queryDictionary
        var errors: [FieldError] = []
        let query = EnterpriseQuery.parse(q, errors: &errors)
        let year = InputBounds.read(q["year"], field: "year", in: InputBounds.year, errors: &errors)
        if let s = q["status"], !s.isEmpty, FilingStatus(rawValue: s) == nil, s != "not_started" {
            errors.append(FieldError(field: "status", code: "invalid_status", "filings.error.invalid_status", "\(s)"))
        }
        guard errors.isEmpty, let year else { throw AppError.validation(errors) }
        let status = q["status"].flatMap { $0.isEmpty ? nil : $0 }
        return try JSONResponse.make(try await filings.list(year: year, status: status, visibility: .of(identity.principal), query: query))
    }

    /// One filing.
    @Sendable func filing(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (enterprise, year) = try await target(context, .viewFiling)
        return try JSONResponse.make(try await dto(enterprise, year))
    }

    /// Saves values into the draft.
    @Sendable func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (enterprise, year) = try await target(context, .editFiling)
        let body = try await RequestDecoder.decode(FilingValuesRequest.self, from: request, context: context)
        let typed: [String: String?] = body.values.mapValues { $0?.text }
        let changes = try EnterpriseAPI.unwrap(FilingInput.changes(typed, catalogue: catalogue, year: year, language: context.language),
                                               extra: [])
        let identity = try context.requireIdentity()
        _ = try await run(context.language) { try await filings.save(enterpriseID: enterprise.id, year: year, changes: changes,
                                                                     by: Workflow.actor(identity), actor: identity.actor, requestID: context.requestID) }
        return try JSONResponse.make(try await dto(enterprise, year))
    }

    /// The enterprise submits.
    @Sendable func submit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await take(.submit, by: .editFiling, context)
    }

    /// The county accepts.
    @Sendable func accept(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await take(.accept, by: .reviewFiling, context)
    }

    /// The county returns the filing with its reason.
    @Sendable func returnForCorrection(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let body = try await RequestDecoder.decode(FilingReturnRequest.self, from: request, context: context)
        return try await take(.returnForCorrection(reason: body.reason ?? ""), by: .reviewFiling, context)
    }

    private func take(_ filingAction: FilingAction, by action: Action, _ context: AppRequestContext) async throws -> Response {
        let (enterprise, year) = try await target(context, action)
        _ = try await transition(enterprise, year, filingAction, context)
        return try JSONResponse.make(try await dto(enterprise, year))
    }

    /// Every change to a filing.
    @Sendable func history(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (enterprise, year) = try await target(context, .viewFiling)
        return try JSONResponse.make(ItemList(try await filings.history(enterpriseID: enterprise.id, year: year)))
    }

    /// The enterprise and year of a filing route, with the action checked on the enterprise.
    func target(_ context: AppRequestContext, _ action: Action) async throws -> (EnterpriseRecord, Int) {
        let enterprise = try await enterprises.visible(try context.uuid("id"), action, context)
        let year = try FilingInput.checkYear(context.parameters.get("year"), catalogue: catalogue)
        return (enterprise, year)
    }

    func transition(_ enterprise: EnterpriseRecord, _ year: Int, _ action: FilingAction, _ context: AppRequestContext) async throws -> FilingRecord {
        let indicators = catalogue.indicators(for: year)
        let sector = Sector(rawValue: enterprise.sector) ?? .manufacturing
        let identity = try context.requireIdentity()
        return try await run(context.language) {
            try await filings.transition(enterpriseID: enterprise.id, year: year, action: action, by: Workflow.actor(identity), actor: identity.actor,
                                         requestID: context.requestID) { FilingWorkflow.missingRequired(indicators, values: $0, sector: sector) }
        }
    }

    /// Runs a filing write and turns a refused transition into a 409 (wrong state) or 422 (missing data, no reason).
    func run<T>(_ language: Language, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch FilingError.transition(let e) {
            switch e {
            case .notAllowed: throw AppError.conflict(e.message)
            case .wrongActor: throw AppError.forbidden
            case .reasonRequired:
                throw AppError.validation([FieldError(field: "reason", code: "reason_required", message: e.message)])
            case .incomplete(let missing):
                throw AppError.validation(missing.map { code in
                    let i = catalogue.all.first { $0.code == code }
                    return FieldError(field: "values/\(code)", code: "required", "filings.error.required", .named(zh: "\(i?.nameZh ?? code)", en: "\(i?.nameEn ?? code)"))
                })
            }
        }
    }

    func dto(_ enterprise: EnterpriseRecord, _ year: Int) async throws -> FilingDTO {
        let filing = try await filings.filing(enterpriseID: enterprise.id, year: year)
        let previous = try await filings.values(enterpriseID: enterprise.id, year: year - 1)
        func display(_ values: [String: Int64], _ y: Int) -> [String: String] {
            var out: [String: String] = [:]
            for (code, v) in values { if let i = catalogue.indicator(code, year: y) { out[code] = IndicatorValue.format(v, i, .zhHans) } }
            return out
        }
        let sector = Sector(rawValue: enterprise.sector) ?? .manufacturing
        return FilingDTO(filing: filing, display: display(filing.values, year), previousYear: display(previous, year - 1),
                         missingRequired: FilingWorkflow.missingRequired(catalogue.indicators(for: year), values: filing.values, sector: sector))
    }
}

/// `PUT /api/v1/enterprises/{id}/filings/{year}`: `{"values": {"code": value}}` — text or a number;
/// null or empty text clears the value.
struct FilingValuesRequest: RequestBody {
    var values: [String: ValueText?]
}

/// `POST …/filings/{year}/return`: the county's reason (required; the workflow checks).
struct FilingReturnRequest: RequestBody {
    var reason: String?
}
