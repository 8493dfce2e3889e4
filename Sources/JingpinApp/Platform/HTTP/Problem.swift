import Foundation
import Hummingbird
import JingpinCore

/// An RFC 9457 problem document.
struct Problem: Codable, Documented {
    struct Item: Codable {
        let pointer: String
        let field: String
        let code: String
        let detail: String
    }
    let type: String
    let title: String
    let status: Int
    let detail: String
    let instance: String?
    let requestId: String
    let errors: [Item]?

    init(_ error: AppError, strings: Strings, language: Language, instance: String?, requestID: String) {
        type = error.problemType
        title = error.title(strings, language)
        status = Int(error.status.code)
        detail = error.detail(strings, language)
        self.instance = instance
        requestId = requestID
        switch error {
        case .validation(let list), .fieldsNotEditable(let list):
            errors = list.map { Item(pointer: $0.pointer, field: $0.field, code: $0.code, detail: strings.text($0.message, language)) }
        default:
            errors = nil
        }
    }

    /// The response with `Content-Type: application/problem+json`.
    func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json; charset=utf-8"
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
