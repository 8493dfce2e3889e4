import FluentKit

/// Creates `users`.
struct CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("role", .string, .required)
            .field("scope", .string, .required)
            .field("password_hash", .string, .required)
            .field("failed_attempts", .int, .required)
            .field("locked_until", .datetime)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "username")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}
