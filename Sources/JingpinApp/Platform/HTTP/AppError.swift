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
    case malformed(String)
    /// A form was posted without a valid CSRF token.
    case csrf
    /// The request conflicts with the record's current state (a locked or finished resource).
    case conflict(String)
    /// A workflow step that does not start from the record's status (step and status as stored).
    case wrongStatus(step: String, status: String)
    /// Too many requests from one client in a while (e.g. public objections): why, and the
    /// seconds until the client may try again (sent as `Retry-After`).
    case tooManyRequests(String, retryAfter: Int)
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

    /// A short title in the given language.
    public func title(_ l: Language) -> String {
        switch (self, l) {
        case (.unauthenticated, .en): "Log in to continue"
        case (.unauthenticated, _): "请先登录"
        case (.forbidden, .en): "You do not have permission to do this"
        case (.forbidden, _): "您没有权限执行此操作"
        case (.fieldsNotEditable, .en): "You may not change some of these fields"
        case (.fieldsNotEditable, _): "您无权修改其中的部分字段"
        case (.notFound, .en): "Page not found"
        case (.notFound, _): "找不到该页面"
        case (.validation, .en): "There is a problem with what you entered"
        case (.validation, _): "您填写的内容有误"
        case (.malformed, .en): "The request could not be read"
        case (.malformed, _): "无法读取请求内容"
        case (.csrf, .en): "This form has expired"
        case (.csrf, _): "表单已失效"
        case (.conflict, .en), (.wrongStatus, .en): "The request conflicts with the current state"
        case (.conflict, _), (.wrongStatus, _): "请求与当前状态冲突"
        case (.tooManyRequests, .en): "Too many requests"
        case (.tooManyRequests, _): "请求过于频繁"
        case (.methodNotAllowed, .en): "This address does not take that method"
        case (.methodNotAllowed, _): "该地址不支持此请求方法"
        }
    }

    /// A plain-language explanation of what to do next.
    public func detail(_ l: Language) -> String {
        switch (self, l) {
        case (.unauthenticated, .en): "Log in with your account, or send a valid API token as Authorization: Bearer."
        case (.unauthenticated, _): "请使用您的账号登录，或在 Authorization: Bearer 中提供有效的 API 令牌。"
        case (.forbidden, .en): "Your role does not allow this action. Ask the provincial office if you need it."
        case (.forbidden, _): "您的角色不允许此操作。如有需要，请联系省级主管部门。"
        case (.fieldsNotEditable(let errors), .en):
            "\(errors.count) field(s) can be changed only by an officer of the record's region or by the province; nothing was saved."
        case (.fieldsNotEditable(let errors), _): "有\(errors.count)个字段只能由所在地区的经办人或省级主管部门修改，未保存任何内容。"
        case (.notFound, .en): "Check the address. If you followed a link, the record may have moved or you may not have access to it."
        case (.notFound, _): "请检查网址。如果您是点击链接进入的，该记录可能已变更，或您无权查看。"
        case (.validation(let errors), .en): "\(errors.count) field(s) need correcting; nothing was saved."
        case (.validation(let errors), _): "有\(errors.count)处需要修改，未保存任何内容。"
        case (.malformed(let why), _): why
        case (.csrf, .en): "Go back, reload the page and submit the form again."
        case (.csrf, _): "请返回并刷新页面后重新提交。"
        case (.conflict(let why), _): why
        case (.wrongStatus(let step, let status), .en): "“\(step)” cannot be done while the record is “\(status)”; reload it to see where it stands."
        case (.wrongStatus(let step, let status), _): "当前状态为“\(status)”，不能执行“\(step)”；请刷新后查看最新状态。"
        case (.tooManyRequests(let why, _), _): why
        case (.methodNotAllowed(let allowed), .en): "Use one of: \(allowed.joined(separator: ", "))."
        case (.methodNotAllowed(let allowed), _): "请使用以下方法之一：\(allowed.joined(separator: "、"))。"
        }
    }
}
