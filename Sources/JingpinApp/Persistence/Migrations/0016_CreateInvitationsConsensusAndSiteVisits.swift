import FluentKit

/// Creates what expert review still lacked: `expert_invitations` (an expert invited to a round,
/// pending until accepted or declined, with the reason for a decline), `consensus_reviews` (the
/// lead expert named for an application whose scores diverge, and the consensus score they
/// record with its reason; who and when for both) and `site_visits` (the optional site visit's
/// date, participants and findings, one per application).
struct CreateInvitationsConsensusAndSiteVisits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("expert_invitations")
            .id()
            .field("round_series_id", .uuid, .required)
            .field("expert_id", .uuid, .required, .references("experts", "id"))
            .field("status", .string, .required)
            .field("decline_reason", .string)
            .field("invited_by", .string, .required)
            .field("invited_at", .datetime, .required)
            .field("answered_at", .datetime)
            .unique(on: "round_series_id", "expert_id")
            .create()
        try await database.schema("consensus_reviews")
            .id()
            .field("application_id", .uuid, .required, .references("designation_applications", "id"))
            .field("lead_expert_id", .uuid, .required, .references("experts", "id"))
            .field("named_by", .string, .required)
            .field("named_at", .datetime, .required)
            .field("points_hundredths", .int64)
            .field("reason", .string)
            .field("recorded_by", .string)
            .field("recorded_at", .datetime)
            .unique(on: "application_id")
            .create()
        try await database.schema("site_visits")
            .id()
            .field("application_id", .uuid, .required, .references("designation_applications", "id"))
            .field("visited_on", .string, .required)
            .field("participants", .string, .required)
            .field("findings", .string, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "application_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("site_visits").delete()
        try await database.schema("consensus_reviews").delete()
        try await database.schema("expert_invitations").delete()
    }
}
