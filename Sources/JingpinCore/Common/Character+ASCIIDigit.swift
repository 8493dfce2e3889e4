import Foundation

extension Character {
    /// Whether this is one of the ten ASCII digits (not a full-width or other script's digit).
    var isASCIIDigit: Bool { asciiDigitValue != nil }

    /// The value of an ASCII digit, or nil for anything else.
    var asciiDigitValue: Int? {
        guard let ascii = asciiValue, ascii >= 48, ascii <= 57 else { return nil }
        return Int(ascii - 48)
    }
}
