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
    public var message: Message {
        switch self {
        case .wrongLength(0): Message("domain.creditCode.empty")
        case .wrongLength(let found): Message("domain.creditCode.wrong_length", "\(found)")
        case let .invalidCharacter(position, character): Message("domain.creditCode.invalid_character", "\(position)", "\(character)")
        case .regionNotDigits: Message("domain.creditCode.region_not_digits")
        case .organisationCodeCheckFailed: Message("domain.creditCode.organisation_check")
        case .checkCharacterMismatch: Message("domain.creditCode.check_character")
        }
    }
}
