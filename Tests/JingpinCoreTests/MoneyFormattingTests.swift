import Testing
@testable import JingpinCore

@Suite("Money formatting")
struct MoneyFormattingTests {
    @Test("amounts show with the yuan sign and comma groups in both languages", arguments: [
        (Int64(123_456), "¥1,234.56"),
        (-123_456, "-¥1,234.56"),
        (0, "¥0.00"),
        (5, "¥0.05"),
        (100, "¥1.00"),
        (99_999, "¥999.99"),                     // three integer digits: no comma
        (100_000, "¥1,000.00"),                  // four: the first comma
        (123_456_789, "¥1,234,567.89"),
        (Int64.min, "-¥92,233,720,368,547,758.08"),
    ])
    func formats(fen: Int64, text: String) {
        #expect(Money(fen: fen).formatted(.zhHans) == text)
        #expect(Money(fen: fen).formatted(.en) == text)
    }

    @Test("large amounts show in 万元 (zh) and millions (en), two decimals half up", arguments: [
        // 123 456 789 fen = 1 234 567.89 yuan = 123.456789 万 = 1.23456789 million
        (Int64(123_456_789), "123.46万元", "¥1.23 million"),
        (-123_456_789, "-123.46万元", "-¥1.23 million"),
        (0, "0.00万元", "¥0.00 million"),
        (5_000, "0.01万元", "¥0.00 million"),       // 50 yuan = 0.005万 → 0.01; 0.00005 million → 0.00
        (4_999, "0.00万元", "¥0.00 million"),       // 49.99 yuan = 0.004999万
        (500_000, "0.50万元", "¥0.01 million"),     // 5 000 yuan = 0.5万 = 0.005 million → 0.01
        (1_000_000_000_000, "1,000,000.00万元", "¥10,000.00 million"), // 10¹⁰ yuan = 10⁶万 = 10⁴ million
    ])
    func formatsWan(fen: Int64, zh: String, en: String) {
        #expect(Money(fen: fen).formattedWan(.zhHans) == zh)
        #expect(Money(fen: fen).formattedWan(.en) == en)
    }

    @Test("yuanString is plain: no sign, no grouping", arguments: [
        (Int64(123_456), "1234.56"),
        (-1_230, "-12.30"),
        (5, "0.05"),
        (0, "0.00"),
        (123_456_789, "1234567.89"),
    ])
    func yuanString(fen: Int64, text: String) {
        #expect(Money(fen: fen).yuanString == text)
    }

    @Test("what is formatted parses back to the same amount", arguments: [Int64(0), 1, -1, 99, 123_456, -987_654_321, .max, .min])
    func roundTrip(fen: Int64) throws {
        let amount = Money(fen: fen)
        #expect(try Money.parse(amount.formatted(.zhHans)) == amount)
        #expect(try Money.parse(amount.yuanString) == amount)
    }
}
