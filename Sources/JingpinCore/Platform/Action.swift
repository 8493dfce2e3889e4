import Foundation

/// Something a user may try to do; the raw value is the stable name used in logs and audits.
public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
    case viewEnterprise = "enterprise.view"
    case createEnterprise = "enterprise.create"
    /// Change an enterprise's contact and descriptive fields (address, legal representative, phone).
    case editEnterprise = "enterprise.edit"
    /// Change an enterprise's registration: its identity (credit code, name, region) and its
    /// statistical status (industry, above designated size) — the officers' and the province's.
    case editEnterpriseRegistration = "enterprise.edit_registration"
    case viewProduct = "product.view"
    case createProduct = "product.create"
    case editProduct = "product.edit"
    case viewReferenceData = "reference.view"
    case viewAudit = "audit.view"
    case viewDashboard = "dashboard.view"
    case manageUsers = "users.manage"
    case manageOwnTokens = "tokens.manage"
    case viewFiling = "filing.view"
    case editFiling = "filing.edit"
    case reviewFiling = "filing.review"
    case importFilings = "filing.import"
    case viewIndicators = "indicator.view"
    /// Read the rule catalogue: every parameter with its history and references.
    case viewRules = "rules.view"
    /// Open, trial, compare and approve reward runs (the province's budget decisions).
    case manageRewards = "reward.manage"
    /// Read an enterprise's awards and their explanations.
    case viewAward = "award.view"
    /// Read the designation rounds and their configuration (everyone taking part in one).
    case viewRounds = "round.view"
    /// Configure, version and open designation rounds (the province's).
    case manageRounds = "round.manage"
    /// Read a designation application and its history.
    case viewApplication = "application.view"
    /// Prepare, submit or withdraw an application (the enterprise's own).
    case editApplication = "application.edit"
    /// Take a review step on an application (county, city, province, each its own steps).
    case reviewApplication = "application.review"
    /// An expert's own published assignments.
    case viewAssignments = "assignment.view"
    /// See a round's drafts and superseded versions (the province prepares rounds).
    case viewRoundDrafts = "round.view_drafts"
    /// Recommend and rank the applications of a city (the city's officers; the target is the city).
    case recommendApplications = "application.recommend"
    /// See the experts' scores and names, and feedback before the decision (the province).
    case viewScores = "score.view"
    /// Record a site visit (the province, or an expert assigned to the application).
    case recordSiteVisit = "site_visit.record"
    /// Send a designation's annual review update (the enterprise's own).
    case editAnnualReview = "annual_review.edit"

    /// Actions on enterprise and product records, which are decided against a target's location.
    var isRecordAction: Bool {
        switch self {
        case .viewEnterprise, .createEnterprise, .editEnterprise, .editEnterpriseRegistration,
             .viewProduct, .createProduct, .editProduct,
             .viewFiling, .editFiling, .reviewFiling, .viewAward,
             .viewApplication, .editApplication, .reviewApplication, .recommendApplications, .editAnnualReview:
            return true
        case .viewReferenceData, .viewAudit, .viewDashboard, .manageUsers, .manageOwnTokens,
             .importFilings, .viewIndicators, .viewRules, .manageRewards, .viewRounds, .manageRounds, .viewAssignments,
             .viewRoundDrafts, .viewScores, .recordSiteVisit:
            return false
        }
    }
}
