import Foundation
import JingpinCore

/// Every label of the interface in Chinese and English, from `Resources/i18n/strings.tsv`
/// (key, zh, en per line), so translators edit one file and a missing key fails at start.
struct Strings: Sendable {
    let zh: [String: String]
    let en: [String: String]

    static func load() throws -> Strings {
        guard let url = Bundle.module.url(forResource: "strings", withExtension: "tsv", subdirectory: "Resources/i18n") else {
            throw Settings.Invalid(description: "strings.tsv is missing from the bundle")
        }
        return try Strings(tsv: String(contentsOf: url, encoding: .utf8))
    }

    init(tsv: String) throws {
        var zh: [String: String] = [:], en: [String: String] = [:]
        for (n, line) in tsv.split(whereSeparator: \.isNewline).enumerated() where !line.hasPrefix("#") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count == 3 else {
                throw Settings.Invalid(description: "strings.tsv line \(n + 1): expected key<TAB>zh<TAB>en")
            }
            zh[String(cols[0])] = String(cols[1])
            en[String(cols[0])] = String(cols[2])
        }
        self.zh = zh
        self.en = en
    }

    /// One string; a missing key shows itself so it is noticed, never crashes a page.
    func text(_ key: String, _ l: Language) -> String { (l == .en ? en[key] : zh[key]) ?? key }

    /// The whole table for templates, with dots turned into underscores (`nav.home` → `nav_home`)
    /// because Mustache reads dots as nesting.
    func table(_ l: Language) -> [String: String] {
        let source = l == .en ? en : zh
        var out: [String: String] = [:]
        for (k, v) in source { out[k.replacingOccurrences(of: ".", with: "_")] = v }
        return out
    }
}
