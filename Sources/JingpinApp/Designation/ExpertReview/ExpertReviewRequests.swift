import Foundation
import JingpinCore

/// `POST /api/v1/experts`: an expert user's profile.
struct ExpertRequest: RequestBody {
    /// An expert's tie to an enterprise (checked against applicants for conflicts).
    struct Affiliation: Decodable, Sendable {
        /// The enterprise's credit code.
        var creditCode: String
        /// `employee`, `consultant` or `shareholder` (the service checks).
        var kind: String
    }
    /// The expert's user account.
    var userId: UUID
    /// The name shown.
    var name: String
    /// The city the expert lives and works in (a city's code).
    var homeCity: String
    /// The sectors the expert reviews.
    var sectors: [String]
    /// The most applications the expert takes in a round (1–200; the service checks).
    var loadCap: Int
    /// Ties to enterprises; none when absent.
    var affiliations: [Affiliation]?
}

/// `POST /api/v1/rounds/{id}/assignments`: one or many, all or nothing.
struct AssignmentRequest: RequestBody {
    /// One expert on one application.
    struct Item: Decodable, Sendable {
        var applicationId: UUID
        var expertId: UUID
        /// Assign despite a conflict the server finds, saying why.
        var dismissConflictReason: String?
    }
    var assignments: [Item]

    func validate() -> [FieldError] {
        assignments.isEmpty ? [FieldError(field: "assignments", code: "required", "expertReview.error.required.5")] : []
    }
}

/// `PUT /api/v1/my/assignments/{id}/scores`.
struct ScoreRequest: RequestBody {
    /// One indicator's band, 0–5 (the service checks the range and the indicator).
    struct Item: Decodable, Sendable {
        var indicatorId: String
        var band: Int
        var comment: String?
    }
    var scores: [Item]
    /// Submit the sheet (absent: save a draft).
    var submit: Bool?
    /// Why a submitted score changes.
    var reason: String?
}
