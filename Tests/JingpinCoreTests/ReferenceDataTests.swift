import Testing
@testable import JingpinCore

@Suite("Reference data files")
struct ReferenceDataTests {
    static let regionsHeader = "code,name_zh,name_en,level,parent_code,kind,mountain26,island"
    // Real rows of zj-regions.csv; the Ningbo county comes before its city on purpose.
    static let regions = """
    \(regionsHeader)
    330000,浙江省,Zhejiang Province,province,,province,0,0
    330100,杭州市,Hangzhou,city,330000,city,0,0
    330106,西湖区,Xihu District,county,330100,district,0,0
    330102,上城区,Shangcheng District,county,330100,district,0,0
    330127,淳安县,Chun'an County,county,330100,county,1,0
    330203,海曙区,Haishu District,county,330200,district,0,0
    330200,宁波市,Ningbo,city,330000,city,0,0
    """

    @Test("regions are read and looked up")
    func regionDirectory() throws {
        let directory = try RegionDirectory(csv: Self.regions)
        #expect(directory.all.count == 7)
        #expect(directory.cities.map(\.code.value) == ["330100", "330200"])
        #expect(directory.counties.map(\.code.value) == ["330102", "330106", "330127", "330203"])
        #expect(directory.counties(in: try RegionCode("330100")).map(\.code.value) == ["330102", "330106", "330127"])
        #expect(directory.city(of: try RegionCode("330203"))?.nameZh == "宁波市")
        #expect(directory.province?.code.value == "330000")
        let chunan = try #require(directory.region(try RegionCode("330127")))
        #expect(chunan.isMountain26)
        #expect(!chunan.isIsland)
        #expect(chunan.name(.en) == "Chun'an County")
        #expect(chunan.name(.zhHans) == "淳安县")
        #expect(chunan.kind == "county")
        #expect(directory.region(try RegionCode("330999")) == nil)
    }

    @Test("inconsistent region files are refused with the line and reason", arguments: [
        // (extra row appended after line 8, expected line, words in the reason)
        ("330206,北仑区,Beilun District,county,330300,district,0,0", 9, "not in the file"),
        ("330206,北仑区,Beilun District,county,330000,district,0,0", 9, "must be a city"),
        ("330206,北仑区,Beilun District,city,330200,district,0,0", 9, "county code"),
        ("330206,北仑区,Beilun District,county,330100,district,0,0", 9, "within its parent"),
        ("330206,北仑区,Beilun District,county,330200,district,2,0", 9, "mountain26"),
        ("330206,北仑区,Beilun District,county,330200,district,0", 9, "expected 8 fields"),
        ("330106,西湖区,Xihu District,county,330100,district,0,0", 9, "listed twice"),
        ("33020X,北仑区,Beilun District,county,330200,district,0,0", 9, "six digits"),
        ("330300,温州市,Wenzhou,city,,city,0,0", 9, "needs a parent_code"),
        ("330206,,Beilun District,county,330200,district,0,0", 9, "both languages"),
    ])
    func regionErrors(row: String, line: Int, reason: String) {
        do {
            _ = try RegionDirectory(csv: Self.regions + "\n" + row)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == line)
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }

