import FluentKit
import Foundation
import JingpinCore

// The rows of the programme's targets.

/// A row of `programme_targets`: live designations aimed at by a day, optionally for one sector or city.
final class ProgrammeTargetModel: Model, @unchecked Sendable {
    static let schema = "programme_targets"
    @ID(key: .id) var id: UUID?
    @Field(key: "label_zh") var labelZh: String
    @Field(key: "label_en") var labelEn: String
    @Field(key: "count") var count: Int
    /// YYYY-MM-DD.
    @Field(key: "deadline") var deadline: String
    @OptionalField(key: "sector") var sector: String?
    @OptionalField(key: "city_code") var cityCode: String?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}
