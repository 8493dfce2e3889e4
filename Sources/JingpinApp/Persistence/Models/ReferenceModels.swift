import FluentKit
import Foundation

/// A row of `regions`: a Zhejiang administrative division.
final class RegionModel: Model, @unchecked Sendable {
    static let schema = "regions"
    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "level") var level: String
    @OptionalField(key: "parent_code") var parentCode: String?
    @Field(key: "kind") var kind: String
    @Field(key: "is_mountain26") var isMountain26: Bool
    @Field(key: "is_island") var isIsland: Bool
    init() {}
}

/// A row of `industries`: a GB/T 4754-2017 section or division and its programme sector.
final class IndustryModel: Model, @unchecked Sendable {
    static let schema = "industries"
    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "level") var level: String
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "sector") var sector: String
    init() {}
}

/// A row of `nice_classes`: one of the 45 Nice classes.
final class NiceClassModel: Model, @unchecked Sendable {
    static let schema = "nice_classes"
    @ID(custom: "number", generatedBy: .user) var id: Int?
    @Field(key: "kind") var kind: String
    @Field(key: "heading_en") var headingEn: String
    init() {}
}

/// A row of `calendar_days`: a public holiday or an adjusted working day (调休).
final class CalendarDayModel: Model, @unchecked Sendable {
    static let schema = "calendar_days"
    @ID(custom: "date", generatedBy: .user) var id: String?
    @Field(key: "kind") var kind: String
    @Field(key: "name_zh") var nameZh: String
    @Field(key: "name_en") var nameEn: String
    @Field(key: "confidence") var confidence: String
    init() {}
}
