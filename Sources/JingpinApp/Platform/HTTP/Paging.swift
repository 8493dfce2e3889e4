import Foundation
import JingpinCore

/// A whole list, as `{"items": […]}`: lists short enough to send at once.
struct ItemList<Item: Codable & Sendable>: Codable, Sendable, Documented {
    /// The items.
    let items: [Item]

    init(_ items: [Item]) { self.items = items }

    static var schemaName: String { SchemaName.of(Item.self) + "List" }
}

/// A page of a list, as every list endpoint returns it.
public struct Page<Item: Codable & Sendable>: Codable, Sendable, Documented {
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

    static var schemaName: String { SchemaName.of(Item.self) + "Page" }

    public init(items: [Item], page: Int, perPage: Int, total: Int) {
        self.items = items
        self.page = page
        self.perPage = perPage
        self.total = total
    }

    /// Reads a page as it was sent, `totalPages` included (derived, so not kept).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        items = try c.decode([Item].self, forKey: .items)
        page = try c.decode(Int.self, forKey: .page)
        perPage = try c.decode(Int.self, forKey: .perPage)
        total = try c.decode(Int.self, forKey: .total)
        _ = try c.decode(Int.self, forKey: .totalPages)
    }

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

    /// Parses `page` and `perPage` query values, adding field errors for bad ones: both are
    /// bounded (`InputBounds.page`, `.perPage`), so the offset of any page that parses fits.
    public static func parse(page: String?, perPage: String?, defaultPerPage: Int = 20, errors: inout [FieldError]) -> PageRequest {
        var p = 1, n = defaultPerPage
        if let page, !page.isEmpty {
            switch InputBounds.parse(page, in: InputBounds.page) {
            case .success(let v): p = v
            case .failure(let e): errors.append(e.fieldError("page"))
            }
        }
        if let perPage, !perPage.isEmpty {
            switch InputBounds.parse(perPage, in: InputBounds.perPage) {
            case .success(let v): n = v
            case .failure(let e): errors.append(e.fieldError("perPage"))
            }
        }
        return PageRequest(page: p, perPage: n)
    }

    /// Rows to skip. Pages and sizes built in code stay within the bounds too; the
    /// checked product turns a slip there into an empty page rather than a crash.
    public var offset: Int { InputBounds.offset(page: page, perPage: perPage) ?? Int.max }

    /// This page of an array already in memory (a list filtered in Swift).
    public func slice<T>(_ all: [T]) -> ArraySlice<T> { all.dropFirst(offset).prefix(perPage) }

    /// Pages needed for `total` rows, at least one.
    public func totalPages(_ total: Int) -> Int { max(1, (total + perPage - 1) / perPage) }
}

/// The answer to a create that returns only the new record's id.
struct CreatedID: Codable, Sendable {
    let id: UUID
}
