import Foundation

/// A unified social credit code (统一社会信用代码, GB 32100-2015): the 18-character
/// identity of every Chinese enterprise, printed on its business licence.
///
/// Only valid codes can exist: the initializer normalises and checks the text,
/// so any `CreditCode` value in the program has passed its check characters.
public struct CreditCode: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 31 characters a code may use: digits and capitals without I, O, S, V, Z,
    /// which are left out because they are easily mistaken for 1, 0, 5, U and 2.
    public static let alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

    /// Weights of positions 1–17 for the final check: Wᵢ = 3^(i−1) mod 31.
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Weights of positions 1–8 of a GB 11714 organisation code (positions 9–16 here).
    static let organisationWeights = [3, 7, 9, 10, 5, 8, 4, 2]

    /// Each alphabet character's value, its index in `alphabet` (0…30).
    private static let values: [Character: Int] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($0.element, $0.offset) }
    )

    /// The 18 characters, upper case, e.g. "91350100M000100Y43".
    public let value: String

    /// Checks and normalises a code as typed: surrounding whitespace is trimmed and
    /// lower case is accepted (people copy codes from many places), then length,
    /// characters, region digits, the organisation-code check and the final check
    /// are tested in that order, so the first problem found is the one reported.
    public init(_ raw: String) throws(CreditCodeError) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        let characters = Array(text)
        guard characters.count == 18 else { throw .wrongLength(found: characters.count) }
        for (index, character) in characters.enumerated() where Self.values[character] == nil {
            throw .invalidCharacter(position: index + 1, character: character)
        }
        guard characters[2..<8].allSatisfy(\.isASCIIDigit) else { throw .regionNotDigits }
        // The organisation-code check applies only to codes issued by market
        // regulation (authority "9"): those always embed a GB 11714 organisation
        // code with its own check character. Codes of other authorities (e.g. "1"
        // for government bodies, "5" for civil affairs) may carry legacy or
        // assigned numbers whose position 17 follows no published rule, so
        // checking it would refuse genuine codes.
        if characters[0] == "9" {
            let expected = Self.organisationCheckCharacter(forFirst8: String(characters[8..<16]))
            if let expected, expected != characters[16] {
                throw .organisationCodeCheckFailed(expected: expected, found: characters[16])
            }
        }
        let expected = Self.checkCharacter(forFirst17: String(characters[0..<17]))
        if let expected, expected != characters[17] {
            throw .checkCharacterMismatch(expected: expected, found: characters[17])
        }
        value = text
    }

    /// The code as printed on the licence.
    public var description: String { value }

    /// Position 1: who registered the body ("9" = market regulation, i.e. enterprises).
    public var registrationAuthority: Character { Array(value)[0] }

    /// Position 2: the kind of body within its authority ("1" = enterprise under "9").
    public var bodyType: Character { Array(value)[1] }

    /// Positions 3–8: the administrative region code where the body was registered.
    public var regionDigits: String { String(Array(value)[2..<8]) }

    /// Positions 3–8 as a `RegionCode` (always six digits, so never nil for a valid code).
    public var regionCode: RegionCode? { try? RegionCode(regionDigits) }

    /// Positions 9–17: the organisation code (GB 11714), including its own check character.
    public var organisationCode: String { String(Array(value)[8..<17]) }

    /// The final (18th) check character for 17 leading characters, or nil when the text
    /// is not 17 alphabet characters: alphabet[(31 − Σ valueᵢ·Wᵢ mod 31) mod 31].
    public static func checkCharacter(forFirst17 s: String) -> Character? {
        let characters = Array(s.uppercased())
        guard characters.count == 17 else { return nil }
        var sum = 0
        for (index, character) in characters.enumerated() {
            guard let value = values[character] else { return nil }
            sum += value * weights[index]
        }
        let alphabet = Array(Self.alphabet)
        return alphabet[(31 - sum % 31) % 31]
    }

    /// The GB 11714 check character for an 8-character organisation-code body, or nil
    /// when the text is not 8 digits or capitals: 11 − (Σ valueᵢ·Wᵢ mod 11), where
    /// letters count A = 10 … Z = 35 over the full Latin alphabet, 10 → "X" and 11 → "0".
    public static func organisationCheckCharacter(forFirst8 s: String) -> Character? {
        let characters = Array(s.uppercased())
        guard characters.count == 8 else { return nil }
        var sum = 0
        for (index, character) in characters.enumerated() {
            let value: Int
            if let digit = character.asciiDigitValue {
                value = digit
            } else if let ascii = character.asciiValue, ascii >= 65, ascii <= 90 {
                value = Int(ascii) - 65 + 10
            } else {
                return nil
            }
            sum += value * organisationWeights[index]
        }
        switch 11 - sum % 11 {
        case 10: return "X"
        case 11: return "0"
        case let check: return Character(String(check))
        }
    }

    /// Builds a valid code from its parts by computing both check characters
    /// (for demo data and tests); nil when a part is malformed.
    public static func make(
        authority: Character = "9",
        type: Character = "1",
        region: String,
        organisationBody: String
    ) -> CreditCode? {
        guard values[authority] != nil, values[type] != nil,
              region.count == 6, region.allSatisfy(\.isASCIIDigit),
              organisationBody.count == 8, organisationBody.allSatisfy({ values[$0] != nil }),
              let organisationCheck = organisationCheckCharacter(forFirst8: organisationBody)
        else { return nil }
        let first17 = "\(authority)\(type)\(region)\(organisationBody)\(organisationCheck)"
        guard let check = checkCharacter(forFirst17: first17) else { return nil }
        return try? CreditCode(first17 + String(check))
    }

    /// Decodes from the plain string, checking it like any typed code.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(container.decode(String.self))
    }

    /// Encodes as the plain 18-character string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
