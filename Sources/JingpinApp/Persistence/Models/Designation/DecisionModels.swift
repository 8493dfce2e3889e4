import FluentKit
import Foundation
import JingpinCore

// The rows of the decision stage: the public notice, objections, the committee vote.

/// A row of `public_notices`.
final class NoticeModel: Model, @unchecked Sendable {
    static let schema = "public_notices"
    @ID(key: .id) var id: UUID?
    @Field(key: "round_series_id") var roundSeriesID: UUID
    @Field(key: "published_on") var publishedOn: String
    @Field(key: "last_day") var lastDay: String
    @Field(key: "working_days") var workingDays: Int
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A row of `objections`.
final class ObjectionModel: Model, @unchecked Sendable {
    static let schema = "objections"
    @ID(key: .id) var id: UUID?
    @Field(key: "round_series_id") var roundSeriesID: UUID
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "text") var text: String
    @Field(key: "contact_name") var contactName: String
    @Field(key: "contact_phone") var contactPhone: String
    @Field(key: "filed_at") var filedAt: Date
    /// Stored as its raw value; changed only through `ObjectionStep`.
    @Field(key: "status") var status: ObjectionStatus
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "decided_by") var decidedBy: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    init() {}
}

/// A row of `committee_votes`.
final class CommitteeVoteModel: Model, @unchecked Sendable {
    static let schema = "committee_votes"
    @ID(key: .id) var id: UUID?
    @Field(key: "round_series_id") var roundSeriesID: UUID
    @Field(key: "members") var members: Int
    @Field(key: "votes_for") var votesFor: Int
    @Field(key: "carries") var carries: Bool
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "recorded_at") var recordedAt: Date
    init() {}
}
