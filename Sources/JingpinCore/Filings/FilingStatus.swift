import Foundation

/// Where an annual filing stands. The enterprise edits while it is a draft or returned;
/// the county officer accepts or returns what was submitted.
public enum FilingStatus: String, WorkflowStatus {
    /// Being filled in; not yet seen by the county.
    case draft
    /// Sent to the county officer; locked for the enterprise.
    case submitted
    /// Sent back by the county officer with reasons; editable again.
    case returned
    /// Accepted by the county officer; final.
    case accepted

    /// The status in words.
    public func name(_ l: Language) -> String {
        switch (self, l) {
        case (.draft, .en): "Draft"
        case (.draft, _): "草稿"
        case (.submitted, .en): "Submitted, awaiting the county"
        case (.submitted, _): "已提交，待县级审核"
        case (.returned, .en): "Returned for correction"
        case (.returned, _): "已退回修改"
        case (.accepted, .en): "Accepted"
        case (.accepted, _): "已通过"
        }
    }

    /// Whether the enterprise may change values.
    public var isEditable: Bool { self == .draft || self == .returned }
}

/// The filing's moves between statuses, as the generic engine's table. Saving values is not a
/// move (the status stays); it is allowed to the same actor in the statuses `submit` leaves from.
public enum FilingStep: String, WorkflowStep {
    case submit
    case accept
    case returnForCorrection = "return"

    /// Where the step leads from and to, and who takes it: the enterprise submits, the county reviews.
    public var rule: TransitionRule<FilingStatus> {
        switch self {
        case .submit: TransitionRule(from: [.draft, .returned], to: .submitted, by: [.role(.enterpriseUser)])
        case .accept: TransitionRule(from: [.submitted], to: .accepted, by: [.role(.countyOfficer)])
        case .returnForCorrection: TransitionRule(from: [.submitted], to: .returned, by: [.role(.countyOfficer)], needsReason: true)
        }
    }
}

/// Something done to a filing.
public enum FilingAction: Sendable, Equatable {
    /// Save values (the enterprise).
    case save
    /// Send for review (the enterprise), once every required value is there.
    case submit
    /// Accept (the county officer).
    case accept
    /// Send back with reasons (the county officer).
    case returnForCorrection(reason: String)

    /// The status move the action makes; nil for a save, which keeps the status.
    public var step: FilingStep? {
        switch self {
        case .save: nil
        case .submit: .submit
        case .accept: .accept
        case .returnForCorrection: .returnForCorrection
        }
    }

    /// The stored name of the action, for history and audit.
    public var name: String {
        switch self {
        case .save: "save"
        case .submit: "submit"
        case .accept: "accept"
        case .returnForCorrection: "return"
        }
    }
}

/// A refused transition, in plain words.
public enum FilingTransitionError: Error, Sendable, Equatable {
    /// The action does not apply in this status.
    case notAllowed(action: String, status: FilingStatus)
    /// This actor does not take the action (the enterprise files, the county reviews).
    case wrongActor(action: String)
    /// A return needs a reason (1–500 characters).
    case reasonRequired
    /// Required values are missing.
    case incomplete(missing: [String])

    /// The message in a language.
    public var message: Message {
        switch self {
        case .notAllowed(let action, let status): Message("domain.filing.not_allowed", .named(zh: status.name(.zhHans), en: status.name(.en)), "\(action)")
        case .wrongActor(let action): Message("domain.filing.wrong_actor", "\(action)")
        case .reasonRequired: Message("domain.filing.reason_required")
        case .incomplete(let missing): Message("domain.filing.incomplete", "\(missing.count)")
        }
    }
}

/// The filing state machine: the one place that says which action is allowed when.
public enum FilingWorkflow {
    /// The status after `action` taken by `actor`, or why it is refused: the generic engine
    /// (`Workflow.apply`) checks from-state, actor and reason; a filing adds that a return's reason
    /// fits in 500 characters and that a submit has every required value (`missingRequired` lists
    /// the codes still empty, checked on submit only).
    public static func apply(_ action: FilingAction, to status: FilingStatus, by actor: WorkflowActor,
                             missingRequired: [String] = []) -> Result<FilingStatus, FilingTransitionError> {
        guard let step = action.step else {
            // A save: the submitter's, in the statuses a submit leaves from.
            let submit = FilingStep.submit.rule
            guard submit.actors.contains(actor) else { return .failure(.wrongActor(action: action.name)) }
            return submit.from.contains(status) ? .success(status) : .failure(.notAllowed(action: action.name, status: status))
        }
        let reason: String? = if case .returnForCorrection(let r) = action { r } else { nil }
        let next: FilingStatus
        do {
            next = try Workflow.apply(step, to: status, by: actor, reason: reason)
        } catch {
            switch error {
            case .wrongActor: return .failure(.wrongActor(action: action.name))
            case .notFrom: return .failure(.notAllowed(action: action.name, status: status))
            case .reasonRequired: return .failure(.reasonRequired)
            }
        }
        if let reason, reason.trimmingCharacters(in: .whitespacesAndNewlines).count > 500 { return .failure(.reasonRequired) }
        if step == .submit, !missingRequired.isEmpty { return .failure(.incomplete(missing: missingRequired)) }
        return .success(next)
    }

    /// The codes of required indicators that have no value, for an enterprise in `sector`.
    public static func missingRequired(_ indicators: [Indicator], values: [String: Int64], sector: Sector) -> [String] {
        indicators.filter { $0.requiredFor.contains(sector) && values[$0.code] == nil }.map(\.code)
    }
}