    @Test("a wrong header or a broken quote is refused")
    func headerAndQuote() {
        #expect(throws: ReferenceDataError.self) { try RegionDirectory(csv: "code,name\n330000,浙江省") }
        #expect(throws: ReferenceDataError(line: 1, reason: "the file is empty; expected the header \(Self.regionsHeader)")) {
            try RegionDirectory(csv: "")
        }
        do {
            _ = try RegionDirectory(csv: Self.regions + "\n\"330206,北仑区")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 9)
            #expect(error.message(.zhHans).hasPrefix("第9行："))
        }
    }

    static let industries = """
    code,level,name_zh,name_en,sector
    A,section,农、林、牧、渔业,"Agriculture, forestry, animal husbandry and fishery",agriculture
    01,division,农业,Agriculture,agriculture
    C,section,制造业,Manufacturing,manufacturing
    13,division,农副食品加工业,Agricultural and sideline food processing,manufacturing
    E,section,建筑业,Construction,construction
    47,division,房屋建筑业,Building construction,construction
    F,section,批发和零售业,Wholesale and retail trade,services
    """

    @Test("industries are read with their sectors")
    func industryDirectory() throws {
        let directory = try IndustryDirectory(csv: Self.industries)
        #expect(directory.all.count == 7)
        #expect(directory.industry("A")?.nameEn == "Agriculture, forestry, animal husbandry and fishery")
        #expect(directory.industry("13")?.sector == .manufacturing)
        #expect(directory.industry("47")?.level == "division")
        #expect(directory.industry("99") == nil)
        #expect(directory.sections.map(\.code) == ["A", "C", "E", "F"])
        #expect(directory.divisions.map(\.code) == ["01", "13", "47"])
        #expect(Sector.construction.name(.zhHans) == "建筑业")
        #expect(Sector.services.name(.en) == "Services")
    }

    @Test("bad industry rows are refused with the line", arguments: [
        ("G,section,交通运输,Transport,mining", "sector"),
        ("G,group,交通运输,Transport,services", "neither section nor division"),
        ("GH,section,交通运输,Transport,services", "one capital letter"),
        ("1A,division,交通运输,Transport,services", "two digits"),
        ("13,division,重复,Duplicate,manufacturing", "listed twice"),
    ])
    func industryErrors(row: String, reason: String) {
        do {
            _ = try IndustryDirectory(csv: Self.industries + "\n" + row)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 9)
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }

    /// A Nice file with classes 1…45 (1–34 goods, 35–45 services), except as changed by `edit`.
    static func niceFile(_ edit: (inout [String]) -> Void = { _ in }) -> String {
        var rows = (1...45).map { "\($0),\($0 <= 34 ? "goods" : "services"),Heading \($0)" }
        edit(&rows)
        return (["class,kind,heading_en"] + rows).joined(separator: "\n")
    }

    @Test("all 45 Nice classes are read, in number order")
    func niceClasses() throws {
        let classes = try NiceClass.parseAll(csv: Self.niceFile { $0.reverse() })
        #expect(classes.count == 45)
        #expect(classes.map(\.number) == Array(1...45))
        #expect(classes[34] == NiceClass(number: 35, kind: "services", headingEn: "Heading 35"))
    }

    @Test("an incomplete or inconsistent Nice file is refused")
    func niceErrors() {
        #expect(throws: ReferenceDataError.self) { try NiceClass.parseAll(csv: Self.niceFile { $0.removeLast() }) }
        #expect(throws: ReferenceDataError(line: 36, reason: "class 35 is services, not “goods”")) {
            try NiceClass.parseAll(csv: Self.niceFile { $0[34] = "35,goods,Advertising" })
        }
        #expect(throws: ReferenceDataError.self) { try NiceClass.parseAll(csv: Self.niceFile { $0.append("46,services,None") }) }
        #expect(throws: ReferenceDataError.self) { try NiceClass.parseAll(csv: Self.niceFile { $0[1] = "1,goods,Twice" }) }
    }

    static let holidays = """
    date,kind,name_zh,name_en,confidence
    2025-01-26,workday,春节调休,Spring Festival adjusted working day,high
    2025-01-28,holiday,春节,Spring Festival,high
    """

    @Test("holiday rows are read")
    func holidayEntries() throws {
        let entries = try HolidayEntry.parseAll(csv: Self.holidays)
        #expect(entries.count == 2)
        #expect(entries[0] == HolidayEntry(date: try LocalDate("2025-01-26"), kind: .workday,
                                           nameZh: "春节调休", nameEn: "Spring Festival adjusted working day",
                                           confidence: "high"))
        #expect(entries[1].name(.en) == "Spring Festival")
    }

    @Test("bad holiday rows are refused with the line", arguments: [
        ("2025-02-30,holiday,春节,Spring Festival,high", "real YYYY-MM-DD"),
        ("2025-02-03,rest,春节,Spring Festival,high", "neither holiday nor workday"),
        ("2025-01-28,holiday,春节,Spring Festival,high", "listed twice"),
    ])
    func holidayErrors(row: String, reason: String) {
        do {
            _ = try HolidayEntry.parseAll(csv: Self.holidays + "\n" + row)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 4)
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }
}
