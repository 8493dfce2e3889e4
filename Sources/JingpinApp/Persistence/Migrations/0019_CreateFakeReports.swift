import FluentKit
import SQLKit

/// Creates `fake_reports`: a member of the public's report of a suspected fake — the code they
/// scanned or read, where they bought it, what they saw — with contact details kept private,
/// and the officers' outcome.
struct CreateFakeReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("fake_reports")
            .id()
            .field("code_text", .string, .required)
            .field("designation_id", .uuid)
            .field("where_bought", .string, .required)
            .field("description", .string, .required)
            .field("contact_name", .string)
            .field("contact_phone", .string)
            .field("status", .string, .required)
            .field("outcome", .string)
            .field("filed_at", .datetime, .required)
            .field("closed_by", .string)
            .field("closed_at", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "fake_reports_status_idx").on("fake_reports").column("status").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("fake_reports").delete()
    }
}
