import Foundation

/// `/enterprises`: the enterprises the user sees, with filters, sortable headers and pages.
struct EnterpriseListPage: PageModel {
    let rows: [Row]
    let total: Int
    let page: Int
    let totalPages: Int
    let hasRows: Bool
    let sortHeaders: [SortHeader]
    let q: String
    /// Only the cities the user sees; none for a county officer, whose select is then left out.
    let cityOptions: [FormField.Option]
    let hasCityOptions: Bool
    let countyOptions: [FormField.Option]
    let sectorOptions: [FormField.Option]
    let showRegionFilters: Bool
    let exportHref: String
    let canCreate: Bool
    let prevHref: String?
    let nextHref: String?
    let errors: ErrorSummary

    /// One enterprise in the table.
    struct Row: Encodable, Sendable {
        let id: String
        let name: String
        let creditCode: String
        let county: String
        let city: String
        let industry: String
        let sector: String
    }

    /// A column header that sorts by it; `aria` is its `aria-sort` value.
    struct SortHeader: Encodable, Sendable {
        let href: String
        let label: String
        let aria: String
    }
}

/// `/enterprises/{id}`: an enterprise's registration, its products and its filings by year.
struct EnterpriseShowPage: PageModel {
    let id: String
    let name: String
    let details: [Detail]
    let mountain: Bool
    let island: Bool
    let canEdit: Bool
    let canAddProduct: Bool
    let hasProducts: Bool
    /// Empty when the user may not see the enterprise's filings.
    let filingYears: [FilingYear]
    let products: [Product]

    /// One line of the registration.
    struct Detail: Encodable, Sendable {
        let label: String
        let value: String
    }

    /// A link to one year's filing.
    struct FilingYear: Encodable, Sendable {
        let year: Int
        let href: String
    }

    /// One product; `canEdit` is the user's right to edit products, not the enterprise.
    struct Product: Encodable, Sendable {
        let id: String
        let name: String
        let category: String
        let sector: String
        let industry: String
        let canEdit: Bool
    }
}
