import Foundation
import Testing
@testable import JingpinCore

@Suite("Unified social credit code (GB 32100-2015)")
struct CreditCodeTests {
    // Hand check of the standard's vector 91350100M000100Y43. Alphabet values: digits are
    // themselves, M = 21, Y = 30 (A=10 … H=17, J=18 … N=22, P=23 … R=25, T=26, U=27, W=28, X=29, Y=30).
    // Σ valueᵢ·Wᵢ = 9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + 21·20 + 0·29 + 0·25
    //            + 0·13 + 1·8 + 0·24 + 0·10 + 30·30 + 4·28
    //            = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640
    // 1640 mod 31 = 1640 − 31·52 (1612) = 28; (31 − 28) mod 31 = 3 → "3". ✓
    // Organisation code (positions 9–16 "M000100Y", full Latin values M = 22, Y = 34):
    // 22·3 + 0·7 + 0·9 + 0·10 + 1·5 + 0·8 + 0·4 + 34·2 = 66 + 5 + 68 = 139;
    // 139 mod 11 = 7; 11 − 7 = 4 → "4" (position 17). ✓
    static let vector = "91350100M000100Y43"

    @Test("the standard's test vector passes both checks and exposes its parts")
    func vectorPasses() throws {
        let code = try CreditCode(Self.vector)
        #expect(code.value == Self.vector)
        #expect(code.description == Self.vector)
        #expect(code.registrationAuthority == "9")
        #expect(code.bodyType == "1")
        #expect(code.regionDigits == "350100")
        #expect(code.regionCode == (try RegionCode("350100")))
        #expect(code.organisationCode == "M000100Y4")
        #expect(CreditCode.checkCharacter(forFirst17: "91350100M000100Y4") == "3")
        #expect(CreditCode.organisationCheckCharacter(forFirst8: "M000100Y") == "4")
    }

    @Test("the alphabet has 31 characters and the weights are 3^(i−1) mod 31")
    func alphabetAndWeights() {
        #expect(CreditCode.alphabet.count == 31)
        for excluded in "IOSVZ" { #expect(!CreditCode.alphabet.contains(excluded)) }
        // 3^0..3^16 mod 31, multiplied out by hand: 1, 3, 9, 27, 81−62=19, 57−31=26, 78−62=16,
        // 48−31=17, 51−31=20, 60−31=29, 87−62=25, 75−62=13, 39−31=8, 24, 72−62=10, 30, 90−62=28.
        #expect(CreditCode.weights == [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])
    }

    @Test("lower case and surrounding spaces are normalised, not refused")
    func normalises() throws {
        #expect(try CreditCode("91350100m000100y43").value == Self.vector)
        #expect(try CreditCode("  91350100M000100Y43\n").value == Self.vector)
    }

    @Test("a wrong final check character is reported with the expected one")
    func wrongCheckCharacter() {
        #expect(throws: CreditCodeError.checkCharacterMismatch(expected: "3", found: "4")) {
            try CreditCode("91350100M000100Y44")
        }
    }

