import FluentKit
import Foundation

/// A row of `filings`: one enterprise's filing for one year and where it stands.
final class FilingModel: Model, @unchecked Sendable {
    static let schema = "filings"
    @ID(key: .id) var id: UUID?
    @Field(key: "enterprise_id") var enterpriseID: UUID
    @Field(key: "year") var year: Int
    @Field(key: "status") var status: String
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @OptionalField(key: "review_reason") var reviewReason: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// A row of `filing_events`: one change to a filing, with who, when, why and what changed.
final class FilingEventModel: Model, @unchecked Sendable {
    static let schema = "filing_events"
    @ID(key: .id) var id: UUID?
    @Field(key: "filing_id") var filingID: UUID
    @Field(key: "at") var at: Date
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "changes") var changes: String?
    init() {}
}
