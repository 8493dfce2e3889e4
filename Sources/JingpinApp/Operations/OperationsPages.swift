import Foundation
import Hummingbird
import JingpinCore

/// The problem-type index and the stylesheet (health, readiness, metrics and the OpenAPI
/// document are `OperationsAPI`).
struct OperationsPages {
    let services: AppServices
    let stylesheet: String

    func register(_ routes: RouteTable) {
        routes.add(.get, "/static/app.css", .anyone, stylesheetFile)
        routes.add(.get, "/problems", .anyone, problems)
    }

    /// The site's stylesheet.
    @Sendable func stylesheetFile(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/css; charset=utf-8"
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: stylesheet)))
    }

    /// The page listing every problem type the API answers with.
    @Sendable func problems(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let all: [AppError] = [.validation([]), .malformed(Message("problem.body-unreadable")), .unauthenticated, .forbidden, .fieldsNotEditable([]), .notFound, .csrf, .conflict(Message("problem.conflict.title")), .tooManyRequests(Message("problem.too-many-requests.title"), retryAfter: 0), .methodNotAllowed(allowed: [])]
        let rows = all.map { ProblemsPage.Row(type: $0.problemType, status: Int($0.status.code), title: $0.title(services.views.strings, l)) }
        return services.views.page("problems", title: services.views.t("problems.title", l), model: ProblemsPage(problems: rows), context: context)
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
