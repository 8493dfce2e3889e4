import FluentKit
import SQLKit

/// Creates what an application carries besides its declarations: `application_values` (the
/// scorecard's data-derived indicator values, prefilled from the enterprise's filings),
/// `application_files` (evidence files' metadata) with `file_contents` (their bytes, apart, so
/// listing files never reads them), and adds `city_rank` (the city's recommendation order) to
/// `designation_applications`.
struct CreateApplicationEvidence: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("application_values")
            .id()
            .field("application_id", .uuid, .required, .references("designation_applications", "id", onDelete: .cascade))
            .field("indicator", .string, .required)
            .field("value", .int64, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "application_id", "indicator")
            .create()
        try await database.schema("application_files")
            .id()
            .field("application_id", .uuid, .required, .references("designation_applications", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("size", .int64, .required)
            .field("sha256", .string, .required)
            .field("uploaded_by", .string, .required)
            .field("uploaded_at", .datetime, .required)
            .create()
        try await database.schema("file_contents")
            .id()
            .field("bytes", .data, .required)
            .create()
        try await database.schema("designation_applications")
            .field("city_rank", .int)
            .update()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "application_files_application_idx").on("application_files").column("application_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("designation_applications").deleteField("city_rank").update()
        try await database.schema("file_contents").delete()
        try await database.schema("application_files").delete()
        try await database.schema("application_values").delete()
    }
}
