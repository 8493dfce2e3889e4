import Foundation

/// The one permission function: every route asks it, so the policy lives in one place
/// and is tested as a whole table.
public enum Permission {
    /// Decides whether `principal` may do `action` on `target`.
    ///
    /// In order: everyone may manage their own API tokens; a role that may never do
    /// the action is refused for its role; a scope that does not fit the role (a
    /// misconfigured account) is refused for scope — fail closed; a province admin
    /// may do anything; global actions ignore the target; record actions need a
    /// target of the right kind inside the principal's scope.
    public static func decide(_ principal: Principal, _ action: Action, on target: AccessTarget) -> AccessDecision {
        if action == .manageOwnTokens { return .allow }
        guard roleMay(principal.role, action) else { return .deny(.role) }
        guard principal.scope.fits(principal.role) else { return .deny(.scope) }
        if principal.role == .provinceAdmin { return .allow }
        guard action.isRecordAction else { return .allow }
        return withinScope(principal, action, target) ? .allow : .deny(.scope)
    }

    /// The fields of `changed` that `principal` may not change on `target`, each with the
    /// refusal: which fields a role may change is part of the permission decision, so an
    /// enterprise user may send its whole record back but change only its contact fields.
    public static func refusedFields(_ principal: Principal, changing changed: some Sequence<EnterpriseField>,
                                     on target: AccessTarget) -> [(EnterpriseField, DenialReason)] {
        changed.compactMap { field in
            if case .deny(let why) = decide(principal, field.editAction, on: target) { return (field, why) }
            return nil
        }
    }

    /// Whether `role` may ever do `action`, on some target.
    static func roleMay(_ role: Role, _ action: Action) -> Bool {
        switch role {
        case .provinceAdmin:
            return true
        case .cityOfficer, .countyOfficer:
            // Officers handle records and read shared data; the audit log, user accounts,
            // bulk imports and reward budgets are the province's business. Enterprises fill in
            // their own filings, and the county — not the city — accepts or returns them.
            if action == .editFiling || action == .editApplication || action == .editAnnualReview { return false }
            // Recommending is the city's stage of the review chain; counties pass or return.
            if action == .recommendApplications { return role == .cityOfficer }
            if action == .viewRules || action == .viewRounds { return true }
            if action == .reviewFiling { return role == .countyOfficer }
            return action.isRecordAction || action == .viewReferenceData || action == .viewDashboard || action == .viewIndicators
        case .enterpriseUser:
            // An enterprise keeps its own record, products and filings; it is registered by officers.
            switch action {
            case .viewEnterprise, .editEnterprise, .viewProduct, .createProduct, .editProduct,
                 .viewFiling, .editFiling, .viewIndicators, .viewRules, .viewAward, .viewRounds,
                 .viewApplication, .editApplication, .editAnnualReview: return true
            default: return false
            }
        case .expert:
            // Experts review in rounds, so they read them; their scoring comes with its own actions.
            return action == .viewIndicators || action == .viewRules || action == .viewRounds || action == .viewAssignments
                || action == .recordSiteVisit
        case .bankOfficer:
            // Financing comes with its own actions later; the catalogues are open to anyone logged in.
            return action == .viewIndicators || action == .viewRules
        }
    }

    /// Whether a record action's target is of the right kind and inside the scope.
    ///
    /// An enterprise is created in a region (it has no id yet), so `createEnterprise`
    /// takes only `.region`; the other record actions take an enterprise, or for
    /// officers a region (its list). `.global` is never the right kind for them.
    private static func withinScope(_ principal: Principal, _ action: Action, _ target: AccessTarget) -> Bool {
        switch (principal.scope, target) {
        case let (.region(scope), .region(region)):
            return scope.contains(region)
        case let (.region(scope), .enterprise(_, county)):
            return action != .createEnterprise && scope.contains(county)
        case let (.enterprise(own), .enterprise(id, _)):
            return action != .createEnterprise && own == id
        default:
            return false
        }
    }
}
