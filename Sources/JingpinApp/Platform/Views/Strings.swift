import Foundation
import JingpinCore

/// Every label of the interface in Chinese and English, from the `Resources/i18n/*.tsv` files
/// (key, zh, en per line; one file per feature), so translators edit plain text.
struct Strings: Sendable {
    let zh: [String: String]
    let en: [String: String]

    static func load() throws -> Strings {
        guard let dir = Bundle.module.url(forResource: "i18n", withExtension: nil, subdirectory: "Resources"),
              case let urls = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
                  .filter({ $0.pathExtension == "tsv" }), !urls.isEmpty else {
            throw Settings.Invalid(description: "the strings files (Resources/i18n/*.tsv) are missing from the bundle")
        }
        // Sorted so a key defined twice resolves the same way on every machine (the last file wins).
        let text = try urls.sorted { $0.lastPathComponent < $1.lastPathComponent }
            .map { try String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
        return try Strings(tsv: text)
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

    /// A message in language `l`: its text with `{0}`, `{1}`, … replaced by its values (a value
    /// that is itself a key is translated; a name from reference data takes its `l` form).
    func text(_ message: Message, _ l: Language) -> String {
        var out = text(message.key, l)
        for (i, arg) in message.args.enumerated() {
            out = out.replacingOccurrences(of: "{\(i)}", with: text(arg, l))
        }
        return out
    }

    /// One value of a message in a language.
    func text(_ argument: MessageArgument, _ l: Language) -> String {
        switch argument {
        case .text(let t): t
        case .key(let k): text(k, l)
        case .named(let zh, let en): l == .en ? en : zh
        case .list(let items): items.map { text($0, l) }.joined(separator: l == .en ? "; " : "；")
        case .message(let m): text(m, l)
        }
    }

    /// The whole table for templates, with dots turned into underscores (`nav.home` → `nav_home`)
    /// because Mustache reads dots as nesting.
    func table(_ l: Language) -> [String: String] {
        let source = l == .en ? en : zh
        var out: [String: String] = [:]
        for (k, v) in source { out[k.replacingOccurrences(of: ".", with: "_")] = v }
        return out
    }
}
