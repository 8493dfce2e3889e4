import FluentKit
import SQLKit

/// Creates `products`, each owned by one enterprise.
struct CreateProducts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("products")
            .id()
            .field("enterprise_id", .uuid, .required, .references("enterprises", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("category", .string, .required)
            .field("sector", .string, .required)
            .field("industry_code", .string, .required, .references("industries", "code"))
            .field("description", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "products_enterprise_idx").on("products").column("enterprise_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("products").delete()
    }
}
