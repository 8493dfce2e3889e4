import Foundation

/// The two languages the product speaks: Chinese first, English second.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    case zhHans = "zh-Hans"
    case en

    /// The form of a value kept in both languages (a round's title, a region's name) for a reader
    /// of this language. Data only: words of the interface come from the strings table.
    public func pick<T>(zh: T, en: T) -> T { self == .en ? en : zh }

    /// Picks the page language from an HTTP `Accept-Language` header.
    ///
    /// Chinese is the default and wins ties, because the programme's users are
    /// mostly Chinese officials and enterprises; English is chosen only when the
    /// browser prefers some `en*` strictly more than every `zh*` (q-values
    /// honoured, `q=0` meaning "not acceptable"). Other languages and `*` are
    /// ignored: we have nothing else to offer.
    public static func negotiate(acceptLanguage: String?) -> Language {
        guard let header = acceptLanguage else { return .zhHans }
        var bestEnglish = 0.0
        var bestChinese = 0.0
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            guard let tag = parts.first, !tag.isEmpty else { continue }
            guard let quality = Self.quality(of: parts.dropFirst()) else { continue }
            if tag == "en" || tag.hasPrefix("en-") {
                bestEnglish = max(bestEnglish, quality)
            } else if tag == "zh" || tag.hasPrefix("zh-") {
                bestChinese = max(bestChinese, quality)
            }
        }
        return bestEnglish > bestChinese ? .en : .zhHans
    }

    /// The `q` parameter of one header item; nil when it is malformed, so a
    /// garbled item is skipped rather than trusted at full weight.
    private static func quality(of parameters: ArraySlice<String>) -> Double? {
        for parameter in parameters where parameter.hasPrefix("q=") {
            guard let value = Double(parameter.dropFirst(2)), value >= 0, value <= 1 else {
                return nil
            }
            return value
        }
        return 1
    }
}
