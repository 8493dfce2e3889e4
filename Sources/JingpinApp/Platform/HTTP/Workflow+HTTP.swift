import JingpinCore

extension Workflow {
    /// `apply` as a handler answers it: a wrong actor is 403, a missing reason 422 at
    /// `reasonField`, a step that does not start from the record's status 409 naming both.
    static func take<Step: WorkflowStep>(_ step: Step, from status: Step.Status, by actor: WorkflowActor, reason: String? = nil,
                                         reasonField: String = "reason") throws -> Step.Status {
        do {
            return try apply(step, to: status, by: actor, reason: reason)
        } catch .wrongActor {
            throw AppError.forbidden
        } catch .reasonRequired {
            throw AppError.validation([FieldError(field: reasonField, code: "required", "platform.error.required.3")])
        } catch .notFrom(let status, let step) {
            throw AppError.wrongStatus(step: step, status: status)
        }
    }

    /// The actor a signed-in person is.
    static func actor(_ identity: Identity) -> WorkflowActor { .role(identity.role) }
}
