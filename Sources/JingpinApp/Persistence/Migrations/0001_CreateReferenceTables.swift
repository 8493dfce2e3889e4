import FluentKit

/// Creates the reference tables: regions, industries, Nice classes and the holiday calendar.
struct CreateReferenceTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("regions")
            .field("code", .string, .identifier(auto: false))
            .field("name_zh", .string, .required)
            .field("name_en", .string, .required)
            .field("level", .string, .required)
            .field("parent_code", .string)
            .field("kind", .string, .required)
            .field("is_mountain26", .bool, .required)
            .field("is_island", .bool, .required)
            .create()
        try await database.schema("industries")
            .field("code", .string, .identifier(auto: false))
            .field("level", .string, .required)
            .field("name_zh", .string, .required)
            .field("name_en", .string, .required)
            .field("sector", .string, .required)
            .create()
        try await database.schema("nice_classes")
            .field("number", .int, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("heading_en", .string, .required)
            .create()
        try await database.schema("calendar_days")
            .field("date", .string, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("name_zh", .string, .required)
            .field("name_en", .string, .required)
            .field("confidence", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["calendar_days", "nice_classes", "industries", "regions"] {
            try await database.schema(table).delete()
        }
    }
}
