import Foundation

/// The open rounds whose expert review the province runs.
struct ExpertRoundsPage: PageModel {
    let rows: [Row]
    let hasRows: Bool

    /// One round, linking to its expert-review page.
    struct Row: Encodable, Sendable {
        let title: String
        let href: String
    }
}

/// One round's expert review: invitations, assignments and their progress, the assign and
/// auto-assign forms, the conflict check and publication. Each form's error sits beside it.
struct ExpertRoundPage: PageModel {
    let roundTitle: String
    /// The round's expert-review path; every form posts under it.
    let base: String
    let experts: [Expert]
    let hasExperts: Bool
    /// Whether any expert is still uninvited (the invite button shows only then).
    let canInviteAny: Bool
    let inviteError: String?
    let applications: [Application]
    let hasApplications: Bool
    let assignFields: [FormField]
    /// The auto-assign form's number, as typed.
    let perApplication: String
    let autoError: String?
    let conflicts: [Conflict]
    let hasConflicts: Bool
    let unpublished: Int
    let canPublish: Bool
    let publishLabel: String
    let errors: ErrorSummary

    /// One expert in the invitation table; `reason` is why they declined, if they did.
    struct Expert: Encodable, Sendable {
        let name: String
        let city: String
        let sectors: String
        let load: String
        let id: String
        let checkboxId: String
        let progress: String
        let status: String
        let statusClass: String
        let canInvite: Bool
        let checked: Bool
        let reason: String?
    }

    /// One application under review: its experts, progress and points, and the consensus.
    struct Application: Encodable, Sendable {
        let product: String
        let enterprise: String
        let city: String
        let status: String
        let experts: [AssignedExpert]
        let progress: String
        let points: String
        let spread: String
        let needsConsensus: Bool
        let siteVisitHref: String
        /// The lead expert's name once named, and the consensus score with its reason once recorded.
        let lead: String?
        let consensus: String?
        /// The form naming the lead: while consensus is needed and not yet recorded.
        let leadForm: LeadForm?
    }

    /// An expert assigned to an application, and their sheet's state.
    struct AssignedExpert: Encodable, Sendable {
        let name: String
        let published: Bool
        let sheet: String
    }

    /// The form naming an application's lead expert among its assigned experts.
    struct LeadForm: Encodable, Sendable {
        let applicationId: String
        let fieldId: String
        let options: [FormField.Option]
        let error: String?
    }

    /// One assignment the conflict check flagged, with the form dismissing it for a reason.
    struct Conflict: Encodable, Sendable {
        let application: String
        let expert: String
        let conflicts: String
        let dismissed: Bool
        let assignmentId: String
        let fieldId: String
        /// The reason as typed, when this was the form posted.
        let reason: String
        let error: String?
    }
}

/// The automatic assignment's plan before it is confirmed, and the applications it leaves short.
struct AutoAssignPreviewPage: PageModel {
    let base: String
    let perApplication: Int
    let rows: [Row]
    let hasRows: Bool
    let shortfalls: [Shortfall]
    let hasShortfalls: Bool
    let confirmLabel: String

    /// One planned assignment.
    struct Row: Encodable, Sendable {
        let application: String
        let expert: String
    }

    /// An application that gets fewer experts than wanted, and why.
    struct Shortfall: Encodable, Sendable {
        let application: String
        let has: Int
        let wanted: Int
        let reasons: String
    }
}
