import FluentKit
import Foundation
import JingpinCore

// The rows of applications: the application, its values, its evidence files and its steps.

/// A row of `designation_applications`: one product's application in one round.
final class ApplicationModel: Model, @unchecked Sendable {
    static let schema = "designation_applications"
    @ID(key: .id) var id: UUID?
    /// The round version applied to (the open one at the time).
    @Field(key: "round_id") var roundID: UUID
    @Field(key: "round_series_id") var roundSeriesID: UUID
    @Field(key: "enterprise_id") var enterpriseID: UUID
    @Field(key: "product_id") var productID: UUID
    @Field(key: "county_code") var countyCode: String
    @Field(key: "city_code") var cityCode: String
    @Field(key: "category") var category: String
    /// An `ApplicationStatus` raw value.
    @Field(key: "status") var status: String
    @OptionalField(key: "product_sales_fen") var productSalesFen: Int64?
    @OptionalField(key: "launch_date") var launchDate: String?
    @Field(key: "declares_truthful") var declaresTruthful: Bool
    @Field(key: "declares_no_veto") var declaresNoVeto: Bool
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    /// The city's recommendation order (1 = first), once the city has recommended it.
    @OptionalField(key: "city_rank") var cityRank: Int?
    init() {}
}

/// A row of `application_values`: an application's value of one filed indicator the
/// scorecard scores from data (in the indicator's stored unit).
final class ApplicationValueModel: Model, @unchecked Sendable {
    static let schema = "application_values"
    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    /// The filed indicator's code.
    @Field(key: "indicator") var indicator: String
    @Field(key: "value") var value: Int64
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// A row of `application_files`: an evidence file's metadata (its bytes are in `file_contents`).
final class ApplicationFileModel: Model, @unchecked Sendable {
    static let schema = "application_files"
    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    /// The uploader's file name, made safe (`EvidencePolicy.safeName`).
    @Field(key: "name") var name: String
    /// An `EvidencePolicy.Kind` raw value, read from the bytes.
    @Field(key: "kind") var kind: String
    @Field(key: "size") var size: Int64
    @Field(key: "sha256") var sha256: String
    @Field(key: "uploaded_by") var uploadedBy: String
    @Field(key: "uploaded_at") var uploadedAt: Date
    init() {}
}

/// A row of `file_contents`: a stored file's bytes, under the id of its metadata row.
final class FileContentModel: Model, @unchecked Sendable {
    static let schema = "file_contents"
    @ID(key: .id) var id: UUID?
    @Field(key: "bytes") var bytes: Data
    init() {}
}

/// A row of `application_events`: one step taken on an application.
final class ApplicationEventModel: Model, @unchecked Sendable {
    static let schema = "application_events"
    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "step") var step: String
    @Field(key: "from_status") var fromStatus: String
    @Field(key: "to_status") var toStatus: String
    @Field(key: "actor") var actor: String
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "at") var at: Date
    init() {}
}
