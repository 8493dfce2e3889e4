import Foundation
import Hummingbird
import NIOCore

/// Holds every API answer to what `/openapi.json` says of it: the documented success status and
/// the schema read from the documented answer type. The test suite turns it on for every request
/// its HTTP tests make, so the document is checked against what the API really sends; an answer
/// that disagrees is replaced by a 500 naming each disagreement, which fails the test that made it.
struct AnswerCheck: Sendable {
    /// The answer, unchanged when it conforms.
    func check(_ response: Response, of doc: RouteDoc) async throws -> Response {
        var response = response
        let code = Int(response.status.code)
        // Redirects and downloads are documented as such; problems have their own schema.
        let documented = [doc.success.0] + doc.alsoSuccess
        guard code < 300, response.headers[.contentType]?.hasPrefix("application/json") == true else {
            return documented.contains(code) || code >= 300 ? response : mismatch(["status \(code), documented \(documented)"], doc, response.status)
        }
        let collector = BodyCollector()
        try await response.body.write(collector)
        let buffer = collector.box.buffer
        response.body = .init(byteBuffer: buffer)
        var problems: [String] = []
        if !documented.contains(code) { problems.append("status \(code), documented \(documented)") }
        if let type = doc.success.1 {
            let value = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: buffer))
            problems += try SchemaReader.schema(of: type).problems(in: value)
        } else {
            problems.append("a JSON answer, documented without one")
        }
        return problems.isEmpty ? response : mismatch(problems, doc, response.status)
    }

    private func mismatch(_ problems: [String], _ doc: RouteDoc, _ status: HTTPResponse.Status) -> Response {
        let text = "answer of \(doc.method) \(doc.path) (\(status.code)) disagrees with /openapi.json:\n" + problems.joined(separator: "\n")
        return Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
