import Foundation
import Testing
@testable import JingpinApp
import JingpinCore

/// The schema reader: what a type's decoder requires is what the document says.
struct SchemaReaderTests {
    struct Sample: Decodable {
        enum Colour: String, Decodable, CaseIterable { case red, green }
        struct Inner: Decodable { let n: Int }
        let id: UUID
        let name: String
        let note: String?
        let colour: Colour
        let tags: [String]
        let inner: [Inner]
        let totals: [String: Int64]
        let on: LocalDate
        let at: Date
    }

    @Test func readsFieldsTypesAndWhatIsRequired() throws {
        let s = try SchemaReader.schema(of: Sample.self)
        #expect(s.kinds == [.object])
        #expect(s.closed)
        // Every non-optional field is required; `note` is optional and may be null.
        #expect(s.required == ["id", "name", "colour", "tags", "inner", "totals", "on", "at"])
        #expect(s.properties["note"]?.kinds == [.string, .null])
        #expect(s.properties["id"]?.format == "uuid")
        #expect(s.properties["colour"]?.values == ["\"red\"", "\"green\""])
        #expect(s.properties["tags"]?.items?.kinds == [.string])
        #expect(s.properties["inner"]?.items?.required == ["n"])
        #expect(s.properties["totals"]?.additional?.kinds == [.integer])
        #expect(s.properties["on"]?.format == "date")
        #expect(s.properties["at"]?.format == "date-time")
    }

    @Test func partialUpdatesHaveNoRequiredFields() throws {
        // Every field of a PATCH body may be left out or sent as null to clear it.
        let s = try SchemaReader.schema(of: EnterpriseRequest.self)
        #expect(s.required.isEmpty)
        #expect(s.properties["isAboveScale"]?.kinds == [.boolean, .null])
        #expect(s.properties.count == 8)
    }

    @Test func checksValuesAgainstTheSchema() throws {
        let s = try SchemaReader.schema(of: Sample.self)
        let good = #"{"id":"00000000-0000-0000-0000-000000000001","name":"a","colour":"red","tags":[],"inner":[{"n":1}],"totals":{"x":2},"on":"2026-01-31","at":"2026-01-31T00:00:00Z"}"#
        #expect(s.problems(in: try JSONDecoder().decode(JSONValue.self, from: Data(good.utf8))).isEmpty)
        // Four disagreements: a colour not in the list, a number as text, a missing field, an undocumented one.
        let bad = #"{"id":"00000000-0000-0000-0000-000000000001","name":"a","colour":"blue","tags":[],"inner":[{"n":"1"}],"on":"2026-02-30","at":"2026-01-31T00:00:00Z","extra":1}"#
        let problems = s.problems(in: try JSONDecoder().decode(JSONValue.self, from: Data(bad.utf8)))
        #expect(problems.count == 5, "\(problems)")  // the four above and the impossible date
        #expect(problems.contains { $0.hasPrefix("/totals:") })
        #expect(problems.contains { $0.hasPrefix("/extra:") })
        #expect(problems.contains { $0.hasPrefix("/inner/0/n:") })
    }
}
