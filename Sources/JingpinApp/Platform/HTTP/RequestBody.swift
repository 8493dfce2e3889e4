import Foundation
import Hummingbird
import JingpinCore

/// A JSON request body as a type: decoded strictly (a missing required field, a wrong type or an
/// unknown enum value is an error at its JSON pointer, never a default), then checked by
/// `validate()`, which names every bad field at once.
protocol RequestBody: Documented, Sendable {
    /// Every problem with the decoded values (ranges, lengths, relations between fields); empty when usable.
    func validate() -> [FieldError]
}

extension RequestBody {
    /// A body with nothing to check beyond its types.
    func validate() -> [FieldError] { [] }
}

/// Reads request bodies into `RequestBody` types.
enum RequestDecoder {
    /// The body as `T`: 400 when it is not a JSON object at all, 422 naming the pointer when a
    /// field is missing, of the wrong type or not one of its values, and 422 with every problem
    /// `validate()` finds. Nothing downstream runs on a body that failed.
    static func decode<T: RequestBody>(_ type: T.Type, from request: Request, context: AppRequestContext) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let l = context.language
        guard buffer.readableBytes > 0 else {
            throw AppError.malformed(Message("problem.body-empty"))
        }
        let data = Data(buffer: buffer)
        guard case .object? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw AppError.malformed(Message("problem.body-not-object"))
        }
        let value = try decodeReportingAll(T.self, from: data, language: l)
        let problems = value.validate()
        guard problems.isEmpty else { throw AppError.validation(problems) }
        return value
    }

    /// Decodes `T`, and when a field is missing, of the wrong type or not a valid value, stands a
    /// placeholder in for it and decodes again, so one 422 names every such field (within 64
    /// attempts). A text field that must have a format (a date, an id) gets the stand-ins in
    /// `textStandIns` in turn; an enumeration none of them fits ends the search. Nothing built from
    /// placeholders is ever returned.
    static func decodeReportingAll<T: Decodable>(_ type: T.Type, from data: Data, language l: Language) throws -> T {
        var document = try JSONDecoder().decode(JSONValue.self, from: data)
        var found: [FieldError] = []
        var tried: [String: Int] = [:]  // pointer → text stand-ins tried there
        for _ in 0..<64 {
            do {
                let value = try JSONDecoder().decode(T.self, from: try JSONEncoder().encode(document))
                if found.isEmpty { return value }
                break
            } catch let error as DecodingError {
                guard case .validation(let list) = try fieldError(error, language: l) else { throw try fieldError(error, language: l) }
                // Each field once: a stand-in the decoder refuses in turn is not a new problem.
                found += list.filter { e in !found.contains { $0.field == e.field } }
                guard let (path, stand) = standIn(for: error, tried: &tried), let mended = document.replacing(at: path[...], with: stand) else { break }
                document = mended
            }
        }
        throw AppError.validation(found)
    }

    /// Texts tried in turn where a formatted text is refused: anything, a date, an id.
    static let textStandIns: [JSONValue] = [.string(""), .string("2000-01-01"), .string("00000000-0000-0000-0000-000000000000")]

    /// Where to put what, to get past `error`: null for a missing key (the next attempt names its
    /// type), a placeholder of the expected type for a null or a mistyped value, the next text
    /// stand-in for a text the decoder would not take.
    static func standIn(for error: DecodingError, tried: inout [String: Int]) -> ([any CodingKey], JSONValue)? {
        switch error {
        case .keyNotFound(let key, let context): return (context.codingPath + [key], .null)
        case .valueNotFound(let type, let context): return JSONValue.placeholder(for: type).map { (context.codingPath, $0) }
        case .typeMismatch(let type, let context): return JSONValue.placeholder(for: type).map { (context.codingPath, $0) }
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            let at = pointer(context.codingPath)
            let next = tried[at, default: 0]
            guard next < textStandIns.count else { return nil }
            tried[at] = next + 1
            return (context.codingPath, textStandIns[next])
        default: return nil
        }
    }

    /// The decoder's complaint as a field error at its pointer; a document that is not JSON, or not
    /// an object, is malformed (400).
    static func fieldError(_ error: DecodingError, language l: Language) throws -> AppError {
        switch error {
        case .keyNotFound(let key, let context):
            let field = pointer(context.codingPath + [key])
            return .validation([FieldError(field: field, code: "required", "platform.error.required.2", "\(field)")])
        case .valueNotFound(_, let context):
            let field = pointer(context.codingPath)
            return .validation([FieldError(field: field, code: "required", "platform.error.required", "\(field)")])
        case .typeMismatch(let type, let context) where !context.codingPath.isEmpty:
            let field = pointer(context.codingPath)
            let expected = typeName(type)
            return .validation([FieldError(field: field, code: "wrong_type", "platform.error.wrong_type", "\(field)", .named(zh: "\(expected.zh)", en: "\(expected.en)"))])
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            let field = pointer(context.codingPath)
            return .validation([FieldError(field: field, code: "invalid_value", "platform.error.invalid_value", "\(field)")])
        default:
            return .malformed(Message("problem.body-not-object"))
        }
    }

    /// The field's path as `FieldError` spells it (its pointer without the leading slash):
    /// `votesFor`, `declined/0/reason`. RFC 6901 escapes `~` and `/` inside a key.
    static func pointer(_ path: [any CodingKey]) -> String {
        path.map { key in
            key.intValue.map(String.init) ?? key.stringValue.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        }.joined(separator: "/")
    }

    static func typeName(_ type: Any.Type) -> (zh: String, en: String) {
        switch type {
        case is Bool.Type: ("true 或 false", "true or false")
        case is Int.Type, is Int64.Type: ("整数", "a whole number")
        case is String.Type: ("文本", "a string")
        default: ("正确的类型", "of the documented type")
        }
    }
}
