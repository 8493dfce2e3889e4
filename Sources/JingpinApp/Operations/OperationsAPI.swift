import Foundation
import Hummingbird
import JingpinCore

/// Health, readiness, metrics and the OpenAPI document (the problem-type index and the
/// stylesheet are `OperationsPages`).
struct OperationsAPI {
    let services: AppServices
    /// The table whose API documentation `/openapi.json` serves, read at each request so that
    /// routes registered after these are in it.
    let routes: RouteTable

    func register(_ routes: RouteTable) {
        routes.add(.get, "/healthz", .anyone, health)
        routes.add(.get, "/readyz", .anyone, readiness)
        routes.add(.get, "/metrics", .anyone, metrics)
        routes.add(.get, "/openapi.json", .anyone, openAPIDocument)
    }

    /// Whether the process answers.
    @Sendable func health(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        Self.text("ok\n")
    }

    /// Whether the database answers.
    @Sendable func readiness(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        await services.database.ping() ? Self.text("ready\n") : Self.text("database unreachable\n", status: .serviceUnavailable)
    }

    /// The Prometheus metrics.
    @Sendable func metrics(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: PrometheusSetup.registry.emitToBuffer())))
    }

    /// The OpenAPI document of every `/api/v1` route.
    @Sendable func openAPIDocument(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try OpenAPIDocument.json(routes.docs))))
    }

    static func text(_ s: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: s)))
    }
}
