import Foundation

/// `/rounds`: the rounds the user may see, with the status and year filters.
struct RoundListPage: PageModel {
    let rows: [Row]
    let hasRows: Bool
    let canManage: Bool
    let total: Int
    let statusOptions: [FormField.Option]
    let yearOptions: [YearOption]

    /// One round in the table.
    struct Row: Encodable, Sendable {
        let href: String
        let title: String
        let year: Int
        let version: Int
        let status: String
        let statusClass: String
        let stage: String
    }
}

/// `/rounds/{id}`: a round's configuration in words, its versions and what the user may do with it.
struct RoundShowPage: PageModel {
    let id: String
    let title: String
    let year: Int
    let version: Int
    let status: String
    let statusClass: String
    let stages: [Stage]
    let sectors: String
    let categories: String
    let ruleSet: String
    let ruleSetId: String
    let quota: Int
    let noticeDays: Int
    let cityQuota: String
    let threshold: String
    let divergence: Int
    let sameCity: String
    let tieBreaks: String
    let pillars: [Pillar]
    let versions: [Version]
    let hasVersions: Bool
    let canEditDraft: Bool
    let canOpen: Bool
    let canVersion: Bool
    let isOpen: Bool
    let isProvince: Bool
    let canExport: Bool
    let hasNotice: Bool
    let madeVersion: Bool
    /// The open version that replaced this one, when it is superseded.
    let supersededBy: String?
    /// The open version this draft would replace.
    let draftOf: DraftOf?

    /// One stage with its dates; `current` when today falls within them.
    struct Stage: Encodable, Sendable {
        let name: String
        let opens: String
        let deadline: String
        let current: Bool
    }

    /// A scorecard pillar with its weight and indicators.
    struct Pillar: Encodable, Sendable {
        let name: String
        let weight: String
        let indicators: [Indicator]
    }

    /// One indicator: weight, source and normalisation in words; `bands` only for banded ones.
    struct Indicator: Encodable, Sendable {
        let id: String
        let label: String
        let weight: String
        let source: String
        let normalisation: String
        let bands: [Band]
    }

    /// A band's number and its description.
    struct Band: Encodable, Sendable {
        let band: Int
        let text: String
    }

    /// One version of the round's series; `this` marks the one shown.
    struct Version: Encodable, Sendable {
        let href: String
        let version: Int
        let status: String
        let this: Bool
    }

    /// The open version a draft is the next version of.
    struct DraftOf: Encodable, Sendable {
        let href: String
        let version: Int
    }
}

/// `/rounds/new` and `/rounds/{id}/edit`: the configuration form. Fields are `FormField`s drawn by
/// the `round_input` and `round_select` partials, nested the way the configuration is.
struct RoundFormPage: PageModel {
    let action: String
    let heading: String
    let year: FormField
    let titleZh: FormField
    let titleEn: FormField
    let sectors: [Choice]
    let sectorsGroup: Group
    let categories: [Choice]
    let categoriesGroup: Group
    let stagesGroup: Group
    let stages: [Stage]
    let ruleSet: FormField
    let quota: FormField
    let cityQuota: FormField
    let cityQuotas: [FormField]
    let noticeDays: FormField
    let numerator: FormField
    let denominator: FormField
    let divergence: FormField
    let sameCity: Bool
    let tieBreaks: [FormField]
    let pillarsGroup: Group
    let pillars: [Pillar]
    let cancelHref: String
    let submit: String
    let errors: ErrorSummary
    /// For an open round: which version is frozen and which the form makes.
    let frozenNote: String?
    /// The round a new one's values were copied from.
    let copiedFrom: String?

    /// One checkbox of a group (sectors, categories).
    struct Choice: Encodable, Sendable {
        let value: String
        let label: String
        let checked: Bool
    }

    /// The message on a group of fields as a whole; nil when it has none.
    struct Group: Encodable, Sendable {
        let error: String?
    }

    /// One stage's two dates.
    struct Stage: Encodable, Sendable {
        let name: String
        let opens: FormField
        let deadline: FormField
    }

    /// A pillar's weight and its indicator slots. Its messages are not called `error`: the field
    /// partials inside would find a pillar's message up the context stack.
    struct Pillar: Encodable, Sendable {
        let name: String
        let id: String
        let weight: FormField
        let indicatorsId: String
        let pillarError: String?
        let indicatorsError: String?
        let indicators: [Indicator]
    }

    /// One indicator slot; `openBands` unfolds the bands when one of them has an error.
    struct Indicator: Encodable, Sendable {
        let number: Int
        let id: FormField
        let labelZh: FormField
        let labelEn: FormField
        let weight: FormField
        let source: FormField
        let dataIndicator: FormField
        let normalisation: FormField
        let baseline: FormField
        let leading: FormField
        let bands: [Band]
        let openBands: Bool
    }

    /// A band's description in both languages.
    struct Band: Encodable, Sendable {
        let band: Int
        let zh: FormField
        let en: FormField
    }
}

/// `/rounds/{id}/open`: the confirmation before opening a draft.
struct RoundOpenPage: PageModel {
    let id: String
    let roundTitle: String
    let version: Int
    let year: Int
    let isDraft: Bool
    let errors: ErrorSummary
}
