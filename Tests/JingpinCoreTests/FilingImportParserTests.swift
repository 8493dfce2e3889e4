import Testing
@testable import JingpinCore

/// Feeds `text` to a fresh parser in chunks of `size` bytes (0 = one chunk) and collects the records.
private func records(_ text: String, chunk size: Int = 0) -> [CSVStreamRecord] {
    records(Array(text.utf8), chunk: size)
}

private func records(_ bytes: [UInt8], chunk size: Int = 0) -> [CSVStreamRecord] {
    var parser = CSVStreamParser()
    var out: [CSVStreamRecord] = []
    let step = size == 0 ? max(bytes.count, 1) : size
    var i = 0
    while i < bytes.count {
        parser.feed(Array(bytes[i..<min(bytes.count, i + step)])) { out.append($0) }
        i += step
    }
    parser.finish { out.append($0) }
    return out
}

@Suite("Import: the streaming CSV reader")
struct CSVStreamParserTests {
    @Test("records carry the physical line they start on; blank lines are skipped")
    func lines() {
        let r = records("a,b\n1,2\n\n3,4")
        #expect(r == [CSVStreamRecord(line: 1, fields: ["a", "b"]), CSVStreamRecord(line: 2, fields: ["1", "2"]),
                      CSVStreamRecord(line: 4, fields: ["3", "4"])])
    }

    @Test("a quoted field holds commas, doubled quotes and line breaks; the next record's line counts them")
    func quoted() {
        let text = "a,b\r\n\"x,\"\"y\"\"\r\nz\",2\r\nc,d\r\n"
        let expected = [CSVStreamRecord(line: 1, fields: ["a", "b"]), CSVStreamRecord(line: 2, fields: ["x,\"y\"\r\nz", "2"]),
                        CSVStreamRecord(line: 4, fields: ["c", "d"])]
        #expect(records(text) == expected)
    }

    @Test("every chunk boundary gives the same records: inside quotes, between doubled quotes, inside CRLF")
    func everyBoundary() {
        let text = "creditCode,year\r\n\"91,\"\"x\"\"\n\ny\",2025\r\nlast,\"企业\"\r\n"
        let whole = records(text)
        #expect(whole.map(\.line) == [1, 2, 5])
        #expect(whole[1].fields == ["91,\"x\"\n\ny", "2025"])
        #expect(whole[2].fields == ["last", "企业"])
        let bytes = Array(text.utf8)
        for size in 1...bytes.count {
            #expect(records(bytes, chunk: size) == whole, "chunk size \(size)")
        }
        // Two chunks split at every position, including inside "企" (three UTF-8 bytes).
        for cut in 0...bytes.count {
            var parser = CSVStreamParser()
            var out: [CSVStreamRecord] = []
            parser.feed(Array(bytes[..<cut])) { out.append($0) }
            parser.feed(Array(bytes[cut...])) { out.append($0) }
            parser.finish { out.append($0) }
            #expect(out == whole, "cut at \(cut)")
        }
    }

    @Test("CR alone, LF alone and CRLF split across chunks are each one line end")
    func lineEnds() {
        #expect(records("a\rb\nc\r\nd", chunk: 1).map(\.line) == [1, 2, 3, 4])
        var parser = CSVStreamParser()
        var out: [CSVStreamRecord] = []
        parser.feed(Array("a,1\r".utf8)) { out.append($0) }
        parser.feed(Array("\nb,2\r\n".utf8)) { out.append($0) }
        parser.finish { out.append($0) }
        #expect(out == [CSVStreamRecord(line: 1, fields: ["a", "1"]), CSVStreamRecord(line: 2, fields: ["b", "2"])])
    }

    @Test("a quote left open at the end of the file is reported on the record's line and field")
    func unterminated() {
        let r = records("a,b\n1,\"x\n2,3\n")
        #expect(r.count == 2)
        #expect(r[1] == CSVStreamRecord(line: 2, fields: ["1", "x\n2,3\n"],
                                        quoting: CSVQuotingProblem(kind: .unterminatedQuote, field: 2)))
    }

    @Test("text after a closing quote is reported; the record still ends at its line end")
    func textAfterQuote() {
        let r = records("1,\"x\"y,3\n4,5,6\n")
        #expect(r == [CSVStreamRecord(line: 1, fields: ["1", "xy", "3"], quoting: CSVQuotingProblem(kind: .textAfterClosingQuote, field: 2)),
                      CSVStreamRecord(line: 2, fields: ["4", "5", "6"])])
    }

    @Test("a quote inside an unquoted field is kept, as spreadsheets do")
    func innerQuote() {
        #expect(records("a\"b,c\n")[0].fields == ["a\"b", "c"])
    }
}

