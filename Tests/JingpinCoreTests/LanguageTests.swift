import Testing
@testable import JingpinCore

@Suite("Language negotiation")
struct LanguageTests {
    @Test("a missing or empty header means Chinese")
    func defaults() {
        #expect(Language.negotiate(acceptLanguage: nil) == .zhHans)
        #expect(Language.negotiate(acceptLanguage: "") == .zhHans)
    }

    @Test("English wins only when some en* has a strictly higher q than every zh*", arguments: [
        ("en", Language.en),
        ("en-US,en;q=0.9", .en),
        ("EN-us", .en),                                 // tags are case-insensitive
        ("zh-CN,zh;q=0.9,en;q=0.8", .zhHans),
        ("en-GB;q=0.8, zh;q=0.9", .zhHans),             // 0.8 < 0.9
        ("en;q=0.9, zh;q=0.5", .en),                    // 0.9 > 0.5
        ("en, zh", .zhHans),                            // 1 = 1: a tie goes to Chinese
        ("fr", .zhHans),                                // nothing we speak: default
        ("fr, en;q=0.5", .en),                          // 0.5 > 0 (no zh at all)
        ("en;q=0", .zhHans),                            // q=0 means "not English"
        ("*", .zhHans),
        ("en;q=abc", .zhHans),                          // a malformed q is skipped
        ("zh-Hant-TW;q=0.4, en-US;q=0.3", .zhHans),     // 0.3 < 0.4
        ("english", .zhHans),                           // not an en tag
    ])
    func negotiates(header: String, expected: Language) {
        #expect(Language.negotiate(acceptLanguage: header) == expected)
    }

    @Test("raw values are the BCP 47 tags used in URLs and HTML")
    func rawValues() {
        #expect(Language.zhHans.rawValue == "zh-Hans")
        #expect(Language.en.rawValue == "en")
    }
}
