import FluentKit
import SQLKit

/// Creates `annual_reviews` (年度复核): one task per designation and year — due on the
/// designation's anniversary plus a month — with the enterprise's update (key figures, incidents,
/// complaints) and the province's decision.
struct CreateAnnualReviews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("annual_reviews")
            .id()
            .field("designation_id", .uuid, .required, .references("designations", "id", onDelete: .cascade))
            .field("year", .int, .required)
            .field("due_on", .string, .required)
            .field("status", .string, .required)
            .field("sales_fen", .int64)
            .field("incidents", .string)
            .field("complaints", .int)
            .field("submitted_by", .string)
            .field("submitted_at", .datetime)
            .field("decided_by", .string)
            .field("decided_at", .datetime)
            .field("decision_note", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "designation_id", "year")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("annual_reviews").delete()
    }
}
