import Hummingbird
import JingpinCore

/// Every error a handler may throw on purpose. The error middleware turns each into
/// problem+json for the API and a helpful page for the web.
public enum AppError: Error, Sendable {
    /// Not logged in (or the session ended).
    case unauthenticated
    /// The role may never do this.
    case forbidden
    /// The role may change the record, but not these fields of it (e.g. an enterprise's own
    /// registration): each is named, and nothing was saved.
    case fieldsNotEditable([FieldError])
    /// No such record — or one outside the user's scope, which looks the same on purpose.
    case notFound
    /// One or more fields are invalid.
    case validation([FieldError])
    /// The body could not be parsed at all.
    case malformed(Message)
    /// A form was posted without a valid CSRF token.
    case csrf
    /// The request conflicts with the record's current state (a locked or finished resource).
    case conflict(Message)
    /// A workflow step that does not start from the record's status (step and status as stored).
    case wrongStatus(step: String, status: String)
    /// Too many requests from one client in a while (e.g. public objections): why, and the
    /// seconds until the client may try again (sent as `Retry-After`).
    case tooManyRequests(Message, retryAfter: Int)
    /// The address exists, but not for this method; `allowed` is sent as `Allow`.
    case methodNotAllowed(allowed: [String])

    /// The HTTP status.
    public var status: HTTPResponse.Status {
        switch self {
        case .unauthenticated: .unauthorized
        case .forbidden, .csrf, .fieldsNotEditable: .forbidden
        case .notFound: .notFound
        case .validation: .unprocessableContent
        case .malformed: .badRequest
        case .conflict, .wrongStatus: .conflict
        case .tooManyRequests: .tooManyRequests
        case .methodNotAllowed: .methodNotAllowed
        }
    }

    /// The stable problem type (RFC 9457 `type`), documented at `/problems`.
    public var problemType: String {
        switch self {
        case .unauthenticated: "/problems/unauthenticated"
        case .forbidden: "/problems/forbidden"
        case .fieldsNotEditable: "/problems/field-not-editable"
        case .notFound: "/problems/not-found"
        case .validation: "/problems/validation-failed"
        case .malformed: "/problems/malformed-request"
        case .csrf: "/problems/csrf-token-invalid"
        case .conflict, .wrongStatus: "/problems/conflict"
        case .tooManyRequests: "/problems/too-many-requests"
        case .methodNotAllowed: "/problems/method-not-allowed"
        }
    }

    /// The slug of the problem's strings: `problem.<slug>.title` and `.detail`.
    var slug: String { String(problemType.dropFirst("/problems/".count)) }

    /// A short title in the given language.
    func title(_ strings: Strings, _ l: Language) -> String {
        strings.text("problem.\(slug).title", l)
    }

    /// A plain-language explanation of what to do next.
    func detail(_ strings: Strings, _ l: Language) -> String {
        strings.text(detailMessage, l)
    }

    /// The explanation as a message: the case's own, or the problem type's with its values.
    var detailMessage: Message {
        switch self {
        case .fieldsNotEditable(let errors), .validation(let errors): Message("problem.\(slug).detail", "\(errors.count)")
        case .malformed(let why), .conflict(let why), .tooManyRequests(let why, _): why
        case .wrongStatus(let step, let status): Message("problem.conflict.wrong_status", "\(step)", "\(status)")
        case .methodNotAllowed(let allowed): Message("problem.method-not-allowed.detail", "\(allowed.joined(separator: ", "))")
        default: Message("problem.\(slug).detail")
        }
    }
}
