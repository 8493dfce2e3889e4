import FluentKit

/// Creates the expert registry (`experts`: one profile per expert user, with home city, sectors
/// and load cap; `expert_affiliations`: employer, consultancy and shareholding ties by credit
/// code) and `review_assignments` (an expert on an application, hidden from the expert until
/// the round's assignments are published; a dismissed conflict keeps its codes and reason).
struct CreateExpertReview: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("experts")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("name", .string, .required)
            .field("home_city_code", .string, .required)
            .field("sectors", .string, .required)
            .field("load_cap", .int, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id")
            .create()
        try await database.schema("expert_affiliations")
            .id()
            .field("expert_id", .uuid, .required, .references("experts", "id", onDelete: .cascade))
            .field("credit_code", .string, .required)
            .field("kind", .string, .required)
            .create()
        try await database.schema("review_assignments")
            .id()
            .field("round_series_id", .uuid, .required)
            .field("application_id", .uuid, .required, .references("designation_applications", "id"))
            .field("expert_id", .uuid, .required, .references("experts", "id"))
            .field("published", .bool, .required)
            .field("dismissed_conflicts", .string)
            .field("dismissal_reason", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "application_id", "expert_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("review_assignments").delete()
        try await database.schema("expert_affiliations").delete()
        try await database.schema("experts").delete()
    }
}
