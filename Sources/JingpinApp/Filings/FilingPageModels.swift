import Foundation

/// `/enterprises/{id}/filings/{year}`: the filing's task list, its history and the county's decision form.
struct FilingTasksPage: PageModel {
    let enterpriseName: String
    let enterpriseHref: String
    let year: Int
    let status: String
    let statusClass: String
    /// Nil unless the filing is back with the enterprise: Mustache opens a section for "".
    let reviewReason: String?
    let sections: [Section]
    let canEdit: Bool
    let canReview: Bool
    let checkHref: String
    /// Where the accept and return forms post under.
    let base: String
    let history: [HistoryRow]
    let hasHistory: Bool
    let years: [YearTab]
    /// The return form's reason field and its errors.
    let fields: [FormField]
    let errors: ErrorSummary

    /// One section of the task list and how far it is filled in.
    struct Section: Encodable, Sendable {
        let name: String
        let href: String
        let state: String
        let stateClass: String
        let count: String
    }

    /// One step in the filing's history, newest first.
    struct HistoryRow: Encodable, Sendable {
        let at: String
        let actor: String
        let action: String
        let reason: String
        let changes: String
    }

    /// One year's tab.
    struct YearTab: Encodable, Sendable {
        let year: Int
        let href: String
        let current: Bool
    }
}

/// `/enterprises/{id}/filings/{year}/sections/{section}`: one section's indicators, as a form or read only.
struct FilingSectionPage: PageModel {
    let enterpriseName: String
    let year: Int
    let sectionName: String
    let fields: [Field]
    let canEdit: Bool
    let action: String
    let backHref: String
    let errors: ErrorSummary

    /// One indicator: the section template draws it itself (unit, last year's value as the hint,
    /// the value shown when read only), so it is not a `FormField`.
    struct Field: Encodable, Sendable {
        let name: String
        let id: String
        let label: String
        /// Nil for a unitless indicator (yes/no, a choice), so no empty brackets are drawn.
        let unit: String?
        let value: String
        /// Last year's value, nil when there was none.
        let hint: String?
        let required: Bool
        let display: String
        let isText: Bool
        let isSelect: Bool
        let options: [FormField.Option]
        let error: String?
    }
}

/// `/enterprises/{id}/filings/{year}/check`: every section's answers before submitting.
struct FilingCheckPage: PageModel {
    let enterpriseName: String
    let year: Int
    let sections: [Section]
    let canSubmit: Bool
    let status: String
    let action: String
    let backHref: String
    let errors: ErrorSummary

    /// One section's answers and the link to change them.
    struct Section: Encodable, Sendable {
        let name: String
        let href: String
        let rows: [Row]
    }

    /// One indicator's answer; `missing` marks a required one left empty.
    struct Row: Encodable, Sendable {
        let label: String
        let value: String
        let missing: Bool
    }
}

/// `/filings`: the officers' list of filings for a year, with its filters and pages.
struct FilingListPage: PageModel {
    let year: Int
    let q: String
    let total: Int
    let page: Int
    let totalPages: Int
    let rows: [Row]
    let hasRows: Bool
    let yearOptions: [YearOption]
    let statusOptions: [FormField.Option]
    let exportHref: String
    let exportXlsxHref: String
    let prevHref: String?
    let nextHref: String?
    let errors: ErrorSummary

    /// One enterprise's filing for the year.
    struct Row: Encodable, Sendable {
        let name: String
        let creditCode: String
        let county: String
        let status: String
        let statusClass: String
        let count: Int
        let href: String
    }
}
