import FluentKit
import SQLKit

/// Creates `designation_applications` (one per product and round series: what the enterprise
/// declares, its status) and `application_events` (every step taken: who, when, from, to, why).
struct CreateApplications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("designation_applications")
            .id()
            .field("round_id", .uuid, .required, .references("designation_rounds", "id"))
            .field("round_series_id", .uuid, .required)
            .field("enterprise_id", .uuid, .required, .references("enterprises", "id"))
            .field("product_id", .uuid, .required, .references("products", "id"))
            .field("county_code", .string, .required)
            .field("city_code", .string, .required)
            .field("category", .string, .required)
            .field("status", .string, .required)
            .field("product_sales_fen", .int64)
            .field("launch_date", .string)
            .field("declares_truthful", .bool, .required)
            .field("declares_no_veto", .bool, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("submitted_at", .datetime)
            .unique(on: "round_series_id", "product_id")
            .create()
        try await database.schema("application_events")
            .id()
            .field("application_id", .uuid, .required, .references("designation_applications", "id", onDelete: .cascade))
            .field("step", .string, .required)
            .field("from_status", .string, .required)
            .field("to_status", .string, .required)
            .field("actor", .string, .required)
            .field("reason", .string)
            .field("at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "application_events_application_idx").on("application_events").column("application_id").run()
        try await sql.create(index: "designation_applications_round_idx").on("designation_applications").column("round_series_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("application_events").delete()
        try await database.schema("designation_applications").delete()
    }
}
