import Foundation
import Hummingbird
import JingpinCore
import Logging
import NIOCore

/// Who is making a request, once authenticated.
public struct Identity: Sendable, Hashable {
    /// The user's id.
    public let userID: UUID
    /// The login name.
    public let username: String
    /// The name shown in the header.
    public let displayName: String
    /// The user's role.
    public let role: Role
    /// The user's scope.
    public let scope: Scope
    /// How the request proved who it is.
    public let method: Method

    /// A browser session or an API token.
    public enum Method: Sendable, Hashable { case session(id: String), token(id: UUID) }

    /// The principal the permission function decides on.
    public var principal: Principal { Principal(userID: userID, role: role, scope: scope) }
    /// The audit actor for this identity.
    public var actor: AuditActor { .user(username) }

    /// Whether `Permission.decide` allows `action` on `target`: what a page offers and what a
    /// service shows follow the same decision as what a route admits.
    public func may(_ action: Action, on target: AccessTarget = .global) -> Bool {
        Permission.decide(principal, action, on: target) == .allow
    }

    /// Whether this user's role takes `step` in the applications' workflow (its table names one
    /// role per step): what an application page offers follows the same table the step obeys.
    public func takes(_ step: ApplicationStep) -> Bool { step.role == role }

    /// Whether the role may do `action` somewhere — what a route's declared `Access` checks;
    /// the record's scope is decided when the record is known.
    public func mayEver(_ action: Action) -> Bool {
        Permission.decide(principal, action, on: .global) != .deny(.role)
    }
}

/// The per-request state every handler sees: identity, language, CSRF token.
public struct AppRequestContext: RequestContext {
    /// Hummingbird's own per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The authenticated user, if any.
    public var identity: Identity?
    /// The language to answer in.
    public var language: Language = .zhHans
    /// The CSRF token that forms on this page must carry.
    public var csrfToken: String = ""

    /// The client's socket address (nil in router tests); formatted only when a limit asks.
    private let peer: SocketAddress?

    /// The client's network address (nil in router tests), the key for per-client rate limits.
    public var remoteAddress: String? { peer?.ipAddress }

    /// Creates a context for a new request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress
    }

    /// Uploads (later: evidence files, imports) may be larger than the default.
    public var maxUploadSize: Int { 20 * 1024 * 1024 }

    /// The request id that log lines and audit entries carry.
    public var requestID: String { logger[metadataKey: "hb.request.id"]?.description ?? "-" }

    /// The identity, or an error that sends the user to log in.
    public func requireIdentity() throws -> Identity {
        guard let identity else { throw AppError.unauthenticated }
        return identity
    }

    /// Checks a permission and throws the right error when it is denied: a role that may never
    /// act gets 403; a role that may, but not on this target, gets 404 so ids leak nothing.
    @discardableResult
    public func require(_ action: Action, on target: AccessTarget = .global) throws -> Identity {
        let identity = try requireIdentity()
        switch Permission.decide(identity.principal, action, on: target) {
        case .allow: return identity
        case .deny(.role): throw AppError.forbidden
        case .deny(.scope): throw AppError.notFound
        }
    }
}
