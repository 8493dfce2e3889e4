import Foundation

/// An expert's answer to an invitation to review in a round.
public enum InvitationStatus: String, WorkflowStatus {
    /// Not answered yet.
    case pending
    /// The expert takes part: they may be assigned.
    case accepted
    /// The expert does not: they are never assigned in this round.
    case declined
}

/// The expert's answers; each is given once.
public enum InvitationStep: String, WorkflowStep {
    case accept
    case decline

    public var rule: TransitionRule<InvitationStatus> {
        switch self {
        case .accept: TransitionRule(from: [.pending], to: .accepted, by: [.role(.expert)])
        case .decline: TransitionRule(from: [.pending], to: .declined, by: [.role(.expert)])
        }
    }
}
