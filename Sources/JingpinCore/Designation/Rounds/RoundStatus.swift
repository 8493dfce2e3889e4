import Foundation

/// Where a version of a round's configuration stands.
public enum RoundStatus: String, WorkflowStatus {
    /// Being prepared: changed in place, seen by the province only.
    case draft
    /// In force: applications and reviews follow it; a change makes a new draft version.
    case open
    /// Replaced by a newer version that was opened.
    case superseded
}

/// The steps of a round version's life.
public enum RoundStep: String, WorkflowStep {
    /// The province opens a draft: it is in force from now.
    case open
    /// Opening a newer version retires the one in force.
    case supersede

    public var rule: TransitionRule<RoundStatus> {
        switch self {
        case .open: TransitionRule(from: [.draft], to: .open, by: [.role(.provinceAdmin)])
        case .supersede: TransitionRule(from: [.open], to: .superseded, by: [.system])
        }
    }
}
