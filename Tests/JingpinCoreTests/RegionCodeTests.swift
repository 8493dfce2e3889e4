import Foundation
import Testing
@testable import JingpinCore

@Suite("Region codes")
struct RegionCodeTests {
    private func code(_ text: String) throws -> RegionCode { try RegionCode(text) }

    @Test("the level is read from the trailing zeros", arguments: [
        ("330000", RegionLevel.province),
        ("330100", .city),
        ("331000", .city),        // Taizhou: ends in 000, not 0000
        ("331100", .city),
        ("330106", .county),
        ("330110", .county),      // Yuhang: ends in 10
    ])
    func levels(text: String, level: RegionLevel) throws {
        #expect(try code(text).level == level)
    }

    @Test("a county knows its city and province")
    func parents() throws {
        #expect(try code("330106").cityCode == (try code("330100")))
        #expect(try code("330100").cityCode == (try code("330100")))
        #expect(try code("330000").cityCode == nil)
        #expect(try code("330106").provinceCode == (try code("330000")))
        #expect(try code("331100").provinceCode == (try code("330000")))
        #expect(try code("330001").cityCode == nil)  // directly under the province
    }

    @Test("containment follows the nesting of the digits", arguments: [
        ("330000", "330106", true),
        ("330000", "331100", true),
        ("330000", "330000", true),
        ("330000", "320100", false),   // Nanjing, Jiangsu
        ("330100", "330100", true),
        ("330100", "330106", true),
        ("330100", "330000", false),   // a city does not hold its province
        ("330100", "330206", false),   // Beilun is in Ningbo
        ("330100", "331000", false),
        ("330106", "330106", true),
        ("330106", "330100", false),
        ("330106", "330105", false),
    ])
    func contains(outer: String, inner: String, expected: Bool) throws {
        #expect(try code(outer).contains(code(inner)) == expected)
    }

    @Test("only six ASCII digits are accepted", arguments: ["", "33010", "3301066", "33010a", "３３０１０６", "330 06"])
    func refuses(text: String) {
        #expect(throws: RegionCodeError.notSixDigits) { try RegionCode(text) }
    }

    @Test("surrounding whitespace is trimmed")
    func trims() throws {
        #expect(try code(" 330106\n").value == "330106")
    }

    @Test("codes sort and encode as plain strings")
    func sortAndCode() throws {
        let codes = try ["331100", "330106", "330000"].map(code)
        #expect(codes.sorted().map(\.value) == ["330000", "330106", "331100"])
        let data = try JSONEncoder().encode(try code("330106"))
        #expect(String(decoding: data, as: UTF8.self) == "\"330106\"")
        #expect(try JSONDecoder().decode(RegionCode.self, from: data) == (try code("330106")))
        #expect(throws: (any Error).self) { try JSONDecoder().decode(RegionCode.self, from: Data("\"abc\"".utf8)) }
    }
}
