import Foundation
import Hummingbird
import JingpinCore

/// `/api/v1/enterprises` and `/api/v1/products`: JSON for machine clients.
struct EnterpriseAPI {
    let services: AppServices
    var repo: EnterpriseRepository { services.enterprises }

    static let listQuery: [QueryParameter] = [
        QueryParameter("q", "Text in the name, or the start of the credit code"), QueryParameter("city", "City code, e.g. 330100"),
        QueryParameter("county", "County code, e.g. 330106"), QueryParameter("sector", "manufacturing, agriculture, services or construction", .oneOf(Sector.allCases.map(\.rawValue)), blankIsAll: true),
        QueryParameter("industry", "GB/T 4754 industry code"), QueryParameter("sort", "name, creditCode, regionCode or createdAt; prefix - for descending",
                       .oneOf(EnterpriseQuery.SortKey.allCases.flatMap { [$0.rawValue, "-" + $0.rawValue] }), blankIsAll: true),
        QueryParameter("page", "Page number from 1"), QueryParameter("perPage", "Items per page, 1–100 (default 20)"),
    ]

    func register(_ routes: RouteTable) {
        routes.api(RouteDoc(method: .get, path: "/api/v1/enterprises", summary: "List the enterprises you may see",
                            tag: "enterprises", access: .permission(.viewEnterprise), query: Self.listQuery,
                            success: (200, Page<EnterpriseRecord>.self)), list)
        routes.api(RouteDoc(method: .post, path: "/api/v1/enterprises", summary: "Register an enterprise",
                            tag: "enterprises", access: .permission(.createEnterprise), request: EnterpriseRequest.self,
                            success: (201, EnterpriseRecord.self)), create)
        routes.api(RouteDoc(method: .get, path: "/api/v1/enterprises/{id}", summary: "Show one enterprise",
                            tag: "enterprises", access: .permission(.viewEnterprise), success: (200, EnterpriseRecord.self)), show)
        routes.api(RouteDoc(method: .patch, path: "/api/v1/enterprises/{id}", summary: "Change some fields of an enterprise",
                            tag: "enterprises", access: .permission(.editEnterprise), request: EnterpriseRequest.self,
                            success: (200, EnterpriseRecord.self)), update)
        routes.api(RouteDoc(method: .get, path: "/api/v1/enterprises/{id}/products", summary: "List an enterprise's products",
                            tag: "products", access: .permission(.viewProduct), success: (200, ItemList<ProductRecord>.self)), products)
        routes.api(RouteDoc(method: .post, path: "/api/v1/enterprises/{id}/products", summary: "Add a product to an enterprise",
                            tag: "products", access: .permission(.createProduct), request: ProductRequest.self,
                            success: (201, ProductRecord.self)), createProduct)
        routes.api(RouteDoc(method: .get, path: "/api/v1/products/{id}", summary: "Show one product",
                            tag: "products", access: .permission(.viewProduct), success: (200, ProductRecord.self)), product)
        routes.api(RouteDoc(method: .patch, path: "/api/v1/products/{id}", summary: "Change some fields of a product",
                            tag: "products", access: .permission(.editProduct), request: ProductRequest.self,
                            success: (200, ProductRecord.self)), updateProduct)
    }

