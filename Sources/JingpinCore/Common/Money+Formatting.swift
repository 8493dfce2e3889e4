import Foundation

extension Money {
    /// The amount for people: "¥1,234.56", "-¥1,234.56", "¥0.00".
    ///
    /// The same in both languages: the yuan sign and comma grouping are what
    /// Chinese and English readers of renminbi amounts both expect.
    public func formatted(_ language: Language) -> String {
        let sign = fen < 0 ? "-" : ""
        let (yuan, cents) = fen.magnitude.quotientAndRemainder(dividingBy: 100)
        return "\(sign)¥\(Self.grouped(yuan)).\(Self.twoDigits(cents))"
    }

    /// A large amount at a glance: zh "123.46万元" (ten-thousands of yuan, the unit of
    /// Chinese budgets), en "¥1.23 million"; two decimals, rounded half up once.
    public func formattedWan(_ language: Language) -> String {
        switch language {
        case .zhHans:
            // 1万元 = 10 000 yuan = 1 000 000 fen, so hundredths of 万 are units of 10 000 fen.
            return Self.twoDecimals(RoundingRule.halfUp.divide(fen, by: 10_000)) + "万元"
        case .en:
            // 1 million yuan = 100 000 000 fen, so hundredths of a million are units of 1 000 000 fen.
            let hundredths = RoundingRule.halfUp.divide(fen, by: 1_000_000)
            let text = Self.twoDecimals(hundredths)
            return hundredths < 0 ? "-¥\(text.dropFirst()) million" : "¥\(text) million"
        }
    }

    /// Plain yuan for CSV files and form fields: "1234.56", "-12.30"; no sign, no grouping.
    public var yuanString: String {
        let sign = fen < 0 ? "-" : ""
        let (yuan, cents) = fen.magnitude.quotientAndRemainder(dividingBy: 100)
        return "\(sign)\(yuan).\(Self.twoDigits(cents))"
    }

    /// A count of hundredths as a grouped number with two decimals: 1234567 → "12,345.67".
    private static func twoDecimals(_ hundredths: Int64) -> String {
        let sign = hundredths < 0 ? "-" : ""
        let (whole, part) = hundredths.magnitude.quotientAndRemainder(dividingBy: 100)
        return "\(sign)\(grouped(whole)).\(twoDigits(part))"
    }

    /// Digits with a comma between groups of three: 1234567 → "1,234,567".
    private static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }

    /// 0…99 as exactly two digits: 5 → "05".
    private static func twoDigits(_ value: UInt64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
