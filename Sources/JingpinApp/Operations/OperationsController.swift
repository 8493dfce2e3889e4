import Foundation
import Hummingbird
import JingpinCore

/// Health, readiness, metrics, the OpenAPI document, the problem-type index and the stylesheet.
struct OperationsController {
    let services: AppServices
    let stylesheet: String

    func register(_ routes: RouteTable) {
        routes.add(.get, "/healthz", .anyone) { _, _ in Self.text("ok\n") }
        routes.add(.get, "/readyz", .anyone) { _, _ in
            await services.database.ping() ? Self.text("ready\n") : Self.text("database unreachable\n", status: .serviceUnavailable)
        }
        routes.add(.get, "/metrics", .anyone) { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers,
                            body: .init(byteBuffer: ByteBuffer(bytes: PrometheusSetup.registry.emitToBuffer())))
        }
        routes.add(.get, "/openapi.json", .anyone) { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try OpenAPIDocument.json(routes.docs))))
        }
        routes.add(.get, "/static/app.css", .anyone) { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: stylesheet)))
        }
        routes.add(.get, "/problems", .anyone) { _, context in
            let l = context.language
            let all: [AppError] = [.validation([]), .malformed(Message("problem.body-unreadable")), .unauthenticated, .forbidden, .fieldsNotEditable([]), .notFound, .csrf, .conflict(Message("problem.conflict.title")), .tooManyRequests(Message("problem.too-many-requests.title"), retryAfter: 0), .methodNotAllowed(allowed: [])]
            let rows = all.map { ProblemsPage.Row(type: $0.problemType, status: Int($0.status.code), title: $0.title(services.views.strings, l)) }
            return services.views.page("problems", title: services.views.t("problems.title", l), model: ProblemsPage(problems: rows), context: context)
        }
    }

    static func text(_ s: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: s)))
    }
}

/// `/problems`: every problem type the API answers with, its status and its title.
struct ProblemsPage: PageModel {
    struct Row: Encodable, Sendable {
        let type: String
        let status: Int
        let title: String
    }
    let problems: [Row]
}
