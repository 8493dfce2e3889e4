import Foundation
import Hummingbird
import NIOCore
import Testing
@testable import JingpinApp

/// The check the test suite runs on every API answer: an answer that is not what the document
/// promises becomes a 500 naming each disagreement, so the test that received it fails.
struct AnswerCheckTests {
    struct Promised: Codable { let id: UUID; let count: Int }

    let doc = RouteDoc(method: .get, path: "/api/v1/things/{id}", summary: "A thing", tag: "test", access: .anyone,
                       success: (200, Promised.self))

    func answer(_ json: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    func text(_ response: Response) async throws -> String {
        var response = response
        let collector = TextCollector()
        try await response.body.write(collector)
        return collector.box.text
    }

    @Test func aConformingAnswerPassesUnchanged() async throws {
        let json = #"{"id":"00000000-0000-0000-0000-000000000001","count":3}"#
        let checked = try await AnswerCheck().check(answer(json), of: doc)
        #expect(checked.status == .ok)
        #expect(try await text(checked) == json)
    }

    @Test func aWrongTypeAMissingFieldAndAnUndocumentedOneAreEachNamed() async throws {
        // count as text, id missing, colour not in the schema: three disagreements.
        let checked = try await AnswerCheck().check(answer(#"{"count":"3","colour":"red"}"#), of: doc)
        #expect(checked.status == .internalServerError)
        let body = try await text(checked)
        #expect(body.contains("/count: string, documented as integer"))
        #expect(body.contains("/id: required but absent"))
        #expect(body.contains("/colour: not documented"))
    }

    @Test func anUndocumentedStatusIsNamed() async throws {
        let checked = try await AnswerCheck().check(answer(#"{"id":"00000000-0000-0000-0000-000000000001","count":3}"#, status: .created), of: doc)
        #expect(checked.status == .internalServerError)
        #expect(try await text(checked).contains("status 201, documented [200]"))
    }
}

private struct TextCollector: ResponseBodyWriter {
    final class Box: @unchecked Sendable { var text = "" }
    let box = Box()
    mutating func write(_ buffer: ByteBuffer) async throws { box.text += String(buffer: buffer) }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
