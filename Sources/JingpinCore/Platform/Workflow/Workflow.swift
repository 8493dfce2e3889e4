import Foundation

/// Who takes a workflow step: a person in a role, or the platform itself (a daily tick, the
/// opening of a newer version).
public enum WorkflowActor: Sendable, Hashable {
    /// A signed-in person acting in this role.
    case role(Role)
    /// The platform, on its own schedule or as the consequence of another step.
    case system
}

/// A status kept as its raw value: stored, encoded, interpolated and rendered as that value
/// (`not_accepted`), never as the Swift case name (`notAccepted`), so strings-table keys and
/// stored rows always see the same text.
public protocol WorkflowStatus: Hashable, Sendable, Codable, CaseIterable, RawRepresentable, CustomStringConvertible
    where RawValue == String {}

extension WorkflowStatus {
    /// The raw value.
    public var description: String { rawValue }
}

/// One row of a workflow's table: the statuses a step starts from, the status it leads to,
/// who may take it, and whether it must say why.
public struct TransitionRule<Status: Hashable & Sendable>: Sendable {
    /// The statuses the step may start from.
    public let from: Set<Status>
    /// The status it leads to.
    public let to: Status
    /// Who may take it.
    public let actors: Set<WorkflowActor>
    /// Whether a reason is required (it is recorded and shown to those concerned).
    public let needsReason: Bool

    /// Creates a rule.
    public init(from: Set<Status>, to: Status, by actors: Set<WorkflowActor>, needsReason: Bool = false) {
        self.from = from
        self.to = to
        self.actors = actors
        self.needsReason = needsReason
    }
}

/// A step of a workflow: every step has exactly one rule, so the table is the enum itself.
public protocol WorkflowStep: Hashable, Sendable, CaseIterable, RawRepresentable where RawValue == String {
    /// The statuses the workflow moves between.
    associatedtype Status: WorkflowStatus
    /// This step's rule.
    var rule: TransitionRule<Status> { get }
}

extension WorkflowStep {
    /// Whether `actor` is one who may take this step (its status aside): what a page offers.
    public func isTaken(by actor: WorkflowActor) -> Bool { rule.actors.contains(actor) }
}

/// Why a step was refused.
public enum TransitionRefusal: Error, Sendable, Hashable {
    /// The step does not start from the record's status (`status`, `step`).
    case notFrom(status: String, step: String)
    /// This actor may not take the step.
    case wrongActor(step: String)
    /// The step needs a reason and none was given.
    case reasonRequired(step: String)

    /// A stable code for the API (`wrong_status`, `wrong_actor`, `reason_required`).
    public var code: String {
        switch self {
        case .notFrom: "wrong_status"
        case .wrongActor: "wrong_actor"
        case .reasonRequired: "reason_required"
        }
    }
}

/// Applies a step through its table: the one way any status of these workflows changes.
public enum Workflow {
    /// The status after `step`, taken by `actor` with `reason`, from `status` — or why not.
    public static func apply<Step: WorkflowStep>(_ step: Step, to status: Step.Status, by actor: WorkflowActor,
                                                 reason: String? = nil) throws(TransitionRefusal) -> Step.Status {
        let rule = step.rule
        guard rule.actors.contains(actor) else { throw .wrongActor(step: step.rawValue) }
        guard rule.from.contains(status) else { throw .notFrom(status: status.rawValue, step: step.rawValue) }
        if rule.needsReason, (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .reasonRequired(step: step.rawValue)
        }
        return rule.to
    }
}
