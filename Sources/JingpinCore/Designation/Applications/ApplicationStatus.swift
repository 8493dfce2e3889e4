import Foundation

/// Where an application (申报) stands on its way through a round.
public enum ApplicationStatus: String, WorkflowStatus {
    case draft
    case submitted
    case returned
    case countyRejected = "county_rejected"
    case countyPassed = "county_passed"
    case cityRecommended = "city_recommended"
    case cityNotRecommended = "city_not_recommended"
    case formalPassed = "formal_passed"
    case formalRejected = "formal_rejected"
    case inExpertReview = "in_expert_review"
    case proposed
    case notProposed = "not_proposed"
    case designated
    case notDesignated = "not_designated"
    case withdrawn

    /// Whether nothing more happens to the application.
    public var isFinal: Bool {
        switch self {
        case .countyRejected, .cityNotRecommended, .formalRejected, .notProposed, .designated, .notDesignated, .withdrawn: true
        default: false
        }
    }

    /// The status in words, as the applicant sees it.
    public func name(_ l: Language) -> String {
        let en = l == .en
        switch self {
        case .draft: return en ? "Draft" : "草稿"
        case .submitted: return en ? "Submitted, awaiting the county" : "已提交，待县级初审"
        case .returned: return en ? "Returned for correction" : "已退回修改"
        case .countyRejected: return en ? "Not passed by the county" : "县级初审未通过"
        case .countyPassed: return en ? "Passed by the county, awaiting the city" : "县级初审通过，待设区市推荐"
        case .cityRecommended: return en ? "Recommended by the city" : "设区市已推荐"
        case .cityNotRecommended: return en ? "Not recommended by the city" : "设区市未推荐"
        case .formalPassed: return en ? "Passed the provincial formal review" : "省级形式审查通过"
        case .formalRejected: return en ? "Not passed the provincial formal review" : "省级形式审查未通过"
        case .inExpertReview: return en ? "In expert review" : "专家评审中"
        case .proposed: return en ? "Proposed for designation (public notice)" : "拟认定（公示中）"
        case .notProposed: return en ? "Not proposed" : "未列入拟认定名单"
        case .designated: return en ? "Designated" : "已认定"
        case .notDesignated: return en ? "Not designated" : "未予认定"
        case .withdrawn: return en ? "Withdrawn" : "已撤回"
        }
    }
}

/// A step that moves an application on, who may take it, and whether it needs a reason.
public enum ApplicationStep: String, WorkflowStep, Codable {
    case submit
    case withdraw
    case countyPass = "county_pass"
    case countyReturn = "county_return"
    case countyReject = "county_reject"
    case cityRecommend = "city_recommend"
    case cityDecline = "city_decline"
    case formalPass = "formal_pass"
    case formalReject = "formal_reject"
    case startExpertReview = "start_expert_review"
    case propose
    case notPropose = "not_propose"
    case designate
    case notDesignate = "not_designate"

    /// The statuses the step starts from, and where it leads.
    public var transition: (from: Set<ApplicationStatus>, to: ApplicationStatus) {
        switch self {
        case .submit: ([.draft, .returned], .submitted)
        case .withdraw: ([.draft, .submitted, .returned], .withdrawn)
        case .countyPass: ([.submitted], .countyPassed)
        case .countyReturn: ([.submitted], .returned)
        case .countyReject: ([.submitted], .countyRejected)
        case .cityRecommend: ([.countyPassed], .cityRecommended)
        case .cityDecline: ([.countyPassed], .cityNotRecommended)
        case .formalPass: ([.cityRecommended], .formalPassed)
        case .formalReject: ([.cityRecommended], .formalRejected)
        case .startExpertReview: ([.formalPassed], .inExpertReview)
        case .propose: ([.inExpertReview], .proposed)
        case .notPropose: ([.inExpertReview], .notProposed)
        case .designate: ([.proposed], .designated)
        case .notDesignate: ([.proposed], .notDesignated)
        }
    }

    /// The one role that takes this step: the applicant, or the officers of the stage.
    public var role: Role {
        switch self {
        case .submit, .withdraw: .enterpriseUser
        case .countyPass, .countyReturn, .countyReject: .countyOfficer
        case .cityRecommend, .cityDecline: .cityOfficer
        case .formalPass, .formalReject, .startExpertReview, .propose, .notPropose, .designate, .notDesignate: .provinceAdmin
        }
    }

    /// Whether the step must say why (the applicant is told).
    public var needsReason: Bool {
        switch self {
        case .countyReturn, .countyReject, .cityDecline, .formalReject, .notDesignate: true
        default: false
        }
    }

    /// The step's row of the table the generic engine applies.
    public var rule: TransitionRule<ApplicationStatus> {
        let (from, to) = transition
        return TransitionRule(from: from, to: to, by: [.role(role)], needsReason: needsReason)
    }
}

/// Applies steps to applications: the whole review chain's rules in one table.
public enum ApplicationWorkflow {
    /// Why a step was refused.
    public enum Refusal: Error, Sendable, Hashable {
        /// The step does not start from the application's status.
        case notFrom(ApplicationStatus, ApplicationStep)
        /// The role does not take this step.
        case wrongRole(Role, ApplicationStep)
        /// The step needs a reason and none was given.
        case reasonRequired(ApplicationStep)

        /// The refusal in words.
        public var message: Message {
            switch self {
            case .notFrom(let status, let step): Message("domain.application.not_from", .named(zh: status.name(.zhHans), en: status.name(.en)), "\(step.rawValue)")
            case .wrongRole(let role, let step): Message("domain.application.wrong_role", .named(zh: role.name(.zhHans), en: role.name(.en)), "\(step.rawValue)")
            case .reasonRequired: Message("domain.application.reason_required")
            }
        }
    }

    /// The status after `step`, taken by `role` with `reason`, from `status`.
    /// The one engine (`Workflow.apply`) decides; its refusal is told in the applications' words.
    public static func apply(_ step: ApplicationStep, to status: ApplicationStatus, by role: Role, reason: String?) throws(Refusal)
        -> ApplicationStatus {
        do {
            return try Workflow.apply(step, to: status, by: .role(role), reason: reason)
        } catch {
            switch error {
            case .wrongActor: throw .wrongRole(role, step)
            case .notFrom: throw .notFrom(status, step)
            case .reasonRequired: throw .reasonRequired(step)
            }
        }
    }
}

extension ApplicationStatus {
    /// Who acts next on an application in this status, and in which of the round's stages
    /// (whose deadline applies); nil once nothing more happens. A proposed application waits
    /// for the public notice to end before the decision.
    public var next: (stage: RoundStage.Kind, role: Role)? {
        switch self {
        case .draft, .returned: (.application, .enterpriseUser)
        case .submitted: (.countyReview, .countyOfficer)
        case .countyPassed: (.cityRecommendation, .cityOfficer)
        case .cityRecommended: (.formalReview, .provinceAdmin)
        case .formalPassed, .inExpertReview: (.expertReview, .provinceAdmin)
        case .proposed: (.publicNotice, .provinceAdmin)
        case .countyRejected, .cityNotRecommended, .formalRejected, .notProposed, .designated, .notDesignated, .withdrawn: nil
        }
    }
}