    /// The enterprises the caller may see, filtered, sorted and paged.
    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        var errors: [FieldError] = []
        let query = EnterpriseQuery.parse(request.queryDictionary, errors: &errors)
        guard errors.isEmpty else { throw AppError.validation(errors) }
        return try JSONResponse.make(try await repo.list(query, visibility: .of(identity.principal)))
    }

    /// Registers an enterprise in a county of the caller's scope.
    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let body = try await RequestDecoder.decode(EnterpriseRequest.self, from: request, context: context)
        let fields = try validate(body.draft(over: EnterpriseDraft()), extra: [])
        let identity = try context.require(.createEnterprise, on: .region(fields.regionCode))
        let record = try await repo.create(fields, actor: identity.actor, requestID: context.requestID)
        var headers = HTTPFields()
        headers[.location] = "/api/v1/enterprises/\(record.id)"
        return try JSONResponse.make(record, status: .created, headers: headers)
    }

    /// One enterprise.
    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(try await visible(try context.uuid("id"), .viewEnterprise, context))
    }

    /// Changes the fields sent, each checked against what the role may change.
    @Sendable func update(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let current = try await visible(try context.uuid("id"), .editEnterprise, context)
        let body = try await RequestDecoder.decode(EnterpriseRequest.self, from: request, context: context)
        let fields = try validate(body.draft(over: current.draft), extra: [])
        let identity = try authorise(context, changing: current, to: fields)
        return try JSONResponse.make(try await repo.update(current.id, fields, actor: identity.actor, requestID: context.requestID))
    }

    /// An enterprise's products.
    @Sendable func products(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let enterprise = try await visible(try context.uuid("id"), .viewProduct, context)
        return try JSONResponse.make(ItemList(try await repo.products(of: enterprise.id)))
    }

    /// Adds a product.
    @Sendable func createProduct(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let enterprise = try await visible(try context.uuid("id"), .createProduct, context)
        let body = try await RequestDecoder.decode(ProductRequest.self, from: request, context: context)
        let fields = try validateProduct(body.draft(over: ProductDraft()), enterprise: enterprise, extra: [])
        let identity = try context.requireIdentity()
        let record = try await repo.createProduct(fields, enterpriseID: enterprise.id, actor: identity.actor, requestID: context.requestID)
        var headers = HTTPFields()
        headers[.location] = "/api/v1/products/\(record.id)"
        return try JSONResponse.make(record, status: .created, headers: headers)
    }

    /// One product.
    @Sendable func product(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (product, _) = try await visibleProduct(try context.uuid("id"), .viewProduct, context)
        return try JSONResponse.make(product)
    }

    /// Changes the product's fields sent.
    @Sendable func updateProduct(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (product, enterprise) = try await visibleProduct(try context.uuid("id"), .editProduct, context)
        let body = try await RequestDecoder.decode(ProductRequest.self, from: request, context: context)
        let fields = try validateProduct(body.draft(over: product.draft), enterprise: enterprise, extra: [])
        let identity = try context.requireIdentity()
        return try JSONResponse.make(try await repo.updateProduct(product.id, fields, actor: identity.actor, requestID: context.requestID))
    }

    /// Loads an enterprise and checks the action on it; outside the caller's scope it does not exist.
    func visible(_ id: UUID, _ action: Action, _ context: AppRequestContext) async throws -> EnterpriseRecord {
        guard let record = try await repo.find(id) else { throw AppError.notFound }
        try context.require(action, on: .enterprise(id: record.id, county: record.county))
        return record
    }

    /// Checks every field a change touches with `Permission.refusedFields`: a field the role may
    /// not change is refused with 403 naming it (an enterprise user's own registration); an
    /// enterprise moved to a county outside the officer's region is refused at `regionCode`
    /// (422). Sending a field back unchanged is no change, so whole-record clients still work.
    @discardableResult
    func authorise(_ context: AppRequestContext, changing current: EnterpriseRecord, to fields: EnterpriseFields) throws -> Identity {
        let identity = try context.requireIdentity()
        let old = try validate(current.draft, extra: [])
        let changed = fields.changedFields(from: old)
        let here = AccessTarget.enterprise(id: current.id, county: current.county)
        let refused = Permission.refusedFields(identity.principal, changing: changed, on: here)
        if !refused.isEmpty {
            throw AppError.fieldsNotEditable(refused.map { field, _ in
                FieldError(field: field.rawValue, code: "not_editable_by_role", "enterprises.error.not_editable_by_role")
            })
        }
        if changed.contains(.regionCode),
           !Permission.refusedFields(identity.principal, changing: [.regionCode], on: .enterprise(id: current.id, county: fields.regionCode)).isEmpty {
            throw AppError.validation([FieldError(field: "regionCode", code: "region_outside_scope",
                                                  "enterprises.error.region_outside_scope")])
        }
        return identity
    }

    func visibleProduct(_ id: UUID, _ action: Action, _ context: AppRequestContext) async throws -> (ProductRecord, EnterpriseRecord) {
        guard let product = try await repo.product(id) else { throw AppError.notFound }
        let enterprise = try await visible(product.enterpriseId, action, context)
        return (product, enterprise)
    }

    func validate(_ draft: EnterpriseDraft, extra: [FieldError]) throws -> EnterpriseFields {
        try Self.unwrap(draft.validate(regions: services.reference.regions, industries: services.reference.industries), extra: extra)
    }

    func validateProduct(_ draft: ProductDraft, enterprise: EnterpriseRecord, extra: [FieldError]) throws -> ProductFields {
        try Self.unwrap(draft.validate(industries: services.reference.industries, defaultIndustry: enterprise.industryCode), extra: extra)
    }

    /// Clean fields, or one validation error listing the reader's errors (wrong JSON types) and the domain's.
    static func unwrap<Fields>(_ result: Result<Fields, FieldErrors>, extra: [FieldError]) throws -> Fields {
        switch result {
        case .success(let f) where extra.isEmpty: return f
        case .success: throw AppError.validation(extra)
        case .failure(let e): throw AppError.validation(extra + e.errors)
        }
    }
}
