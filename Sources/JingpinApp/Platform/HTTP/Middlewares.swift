import Foundation
import Hummingbird
import JingpinCore
import Logging

/// The language of a request: the remembered switch (cookie) first, then `Accept-Language`.
enum LanguageChoice {
    static let cookieName = "jp_lang"

    static func of(_ request: Request) -> Language {
        if let remembered = request.cookie(cookieName), let l = Language(rawValue: remembered) { return l }
        return Language.negotiate(acceptLanguage: request.headers[.acceptLanguage])
    }
}

/// Outermost of ours: sets the language, turns every error into problem+json (API) or an error
/// page (web), and stamps every answer with `X-Request-ID` and the security headers
/// (`SecurityHeaders`). Unexpected errors are logged, never shown.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let views: Views
    /// The routes, to tell an unknown address (404) from a known one asked with another method (405).
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.language = LanguageChoice.of(request)
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = respond(to: error, request: request, context: context)
        }
        response.headers[.requestID] = context.requestID
        SecurityHeaders.apply(to: &response, answering: request)
        return response
    }

    func respond(to error: any Error, request: Request, context: Context) -> Response {
        let appError: AppError
        if let e = error as? AppError {
            appError = e
        } else if let e = error as? any HTTPResponseError, e.status == .notFound {
            // No route matched: a known address asked with another method is 405, not 404.
            let allowed = routes.methods(serving: request.uri.path)
            appError = allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed.map(\.rawValue))
        } else if let e = error as? any HTTPResponseError, e.status == .contentTooLarge || e.status == .badRequest {
            appError = .malformed(Message("problem.body-unreadable"))
        } else {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return internalError(request: request, context: context)
        }
        if request.uri.path.hasPrefix("/api/") {
            var response = Problem(appError, strings: views.strings, language: context.language, instance: request.uri.path, requestID: context.requestID).response()
            if case .tooManyRequests(_, let seconds) = appError { response.headers[.retryAfter] = String(seconds) }
            if case .methodNotAllowed(let allowed) = appError { response.headers[.allow] = allowed.joined(separator: ", ") }
            return response
        }
        if case .unauthenticated = appError, request.method == .get {
            let back = request.uri.description
            return Response.redirect(to: "/login?next=\(back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")")
        }
        return views.errorPage(status: appError.status, title: appError.title(views.strings, context.language),
                               detail: appError.detail(views.strings, context.language), context: context)
    }

    func internalError(request: Request, context: Context) -> Response {
        let l = context.language
        let title = views.t("problem.internal-error.title", l)
        let detail = views.t(Message("problem.internal-error.detail", "\(context.requestID)"), l)
        if request.uri.path.hasPrefix("/api/") {
            let body = #"{"type":"/problems/internal-error","title":"\#(title)","status":500,"detail":"\#(detail)","requestId":"\#(context.requestID)"}"#
            var headers = HTTPFields()
            headers[.contentType] = "application/problem+json; charset=utf-8"
            return Response(status: .internalServerError, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        return views.errorPage(status: .internalServerError, title: title, detail: detail, context: context)
    }
}

/// Resolves who is calling: a bearer token (machine clients) or a session cookie (browsers).
/// A bad bearer token is refused outright; a stale cookie is cleared.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let sessionCookie = "jp_session"
    let tokens: APITokens
    let sessions: SessionStore
    let secureCookies: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var clearCookie = false
        if let header = request.headers[.authorization] {
            guard header.lowercased().hasPrefix("bearer "),
                  let identity = try await tokens.identity(forSecret: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
            else { throw AppError.unauthenticated }
            context.identity = identity
        } else if let token = request.cookie(Self.sessionCookie) {
            if let identity = try await sessions.resume(token: token) {
                context.identity = identity
            } else {
                clearCookie = true
            }
        }
        if let identity = context.identity {
            context.logger[metadataKey: "user"] = .string(identity.username)
        }
        var response = try await next(request, context)
        if clearCookie {
            response.setCookie(Self.cookie(value: "", secure: secureCookies, maxAge: 0))
        }
        return response
    }

    /// The session cookie: HttpOnly, SameSite=Strict, Secure except on plain localhost.
    static func cookie(value: String, secure: Bool, maxAge: Int? = nil) -> Cookie {
        Cookie(name: sessionCookie, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}

/// CSRF protection for everything a browser can post. Forms carry `_csrf`, scripts send
/// `X-CSRF-Token`; both must equal the `jp_csrf` cookie (double submit), which a
/// SameSite=Strict cookie keeps out of other sites' reach. Bearer-token calls carry no
/// ambient credentials, so they need no token.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "jp_csrf"
    static let fieldName = "_csrf"
    /// Addresses that never answer a page, so never need a token minted: the API, probes, files.
    static let noPages = ["/api/", "/healthz", "/readyz", "/metrics", "/static/", "/openapi.json"]
    let secureCookies: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let existing = request.cookie(Self.cookieName)
        // A token is random bytes from the kernel: minted only where a page may carry it in a form.
        let mayAnswerPage = !Self.noPages.contains { request.uri.path.hasPrefix($0) }
        context.csrfToken = existing ?? (mayAnswerPage ? Secrets.token() : "")
        var request = request
        if Self.changesState(request.method), !Self.isTokenAuthenticated(context) {
            let carriesCookies = request.headers[.cookie] != nil
            if carriesCookies || FormData.isForm(request) {
                var sent = request.headers[.csrfToken]
                if sent == nil, FormData.isForm(request) {
                    let buffer = try await request.collectBody(upTo: context.maxUploadSize)
                    sent = FormData(String(buffer: buffer))[Self.fieldName]
                }
                // A multipart upload (a file form) carries the token in its action's query string,
                // so the body need not be read here; it is still checked against the cookie.
                if sent == nil, request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true {
                    sent = request.uri.queryParameters.get(Self.fieldName)
                }
                guard let existing, let sent, Secrets.constantTimeEquals(existing, sent) else { throw AppError.csrf }
            }
        }
        var response = try await next(request, context)
        if existing == nil, mayAnswerPage, response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.setCookie(Cookie(name: Self.cookieName, value: context.csrfToken, path: "/",
                                      secure: secureCookies, httpOnly: true, sameSite: .strict))
        }
        return response
    }

    /// Whether a request of this method may change something (so must prove it came from our page).
    static func changesState(_ method: HTTPRequest.Method) -> Bool {
        switch method {
        case .post, .put, .patch, .delete: true
        default: false
        }
    }

    static func isTokenAuthenticated(_ context: Context) -> Bool {
        if case .token = context.identity?.method { return true }
        return false
    }
}
