import FluentKit

/// Creates `designation_rounds`: one row per version of a round's configuration. Versions of
/// one round share a `series_id` (the first version's id); a draft can be edited, an open
/// version is frozen, and opening a newer version supersedes it.
struct CreateDesignationRounds: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("designation_rounds")
            .id()
            .field("series_id", .uuid, .required)
            .field("version", .int, .required)
            .field("year", .int, .required)
            .field("title_zh", .string, .required)
            .field("title_en", .string, .required)
            .field("status", .string, .required)
            .field("configuration", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("opened_by", .string)
            .field("opened_at", .datetime)
            .unique(on: "series_id", "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("designation_rounds").delete()
    }
}
