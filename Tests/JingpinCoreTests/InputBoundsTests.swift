import Foundation
import Testing
@testable import JingpinCore

@Suite("InputBounds: numbers from requests, checked where parsed")
struct InputBoundsTests {
    @Test("a page inside its bound parses; the ends are inclusive")
    func pageInRange() throws {
        #expect(try InputBounds.parse("1", in: InputBounds.page).get() == 1)
        #expect(try InputBounds.parse(" 100000 ", in: InputBounds.page).get() == 100_000)
    }

    @Test("outside the bound, not a number, or empty: each says why", arguments: [
        ("0", BoundedNumberError.outOfRange(1, 100_000)),
        ("100001", .outOfRange(1, 100_000)),
        ("9223372036854775807", .outOfRange(1, 100_000)),
        // One more than Int64's top does not fit at all.
        ("9223372036854775808", .notANumber),
        ("-9223372036854775808", .outOfRange(1, 100_000)),
        ("1.5", .notANumber), ("1e3", .notANumber), ("", .missing), ("  ", .missing),
    ])
    func refused(text: String, expected: BoundedNumberError) {
        #expect(throws: expected) { try InputBounds.parse(text, in: InputBounds.page).get() }
    }

    @Test("the offset of a page: (page − 1) × perPage, nil where Int would overflow")
    func offsets() {
        #expect(InputBounds.offset(page: 1, perPage: 20) == 0)
        #expect(InputBounds.offset(page: 3, perPage: 20) == 40)
        // The last page allowed: 99,999 × 100 = 9,999,900.
        #expect(InputBounds.offset(page: 100_000, perPage: 100) == 9_999_900)
        // The probe's page: 461,168,601,842,738,791 × 20 = 9,223,372,036,854,775,820 > 2^63 − 1 = 9,223,372,036,854,775,807.
        #expect(InputBounds.offset(page: 461_168_601_842_738_792, perPage: 20) == nil)
        #expect(InputBounds.offset(page: Int.min, perPage: 20) == nil)
        #expect(InputBounds.offset(page: 0, perPage: 20) == nil)
    }

    @Test("every bound's worst product stays far inside Int64: largest offset, and two measures' difference")
    func boundsLeaveHeadroom() {
        let (offset, o1) = (InputBounds.page.upperBound - 1).multipliedReportingOverflow(by: InputBounds.perPage.upperBound)
        #expect(!o1 && offset < Int.max / 1000)
        let (span, o2) = InputBounds.measure.upperBound.subtractingReportingOverflow(InputBounds.measure.lowerBound)
        // 10^15 − (−10^15) = 2 × 10^15.
        #expect(!o2 && span == 2_000_000_000_000_000)
    }

    @Test("the field error names the field and the range in both languages")
    func messages() throws {
        let e = BoundedNumberError.outOfRange(2000, 2100).fieldError("year")
        #expect(e.field == "year" && e.pointer == "/year" && e.code == "out_of_range")
        #expect(e.message.args == [.text("2000"), .text("2100")])
        var errors: [FieldError] = []
        #expect(InputBounds.read("2025", field: "year", in: InputBounds.year, errors: &errors) == 2025)
        #expect(InputBounds.read("3000", field: "year", in: InputBounds.year, errors: &errors) == nil)
        #expect(InputBounds.read(nil, field: "year", in: InputBounds.year, errors: &errors) == nil)
        #expect(errors.map(\.code) == ["out_of_range", "required"])
    }
}
