import FluentKit

/// Creates `notifications` (in-app messages to a user, each sent once per `dedupe_key`) and
/// `mail_outbox` (the same messages for a mail gateway to read and mark sent).
struct CreateNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("notifications")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("dedupe_key", .string, .required)
            .field("subject_zh", .string, .required)
            .field("subject_en", .string, .required)
            .field("link", .string)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .unique(on: "user_id", "dedupe_key")
            .create()
        try await database.schema("mail_outbox")
            .id()
            .field("notification_id", .uuid, .required, .references("notifications", "id", onDelete: .cascade))
            .field("to_user_id", .uuid, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("mail_outbox").delete()
        try await database.schema("notifications").delete()
    }
}
