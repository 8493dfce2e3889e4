import Hummingbird

/// Headers every answer carries, set once here rather than by each handler.
///
/// - `X-Content-Type-Options: nosniff`: a browser renders an answer only as what it says it is
///   (an uploaded file, a CSV export or a JSON answer is never taken for a page).
/// - `Referrer-Policy: no-referrer`: addresses carry record ids and verification codes, and no
///   link of ours needs to tell another site where it was followed from.
/// - `Cache-Control: no-store` on every answer to a request that carries credentials (a session
///   cookie or a bearer token) — pages, API answers and exports alike — whatever the handler
///   chose, so a shared computer or proxy keeps nothing of a signed-in user's. An anonymous
///   answer keeps the handler's choice (the public registry's QR codes, the stylesheet) and is
///   `no-store` when the handler chose nothing.
///
/// Set by `ErrorMiddleware` as every answer leaves — error answers included — rather than by a
/// middleware of their own: each layer costs every request a call and a copy of the context.
enum SecurityHeaders {
    /// Adds the headers to `response`, the answer to `request`.
    static func apply(to response: inout Response, answering request: Request) {
        response.headers[.contentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        if carriesCredentials(request) || response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
    }

    /// Whether the request could be answered with a signed-in user's data.
    static func carriesCredentials(_ request: Request) -> Bool {
        request.headers[.authorization] != nil || request.cookie(AuthMiddleware.sessionCookie) != nil
    }
}
