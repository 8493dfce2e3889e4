import FluentKit
import Foundation

/// A row of `enterprises`. `city_code` is stored beside the county so a city officer's
/// list is one indexed filter.
final class EnterpriseModel: Model, @unchecked Sendable {
    static let schema = "enterprises"
    @ID(key: .id) var id: UUID?
    @Field(key: "credit_code") var creditCode: String
    @Field(key: "name") var name: String
    @Field(key: "region_code") var regionCode: String
    @Field(key: "city_code") var cityCode: String
    @Field(key: "industry_code") var industryCode: String
    @Field(key: "sector") var sector: String
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "legal_representative") var legalRepresentative: String?
    @OptionalField(key: "contact_phone") var contactPhone: String?
    @Field(key: "is_above_scale") var isAboveScale: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// A row of `products`, owned by an enterprise.
final class ProductModel: Model, @unchecked Sendable {
    static let schema = "products"
    @ID(key: .id) var id: UUID?
    @Field(key: "enterprise_id") var enterpriseID: UUID
    @Field(key: "name") var name: String
    @Field(key: "category") var category: String
    @Field(key: "sector") var sector: String
    @Field(key: "industry_code") var industryCode: String
    @OptionalField(key: "description") var description: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}
