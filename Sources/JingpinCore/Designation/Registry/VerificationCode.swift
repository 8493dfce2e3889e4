/// A designated product's verification code (防伪验证码), printed with its QR code: 13 random
/// symbols of Crockford's base-32 alphabet (65 bits — guessing a live code is hopeless) and one
/// check symbol by the Luhn mod 32 algorithm, which catches every single mistyped symbol and
/// most swapped neighbours. The alphabet leaves out I, L, O and U, so nothing reads as something
/// else; when reading a code, O is taken as 0 and I and L as 1, case and separators ignored.
public struct VerificationCode: Sendable, Hashable, CustomStringConvertible {
    /// The 32 symbols, by value.
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    /// How many random symbols a code has.
    public static let randomSymbols = 13
    /// The bits of randomness in a code.
    public static let randomBits = randomSymbols * 5

    /// The 14 symbols, check symbol last, without separators.
    public let value: String

    /// A new code from `generator`'s randomness (use a cryptographic generator in production).
    public static func generate(using generator: inout some RandomNumberGenerator) -> VerificationCode {
        let payload = (0..<randomSymbols).map { _ in Int(generator.next() & 31) }
        return VerificationCode(symbols: payload + [checkValue(payload)])
    }

    /// Reads a code as a person types or a scanner sends it; nil when it is not 14 symbols of the
    /// alphabet or its check symbol does not match (a typo).
    public init?(_ text: String) {
        var symbols: [Int] = []
        for c in text.uppercased() {
            if c == "-" || c == " " { continue }
            let mapped: Character = switch c {
            case "O": "0"
            case "I", "L": "1"
            default: c
            }
            guard let v = Self.alphabet.firstIndex(of: mapped) else { return nil }
            symbols.append(v)
        }
        guard symbols.count == Self.randomSymbols + 1, Self.isValid(symbols) else { return nil }
        self.init(symbols: symbols)
    }

    private init(symbols: [Int]) {
        value = String(symbols.map { Self.alphabet[$0] })
    }

    /// Grouped by four for print: `7KQ2-M9XD-4TBR-GH`.
    public var description: String {
        stride(from: 0, to: value.count, by: 4).map { i in
            String(value.dropFirst(i).prefix(4))
        }.joined(separator: "-")
    }

    /// The Luhn mod 32 check value of `payload`: from the right, every other value doubled
    /// (starting with the last), each product's base-32 digits summed.
    static func checkValue(_ payload: [Int]) -> Int {
        var sum = 0
        for (i, v) in payload.reversed().enumerated() {
            let addend = i % 2 == 0 ? 2 * v : v
            sum += addend / 32 + addend % 32
        }
        return (32 - sum % 32) % 32
    }

    /// Whether the last value is the check value of the others.
    static func isValid(_ symbols: [Int]) -> Bool {
        checkValue(Array(symbols.dropLast())) == symbols.last
    }
}

/// A certificate number (证书编号): `ZJJP-2026-0001`, the designation year and a serial within it.
public struct CertificateNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year of the decision.
    public let year: Int
    /// The serial within the year, from 1.
    public let serial: Int

    /// Creates a number.
    public init(year: Int, serial: Int) {
        self.year = year
        self.serial = serial
    }

    /// Reads `ZJJP-2026-0001`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0] == "ZJJP", parts[1].count == 4, parts[2].count >= 4,
              let y = Int(parts[1]), let s = Int(parts[2]), s >= 1 else { return nil }
        self.init(year: y, serial: s)
    }

    public var description: String {
        let s = String(serial)
        return "ZJJP-\(year)-" + String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    public static func < (a: CertificateNumber, b: CertificateNumber) -> Bool { (a.year, a.serial) < (b.year, b.serial) }
}
