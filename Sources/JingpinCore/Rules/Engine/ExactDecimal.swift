/// Exact decimal text of a fraction whose denominator is a power of ten.
public enum ExactDecimal {
    /// `numerator / denominator` written out exactly, trailing zeros dropped: 12345/100 → "123.45".
    public static func text(_ numerator: Int128, over denominator: Int128) -> String {
        precondition(denominator > 0)
        // Almost every value a formula records fits in 64 bits, where division is cheap.
        if let m = UInt64(exactly: numerator.magnitude), let d = UInt64(exactly: denominator) {
            return text(negative: numerator < 0, m, over: d)
        }
        var places = 0
        var d = denominator
        while d > 1 {
            precondition(d % 10 == 0, "denominator must be a power of ten")
            d /= 10
            places += 1
        }
        let sign = numerator < 0 ? "-" : ""
        let m = numerator.magnitude
        let whole = m / UInt128(denominator)
        var frac = String(m % UInt128(denominator))
        if places == 0 { return sign + String(whole) }
        frac = String(repeating: "0", count: places - frac.count) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        return sign + String(whole) + (frac.isEmpty ? "" : "." + frac)
    }

    /// The same for a magnitude and denominator that fit in 64 bits, written digit by digit
    /// into the string's storage (no intermediate strings).
    private static func text(negative: Bool, _ magnitude: UInt64, over denominator: UInt64) -> String {
        var places = 0
        var d = denominator
        while d > 1 {
            precondition(d % 10 == 0, "denominator must be a power of ten")
            d /= 10
            places += 1
        }
        var whole = magnitude / denominator
        var frac = magnitude % denominator
        // Trailing zeros of the fraction are dropped; none at all leaves no point.
        if frac == 0 {
            places = 0
        } else {
            while frac % 10 == 0 {
                frac /= 10
                places -= 1
            }
        }
        var wholeDigits = 1
        var w = whole
        while w >= 10 {
            w /= 10
            wholeDigits += 1
        }
        let count = (negative ? 1 : 0) + wholeDigits + (places > 0 ? 1 + places : 0)
        return String(unsafeUninitializedCapacity: count) { buffer in
            var i = count
            for _ in 0..<places {
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(frac % 10)
                frac /= 10
            }
            if places > 0 {
                i -= 1
                buffer[i] = UInt8(ascii: ".")
            }
            repeat {
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(whole % 10)
                whole /= 10
            } while whole > 0
            if negative {
                i -= 1
                buffer[i] = UInt8(ascii: "-")
            }
            return count
        }
    }
}

extension LocalDate {
    /// The same text as `description` ("2025-12-31"), written as ten bytes, without the
    /// interpolation and padding strings: traces record a date for every parameter used.
    var isoText: String {
        guard (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else { return description }
        return String(unsafeUninitializedCapacity: 10) { b in
            func put(_ value: Int, _ at: Int, _ width: Int) {
                var v = value
                for i in stride(from: at + width - 1, through: at, by: -1) {
                    b[i] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                }
            }
            put(year, 0, 4)
            b[4] = UInt8(ascii: "-")
            put(month, 5, 2)
            b[7] = UInt8(ascii: "-")
            put(day, 8, 2)
            return 10
        }
    }
}
