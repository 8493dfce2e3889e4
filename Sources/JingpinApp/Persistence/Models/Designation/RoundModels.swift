import FluentKit
import Foundation
import JingpinCore

// The rows of a designation round: its configuration, one row per version.

/// A row of `designation_rounds`: one version of a designation round's configuration.
final class RoundModel: Model, @unchecked Sendable {
    static let schema = "designation_rounds"
    @ID(key: .id) var id: UUID?
    @Field(key: "series_id") var seriesID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "year") var year: Int
    @Field(key: "title_zh") var titleZh: String
    @Field(key: "title_en") var titleEn: String
    /// Stored as its raw value; changed only through `RoundStep`.
    @Field(key: "status") var status: RoundStatus
    /// The configuration as `RoundInput` JSON, keys sorted.
    @Field(key: "configuration") var configuration: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "opened_by") var openedBy: String?
    @OptionalField(key: "opened_at") var openedAt: Date?
    init() {}
}
