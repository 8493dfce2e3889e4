import Foundation
import JingpinCore

/// An enterprise as the API returns it and the pages show it.
public struct EnterpriseRecord: Sendable, Codable, Hashable {
    /// Its id.
    public let id: UUID
    /// Unified social credit code.
    public let creditCode: String
    /// Registered name.
    public let name: String
    /// County-level region code.
    public let regionCode: String
    /// The county's city code.
    public let cityCode: String
    /// GB/T 4754 industry code.
    public let industryCode: String
    /// Programme sector.
    public let sector: String
    /// Registered address.
    public let address: String?
    /// Legal representative.
    public let legalRepresentative: String?
    /// Contact telephone.
    public let contactPhone: String?
    /// Above designated size (规上).
    public let isAboveScale: Bool
    /// When it was created.
    public let createdAt: Date
    /// When it was last changed.
    public let updatedAt: Date

    init(_ m: EnterpriseModel) {
        id = m.id!
        creditCode = m.creditCode
        name = m.name
        regionCode = m.regionCode
        cityCode = m.cityCode
        industryCode = m.industryCode
        sector = m.sector
        address = m.address
        legalRepresentative = m.legalRepresentative
        contactPhone = m.contactPhone
        isAboveScale = m.isAboveScale
        createdAt = m.createdAt
        updatedAt = m.updatedAt
    }

    /// The draft a form starts from when editing.
    var draft: EnterpriseDraft {
        EnterpriseDraft(creditCode: creditCode, name: name, regionCode: regionCode, industryCode: industryCode,
                        address: address, legalRepresentative: legalRepresentative, contactPhone: contactPhone,
                        isAboveScale: isAboveScale ? "true" : "false")
    }

    /// The values the audit log records (no timestamps: they are in the entry itself).
    var auditSnapshot: [String: String] {
        ["creditCode": creditCode, "name": name, "regionCode": regionCode, "industryCode": industryCode, "sector": sector,
         "address": address ?? "", "legalRepresentative": legalRepresentative ?? "", "contactPhone": contactPhone ?? "",
         "isAboveScale": isAboveScale ? "true" : "false"]
    }

    /// Its county, for permission checks. Stored codes were validated when written.
    var county: RegionCode { try! RegionCode(regionCode) }
}

/// A product as the API returns it.
public struct ProductRecord: Sendable, Codable, Hashable {
    /// Its id.
    public let id: UUID
    /// The owning enterprise.
    public let enterpriseId: UUID
    /// Its name.
    public let name: String
    /// Its category.
    public let category: String
    /// Its sector.
    public let sector: String
    /// Its industry code.
    public let industryCode: String
    /// Its description.
    public let description: String?
    /// When it was created.
    public let createdAt: Date
    /// When it was last changed.
    public let updatedAt: Date

    init(_ m: ProductModel) {
        id = m.id!
        enterpriseId = m.enterpriseID
        name = m.name
        category = m.category
        sector = m.sector
        industryCode = m.industryCode
        description = m.description
        createdAt = m.createdAt
        updatedAt = m.updatedAt
    }

    var draft: ProductDraft {
        ProductDraft(name: name, category: category, industryCode: industryCode, description: description)
    }

    var auditSnapshot: [String: String] {
        ["enterpriseId": enterpriseId.uuidString, "name": name, "category": category, "sector": sector,
         "industryCode": industryCode, "description": description ?? ""]
    }
}

/// The filters, order and page of an enterprise list.
public struct EnterpriseQuery: Sendable, Equatable {
    /// Sort keys a list may be ordered by.
    public enum SortKey: String, Sendable, CaseIterable { case name, creditCode, regionCode, createdAt }

    /// Text matched against the name (contains) or credit code (prefix).
    public var text: String?
    /// Only this city.
    public var cityCode: String?
    /// Only this county.
    public var countyCode: String?
    /// Only this sector.
    public var sector: Sector?
    /// Only this industry.
    public var industryCode: String?
    /// The order.
    public var sort: SortKey = .name
    /// Descending instead of ascending.
    public var descending = false
    /// The page.
    public var page = PageRequest(page: 1, perPage: 20)

    /// Parses query parameters, collecting an error per bad one.
    static func parse(_ q: [String: String], errors: inout [FieldError]) -> EnterpriseQuery {
        var query = EnterpriseQuery()
        func clean(_ key: String) -> String? {
            guard let v = q[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        query.text = clean("q").map { String($0.prefix(100)) }
        if let city = clean("city") {
            if let code = try? RegionCode(city), code.level == .city { query.cityCode = city } else {
                errors.append(FieldError(field: "city", code: "invalid_city", "enterprises.error.invalid_city"))
            }
        }
        if let county = clean("county") {
            if let code = try? RegionCode(county), code.level == .county { query.countyCode = county } else {
                errors.append(FieldError(field: "county", code: "invalid_county", "enterprises.error.invalid_county"))
            }
        }
        if let sector = clean("sector") {
            if let s = Sector(rawValue: sector) { query.sector = s } else {
                errors.append(FieldError(field: "sector", code: "invalid_sector", "enterprises.error.invalid_sector", "\(Sector.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        query.industryCode = clean("industry")
        if let sort = clean("sort") {
            let key = sort.hasPrefix("-") ? String(sort.dropFirst()) : sort
            if let k = SortKey(rawValue: key) {
                query.sort = k
                query.descending = sort.hasPrefix("-")
            } else {
                errors.append(FieldError(field: "sort", code: "invalid_sort", "enterprises.error.invalid_sort", "\(SortKey.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        query.page = PageRequest.parse(page: q["page"], perPage: q["perPage"], errors: &errors)
        return query
    }
}
