import Testing
@testable import JingpinCore

@Suite("CSV reading and writing")
struct CSVTests {
    @Test("plain records, with or without a final line end")
    func plain() throws {
        #expect(try CSV.parse("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try CSV.parse("a,b,c\n1,2,3") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try CSV.parse("") == [])
    }

    @Test("CRLF line ends are one line end")
    func crlf() throws {
        #expect(try CSV.parse("名称,备注\r\n浙江,\"含,逗号\"\r\n") == [["名称", "备注"], ["浙江", "含,逗号"]])
    }

    @Test("quoted fields hold commas, doubled quotes and line breaks")
    func quoted() throws {
        #expect(try CSV.parse("\"Agriculture, forestry\",x") == [["Agriculture, forestry", "x"]])
        #expect(try CSV.parse("\"He said \"\"hi\"\"\",y") == [["He said \"hi\"", "y"]])
        let records = try CSV.records("\"line1\nline2\",b\r\nc,d\n")
        #expect(records.map(\.fields) == [["line1\nline2", "b"], ["c", "d"]])
        #expect(records.map(\.line) == [1, 3])  // the second record starts on line 3
    }

    @Test("empty fields are kept; blank lines are skipped")
    func emptyFields() throws {
        #expect(try CSV.parse("a,,c") == [["a", "", "c"]])
        #expect(try CSV.parse("a,") == [["a", ""]])
        #expect(try CSV.parse(",\n") == [["", ""]])
        #expect(try CSV.parse("\"\"") == [[""]])
        let records = try CSV.records("a\n\nb\n")
        #expect(records.map(\.fields) == [["a"], ["b"]])
        #expect(records.map(\.line) == [1, 3])
    }

    @Test("a leading byte-order mark is dropped")
    func bom() throws {
        #expect(try CSV.parse("\u{FEFF}code,name\n330000,浙江省") == [["code", "name"], ["330000", "浙江省"]])
    }

    @Test("an unterminated quote is reported on the line where it opened")
    func unterminated() {
        #expect(throws: CSVError.unterminatedQuote(line: 2)) { try CSV.parse("a,b\n\"abc,d\ne,f") }
        #expect(throws: CSVError.unterminatedQuote(line: 1)) { try CSV.parse("\"") }
    }

    @Test("text after a closing quote is refused")
    func textAfterQuote() {
        #expect(throws: CSVError.textAfterClosingQuote(line: 2)) { try CSV.parse("a\n\"abc\"x,d") }
        #expect(CSVError.textAfterClosingQuote(line: 2).message(.zhHans).contains("第2行"))
    }

    @Test("a quote inside an unquoted field is kept as it is")
    func looseQuote() throws {
        #expect(try CSV.parse("5\" pipe,x") == [["5\" pipe", "x"]])
    }

    @Test("fields are quoted only when needed", arguments: [
        ("plain", "plain"),
        ("", ""),
        ("中文", "中文"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("cr\rhere", "\"cr\rhere\""),
    ])
    func escapes(field: String, written: String) {
        #expect(CSV.escape(field) == written)
    }

    @Test("formula prefixes are defused with a leading apostrophe", arguments: [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+86 571 8888", "'+86 571 8888"),
        ("-cmd", "'-cmd"),
        ("@import", "'@import"),
        ("=1,2", "\"'=1,2\""),           // defused, then quoted for the comma
        ("-", "'-"),
        ("-1+2", "'-1+2"),               // a sum, not a plain number
        ("\tx", "'\tx"),
        ("-12.30", "-12.30"),            // a plain negative number stays a number
        ("-5", "-5"),
        ("a=b", "a=b"),                  // only the first character matters
    ])
    func defuses(field: String, written: String) {
        #expect(CSV.escape(field) == written)
    }

    @Test("what is written reads back")
    func roundTrip() throws {
        let fields = ["a", "b,c", "d\"e", "f\r\ng", "", "中文,\"引号\""]
        #expect(try CSV.parse(CSV.row(fields)) == [fields])
        #expect(CSV.row(["a", "b,c", "=x"]) == "a,\"b,c\",'=x")
    }
}
