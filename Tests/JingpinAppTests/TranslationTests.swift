import Foundation
import Testing
@testable import JingpinApp
import JingpinCore

/// One way to speak two languages: every key the code or a template names is in the strings table
/// in Chinese and English, and the check on every rendered page catches an English sentence.
struct TranslationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every file under `folder` with `suffix`, read.
    static func files(_ folder: String, _ suffix: String) throws -> [(String, String)] {
        let base = root.appendingPathComponent(folder)
        let paths = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(suffix) } ?? []
        return try paths.map { ($0, try String(contentsOf: base.appendingPathComponent($0), encoding: .utf8)) }
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    @Test func everyKeyTheCodeNamesIsInBothLanguages() throws {
        let strings = try Strings.load()
        // How the code names a key: a message, a field error's message, a page's text, a menu label.
        let patterns = [#"Message\("([A-Za-z][\w.-]*)""#, #"code: [^,()]+, "([A-Za-z][\w-]*\.[\w.-]+)""#,
                        #"\.t\("([A-Za-z][\w.-]*)""#, #"strings\.text\("([A-Za-z][\w.-]*)""#, #"Link\(href: [^,]+, label: "([\w.]+)""#]
        var named: [String: String] = [:]  // key → where
        for (path, text) in try Self.files("Sources", ".swift") {
            for pattern in patterns { for key in Self.matches(pattern, in: text) { named[key] = path } }
        }
        #expect(named.count > 300, "the scan finds the code's keys (\(named.count))")
        let missing = named.filter { strings.zh[$0.key]?.isEmpty != false || strings.en[$0.key]?.isEmpty != false }
        #expect(missing.isEmpty, "keys missing in a language: \(missing.sorted { $0.key < $1.key })")
    }

    @Test func everyKeyATemplateNamesIsInBothLanguages() throws {
        let strings = try Strings.load()
        // Templates read the table with dots as underscores: `{{t.nav_home}}` is `nav.home`.
        let zh = Set(strings.table(.zhHans).keys), en = Set(strings.table(.en).keys)
        var missing: [String] = []
        var count = 0
        for (path, text) in try Self.files("Sources/JingpinApp/Resources/templates", ".mustache") {
            for name in Self.matches(#"\{\{[#^/]?t\.([\w]+)\}\}"#, in: text) {
                count += 1
                if !zh.contains(name) || !en.contains(name) { missing.append("\(path): \(name)") }
            }
        }
        #expect(count > 200)
        #expect(missing.isEmpty, "\(missing)")
    }

    @Test func everyRowOfTheTableHasBothLanguages() throws {
        for (path, text) in try Self.files("Sources/JingpinApp/Resources/i18n", ".tsv") {
            for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
                let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
                #expect(cols.count == 3 && !cols[1].isEmpty && !cols[2].isEmpty, "\(path): \(line)")
            }
        }
    }

    @Test func aMessageIsRenderedWithItsValuesInEachLanguage() throws {
        let strings = try Strings.load()
        // problem.method-not-allowed.detail is "请使用以下方法之一：{0}。" / "Use one of: {0}."
        let m = Message("problem.method-not-allowed.detail", "GET, POST")
        #expect(strings.text(m, .zhHans) == "请使用以下方法之一：GET, POST。")
        #expect(strings.text(m, .en) == "Use one of: GET, POST.")
        // A name from reference data takes the reader's form; a key is translated.
        let named = Message("domain.common.error.required", .named(zh: "企业名称", en: "enterprise name"))
        #expect(strings.text(named, .zhHans) == "请输入企业名称")
        #expect(strings.text(named, .en) == "Enter the enterprise name")
        // Several reasons, each a key, joined in the reader's way: the conflict texts of experts.tsv
        // ("专家持有申报企业股份" / "the expert holds shares in the applicant", "专家与申报企业同属一个设区市" /
        // "the expert's home city is the applicant's") inside expertReview.error.conflict.
        let reasons: [Conflict.Reason] = [.affiliation(.shareholding), .sameCity]
        let conflict = Message("expertReview.error.conflict", .list(reasons.map { .key($0.key) }))
        #expect(strings.text(conflict, .zhHans) == "存在利益冲突：专家持有申报企业股份；专家与申报企业同属一个设区市（如确需分配，请填写理由）")
        #expect(strings.text(conflict, .en)
                == "conflict of interest: the expert holds shares in the applicant; the expert's home city is the applicant's (to assign anyway, give a reason)")
    }

    @Test("an indicator value's refusal reads, from the strings table, as the domain's own words for the import report")
    func indicatorValueRefusals() throws {
        let strings = try Strings.load()
        let catalogue = try IndicatorCatalogue(csv: ReferenceFiles.read("indicators"))
        // Every indicator of the year, every kind of refusal: the two texts (keys rendered here, the
        // import report's words in the domain) must say the same thing in both languages.
        let errors: [IndicatorValueError] = [.notANumber, .tooManyDecimals(allowed: 2), .outOfRange, .unknownOption(options: ["A", "B"]), .notABoolean]
        var compared = 0
        for indicator in catalogue.indicators(for: 2025) {
            for e in errors {
                for l in [Language.zhHans, .en] {
                    #expect(strings.text(e.message(indicator: indicator), l) == e.message(l, indicator: indicator), "\(indicator.code) \(e) \(l)")
                    compared += 1
                }
            }
        }
        #expect(compared == catalogue.indicators(for: 2025).count * 10)
    }

    @Test func theDomainsRefusalsReadAsTheyDidInBothLanguages() throws {
        let strings = try Strings.load()
        let short = CreditCodeError.wrongLength(found: 17).message
        #expect(strings.text(short, .zhHans) == "统一社会信用代码应为18位，当前为17位")
        #expect(strings.text(short, .en) == "Enter the 18-character unified social credit code, e.g. 91350100M000100Y43 (you entered 17)")
        let bad = CreditCodeError.invalidCharacter(position: 9, character: "I").message
        #expect(strings.text(bad, .zhHans).hasPrefix("统一社会信用代码第9位“I”无效"))
        #expect(strings.text(bad, .en).hasPrefix("Character 9 (“I”)"))
        #expect(strings.text(EvidencePolicy.Refusal.tooLarge(limit: 10 * 1024 * 1024).message, .en).contains("10 MB"))
        // The allocation's refusals, as they read before they became messages.
        let negative = AllocationError.negativeEligible(creditCode: "91330100MA27XXXX1A", eligible: Money(fen: -500)).message
        #expect(strings.text(negative, .zhHans) == "统一社会信用代码为91330100MA27XXXX1A的企业应奖金额不能为负数（当前为-¥5.00）")
        #expect(strings.text(negative, .en) == "The eligible amount of the enterprise with credit code 91330100MA27XXXX1A cannot be negative (it is -¥5.00)")
        // The calendar's refusal names the covered years and the day in the reader's form.
        let outside = CalendarError.outsideCalendar(date: try LocalDate("2027-01-04"), covered: 2025...2026).message
        #expect(strings.text(outside, .zhHans).hasPrefix("节假日日历只包含2025–2026年，无法计算2027年1月4日的工作日"))
        #expect(strings.text(outside, .en).hasPrefix("The holiday calendar covers 2025–2026 only, so working days around 4 January 2027"))
        // A status inside a refusal is named in the reader's language.
        let refusal = ApplicationWorkflow.Refusal.notFrom(.draft, .countyPass).message
        #expect(strings.text(refusal, .zhHans).contains("“\(ApplicationStatus.draft.name(.zhHans))”"))
        #expect(strings.text(refusal, .en).contains("“\(ApplicationStatus.draft.name(.en))”"))
    }

    @Test func theCheckOnChinesePagesFindsAnEnglishSentenceButNotCodesOrNames() {
        let page = """
        <html lang="zh-Hans"><body><h1>申报</h1><p>the round is not open</p>
        <p>GB/T 4754 制造业 ZJRCU API token</p><code>not a sentence to flag here</code>
        <small lang="en">a note written in English on purpose</small><input value="typed by the user in English"></body></html>
        """
        #expect(PageLanguageCheck.englishSentences(in: page) == ["the round is not open"])
    }
}
