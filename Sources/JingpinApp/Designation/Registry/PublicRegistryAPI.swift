import Foundation
import Hummingbird
import JingpinCore

/// The public registry of designated products as JSON, without login: the searchable, filterable
/// list (`GET /api/v1/public/designations`) and one product's public record with its national
/// recognitions; and, for the province, recording a recognition. Only public fields appear. The
/// pages are `RegistryPages`, on the same filter.
struct PublicRegistryAPI {
    let services: AppServices
    var registry: RegistryService { RegistryService(database: services.database, rules: services.rules) }
    var pages: RegistryPages { RegistryPages(services: services) }

    func register(_ routes: RouteTable) {
        routes.api(RouteDoc(method: .get, path: "/api/v1/public/designations",
                            summary: "The registry of designated products: ?q= (product or enterprise), city, sector, year, status (default the live ones), page, perPage",
                            tag: "public", access: .anyone,
                            query: [QueryParameter("q", "Product or enterprise name"), QueryParameter("city", "A city's code"), QueryParameter("sector", "A sector", .oneOf(Sector.allCases.map(\.rawValue)), blankIsAll: true), QueryParameter("year", "The designation year"),
                                    QueryParameter("status", "designated, under_review, suspended, revoked, cancelled, expired or renewed",
                                                   .oneOf(DesignationStatus.allCases.map(\.rawValue)), blankIsAll: true), QueryParameter("page", "From 1"), QueryParameter("perPage", "1–100")],
                            success: (200, RegistryPage.self)), list)
        routes.api(RouteDoc(method: .get, path: "/api/v1/public/designations/{id}",
                            summary: "One designated product: its public record and the national recognitions it or its enterprise holds",
                            tag: "public", access: .anyone, success: (200, PublicRecord.self)), show)
        routes.api(RouteDoc(method: .post, path: "/api/v1/enterprises/{id}/recognitions",
                            summary: "Record a national recognition: {\"kind\", \"title\", \"year\", \"issuer\", \"productId\"?}",
                            tag: "designations", access: .permission(.manageRounds), request: RecognitionRequest.self,
                            success: (201, RecognitionService.View.self)), addRecognition)
    }

    /// A page of the registry, filtered by the query.
    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (filter, paging) = try RegistryPages.filter(request.queryDictionary)
        let all = try await registry.publicEntries(filter, regions: services.reference.regions, language: context.language)
        let items = Array(paging.slice(all))
        return try JSONResponse.make(RegistryPage(items: items, total: all.count, page: paging.page, perPage: paging.perPage))
    }

    /// One product's public record with its recognitions.
    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        let (entry, _, _) = try await registry.publicEntry(id, regions: services.reference.regions, language: context.language)
        return try JSONResponse.make(PublicRecord(designation: entry, recognitions: try await pages.recognitions(id, context.language)))
    }

    /// Records a national recognition of an enterprise (or one of its products).
    @Sendable func addRecognition(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let view = try await RecognitionService(database: services.database)
            .create(enterpriseID: try context.uuid("id"), input: try await RequestDecoder.decode(RecognitionRequest.self, from: request, context: context), actor: identity.actor,
                    requestID: context.requestID)
        return try JSONResponse.make(view, status: .created)
    }

    /// The page of results, as the API answers it.
    struct RegistryPage: Codable, Sendable, Documented {
        let items: [RegistryService.PublicEntry]
        let total: Int
        let page: Int
        let perPage: Int
    }

    /// One product's public record with its recognitions.
    struct PublicRecord: Codable, Sendable, Documented {
        let designation: RegistryService.PublicEntry
        let recognitions: [RecognitionService.View]
    }
}
