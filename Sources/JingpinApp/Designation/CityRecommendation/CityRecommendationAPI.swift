import Foundation
import Hummingbird
import JingpinCore

/// A city's recommendation list under `/api/v1/rounds/{id}/recommendations`: the applications its
/// counties passed, in the city's rank order within its quota, and the ones it declined.
struct CityRecommendationAPI: UsesApplications {
    let services: AppServices

    var recommendations: CityRecommendationService { CityRecommendationService(applications: applications) }

    func register(_ routes: RouteTable) {
        let review = Access.permission(.reviewApplication)
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds/{id}/recommendations",
                            summary: "A city's recommendation list and quota (the province names ?city=)", tag: "applications", access: review,
                            query: [QueryParameter("city", "A city's code, for the province")], success: (200, CityRecommendationService.ListView.self)), list)
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/recommendations",
                            summary: "Recommend in rank order and decline with reasons: {\"ranked\": [id, …], \"declined\": [{\"id\": …, \"reason\": …}]}",
                            tag: "applications", access: review, request: RecommendationRequest.self,
                            success: (200, CityRecommendationService.ListView.self)), recommend)
    }

    /// The list and the quota (the service checks the caller's city).
    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        return try JSONResponse.make(try await recommendations.list(roundID: try context.uuid("id"), city: request.uri.queryParameters["city"].map(String.init),
                                                                    identity: identity, language: context.language))
    }

    /// Records the city's ranking and declines.
    @Sendable func recommend(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(RecommendationRequest.self, from: request, context: context)
        let declined = (body.declined ?? []).map { CityRecommendationService.Decline(id: $0.id, reason: $0.reason) }
        return try JSONResponse.make(try await recommendations.recommend(roundID: try context.uuid("id"), ranked: body.ranked, declined: declined,
                                                                         identity: identity, requestID: context.requestID))
    }
}
