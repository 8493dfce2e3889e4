import FluentKit

/// Creates `national_recognitions`: the steps up the ladder to "Chinese Quality" (中国质量) an
/// enterprise or one of its products has reached — a China Quality Award nomination, a national
/// single-champion product and the like — shown on the product's public page.
struct CreateNationalRecognitions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("national_recognitions")
            .id()
            .field("enterprise_id", .uuid, .required, .references("enterprises", "id", onDelete: .cascade))
            .field("product_id", .uuid, .references("products", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("year", .int, .required)
            .field("issuer", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("national_recognitions").delete()
    }
}