@Suite("Import: UTF-8 checking across chunks")
struct UTF8StreamValidatorTests {
    @Test("a character split across chunks is valid; a stray byte is found at its offset")
    func split() {
        let bytes = Array("a企业".utf8)  // 61 E4 BC 81 E4 B8 9A
        var v = UTF8StreamValidator()
        #expect(v.feed(Array(bytes[..<2])) == nil)
        #expect(v.isInsideCharacter)
        #expect(v.feed(Array(bytes[2...])) == nil)
        #expect(!v.isInsideCharacter)
        var bad = UTF8StreamValidator()
        #expect(bad.feed([0x61, 0x62, 0xCA, 0xC7]) == 3)  // GBK "是": CA is a lead byte, C7 is no continuation
    }

    @Test("GBK text is not plausible UTF-8; UTF-8 cut mid-character is")
    func plausible() {
        #expect(!UTF8StreamValidator.isPlausibleUTF8([0xCA, 0xC7, 0x2C, 0xB7, 0xF1]))  // 是,否 in GBK
        #expect(UTF8StreamValidator.isPlausibleUTF8([0xE6, 0x98, 0xAF, 0xE5]))  // "是" then the first byte of "否"
        #expect(!UTF8StreamValidator.isPlausibleUTF8([0xC0, 0x80]))  // an overlong NUL
        #expect(!UTF8StreamValidator.isPlausibleUTF8([0xED, 0xA0, 0x80]))  // a UTF-16 surrogate
    }
}

@Suite("Import: header and row validation")
struct FilingImportValidatorTests {
    static let catalogue = IndicatorCatalogue(indicators: [
        Indicator(code: "revenue", nameZh: "营业收入", nameEn: "Operating revenue", section: .business, type: .money,
                  minimum: 0, maximum: 1_000_000_000_000_000, requiredFor: [], years: 2024...9999),
        Indicator(code: "employees", nameZh: "从业人员", nameEn: "Employees", section: .production, type: .integer,
                  minimum: 0, maximum: 1_000_000, requiredFor: [], years: 2024...9999),
        Indicator(code: "retired", nameZh: "旧指标", nameEn: "Retired", section: .business, type: .integer,
                  minimum: nil, maximum: nil, requiredFor: [], years: 2020...2023),
    ])
    /// Two registered enterprises (valid codes built by the domain) and one valid but unregistered code.
    static let a = CreditCode.make(region: "330106", organisationBody: "MA27XM2B")!.value
    static let b = CreditCode.make(region: "330108", organisationBody: "MA2H2G3X")!.value
    static let unregistered = "91350100M000100Y43"

    func run(_ text: String, chunk: Int = 0) -> (FilingImportValidator, [ImportedValue]) {
        var v = FilingImportValidator(year: 2025, catalogue: Self.catalogue, enterprises: [Self.a: 0, Self.b: 1])
        var values: [ImportedValue] = []
        for r in records(text, chunk: chunk) { v.read(r, into: &values) }
        v.finish()
        return (v, values)
    }

