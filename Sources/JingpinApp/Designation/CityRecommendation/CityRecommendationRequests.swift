import Foundation

/// `POST /api/v1/rounds/{id}/recommendations`.
struct RecommendationRequest: RequestBody {
    struct Decline: Decodable, Sendable {
        var id: UUID
        var reason: String
    }
    /// Recommended, best first.
    var ranked: [UUID]
    /// Not recommended, each with its reason (none when absent).
    var declined: [Decline]?
}
