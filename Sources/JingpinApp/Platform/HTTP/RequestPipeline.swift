import Hummingbird

/// Our per-request concerns as one middleware of the router: telemetry (metrics and the request
/// log), then errors and the security headers, then identity, then CSRF — in that order, each
/// seeing what the one before it set, exactly as if each were its own layer.
///
/// Why one layer: each middleware the router holds costs every request a call through
/// Hummingbird's generic responder chain, which lives in another module and so is not specialised
/// for our context — measured with `Sources/BareHello` and no-op middlewares, about 3 µs a layer,
/// a twentieth of a whole `/healthz` request (docs/benchmarks.md). Called here, the four are
/// plain calls on concrete types that the compiler specialises and inlines; each stays its own
/// type with its own tests.
struct RequestPipeline: RouterMiddleware {
    typealias Context = AppRequestContext
    let telemetry: RequestTelemetryMiddleware<AppRequestContext>
    let errors: ErrorMiddleware
    let identity: AuthMiddleware
    let csrf: CSRFMiddleware

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await telemetry.handle(request, context: context) { request, context in
            try await errors.handle(request, context: context) { request, context in
                try await identity.handle(request, context: context) { request, context in
                    try await csrf.handle(request, context: context, next: next)
                }
            }
        }
    }
}