    @Test("a long file: every row problem with its line, column, value and reason")
    func longProblems() {
        let a = Self.a, b = Self.b
        let text = """
        creditCode,year,indicator,value
        \(a),2025,revenue,1234.56
        \(a),2025,employees,12
        \(a),2025,revenue,1
        91350100M000100Y44,2025,revenue,1
        \(Self.unregistered),2025,revenue,1
        \(a),2024,employees,1
        \(b),2025,profit,1
        \(b),2025,revenue,abc
        \(b),2025,revenue,1.234
        \(b),2025,employees,-1
        \(b),2025,revenue
        \(b),2025,employees,"1"x
        \(b),2025,employees,"7
        """
        for chunk in [0, 1, 7] {
            let (v, values) = run(text, chunk: chunk)
            #expect(v.layout == .long)
            #expect(values == [ImportedValue(enterprise: 0, indicator: 0, value: 123_456), ImportedValue(enterprise: 0, indicator: 1, value: 12)])
            #expect(v.counts.rowsRead == 13)
            #expect(v.counts.rowsRejected == 11)
            #expect(v.counts.valuesAccepted == 2)
            #expect(v.counts.problemCount == 11)
            #expect(!v.counts.fileRefused)
            let got = v.problems.map { "\($0.line)|\($0.column)|\($0.value)|\($0.code)" }
            #expect(got == [
                "4|indicator|revenue|duplicate_row",
                "5|creditCode|91350100M000100Y44|invalid_credit_code",
                "6|creditCode|\(Self.unregistered)|unknown_enterprise",
                "7|year|2024|wrong_year",
                "8|indicator|profit|unknown_indicator",
                "9|value|abc|not_a_number",
                "10|value|1.234|too_many_decimals",
                "11|value|-1|out_of_range",
                "12|4|\(b),2025,revenue|wrong_column_count",
                "13|value|1x|text_after_closing_quote",
                "14|value|7|unterminated_quote",
            ])
            #expect(v.problems[1].kind == .invalidCreditCode(.checkCharacterMismatch(expected: "3", found: "4")))
            #expect(v.problems[3].reason(.en) == "The year must be 2025, the year being imported")
            #expect(v.problems[5].reason(.en) == "Enter a number")
            #expect(v.problems[6].reason(.en) == "Use at most 2 decimal places")
            #expect(v.problems[7].reason(.en) == "Enter a value from 0 to 1000000")
            #expect(v.problems[8].reason(.en) == "Expected 4 fields as in the header, found 3")
            #expect(v.problems[8].reason(.zhHans) == "应有4个字段（与表头一致），实际为3个")
        }
    }

    @Test("a wide file: empty cells are no value, a repeated enterprise is a duplicate, all problems of a row are listed")
    func wide() {
        let a = Self.a, b = Self.b
        let text = "creditCode,year,revenue,employees\n\(a),2025,100,\n\(b),2025, ,5\n\(a),2025,1,\n\(b),2026,x,-3\n"
        let (v, values) = run(text)
        #expect(v.layout == .wide(columns: [0, 1]))
        #expect(values == [ImportedValue(enterprise: 0, indicator: 0, value: 10_000), ImportedValue(enterprise: 1, indicator: 1, value: 5)])
        #expect(v.problems.map { "\($0.line)|\($0.column)|\($0.value)|\($0.code)" } == [
            "4|revenue|revenue|duplicate_row",
            "5|year|2026|wrong_year",
            "5|revenue|x|not_a_number",
            "5|employees|-3|out_of_range",
        ])
        #expect(v.counts.rowsRejected == 2)
        #expect(v.counts.problemCount == 4)
    }

    @Test("header problems refuse the whole file: unknown and repeated indicator columns, an unrecognised header, no header")
    func headers() {
        let (v1, _) = run("creditCode,year,revenue,retired,revenue\n")
        #expect(v1.counts.fileRefused)
        #expect(v1.problems.map { "\($0.line)|\($0.column)|\($0.code)" } == ["1|retired|unknown_indicator", "1|revenue|duplicate_column"])
        let (v2, _) = run("code;year;value\n1;2;3\n")
        #expect(v2.layout == nil)
        #expect(v2.problems.map(\.code) == ["header_not_recognised"])
        #expect(v2.counts.rowsRead == 1)
        let (v3, _) = run("")
        #expect(v3.problems.map(\.code) == ["empty_file"])
        #expect(v3.counts.fileRefused)
        let (v4, _) = run("credit_code , Year,INDICATOR,value\n")
        #expect(v4.layout == .long)
    }

    @Test("a credit code typed in lower case with spaces still finds its enterprise")
    func normalisedCode() {
        let (v, values) = run("creditCode,year,indicator,value\n \(Self.a.lowercased()) ,2025,employees,3\n")
        #expect(v.problems.isEmpty)
        #expect(values == [ImportedValue(enterprise: 0, indicator: 1, value: 3)])
    }

    @Test("only the first 1000 problems are kept, but all are counted")
    func cap() {
        var text = "creditCode,year,indicator,value\n"
        for _ in 0..<1500 { text += "\(Self.a),2025,employees,x\n" }
        let (v, _) = run(text)
        #expect(v.problems.count == 1000)
        #expect(v.counts.problemCount == 1500)
        #expect(v.counts.rowsRejected == 1500)
    }

    @Test("the fast number path agrees with IndicatorValue.parse wherever it answers, and declines the unusual")
    func fastPathAgrees() {
        let types: [(IndicatorType, Int)] = [(.money, 2), (.integer, 0), (.rate, 2), (.quantity(unit: "t"), 3)]
        let texts = ["0", "7", "12", "1234.56", "0.5", "0.05", "10.1", "999999999999999", "1000000000000000", "012", "00", "1.", ".5",
                     "1.234", "1.2345", "-5", "+5", " 5", "5 ", "1,000", "3.25%", "abc", "", "1e3", "12.345"]
        for (type, scale) in types {
            let indicator = Indicator(code: "x", nameZh: "x", nameEn: "x", section: .business, type: type, minimum: nil, maximum: nil,
                                      requiredFor: [], years: 2024...2030)
            for text in texts {
                guard let fast = FilingImportValidator.plainDecimal(text, scale: scale) else { continue }
                #expect(IndicatorValue.parse(text, indicator) == .success(fast), "\(text) as \(type.storageName)")
            }
        }
        #expect(FilingImportValidator.plainDecimal("1234.56", scale: 2) == 123_456)
        #expect(FilingImportValidator.plainDecimal("12.3", scale: 3) == 12_300)
        #expect(FilingImportValidator.plainDecimal("0", scale: 0) == 0)
        for declined in ["012", "-5", " 5", "1.", ".5", "1.234", "3.25%", "1000000000000000"] {
            #expect(FilingImportValidator.plainDecimal(declined, scale: 2) == nil, "\(declined)")
        }
    }
}
