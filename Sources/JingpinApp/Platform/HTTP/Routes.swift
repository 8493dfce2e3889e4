import Foundation
import Hummingbird
import JingpinCore

/// What a route needs before its handler runs. Every route declares one.
public enum Access: Sendable, Equatable {
    /// Anyone, logged in or not.
    case anyone
    /// Any logged-in user.
    case authenticated
    /// A user whose role may perform the action somewhere; the handler then checks the
    /// action against the specific record (scope), answering 404 outside it.
    case permission(Action)
}

/// The documentation of one API route, from which `/openapi.json` is built.
public struct RouteDoc: Sendable {
    /// HTTP method.
    public let method: HTTPRequest.Method
    /// Path with `{name}` parameters, e.g. `/api/v1/enterprises/{id}`.
    public let path: String
    /// One-line summary.
    public let summary: String
    /// Tag grouping the route.
    public let tag: String
    /// What the route needs.
    public let access: Access
    /// Query parameters.
    var query: [QueryParameter] = []
    /// The request body's type, if the route takes JSON.
    var request: (any RequestBody.Type)?
    /// The success status and the answer's type (nil for no JSON body: 204, a file, a redirect).
    var success: (Int, (any Decodable.Type)?) = (200, nil)
    /// Other statuses that answer with the same type (e.g. 201 when a preview is committed).
    var alsoSuccess: [Int] = []
    /// The limit per client, for a public route: checked before the handler, 429 beyond it.
    var limit: PublicLimit?
}

/// A query parameter of an API route, as documented.
struct QueryParameter: Sendable {
    let name: String
    let description: String
    /// What the value may be; the parameters every list shares have their schema by name.
    let schema: JSONSchema
    /// Whether the route refuses a request without it (422).
    let required: Bool

    /// `blankIsAll`: an empty value is no filter (as a list form sends it), so the documented
    /// choices include "".
    init(_ name: String, _ description: String, _ schema: JSONSchema? = nil, required: Bool = false, blankIsAll: Bool = false) {
        self.name = name
        self.description = description
        var schema = schema ?? Self.shared[name] ?? .string
        if blankIsAll, let values = schema.values { schema.values = [JSONSchema.quoted("")] + values }
        self.schema = schema
        self.required = required
    }

    /// The schemas of the parameters several routes take, bounded as `InputBounds` reads them.
    static let shared: [String: JSONSchema] = {
        func pattern(_ p: String) -> JSONSchema {
            var s = JSONSchema.string
            s.pattern = p
            return s
        }
        // Numbers as the query spells them (digits, read as whole numbers, so "05" is 5; the range is
        // `InputBounds`', named in the description); an empty value is the default (no filter).
        // Zhejiang's eleven cities are 3301–3311; a county is within one.
        func number(_ range: ClosedRange<Int>) -> JSONSchema {
            var s = pattern("^[+]?[0-9]*$")
            s.description = "a whole number from \(range.lowerBound) to \(range.upperBound); empty for the default"
            return s
        }
        return ["page": number(InputBounds.page), "perPage": number(InputBounds.perPage), "year": number(InputBounds.year),
                "from": pattern("^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"), "to": pattern("^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"),
                "city": pattern("^(33(0[1-9]|1[01])00)?$"), "county": pattern("^(33(0[1-9]|1[01])[0-9][1-9])?$"),
                "format": .oneOf(["csv", "xlsx"]), "budgetFen": pattern("^[0-9]{1,18}$")]
    }()
}

/// One registered route: method, path as the router reads it (`:name` or `{name}` parameters) and its access.
public struct RegisteredRoute: Sendable {
    /// HTTP method.
    public let method: HTTPRequest.Method
    /// The path as registered.
    public let path: String
    /// What the route needs.
    public let access: Access

    /// The path's parameter names, from either spelling (`:id`, `{id}`).
    public var parameters: [String] {
        path.split(separator: "/").compactMap { part in
            if part.hasPrefix(":") { return String(part.dropFirst()) }
            if part.hasPrefix("{"), part.hasSuffix("}") { return String(part.dropFirst().dropLast()) }
            return nil
        }
    }
}

/// Registers routes with their access check, and keeps the API's documentation beside them,
/// so a route cannot be added to the API without appearing in `/openapi.json`.
public final class RouteTable: @unchecked Sendable {
    let router: Router<AppRequestContext>
    /// Documentation of every `/api/v1` route, in registration order.
    public private(set) var docs: [RouteDoc] = []
    /// Every route, API and pages alike, in registration order: what tests walk to reach each
    /// handler without a hand-kept list.
    public private(set) var registered: [RegisteredRoute] = []

