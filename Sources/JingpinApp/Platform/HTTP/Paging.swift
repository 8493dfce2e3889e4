import JingpinCore

/// A page of a list, as every list endpoint returns it.
public struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
    /// The items on this page.
    public let items: [Item]
    /// The page number, from 1.
    public let page: Int
    /// Items per page.
    public let perPage: Int
    /// Items in the whole list.
    public let total: Int
    /// Number of pages.
    public var totalPages: Int { max(1, (total + perPage - 1) / perPage) }

    enum CodingKeys: String, CodingKey { case items, page, perPage, total, totalPages }

    /// Encodes with the derived `totalPages`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(page, forKey: .page)
        try c.encode(perPage, forKey: .perPage)
        try c.encode(total, forKey: .total)
        try c.encode(totalPages, forKey: .totalPages)
    }
}

/// Which page the caller asked for, checked.
public struct PageRequest: Sendable, Equatable {
    /// The page, from 1.
    public let page: Int
    /// Items per page, 1–100.
    public let perPage: Int

    /// The largest page size served, so one request cannot read a whole table.
    public static let maxPerPage = 100

    /// Parses `page` and `perPage` query values, adding field errors for bad ones.
    public static func parse(page: String?, perPage: String?, defaultPerPage: Int = 20, errors: inout [FieldError]) -> PageRequest {
        var p = 1, n = defaultPerPage
        if let page, !page.isEmpty {
            if let v = Int(page), v >= 1 { p = v } else {
                errors.append(FieldError(field: "page", code: "invalid_page", zh: "页码应为正整数", en: "page must be a whole number from 1"))
            }
        }
        if let perPage, !perPage.isEmpty {
            if let v = Int(perPage), (1...maxPerPage).contains(v) { n = v } else {
                errors.append(FieldError(field: "perPage", code: "invalid_per_page", zh: "每页条数应为1–\(maxPerPage)",
                                         en: "perPage must be 1–\(maxPerPage)"))
            }
        }
        return PageRequest(page: p, perPage: n)
    }

    /// Rows to skip.
    public var offset: Int { (page - 1) * perPage }
}
