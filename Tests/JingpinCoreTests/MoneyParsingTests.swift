import Testing
@testable import JingpinCore

@Suite("Money parsing")
struct MoneyParsingTests {
    @Test("exact amounts are read to the fen", arguments: [
        ("1234.56", Int64(123_456)),          // 1234 × 100 + 56
        ("1234.5", 123_450),                  // 1234 × 100 + 50
        ("1234", 123_400),                    // 1234 × 100
        ("-12.30", -1_230),                   // −(12 × 100 + 30)
        ("¥1,234.56", 123_456),
        ("￥1,234.56", 123_456),
        (" 1,234.56 元", 123_456),
        ("-¥1,234.56", -123_456),             // what `formatted` writes reads back
        ("¥-1,234.56", -123_456),
        ("1,234,567.89", 123_456_789),        // 1 234 567 × 100 + 89
        ("0", 0),
        ("-0.00", 0),
        ("0.05", 5),
        ("007", 700),                         // leading zeros are harmless
        ("92233720368547758.07", Int64.max),  // 9 223 372 036 854 775 807 fen
        ("-92233720368547758.08", Int64.min), // the negative side reaches one fen further
    ])
    func parses(text: String, fen: Int64) throws {
        #expect(try Money.parse(text) == Money(fen: fen))
    }

    @Test("each kind of bad input has its own error", arguments: [
        ("", MoneyParseError.empty),
        ("   ", .empty),
        ("¥", .empty),
        ("元", .empty),
        ("abc", .invalidCharacters),
        ("12a", .invalidCharacters),
        ("1 234", .invalidCharacters),
        ("$12", .invalidCharacters),
        ("--5", .invalidCharacters),
        ("１２", .invalidCharacters),          // full-width digits are not guessed at
        (".5", .invalidCharacters),
        ("5.", .invalidCharacters),
        ("1,23.4", .misplacedGrouping),
        ("1234,567", .misplacedGrouping),     // first group has four digits
        (",123", .misplacedGrouping),
        ("1,,234", .misplacedGrouping),
        ("1.2.3", .misplacedGrouping),
        ("1.234,5", .misplacedGrouping),      // comma after the point
        ("1.234", .tooManyDecimals),
        ("1.500", .tooManyDecimals),          // exact, but three decimals are still refused
        ("92233720368547758.08", .overflow),  // Int64.max + 1 fen
        ("-92233720368547758.09", .overflow), // Int64.min − 1 fen
        ("100000000000000000", .overflow),    // 10¹⁷ yuan = 10¹⁹ fen > 9.22 × 10¹⁸
    ])
    func refuses(text: String, error: MoneyParseError) {
        #expect(throws: error) { try Money.parse(text) }
    }

    @Test("with a rounding rule, extra decimals are rounded once", arguments: [
        ("1.234", RoundingRule.halfUp, Int64(123)),   // 0.4 fen: down
        ("1.235", .halfUp, 124),                      // 0.5 fen: away from zero
        ("1.235", .halfEven, 124),                    // 123 is odd: to 124
        ("1.235", .down, 123),
        ("1.245", .halfEven, 124),                    // 124 is even: stays
        ("1.245", .halfUp, 125),
        ("1.2451", .halfEven, 125),                   // just over half: up
        ("-1.235", .halfUp, -124),
        ("-1.235", .down, -123),                      // toward zero
        ("-1.235", .halfEven, -124),
        ("-1.245", .halfEven, -124),
        ("0.005", .halfUp, 1),
        ("0.005", .halfEven, 0),                      // 0 is even
        ("2.999999", .down, 299),
        ("2.999999", .halfUp, 300),
        ("1.23", .halfEven, 123),                     // nothing to round
        ("1.2300000", .halfUp, 123),
        ("¥1,234.5678", .halfUp, 123_457),            // 123 456.78 fen → 123 457
    ])
    func parsesWithRounding(text: String, rule: RoundingRule, fen: Int64) throws {
        #expect(try Money.parse(text, rounding: rule) == Money(fen: fen))
    }

    @Test("rounding up past the largest amount is an overflow, not a wrap")
    func roundingOverflow() throws {
        // 92233720368547758.07 is Int64.max fen; .005 more rounds half up by one fen.
        #expect(throws: MoneyParseError.overflow) {
            try Money.parse("92233720368547758.075", rounding: .halfUp)
        }
        #expect(try Money.parse("92233720368547758.075", rounding: .down) == Money(fen: .max))
    }

    @Test("the rounding parser still refuses grouping mistakes")
    func roundingParserRefuses() {
        #expect(throws: MoneyParseError.misplacedGrouping) { try Money.parse("1,23.456", rounding: .halfUp) }
        #expect(throws: MoneyParseError.empty) { try Money.parse(" ", rounding: .halfUp) }
    }

    @Test("every error has a message in both languages")
    func messages() {
        let all: [MoneyParseError] = [.empty, .invalidCharacters, .misplacedGrouping, .tooManyDecimals, .overflow]
        for error in all {
            #expect(!error.message(.zhHans).isEmpty)
            #expect(!error.message(.en).isEmpty)
            #expect(error.message(.zhHans) == error.message.zh)
            #expect(error.message(.en) == error.message.en)
        }
        #expect(MoneyParseError.tooManyDecimals.message(.zhHans).contains("两位小数"))
    }
}
