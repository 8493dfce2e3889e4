import FluentKit

/// Creates the experts' score sheets: `score_sheets` (one per assignment, draft until
/// submitted), `score_entries` (a band 0–5 and a comment per expert-scored indicator) and
/// `score_changes` (every change to a submitted sheet: old → new, who, when, why — history is
/// never overwritten).
struct CreateScoreSheets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("score_sheets")
            .id()
            .field("assignment_id", .uuid, .required, .references("review_assignments", "id"))
            .field("application_id", .uuid, .required)
            .field("expert_id", .uuid, .required)
            .field("status", .string, .required)
            .field("submitted_at", .datetime)
            .field("updated_at", .datetime, .required)
            .unique(on: "assignment_id")
            .create()
        try await database.schema("score_entries")
            .id()
            .field("sheet_id", .uuid, .required, .references("score_sheets", "id", onDelete: .cascade))
            .field("indicator_id", .string, .required)
            .field("band", .int, .required)
            .field("comment", .string)
            .unique(on: "sheet_id", "indicator_id")
            .create()
        try await database.schema("score_changes")
            .id()
            .field("sheet_id", .uuid, .required, .references("score_sheets", "id", onDelete: .cascade))
            .field("indicator_id", .string, .required)
            .field("old_band", .int, .required)
            .field("new_band", .int, .required)
            .field("reason", .string, .required)
            .field("actor", .string, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("score_changes").delete()
        try await database.schema("score_entries").delete()
        try await database.schema("score_sheets").delete()
    }
}
