import FluentKit
import SQLKit

/// Creates `enterprises`, unique by credit code, indexed for the region filters.
struct CreateEnterprises: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("enterprises")
            .id()
            .field("credit_code", .string, .required)
            .field("name", .string, .required)
            .field("region_code", .string, .required, .references("regions", "code"))
            .field("city_code", .string, .required, .references("regions", "code"))
            .field("industry_code", .string, .required, .references("industries", "code"))
            .field("sector", .string, .required)
            .field("address", .string)
            .field("legal_representative", .string)
            .field("contact_phone", .string)
            .field("is_above_scale", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "credit_code")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "enterprises_city_idx").on("enterprises").column("city_code").run()
        try await sql.create(index: "enterprises_region_idx").on("enterprises").column("region_code").run()
        try await sql.create(index: "enterprises_name_idx").on("enterprises").column("name").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("enterprises").delete()
    }
}
