import FluentKit
import SQLKit

/// Creates the annual filings: `filings` (one per enterprise and year, with its workflow
/// status), `filing_values` (one row per enterprise, year and indicator, the unit of import
/// upserts) and `filing_events` (the history of every change).
struct CreateFilings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("filings")
            .id()
            .field("enterprise_id", .uuid, .required, .references("enterprises", "id", onDelete: .cascade))
            .field("year", .int, .required)
            .field("status", .string, .required)
            .field("submitted_at", .datetime)
            .field("reviewed_at", .datetime)
            .field("review_reason", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "enterprise_id", "year")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(table: "filing_values")
            .column("enterprise_id", type: .custom(SQLRaw(sql.dialect.name == "postgresql" ? "UUID" : "BLOB")), .notNull,
                    .references("enterprises", "id", onDelete: .cascade))
            .column("year", type: .int, .notNull)
            .column("indicator", type: .text, .notNull)
            .column("value", type: .bigint, .notNull)
            .column("source", type: .text, .notNull)
            .primaryKey("enterprise_id", "year", "indicator")
            .run()
        try await sql.create(index: "filing_values_year_idx").on("filing_values").column("year").column("indicator").run()
        try await database.schema("filing_events")
            .id()
            .field("filing_id", .uuid, .required, .references("filings", "id", onDelete: .cascade))
            .field("at", .datetime, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("reason", .string)
            .field("changes", .string)
            .create()
        try await sql.create(index: "filing_events_filing_idx").on("filing_events").column("filing_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("filing_events").delete()
        try await (database as! any SQLDatabase).drop(table: "filing_values").run()
        try await database.schema("filings").delete()
    }
}
