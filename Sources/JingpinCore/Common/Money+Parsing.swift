import Foundation

extension Money {
    /// Reads an exact yuan amount as people type it: "1234.56", "-12.30", "¥1,234.56",
    /// "￥1,234.56", " 1,234.56 元".
    ///
    /// Exact means exact: a third decimal is refused (`.tooManyDecimals`) rather
    /// than silently rounded, because a typed amount that is not a whole number
    /// of fen is a mistake the person should see.
    public static func parse(_ text: String) throws(MoneyParseError) -> Money {
        let decimal = try DecimalText(text)
        guard decimal.fraction.count <= 2 else { throw .tooManyDecimals }
        return try decimal.money(rounding: .down)  // nothing to round: at most two decimals
    }

    /// Reads a whole, non-negative number of fen written as plain ASCII digits ("100000000"),
    /// as budgets are given on the command line and in the API; nil for anything else
    /// (a sign, a decimal point, grouping, full-width digits, an empty text).
    public static func wholeFen(_ text: String) -> Money? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && $0.isNumber }), let fen = Int64(t) else { return nil }
        return Money(fen: fen)
    }

    /// Reads a yuan amount with any number of decimals, rounded to the fen once by `rounding`
    /// (for computed figures such as imported spreadsheet cells).
    public static func parse(_ text: String, rounding: RoundingRule) throws(MoneyParseError) -> Money {
        try DecimalText(text).money(rounding: rounding)
    }
}

/// A decimal number split into sign and digit lists, so it is converted to fen
/// without ever passing through a binary floating-point value.
private struct DecimalText {
    let negative: Bool
    let integer: [Int]
    let fraction: [Int]

    init(_ text: String) throws(MoneyParseError) {
        var rest = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        var negative = false
        if rest.first == "-" {
            negative = true
            rest = rest.dropFirst()
        }
        if rest.first == "¥" || rest.first == "￥" {
            rest = rest.dropFirst().drop(while: \.isWhitespace)
        }
        // "¥-12.30" as well as "-¥12.30": both are seen in spreadsheets.
        if !negative, rest.first == "-" {
            negative = true
            rest = rest.dropFirst()
        }
        if rest.last == "元" {
            rest = rest.dropLast()
            while let last = rest.last, last.isWhitespace { rest = rest.dropLast() }
        }
        guard !rest.isEmpty else { throw .empty }
        guard rest.allSatisfy({ $0.isASCIIDigit || $0 == "," || $0 == "." }) else {
            throw .invalidCharacters
        }
        let pieces = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2 else { throw .misplacedGrouping }
        let integerText = pieces[0]
        let fractionText = pieces.count == 2 ? pieces[1] : ""
        guard !fractionText.contains(",") else { throw .misplacedGrouping }
        // A point needs digits on both sides: ".5" and "5." are more likely typos than intent.
        guard !integerText.isEmpty, pieces.count == 1 || !fractionText.isEmpty else {
            throw .invalidCharacters
        }
        if integerText.contains(",") {
            let groups = integerText.split(separator: ",", omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { throw .misplacedGrouping }
        }
        self.negative = negative
        self.integer = integerText.compactMap(\.asciiDigitValue)
        self.fraction = fractionText.compactMap(\.asciiDigitValue)
    }

    /// The amount in fen, with the digits beyond the fen rounded once by `rule`.
    func money(rounding rule: RoundingRule) throws(MoneyParseError) -> Money {
        // Work on the magnitude: the negative range has one more value than the positive one.
        let limit: UInt64 = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        var magnitude: UInt64 = 0
        let fenDigits = Array(fraction.prefix(2)) + Array(repeating: 0, count: max(0, 2 - fraction.count))
        for digit in integer + fenDigits {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2, next <= limit else { throw .overflow }
            magnitude = next
        }
        if roundsAwayFromZero(rule, fenIsOdd: magnitude % 2 == 1) {
            guard magnitude < limit else { throw .overflow }
            magnitude += 1
        }
        if negative {
            return Money(fen: magnitude == limit ? Int64.min : -Int64(magnitude))
        }
        return Money(fen: Int64(magnitude))
    }

    /// Whether the digits after the fen push the magnitude up by one fen under `rule`.
    private func roundsAwayFromZero(_ rule: RoundingRule, fenIsOdd: Bool) -> Bool {
        let beyond = fraction.dropFirst(2)
        guard let first = beyond.first, beyond.contains(where: { $0 != 0 }) else { return false }
        let moreAfterFirst = beyond.dropFirst().contains { $0 != 0 }
        switch rule {
        case .down: return false
        case .halfUp: return first >= 5
        case .halfEven: return first > 5 || (first == 5 && (moreAfterFirst || fenIsOdd))
        }
    }
}
