import Foundation
import Hummingbird
import JingpinCore

/// Login, logout, the language switch, and the API-token page (the JSON side is `AccountAPI`).
struct AccountPages {
    let services: AppServices
    var views: Views { services.views }

    func register(_ routes: RouteTable) {
        routes.add(.get, "/login", .anyone, loginForm)
        routes.add(.post, "/login", .anyone, login)
        routes.add(.post, "/logout", .authenticated, logout)
        routes.add(.get, "/language/:lang", .anyone, switchLanguage)
        routes.add(.get, "/account/tokens", .permission(.manageOwnTokens), listTokens)
        routes.add(.post, "/account/tokens", .permission(.manageOwnTokens), issueToken)
        routes.add(.post, "/account/tokens/:id/revoke", .permission(.manageOwnTokens), revokeToken)
    }

    /// The empty login form.
    @Sendable func loginForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        loginPage(username: "", next: request.uri.queryParameters["next"].map(String.init) ?? "/", error: nil, context: context)
    }

    /// Ends the session and clears its cookie.
    @Sendable func logout(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await services.accounts.logout(identity: try context.requireIdentity(), requestID: context.requestID)
        var response = Response.redirect(to: "/login", type: .found)
        response.setCookie(AuthMiddleware.cookie(value: "", secure: services.settings.cookiesAreSecure, maxAge: 0))
        return response
    }

    /// Sets the language cookie and goes back to the page the user was on.
    @Sendable func switchLanguage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        // Only a cookie changes, nothing stored; `back` must be a local path so this is no open redirect.
        let lang = Language(rawValue: context.parameters.get("lang") ?? "") ?? .zhHans
        let back = request.uri.queryParameters["back"].map(String.init) ?? "/"
        var response = Response.redirect(to: Self.localPath(back), type: .found)
        response.setCookie(Cookie(name: LanguageChoice.cookieName, value: lang.rawValue, maxAge: 365 * 86400, path: "/",
                                  secure: services.settings.cookiesAreSecure, httpOnly: true, sameSite: .strict))
        return response
    }

    /// The user's API tokens and the form for a new one.
    @Sendable func listTokens(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await tokensPage(nil, [], context)
    }

    /// Issues a token and shows its secret once, or shows the form again with its errors.
    @Sendable func issueToken(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        do {
            let (_, secret) = try await services.tokens.issue(userID: identity.userID, name: form["name"] ?? "",
                                                              actor: identity.actor, requestID: context.requestID)
            return try await tokensPage(secret, [], context)
        } catch AppError.validation(let errors) {
            return try await tokensPage(nil, errors, context)
        }
    }

    /// Revokes one of the user's tokens.
    @Sendable func revokeToken(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        try await services.tokens.revoke(id: try context.uuid("id"), userID: identity.userID, actor: identity.actor, requestID: context.requestID)
        return .redirect(to: "/account/tokens", type: .found)
    }

    /// A path on this site, or `/`: never another host.
    static func localPath(_ raw: String) -> String {
        raw.hasPrefix("/") && !raw.hasPrefix("//") && !raw.contains("\\") ? raw : "/"
    }

    /// Logs in with the posted username and password, or shows the form again saying why not.
    @Sendable func login(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let form = try await FormData.read(request, context: context)
        let username = form["username"] ?? ""
        let next = Self.localPath(form["next"] ?? "/")
        guard !username.isEmpty, let password = form["password"], !password.isEmpty else {
            return loginPage(username: username, next: next, error: views.t("login.missing", l), context: context, status: .unprocessableContent)
        }
        switch try await services.accounts.login(username: username, password: password, requestID: context.requestID) {
        case .success(let token, _):
            var response = Response.redirect(to: next, type: .found)
            response.setCookie(AuthMiddleware.cookie(value: token, secure: services.settings.cookiesAreSecure))
            return response
        case .invalid:
            return loginPage(username: username, next: next, error: views.t("login.invalid", l), context: context, status: .unauthorized)
        }
    }

    func loginPage(username: String, next: String, error: String?, context: AppRequestContext, status: HTTPResponse.Status = .ok) -> Response {
        views.page("login", title: views.t("login.title", context.language),
                   model: LoginPage(username: username, next: Self.localPath(next), loginError: error), context: context, status: status)
    }

    func tokensPage(_ secret: String?, _ errors: [FieldError], _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let identity = try context.requireIdentity()
        let list = try await services.tokens.list(userID: identity.userID)
        var form = FormView(strings: views.strings, language: l, errors: errors)
        form.text("name", label: views.t("tokens.name", l), hint: views.t("tokens.nameHint", l), value: nil, width: "20", required: true)
        let page = TokensPage(
            tokens: list.map { t in
                TokensPage.Token(id: t.id.uuidString, name: t.name, prefix: t.prefix, created: LocalDate(instant: t.createdAt).formatted(l),
                                 lastUsed: t.lastUsedAt.map { LocalDate(instant: $0).formatted(l) } ?? "—", revoked: t.revokedAt != nil)
            },
            hasTokens: !list.isEmpty, newSecret: secret, fields: form.fields, errors: form.summary)
        return views.page("tokens", title: views.t("tokens.title", l), model: page, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

/// `/login`: the form, with what was typed and why the last try failed.
struct LoginPage: PageModel {
    let username: String
    /// Where to go after logging in (a local path).
    let next: String
    let loginError: String?
}

/// `/account/tokens`: the user's API tokens, the form for a new one, and a new token's secret once.
struct TokensPage: PageModel {
    let tokens: [Token]
    let hasTokens: Bool
    /// Shown only on the page that created it: it is not stored.
    let newSecret: String?
    let fields: [FormField]
    let errors: ErrorSummary

    /// One token, by its name and the start of its secret.
    struct Token: Encodable, Sendable {
        let id: String
        let name: String
        let prefix: String
        let created: String
        let lastUsed: String
        let revoked: Bool
    }
}
