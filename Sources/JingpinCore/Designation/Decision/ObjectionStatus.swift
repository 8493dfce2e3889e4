import Foundation

/// A public objection to a proposed product.
public enum ObjectionStatus: String, WorkflowStatus {
    /// Received, not yet looked into.
    case open
    /// Found to be right: the product is not designated.
    case upheld
    /// Found not to hold.
    case dismissed
}

/// The province's findings; each needs the finding in words.
public enum ObjectionStep: String, WorkflowStep {
    case uphold
    case dismiss

    public var rule: TransitionRule<ObjectionStatus> {
        switch self {
        case .uphold: TransitionRule(from: [.open], to: .upheld, by: [.role(.provinceAdmin)], needsReason: true)
        case .dismiss: TransitionRule(from: [.open], to: .dismissed, by: [.role(.provinceAdmin)], needsReason: true)
        }
    }
}