    @Test("the excluded letters are refused where they stand", arguments: ["I", "O", "S", "V", "Z"])
    func excludedLetters(letter: String) {
        // Position 9 ("M") replaced by the letter.
        let text = "91350100" + letter + "000100Y43"
        #expect(throws: CreditCodeError.invalidCharacter(position: 9, character: Character(letter))) {
            try CreditCode(text)
        }
        // Lower case is upper-cased first, so it is refused as the capital.
        #expect(throws: CreditCodeError.invalidCharacter(position: 9, character: Character(letter))) {
            try CreditCode(text.lowercased())
        }
    }

    @Test("other characters are refused with their position")
    func otherCharacters() {
        #expect(throws: CreditCodeError.invalidCharacter(position: 18, character: "-")) {
            try CreditCode("91350100M000100Y4-")
        }
        #expect(throws: CreditCodeError.invalidCharacter(position: 1, character: "＃")) {
            try CreditCode("＃1350100M000100Y43")
        }
    }

    @Test("17 and 19 characters are the wrong length", arguments: [
        ("91350100M000100Y4", 17),
        ("91350100M000100Y431", 19),
        ("", 0),
        ("  ", 0),
    ])
    func wrongLength(text: String, found: Int) {
        #expect(throws: CreditCodeError.wrongLength(found: found)) { try CreditCode(text) }
    }

    @Test("length is checked before characters, characters before region, region before checks")
    func checkOrder() {
        // 17 characters including an "I": the length is reported.
        #expect(throws: CreditCodeError.wrongLength(found: 17)) { try CreditCode("9135010IM000100Y4") }
        // Position 8 is a letter and position 18 is wrong too: the region is reported.
        #expect(throws: CreditCodeError.regionNotDigits) { try CreditCode("9135010AM000100Y40") }
        // Both the organisation check (position 17) and the final check are wrong:
        // the organisation code is reported first.
        #expect(throws: CreditCodeError.organisationCodeCheckFailed(expected: "4", found: "5")) {
            try CreditCode("91350100M000100Y50")
        }
    }

    @Test("an organisation-code mismatch is refused for market-regulation codes")
    func organisationMismatch() {
        // Position 17 changed from 4 to 5; the final character is recomputed by hand so
        // only the organisation check fails:
        // Σ = 1640 − 4·28 + 5·28 = 1668; 1668 mod 31 = 1668 − 1643 = 25; 31 − 25 = 6 → "6".
        #expect(throws: CreditCodeError.organisationCodeCheckFailed(expected: "4", found: "5")) {
            try CreditCode("91350100M000100Y56")
        }
    }

    @Test("codes of other authorities skip the organisation-code check")
    func otherAuthority() throws {
        // Authority "1", position 17 "5" (the organisation check would want "4").
        // Σ = 1·1 + 1·3 + 3·9 + 5·27 + 1·26 + 21·20 + 1·8 + 30·30 + 5·28
        //   = 1 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 140 = 1660;
        // 1660 mod 31 = 1660 − 1643 = 17; 31 − 17 = 14 → "E".
        let code = try CreditCode("11350100M000100Y5E")
        #expect(code.registrationAuthority == "1")
        // The same body under authority "9" is refused for its organisation code.
        #expect(throws: CreditCodeError.organisationCodeCheckFailed(expected: "4", found: "5")) {
            try CreditCode("91350100M000100Y5E")
        }
    }

    @Test("organisation check characters include X and 0")
    func organisationCheckSpecialCases() {
        // "12345678": 1·3 + 2·7 + 3·9 + 4·10 + 5·5 + 6·8 + 7·4 + 8·2 = 201; 201 mod 11 = 3; 11 − 3 = 8.
        #expect(CreditCode.organisationCheckCharacter(forFirst8: "12345678") == "8")
        // "00000006": 6·2 = 12; 12 mod 11 = 1; 11 − 1 = 10 → "X".
        #expect(CreditCode.organisationCheckCharacter(forFirst8: "00000006") == "X")
        // "00000000": 0; 11 − 0 = 11 → "0".
        #expect(CreditCode.organisationCheckCharacter(forFirst8: "00000000") == "0")
        #expect(CreditCode.organisationCheckCharacter(forFirst8: "1234567") == nil)
        #expect(CreditCode.organisationCheckCharacter(forFirst8: "1234567-") == nil)
        #expect(CreditCode.checkCharacter(forFirst17: "91350100M000100Y") == nil)
        #expect(CreditCode.checkCharacter(forFirst17: "91350100I000100Y4") == nil)
    }

    @Test("make builds codes with both check characters computed")
    func make() throws {
        // Body "12345678" → organisation check "8" (above). First 17: 9 1 3 3 0 1 0 6 1 2 3 4 5 6 7 8 8.
        // Σ = 9·1 + 1·3 + 3·9 + 3·27 + 0·19 + 1·26 + 0·16 + 6·17 + 1·20 + 2·29 + 3·25 + 4·13
        //   + 5·8 + 6·24 + 7·10 + 8·30 + 8·28
        //   = 9 + 3 + 27 + 81 + 26 + 102 + 20 + 58 + 75 + 52 + 40 + 144 + 70 + 240 + 224 = 1171;
        // 1171 mod 31 = 1171 − 1147 = 24; 31 − 24 = 7 → "7".
        #expect(CreditCode.make(region: "330106", organisationBody: "12345678")?.value == "913301061234567887")
        // Body "00000006" → organisation check "X" (29). Σ = 9 + 3 + 27 + 81 + 26 + 102 + 6·30 + 29·28
        //   = 248 + 180 + 812 = 1240 = 31·40, so the check is alphabet[0] = "0".
        #expect(CreditCode.make(region: "330106", organisationBody: "00000006")?.value == "9133010600000006X0")
        #expect(CreditCode.make(region: "33010", organisationBody: "12345678") == nil)
        #expect(CreditCode.make(region: "330106", organisationBody: "1234567I") == nil)
        #expect(CreditCode.make(authority: "O", region: "330106", organisationBody: "12345678") == nil)
    }

    @Test("every code make produces passes the checks")
    func makePasses() throws {
        let alphabet = Array(CreditCode.alphabet)
        for seed in 0..<200 {
            // A spread of bodies over the whole alphabet, deterministic so failures reproduce.
            let body = String((0..<8).map { alphabet[(seed * 7 + $0 * 13 + seed * $0) % 31] })
            let code = try #require(CreditCode.make(region: "330106", organisationBody: body))
            #expect(try CreditCode(code.value) == code)
            #expect(code.organisationCode.prefix(8) == Substring(body))
        }
    }

    @Test("errors are messages naming what to fix (their words, in both languages, are checked by the application's TranslationTests)")
    func messages() {
        #expect(CreditCodeError.wrongLength(found: 17).message == Message("domain.creditCode.wrong_length", "17"))
        #expect(CreditCodeError.wrongLength(found: 0).message == Message("domain.creditCode.empty"))
        #expect(CreditCodeError.invalidCharacter(position: 9, character: "I").message == Message("domain.creditCode.invalid_character", "9", "I"))
        let mismatch = CreditCodeError.checkCharacterMismatch(expected: "3", found: "4")
        #expect(mismatch.message.args.isEmpty)  // the right answer is not given away
    }

    @Test("codes are encoded as plain strings and checked when decoded")
    func codable() throws {
        let code = try CreditCode(Self.vector)
        let data = try JSONEncoder().encode([code])
        #expect(String(decoding: data, as: UTF8.self) == "[\"\(Self.vector)\"]")
        #expect(try JSONDecoder().decode([CreditCode].self, from: data) == [code])
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode([CreditCode].self, from: Data("[\"91350100M000100Y44\"]".utf8))
        }
    }
}
