import Foundation
import JingpinCore

/// `POST /api/v1/rounds/{id}/invitations`: all or nothing.
struct InvitationRequest: RequestBody {
    /// The experts invited.
    var expertIds: [UUID]

    func validate() -> [FieldError] {
        expertIds.isEmpty ? [FieldError(field: "expertIds", code: "required", "expertReview.error.required.9")] : []
    }
}

/// `POST /api/v1/my/invitations/{id}/decline`.
struct DeclineRequest: RequestBody {
    /// Why, if the expert says (at most 500 characters; the service checks).
    var reason: String?
}

/// `POST /api/v1/rounds/{id}/conflicts/dismiss`.
struct ConflictDismissRequest: RequestBody {
    /// The assignment whose conflict is dismissed.
    var assignmentId: UUID
    /// Why the conflict does not matter here (required; the service checks it is not blank).
    var reason: String
}

/// `POST /api/v1/rounds/{id}/assignments/auto`: `commit` false (or absent) previews, true stores.
struct AutoAssignRequest: RequestBody {
    /// Experts wanted per application, 1–10 (the service checks the range).
    var perApplication: Int
    /// Store the plan rather than preview it.
    var commit: Bool?
}

/// `POST /api/v1/applications/{id}/consensus/lead`.
struct ConsensusLeadRequest: RequestBody {
    /// The expert named lead.
    var expertId: UUID
}

/// `PUT /api/v1/my/assignments/{id}/consensus`: points as text with up to two decimals, never a float.
struct ConsensusRequest: RequestBody {
    /// The consensus points, e.g. `"18.50"`.
    var points: String
    /// Why the experts agree on it.
    var reason: String
}

/// `PUT /api/v1/applications/{id}/site-visit`.
struct SiteVisitRequest: RequestBody {
    /// The day of the visit, `YYYY-MM-DD` (the service checks it is a real day, not in the future).
    var visitedOn: String
    /// Who went.
    var participants: String
    /// What they found.
    var findings: String
}
