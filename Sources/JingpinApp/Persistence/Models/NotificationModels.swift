import FluentKit
import Foundation
import JingpinCore

// The platform's messages: in-app notifications and the mail outbox.

/// A row of `notifications`: an in-app message to one user.
final class NotificationModel: Model, @unchecked Sendable {
    static let schema = "notifications"
    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "kind") var kind: String
    /// What makes it the same message: it is sent once per user and key.
    @Field(key: "dedupe_key") var dedupeKey: String
    @Field(key: "subject_zh") var subjectZh: String
    @Field(key: "subject_en") var subjectEn: String
    @OptionalField(key: "link") var link: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?
    init() {}
}

/// A row of `mail_outbox`: a message for the mail gateway.
final class OutboxModel: Model, @unchecked Sendable {
    static let schema = "mail_outbox"
    @ID(key: .id) var id: UUID?
    @Field(key: "notification_id") var notificationID: UUID
    @Field(key: "to_user_id") var toUserID: UUID
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    init() {}
}
