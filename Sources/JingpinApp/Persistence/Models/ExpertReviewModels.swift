import FluentKit
import Foundation

/// A row of `expert_invitations`: an expert invited to review in a round.
final class InvitationModel: Model, @unchecked Sendable {
    static let schema = "expert_invitations"
    @ID(key: .id) var id: UUID?
    @Field(key: "round_series_id") var roundSeriesID: UUID
    @Field(key: "expert_id") var expertID: UUID
    /// `pending`, `accepted` or `declined`.
    @Field(key: "status") var status: String
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
