import Foundation

/// Why a unified social credit code was refused, with enough detail to say exactly what to fix.
public enum CreditCodeError: Error, Sendable, Hashable {
    /// The code is not 18 characters long (after trimming); `found` is how many there were.
    case wrongLength(found: Int)
    /// The character at `position` (1-based) is not in the code alphabet (e.g. I, O, S, V, Z).
    case invalidCharacter(position: Int, character: Character)
    /// Positions 3–8 (the region code) are not all digits.
    case regionNotDigits
    /// Position 17, the check character of the embedded organisation code, does not match.
    case organisationCodeCheckFailed(expected: Character, found: Character)
    /// Position 18, the check character of the whole code, does not match.
    case checkCharacterMismatch(expected: Character, found: Character)

    /// Plain-language text for the person who typed the code.
    ///
    /// The expected check characters are deliberately not shown: a mismatch almost
    /// always means a typo elsewhere, and showing the "right" last character
    /// would invite a wrong code that merely passes the check.
    public func message(_ language: Language) -> String {
        switch (self, language) {
        case (.wrongLength(0), .zhHans):
            return "请填写18位统一社会信用代码"
        case (.wrongLength(0), .en):
            return "Enter the 18-character unified social credit code, e.g. 91350100M000100Y43"
        case let (.wrongLength(found), .zhHans):
            return "统一社会信用代码应为18位，当前为\(found)位"
        case let (.wrongLength(found), .en):
            return "Enter the 18-character unified social credit code, e.g. 91350100M000100Y43 (you entered \(found))"
        case let (.invalidCharacter(position, character), .zhHans):
            return "统一社会信用代码第\(position)位“\(character)”无效：只能使用数字和大写字母，且不含 I、O、S、V、Z"
        case let (.invalidCharacter(position, character), .en):
            return "Character \(position) (“\(character)”) cannot be in a unified social credit code: use digits and capital letters other than I, O, S, V and Z"
        case (.regionNotDigits, .zhHans):
            return "统一社会信用代码第3至8位是行政区划代码，应全部为数字"
        case (.regionNotDigits, .en):
            return "Characters 3 to 8 of the unified social credit code are the region code and must all be digits"
        case (.organisationCodeCheckFailed, .zhHans):
            return "统一社会信用代码第9至17位（组织机构代码）校验不通过，请对照营业执照逐位核对"
        case (.organisationCodeCheckFailed, .en):
            return "The organisation code inside the credit code (characters 9 to 17) does not add up: check each character against the business licence"
        case (.checkCharacterMismatch, .zhHans):
            return "统一社会信用代码校验位（第18位）不符，请对照营业执照逐位核对"
        case (.checkCharacterMismatch, .en):
            return "The last character of the credit code does not match the others: check each character against the business licence"
        }
    }
}
