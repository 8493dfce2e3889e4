/// Where a designated product stands (认定状态). A designation lives from its decision until its
/// validity ends; each year it goes through an annual review.
public enum DesignationStatus: String, WorkflowStatus {
    /// In good standing.
    case designated
    /// Its annual review is open.
    case underReview = "under_review"
    /// Suspended for a reason until a date (or until reinstated).
    case suspended
    /// Revoked, with a public reason. Final.
    case revoked
    /// Cancelled at the enterprise's request (注销), e.g. the product is discontinued. Final.
    case cancelled
    /// Its validity ended. Final for this record; a new round can designate the product again.
    case expired
    /// Replaced by a newer designation of the same product from a later round. Final.
    case renewed

    /// Whether the record counts as a Zhejiang Quality product today (targets, the registry).
    public var isLive: Bool { [.designated, .underReview, .suspended].contains(self) }

    /// Whether nothing more happens to this record.
    public var isFinal: Bool { !isLive }

    /// The status's name.
    public func name(_ l: Language) -> String {
        let en = l == .en
        switch self {
        case .designated: return en ? "Designated" : "有效"
        case .underReview: return en ? "Under annual review" : "年度复核中"
        case .suspended: return en ? "Suspended" : "已暂停"
        case .revoked: return en ? "Revoked" : "已撤销"
        case .cancelled: return en ? "Cancelled" : "已注销"
        case .expired: return en ? "Expired" : "已过期"
        case .renewed: return en ? "Renewed" : "已续期"
        }
    }
}

/// Something that happens to a designation.
public enum DesignationEvent: Sendable, Hashable {
    /// The year's annual review opens.
    case startReview
    /// The officer accepts the annual review.
    case passReview
    /// Suspended for `reason`, until `until` if given.
    case suspend(reason: String, until: LocalDate?)
    /// The suspension ends.
    case reinstate(reason: String)
    /// Revoked for a public `reason`.
    case revoke(reason: String)
    /// Cancelled at the enterprise's request.
    case cancel(reason: String)
    /// The validity ended.
    case expire
    /// A later round designated the product again.
    case renew

    /// The event's stable name, for storage and the audit log.
    public var name: String {
        switch self {
        case .startReview: "start_review"
        case .passReview: "pass_review"
        case .suspend: "suspend"
        case .reinstate: "reinstate"
        case .revoke: "revoke"
        case .cancel: "cancel"
        case .expire: "expire"
        case .renew: "renew"
        }
    }

    /// The event's step in the lifecycle's table (its values aside).
    public var step: DesignationStep { DesignationStep(rawValue: name)! }

    /// The reason given, if the event carries one.
    public var reason: String? {
        switch self {
        case .suspend(let r, _), .reinstate(let r), .revoke(let r), .cancel(let r): r
        default: nil
        }
    }
}

/// Who causes an event: a province administrator, or the platform's scheduled job (the annual
/// review opening, an overdue review's suspension, the end of validity, a renewal by decision).
public enum LifecycleActor: Sendable, Hashable {
    case provinceAdmin
    case system
}

/// The designation lifecycle as one transition table: which event moves a designation from
/// which status to which, and who may cause it.
public enum DesignationLifecycle {
    /// Why an event is refused.
    public enum Refusal: Error, Sendable, Hashable {
        case notFrom(DesignationStatus, String)
        case wrongActor(String)
        case reasonRequired(String)
        case untilNotAfter(LocalDate)

        /// The refusal in words.
        public var message: Message {
            switch self {
            case let .notFrom(status, event): Message("domain.lifecycle.not_from", .named(zh: status.name(.zhHans), en: status.name(.en)), "\(event)")
            case .wrongActor(let event): Message("domain.lifecycle.wrong_actor", "\(event)")
            case .reasonRequired: Message("domain.lifecycle.reason_required")
            case .untilNotAfter(let day): Message("domain.lifecycle.until_not_after", "\(day)")
            }
        }
    }

    /// The statuses `event` may leave from, the status it leads to, and who may cause it.
    public static func rule(_ event: DesignationEvent) -> TransitionRule<DesignationStatus> { event.step.rule }

    /// The status after `event` happens to a designation in `status`, caused by `actor` on `today`:
    /// the one engine (`Workflow.apply`) decides from-state, actor and reason; a suspension's end
    /// must also lie ahead.
    public static func apply(_ event: DesignationEvent, to status: DesignationStatus, by actor: LifecycleActor,
                             today: LocalDate) throws(Refusal) -> DesignationStatus {
        let to: DesignationStatus
        do {
            to = try Workflow.apply(event.step, to: status, by: actor.workflowActor, reason: event.reason)
        } catch {
            switch error {
            case .wrongActor: throw .wrongActor(event.name)
            case .notFrom: throw .notFrom(status, event.name)
            case .reasonRequired: throw .reasonRequired(event.name)
            }
        }
        if case .suspend(_, let until?) = event, until <= today { throw .untilNotAfter(today) }
        return to
    }
}

/// The lifecycle's steps, one per kind of event: the table the generic engine applies.
public enum DesignationStep: String, WorkflowStep {
    case startReview = "start_review"
    case passReview = "pass_review"
    case suspend
    case reinstate
    case revoke
    case cancel
    case expire
    case renew

    /// Where the step leads from and to, who may take it, and whether it must say why.
    public var rule: TransitionRule<DesignationStatus> {
        let admin = WorkflowActor.role(.provinceAdmin)
        return switch self {
        case .startReview: TransitionRule(from: [.designated], to: .underReview, by: [.system, admin])
        case .passReview: TransitionRule(from: [.underReview], to: .designated, by: [admin])
        case .suspend: TransitionRule(from: [.designated, .underReview], to: .suspended, by: [admin, .system], needsReason: true)
        case .reinstate: TransitionRule(from: [.suspended], to: .designated, by: [admin], needsReason: true)
        case .revoke: TransitionRule(from: [.designated, .underReview, .suspended], to: .revoked, by: [admin], needsReason: true)
        case .cancel: TransitionRule(from: [.designated, .underReview, .suspended], to: .cancelled, by: [admin], needsReason: true)
        case .expire: TransitionRule(from: [.designated, .underReview, .suspended], to: .expired, by: [.system])
        case .renew: TransitionRule(from: [.designated, .underReview, .suspended, .expired], to: .renewed, by: [.system])
        }
    }
}

extension LifecycleActor {
    /// The same actor in the workflows' terms.
    public var workflowActor: WorkflowActor {
        switch self {
        case .provinceAdmin: .role(.provinceAdmin)
        case .system: .system
        }
    }
}
