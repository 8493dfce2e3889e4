import FluentKit
import Foundation
import JingpinCore

// The rows of expert review: experts, invitations, assignments, score sheets and their changes, consensus, site visits.

/// A row of `experts`: an expert user's profile for assignment.
final class ExpertModel: Model, @unchecked Sendable {
    static let schema = "experts"
    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "name") var name: String
    @Field(key: "home_city_code") var homeCityCode: String
    /// Sector raw values, comma-separated.
    @Field(key: "sectors") var sectors: String
    @Field(key: "load_cap") var loadCap: Int
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A row of `expert_affiliations`.
final class ExpertAffiliationModel: Model, @unchecked Sendable {
    static let schema = "expert_affiliations"
    @ID(key: .id) var id: UUID?
    @Field(key: "expert_id") var expertID: UUID
    @Field(key: "credit_code") var creditCode: String
    @Field(key: "kind") var kind: String
    init() {}
}

/// A row of `review_assignments`.
final class AssignmentModel: Model, @unchecked Sendable {
    static let schema = "review_assignments"
    @ID(key: .id) var id: UUID?
    @Field(key: "round_series_id") var roundSeriesID: UUID
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "expert_id") var expertID: UUID
    @Field(key: "published") var published: Bool
    /// Conflict codes dismissed, comma-separated.
    @OptionalField(key: "dismissed_conflicts") var dismissedConflicts: String?
    @OptionalField(key: "dismissal_reason") var dismissalReason: String?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A row of `score_sheets`: one expert's scores of one application.
final class ScoreSheetModel: Model, @unchecked Sendable {
    static let schema = "score_sheets"
    @ID(key: .id) var id: UUID?
    @Field(key: "assignment_id") var assignmentID: UUID
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "expert_id") var expertID: UUID
    /// Stored as its raw value; changed only through `ScoreSheetStep`.
    @Field(key: "status") var status: ScoreSheetStatus
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// A row of `score_entries`: one indicator's band on a sheet.
final class ScoreEntryModel: Model, @unchecked Sendable {
    static let schema = "score_entries"
    @ID(key: .id) var id: UUID?
    @Field(key: "sheet_id") var sheetID: UUID
    @Field(key: "indicator_id") var indicatorID: String
    @Field(key: "band") var band: Int
    @OptionalField(key: "comment") var comment: String?
    init() {}
}

/// A row of `score_changes`: a change to a submitted sheet.
final class ScoreChangeModel: Model, @unchecked Sendable {
    static let schema = "score_changes"
    @ID(key: .id) var id: UUID?
    @Field(key: "sheet_id") var sheetID: UUID
    @Field(key: "indicator_id") var indicatorID: String
    @Field(key: "old_band") var oldBand: Int
    @Field(key: "new_band") var newBand: Int
    @Field(key: "reason") var reason: String
    @Field(key: "actor") var actor: String
    @Field(key: "at") var at: Date
    init() {}
}

/// A row of `expert_invitations`: an expert invited to review in a round.
final class InvitationModel: Model, @unchecked Sendable {
    static let schema = "expert_invitations"
    @ID(key: .id) var id: UUID?
    @Field(key: "round_series_id") var roundSeriesID: UUID
    @Field(key: "expert_id") var expertID: UUID
    /// Stored as its raw value; changed only through `InvitationStep`.
    @Field(key: "status") var status: InvitationStatus
    @OptionalField(key: "decline_reason") var declineReason: String?
    @Field(key: "invited_by") var invitedBy: String
    @Field(key: "invited_at") var invitedAt: Date
    @OptionalField(key: "answered_at") var answeredAt: Date?
    init() {}
}

/// A row of `consensus_reviews`: the lead expert of a divergent application and, once
/// recorded, the consensus score (in hundredths of a point) with its reason.
final class ConsensusModel: Model, @unchecked Sendable {
    static let schema = "consensus_reviews"
    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "lead_expert_id") var leadExpertID: UUID
    @Field(key: "named_by") var namedBy: String
    @Field(key: "named_at") var namedAt: Date
    @OptionalField(key: "points_hundredths") var pointsHundredths: Int64?
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "recorded_by") var recordedBy: String?
    @OptionalField(key: "recorded_at") var recordedAt: Date?
    init() {}
}

/// A row of `site_visits`: the site visit to an applicant (现场核查), one per application.
final class SiteVisitModel: Model, @unchecked Sendable {
    static let schema = "site_visits"
    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    /// A `LocalDate`, "YYYY-MM-DD".
    @Field(key: "visited_on") var visitedOn: String
    @Field(key: "participants") var participants: String
    @Field(key: "findings") var findings: String
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "recorded_at") var recordedAt: Date
    init() {}
}
