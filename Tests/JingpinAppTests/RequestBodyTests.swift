import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import Testing

/// Typed request bodies: a missing field, a wrong type or an unknown value is a 422 at its
/// pointer, never a default; a body that is not a JSON object is a 400.
@Suite("Request bodies decoded into types")
struct RequestBodyTests {
    /// A body with nesting and an enum, to check the pointers the decoder's errors map to.
    struct Sample: RequestBody {
        enum Kind: String, Decodable { case quality, brand }
        struct Item: Decodable { var kind: Kind; var weight: Int }
        var title: String
        var items: [Item]
    }

    func problem(_ json: String) -> FieldError? {
        do {
            _ = try JSONDecoder().decode(Sample.self, from: Data(json.utf8))
            return nil
        } catch let error as DecodingError {
            guard case .validation(let list) = try? RequestDecoder.fieldError(error, language: .en) else { return nil }
            return list.first
        } catch {
            return nil
        }
    }

    @Test("each kind of decoding error names its field by JSON pointer", arguments: [
        (#"{"items":[]}"#, "/title", "required"),
        (#"{"title":null,"items":[]}"#, "/title", "required"),
        (#"{"title":7,"items":[]}"#, "/title", "wrong_type"),
        (#"{"title":"t","items":[{"kind":"quality","weight":1},{"kind":"colour","weight":2}]}"#, "/items/1/kind", "invalid_value"),
        (#"{"title":"t","items":[{"kind":"brand","weight":"2"}]}"#, "/items/0/weight", "wrong_type"),
        (#"{"title":"t","items":[{"kind":"brand"}]}"#, "/items/0/weight", "required"),
    ])
    func pointers(json: String, pointer: String, code: String) {
        let e = problem(json)
        #expect(e?.pointer == pointer)
        #expect(e?.code == code)
    }

    @Test("a key with / or ~ is escaped as RFC 6901 says")
    func escaping() {
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        #expect(RequestDecoder.pointer([Key(stringValue: "a/b"), Key(stringValue: "c~d")]) == "a~1b/c~0d")
    }

    @Test("the committee's vote: a missing field, a number sent as text, and not an object are refused; nothing is stored")
    func committeeVote() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let token = app.fixtures.tokens["admin"]
            let uri = "/api/v1/rounds/\(UUID())/committee"
            let missing = try await client.api(.post, uri, token: token, json: #"{"members":15}"#)
            #expect(missing.status == .unprocessableContent)
            #expect((missing.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/votesFor")
            let text = try await client.api(.post, uri, token: token, json: #"{"members":"15","votesFor":9}"#)
            #expect(text.status == .unprocessableContent)
            #expect((text.json["errors"] as? [[String: Any]])?.first?["code"] as? String == "wrong_type")
            let huge = try await client.api(.post, uri, token: token, json: #"{"members":9223372036854775807,"votesFor":9}"#)
            #expect(huge.status == .unprocessableContent)
            #expect((huge.json["errors"] as? [[String: Any]])?.first?["code"] as? String == "out_of_range")
            #expect(try await client.api(.post, uri, token: token, json: "[15, 9]").status == .badRequest)
            #expect(try await client.api(.post, uri, token: token, json: "").status == .badRequest)
            let date = try await client.api(.post, "/api/v1/rounds/\(UUID())/notice", token: token, json: #"{"publishedOn":"下周一"}"#)
            #expect((date.json["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/publishedOn")
            #expect(try await app.count("committee_votes") == 0)
        }
    }
}

@Suite("Request bodies: every problem in one answer")
struct RequestBodyAllProblemsTests {
    struct Sample: RequestBody {
        enum Kind: String, Decodable, CaseIterable { case quality, brand }
        struct Item: Decodable { var kind: Kind; var weight: Int }
        var title: String
        var day: LocalDate
        var items: [Item]
        var owner: UUID
    }

    func problems(_ json: String) -> [String] {
        do {
            _ = try RequestDecoder.decodeReportingAll(Sample.self, from: Data(json.utf8), language: .en)
            return []
        } catch AppError.validation(let list) {
            return list.map { "\($0.pointer) \($0.code)" }
        } catch {
            return ["other \(error)"]
        }
    }

    @Test("missing and mistyped fields are all named, nested ones included, each once")
    func all() {
        #expect(problems(#"{}"#) == ["/title required", "/day required", "/items required", "/owner required"])
        #expect(problems(#"{"title": 1, "day": "2026-01-05", "items": [{"kind": "brand", "weight": "x"}, {"kind": "quality"}], "owner": 7}"#)
                == ["/title wrong_type", "/items/0/weight wrong_type", "/items/1/weight required", "/owner wrong_type"])
        // A bad date is reported and stood in for; a value outside an enumeration none of the text
        // stand-ins fits ends the search there, with what it found.
        #expect(problems(#"{"title": 1, "day": "下周一", "items": [{"kind": "colour", "weight": 1}], "owner": "00000000-0000-0000-0000-000000000001"}"#)
                == ["/title wrong_type", "/day invalid_value", "/items/0/kind invalid_value"])
        #expect(problems(#"{"title": "t", "day": "2026-01-05", "items": [], "owner": "00000000-0000-0000-0000-000000000001"}"#) == [])
    }
}
