import Foundation

/// A designation's review for one year.
public enum AnnualReviewStatus: String, WorkflowStatus {
    /// Opened on the anniversary: the enterprise owes its update.
    case open
    /// Past its grace period without an update (the designation is suspended).
    case overdue
    /// The enterprise's update is in; the province decides.
    case submitted
    /// Accepted by the province.
    case accepted
    /// Not accepted (with the province's note).
    case notAccepted = "not_accepted"
}

/// The steps of an annual review.
public enum AnnualReviewStep: String, WorkflowStep {
    /// The daily tick finds the grace period over.
    case markOverdue = "mark_overdue"
    /// The enterprise sends its update (late ones too).
    case submit
    /// The province accepts the update.
    case accept
    /// The province does not, saying why.
    case refuse

    public var rule: TransitionRule<AnnualReviewStatus> {
        switch self {
        case .markOverdue: TransitionRule(from: [.open], to: .overdue, by: [.system])
        case .submit: TransitionRule(from: [.open, .overdue], to: .submitted, by: [.role(.enterpriseUser)])
        case .accept: TransitionRule(from: [.submitted], to: .accepted, by: [.role(.provinceAdmin)])
        case .refuse: TransitionRule(from: [.submitted], to: .notAccepted, by: [.role(.provinceAdmin)], needsReason: true)
        }
    }
}