    init(router: Router<AppRequestContext>) { self.router = router }

    typealias Handler = @Sendable (Request, AppRequestContext) async throws -> Response

    /// Checks each answer against its documented schema (the tests turn this on); nil in service.
    var answerCheck: AnswerCheck?
    /// Checks each Chinese page for English sentences (the tests turn this on); nil in service.
    var pageCheck: PageLanguageCheck?
    /// Counts an attempt against a public limit (`PublicLimit.admit` with the app's limiters).
    var admit: (@Sendable (PublicLimit, AppRequestContext) throws -> Void)?

    /// Adds an API route with its documentation.
    func api(_ doc: RouteDoc, _ handler: @escaping Handler) {
        docs.append(doc)
        let path = doc.path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")
        var handler: Handler = { request, context in
            try Self.refuseRepeatedParameters(request)
            return try await handler(request, context)
        }
        if let limit = doc.limit, let admit {
            let limited = handler
            handler = { request, context in
                try admit(limit, context)
                return try await limited(request, context)
            }
        }
        if let answerCheck {
            let checked = handler
            handler = { request, context in try await answerCheck.check(try await checked(request, context), of: doc) }
        }
        add(doc.method, path, doc.access, handler)
    }

    /// Adds a page or operational route.
    func add(_ method: HTTPRequest.Method, _ path: String, _ access: Access, _ handler: @escaping Handler) {
        registered.append(RegisteredRoute(method: method, path: path, access: access))
        // The page check (tests only) wraps pages; in service a route is its access check and handler.
        if let pageCheck, !path.hasPrefix("/api/") {
            router.on(RouterPath(path), method: method) { request, context in
                try Self.check(access, context)
                return try await pageCheck.check(try await handler(request, context))
            }
        } else {
            router.on(RouterPath(path), method: method) { request, context in
                try Self.check(access, context)
                return try await handler(request, context)
            }
        }
    }

    /// An API query names each parameter once: which of two values was meant cannot be guessed.
    static func refuseRepeatedParameters(_ request: Request) throws {
        var seen = Set<Substring>()
        var repeated: [String] = []
        for (key, _) in request.uri.queryParameters where !seen.insert(key).inserted && !repeated.contains(String(key)) {
            repeated.append(String(key))
        }
        guard !repeated.isEmpty else { return }
        throw AppError.validation(repeated.map {
            FieldError(field: $0, code: "repeated", "platform.error.repeated", "\($0)")
        })
    }

    /// The methods some route answers at `path` (a concrete path, e.g. `/api/v1/rounds/42`), in
    /// registration order; empty when no route has that shape.
    func methods(serving path: String) -> [HTTPRequest.Method] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var out: [HTTPRequest.Method] = []
        for route in registered where !out.contains(route.method) {
            let pattern = route.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            guard pattern.count == parts.count else { continue }
            let matches = zip(pattern, parts).allSatisfy { p, part in
                p.hasPrefix(":") || (p.hasPrefix("{") && p.hasSuffix("}")) ? !part.isEmpty : p == part
            }
            if matches { out.append(route.method) }
        }
        return out
    }

    /// The declared check: identity for `.authenticated`, and for `.permission` a role that may
    /// ever perform the action (403 otherwise); record-level scope is checked by the handler.
    static func check(_ access: Access, _ context: AppRequestContext) throws {
        switch access {
        case .anyone: return
        case .authenticated: _ = try context.requireIdentity()
        case .permission(let action):
            let identity = try context.requireIdentity()
            if case .deny(.role) = Permission.decide(identity.principal, action, on: .global) { throw AppError.forbidden }
        }
    }
}

/// JSON responses with one encoder configuration for the whole API.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) throws -> Response {
        var headers = extra
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(value))))
    }

    /// An answer already encoded with `encoder` (a cached one: the buffer is shared, not copied).
    static func make(encoded body: ByteBuffer) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}

extension Request {
    /// The query as a dictionary of first values.
    var queryDictionary: [String: String] {
        var out: [String: String] = [:]
        for (k, v) in uri.queryParameters where out[String(k)] == nil { out[String(k)] = String(v) }
        return out
    }
}

extension AppRequestContext {
    /// A UUID path parameter; a malformed one is simply "not found".
    func uuid(_ name: String) throws -> UUID {
        guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else { throw AppError.notFound }
        return id
    }
}
