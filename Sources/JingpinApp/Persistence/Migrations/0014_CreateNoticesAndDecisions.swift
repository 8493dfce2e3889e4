import FluentKit

/// Creates what follows the expert review: `public_notices` (one per round: published on, last
/// day), `objections` (anyone's, with contact details kept private, and the officers' outcome),
/// `committee_votes` (one per round) and `designations` (the designated products: the record
/// whose lifecycle the registry follows).
struct CreateNoticesAndDecisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("public_notices")
            .id()
            .field("round_series_id", .uuid, .required)
            .field("published_on", .string, .required)
            .field("last_day", .string, .required)
            .field("working_days", .int, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "round_series_id")
            .create()
        try await database.schema("objections")
            .id()
            .field("round_series_id", .uuid, .required)
            .field("application_id", .uuid, .required, .references("designation_applications", "id"))
            .field("text", .string, .required)
            .field("contact_name", .string, .required)
            .field("contact_phone", .string, .required)
            .field("filed_at", .datetime, .required)
            .field("status", .string, .required)
            .field("outcome", .string)
            .field("decided_by", .string)
            .field("decided_at", .datetime)
            .create()
        try await database.schema("committee_votes")
            .id()
            .field("round_series_id", .uuid, .required)
            .field("members", .int, .required)
            .field("votes_for", .int, .required)
            .field("carries", .bool, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "round_series_id")
            .create()
        try await database.schema("designations")
            .id()
            .field("application_id", .uuid, .required, .references("designation_applications", "id"))
            .field("round_series_id", .uuid, .required)
            .field("enterprise_id", .uuid, .required)
            .field("product_id", .uuid, .required)
            .field("year", .int, .required)
            .field("designated_on", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "application_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["designations", "committee_votes", "objections", "public_notices"] { try await database.schema(table).delete() }
    }
}
