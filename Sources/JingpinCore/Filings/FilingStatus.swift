import Foundation

/// Where an annual filing stands. The enterprise edits while it is a draft or returned;
/// the county officer accepts or returns what was submitted.
public enum FilingStatus: String, Sendable, Codable, CaseIterable {
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
    /// A return needs a reason (1–500 characters).
    case reasonRequired
    /// Required values are missing.
    case incomplete(missing: [String])

    /// The message in a language.
    public var message: Message {
        switch self {
        case .notAllowed(let action, let status): Message("domain.filing.not_allowed", .named(zh: status.name(.zhHans), en: status.name(.en)), "\(action)")
        case .reasonRequired: Message("domain.filing.reason_required")
        case .incomplete(let missing): Message("domain.filing.incomplete", "\(missing.count)")
        }
    }
}

/// The filing state machine: the one place that says which action is allowed when.
public enum FilingWorkflow {
    /// The status after an action, or why the action is refused. `missingRequired` lists the
    /// codes of required indicators still empty (checked on submit only).
    public static func apply(_ action: FilingAction, to status: FilingStatus,
                             missingRequired: [String] = []) -> Result<FilingStatus, FilingTransitionError> {
        switch (action, status) {
        case (.save, .draft), (.save, .returned):
            return .success(status)
        case (.submit, .draft), (.submit, .returned):
            return missingRequired.isEmpty ? .success(.submitted) : .failure(.incomplete(missing: missingRequired))
        case (.accept, .submitted):
            return .success(.accepted)
        case (.returnForCorrection(let reason), .submitted):
            let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            return (1...500).contains(trimmed.count) ? .success(.returned) : .failure(.reasonRequired)
        default:
            return .failure(.notAllowed(action: action.name, status: status))
        }
    }

    /// The codes of required indicators that have no value, for an enterprise in `sector`.
    public static func missingRequired(_ indicators: [Indicator], values: [String: Int64], sector: Sector) -> [String] {
        indicators.filter { $0.requiredFor.contains(sector) && values[$0.code] == nil }.map(\.code)
    }
}
