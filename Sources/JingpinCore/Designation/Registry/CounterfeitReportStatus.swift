import Foundation

/// A public report of a suspected counterfeit.
public enum CounterfeitReportStatus: String, WorkflowStatus {
    /// Received, not yet dealt with.
    case open
    /// Dealt with, the outcome recorded.
    case closed
}

/// The province closes a report with what it found.
public enum CounterfeitReportStep: String, WorkflowStep {
    case close

    public var rule: TransitionRule<CounterfeitReportStatus> {
        switch self {
        case .close: TransitionRule(from: [.open], to: .closed, by: [.role(.provinceAdmin)], needsReason: true)
        }
    }
}
