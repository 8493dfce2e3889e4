import Foundation

/// An expert's score sheet for one application.
public enum ScoreSheetStatus: String, WorkflowStatus {
    /// Saved, not yet counted.
    case draft
    /// Counted in the application's scores; changes are kept with their reasons.
    case submitted
}

/// What an expert does with a sheet.
public enum ScoreSheetStep: String, WorkflowStep {
    /// Save a draft again.
    case save
    /// Submit: the scores count from now.
    case submit
    /// Change a submitted sheet's scores, saying why (the change is kept beside the old scores).
    case amend
    /// Change only a submitted sheet's comments: no score moves, so no reason is asked.
    case comment

    public var rule: TransitionRule<ScoreSheetStatus> {
        switch self {
        case .save: TransitionRule(from: [.draft], to: .draft, by: [.role(.expert)])
        case .submit: TransitionRule(from: [.draft], to: .submitted, by: [.role(.expert)])
        case .amend: TransitionRule(from: [.submitted], to: .submitted, by: [.role(.expert)], needsReason: true)
        case .comment: TransitionRule(from: [.submitted], to: .submitted, by: [.role(.expert)])
        }
    }
}
