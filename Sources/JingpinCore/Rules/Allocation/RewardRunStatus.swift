import Foundation

/// A year's reward run.
public enum RewardRunStatus: String, WorkflowStatus {
    /// Amounts frozen; budgets may be trialled and compared.
    case open
    /// The latest trial approved: the run is locked.
    case approved
}

/// The province approves a run's latest trial.
public enum RewardRunStep: String, WorkflowStep {
    case approve

    public var rule: TransitionRule<RewardRunStatus> {
        switch self {
        case .approve: TransitionRule(from: [.open], to: .approved, by: [.role(.provinceAdmin)])
        }
    }
}
