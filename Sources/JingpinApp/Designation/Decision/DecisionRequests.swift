import Foundation
import JingpinCore

/// `POST /api/v1/rounds/{id}/ranking`: `apply` proposes the first `quota` when true; absent, the
/// ranking is only shown.
struct RankingRequest: RequestBody {
    /// Whether to propose the ranked list's head.
    var apply: Bool?
}

/// `POST /api/v1/rounds/{id}/notice`.
struct NoticeRequest: RequestBody {
    /// The day the notice is published (its working days count from the next one).
    var publishedOn: LocalDate
}

/// `POST /api/v1/public/rounds/{id}/objections`: contacts stay private.
struct ObjectionRequest: RequestBody {
    /// The proposed product's application objected to.
    var applicationId: UUID
    /// What is wrong with it.
    var text: String
    /// Who objects.
    var contactName: String
    /// How to reach them.
    var contactPhone: String
}

/// `POST /api/v1/objections/{id}/outcome`.
struct ObjectionOutcomeRequest: RequestBody {
    /// Whether the objection is upheld (the product is then not designated).
    var upheld: Bool
    /// What the investigation found, in words.
    var outcome: String
}

/// `POST /api/v1/rounds/{id}/committee`.
struct CommitteeVoteRequest: RequestBody, SchemaRefined {
    /// Members of the committee who voted.
    var members: Int
    /// Votes for the proposed list.
    var votesFor: Int

    func validate() -> [FieldError] {
        // The service checks the committee's own range (1–99) and votesFor ≤ members; here only
        // that the numbers are numbers anyone could mean.
        [InputBounds.check(members, in: InputBounds.count).map { $0.fieldError("members") },
         InputBounds.check(votesFor, in: InputBounds.count).map { $0.fieldError("votesFor") }].compactMap { $0 }
    }

    /// The committee's range as the service checks it (votesFor also at most members).
    static func refine(_ schema: inout JSONSchema) {
        schema.refine("members", to: .integer(1...99))
        schema.refine("votesFor", to: .integer(0...99))
    }
}

/// The committee's vote as recorded.
struct CommitteeVote: Codable, Sendable {
    /// Members who voted.
    let members: Int
    /// Votes for.
    let votesFor: Int
    /// Whether the vote reaches the round's threshold.
    let carries: Bool
    /// The threshold, as `numerator/denominator` (e.g. `2/3`).
    let threshold: String
}
