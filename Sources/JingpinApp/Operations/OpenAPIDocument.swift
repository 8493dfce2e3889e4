import Foundation
import Hummingbird
import JingpinCore

/// `/openapi.json` (OpenAPI 3.1), built from the route table and from the request and answer
/// types each route names: the schemas are read from the types' decoders (`SchemaReader`), so the
/// document cannot drift from what the API takes and sends, and the test suite checks every
/// answer it receives against it (`AnswerCheck`).
struct OpenAPIDocument: Encodable {
    let openapi = "3.1.0"
    let info = Info()
    let servers = [["url": "/"]]
    let paths: [String: [String: Operation]]
    let components: Components

    struct Info: Encodable {
        let title = "Jingpin (浙江精品) API"
        let version = "1.0.0"
        let description = "The API of the Zhejiang Quality programme platform. Errors are RFC 9457 problem+json."
    }

    struct Components: Encodable {
        let schemas: [String: JSONSchema]
        let securitySchemes = ["bearer": SecurityScheme(type: "http", scheme: "bearer", in: nil, name: nil),
                               "session": SecurityScheme(type: "apiKey", scheme: nil, in: "cookie", name: "jp_session")]
    }

    struct SecurityScheme: Encodable {
        let type: String
        let scheme: String?
        let `in`: String?
        let name: String?
    }

    struct Operation: Encodable {
        let summary: String
        let tags: [String]
        let operationId: String
        let access: String
        let parameters: [Parameter]?
        let requestBody: Body?
        let responses: [String: Answer]
        let security: [[String: [String]]]?

        enum CodingKeys: String, CodingKey {
            case summary, tags, operationId, access = "x-jingpin-access", parameters, requestBody, responses, security
        }
    }

    struct Parameter: Encodable {
        let name: String
        let `in`: String
        let required: Bool
        let description: String?
        let schema: JSONSchema
    }

    struct Body: Encodable {
        let required = true
        let content: [String: Media]
    }

    struct Media: Encodable {
        let schema: JSONSchema
    }

    struct Answer: Encodable {
        let description: String
        let content: [String: Media]?
    }

    /// The document for `docs`; a type whose schema cannot be read fails here (the tests build
    /// the document), not in a client's hands.
    init(_ docs: [RouteDoc]) throws {
        var schemas: [String: JSONSchema] = ["Problem": try SchemaReader.schema(of: Problem.self)]
        var paths: [String: [String: Operation]] = [:]
        func reference(_ type: any Decodable.Type, open: Bool = false) throws -> JSONSchema {
            let name = SchemaName.of(type)
            if schemas[name] == nil {
                let schema = try SchemaReader.schema(of: type)
                schemas[name] = open ? schema.open : schema
            }
            return .reference(name)
        }
        for doc in docs {
            let pathParameters = doc.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { part in
                let name = String(part.dropFirst().dropLast())
                return Parameter(name: name, in: "path", required: true, description: nil,
                                 schema: name == "year" ? .integer : name == "code" ? .string : .uuid)
            }
            let queryParameters = doc.query.map { Parameter(name: $0.name, in: "query", required: $0.required, description: $0.description, schema: $0.schema) }
            let parameters = pathParameters + queryParameters
            let body = try doc.request.map { Body(content: ["application/json": Media(schema: try reference($0, open: true))]) }
            var responses: [String: Answer] = [:]
            let success = try doc.success.1.map { ["application/json": Media(schema: try reference($0))] }
            for status in [doc.success.0] + doc.alsoSuccess { responses[String(status)] = Answer(description: "Success", content: success) }
            let problem = ["application/problem+json": Media(schema: .reference("Problem"))]
            func add(_ status: Int, _ description: String) { responses[String(status)] = Answer(description: description, content: problem) }
            // A bearer token that is not valid is refused on every route, public ones included.
            add(401, doc.access == .anyone ? "An invalid bearer token was sent" : "Not logged in")
            if case .permission = doc.access { add(403, "The role may not do this") }
            if doc.path.contains("{") { add(404, "Not found, or outside your scope") }
            // A write may find the record in a state that does not allow it.
            if doc.method != .get { add(409, "The record's state does not allow this now") }
            if doc.limit != nil { add(429, "Too many requests from this client; see Retry-After") }
            if doc.request != nil {
                add(400, "The body is empty or not a JSON object")
                add(422, "Invalid fields, each named by its JSON pointer")
            } else if !doc.query.isEmpty {
                add(422, "Invalid query parameters")
            }
            let id = doc.method.rawValue.lowercased() + doc.path.replacingOccurrences(of: "/api/v1", with: "").split(separator: "/")
                .map { $0.replacingOccurrences(of: "{", with: "By").replacingOccurrences(of: "}", with: "").capitalized }.joined()
            paths[doc.path, default: [:]][doc.method.rawValue.lowercased()] = Operation(
                summary: doc.summary, tags: [doc.tag], operationId: id, access: Self.describe(doc.access),
                parameters: parameters.isEmpty ? nil : parameters, requestBody: body, responses: responses,
                security: doc.access == .anyone ? nil : [["bearer": []], ["session": []]])
        }
        self.paths = paths
        components = Components(schemas: schemas)
    }

    /// The document as JSON.
    static func json(_ docs: [RouteDoc]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(try OpenAPIDocument(docs))
    }

    static func describe(_ access: Access) -> String {
        switch access {
        case .anyone: "anyone"
        case .authenticated: "authenticated"
        case .permission(let a): a.rawValue
        }
    }
}
