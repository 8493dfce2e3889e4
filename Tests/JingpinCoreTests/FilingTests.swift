import Foundation
import JingpinCore
import Testing

@Suite("Indicator catalogue and values")
struct IndicatorTests {
    static let catalogue = try! IndicatorCatalogue(csv: """
        code,section,name_zh,name_en,type,unit_or_options,min,max,required_for,from_year,to_year
        revenue,business,营业收入,Operating revenue,money,,0,1000000000000000,all,2024,
        defect_rate,production,产品不良率,Defect rate,rate,,0,10000,manufacturing,2024,
        coal,energy,煤炭,Coal,quantity,t,0,,,2024,
        employees,production,从业人员,Employees,integer,,0,10000000,all,2024,
        credit_rating,compliance,信用等级,Credit rating,enum,AAA|AA|A|B|C|D,,,all,2024,
        iso9001_certified,production,质量管理体系认证,ISO 9001,boolean,,,,,2024,
        digital_level,business,企业数字化水平,Digital level,enum,0|1.0|2.0|3.0|4.0,,,manufacturing,2025,
        """)
    func indicator(_ code: String) -> Indicator { Self.catalogue.indicator(code, year: 2025)! }

    @Test("the catalogue is versioned by year")
    func versioned() {
        #expect(Self.catalogue.indicators(for: 2024).map(\.code).contains("digital_level") == false)
        #expect(Self.catalogue.indicators(for: 2025).count == 7)
        #expect(Self.catalogue.indicators(for: 2023).isEmpty)
        #expect(indicator("defect_rate").requiredFor == [.manufacturing])
        #expect(indicator("revenue").requiredFor == Set(Sector.allCases))
    }

    @Test("values parse exactly into stored units", arguments: [
        ("revenue", "1234.56", Int64(123_456)),          // yuan → fen: 1234.56 × 100
        ("revenue", "¥1,000,000", Int64(100_000_000)),
        ("defect_rate", "0.35", Int64(35)),               // percent → basis points: 0.35 × 100
        ("defect_rate", "12.5%", Int64(1250)),
        ("coal", "12.345", Int64(12_345)),                // tonnes → thousandths
        ("coal", "7", Int64(7000)),
        ("employees", "250", Int64(250)),
        ("credit_rating", "aa", Int64(1)),                // AAA=0, AA=1
        ("iso9001_certified", "是", Int64(1)),
        ("iso9001_certified", "no", Int64(0)),
    ])
    func parses(code: String, text: String, stored: Int64) {
        #expect(IndicatorValue.parse(text, indicator(code)) == .success(stored))
    }

    @Test("bad values are refused with their reason", arguments: [
        ("revenue", "12.345", IndicatorValueError.tooManyDecimals(allowed: 2)),
        ("revenue", "-1", .outOfRange),
        ("revenue", "abc", .notANumber),
        ("defect_rate", "100.01", .outOfRange),            // 10001 bp > 10000
        ("defect_rate", "1.234", .tooManyDecimals(allowed: 2)),
        ("coal", "1.2345", .tooManyDecimals(allowed: 3)),
        ("employees", "2.5", .tooManyDecimals(allowed: 0)),
        ("employees", "１２", .notANumber),                 // full-width digits are not ASCII digits
        ("credit_rating", "AAAA", .unknownOption(options: ["AAA", "AA", "A", "B", "C", "D"])),
        ("iso9001_certified", "maybe", .notABoolean),
    ])
    func refuses(code: String, text: String, error: IndicatorValueError) {
        #expect(IndicatorValue.parse(text, indicator(code)) == .failure(error))
    }

    @Test("a stored value formats back to what parses to it")
    func roundTrip() {
        for (code, text, shown) in [("revenue", "1234.5", "1234.50"), ("defect_rate", "0.35", "0.35"), ("coal", "12.3", "12.3"),
                                    ("credit_rating", "aa", "AA")] {
            let i = indicator(code)
            guard case .success(let v) = IndicatorValue.parse(text, i) else { Issue.record("\(code)"); continue }
            #expect(IndicatorValue.format(v, i, .en) == shown)
            #expect(IndicatorValue.parse(shown, i) == .success(v))
        }
        #expect(IndicatorValue.format(-150, indicator("revenue"), .en) == "-1.50")
    }

    @Test("a broken catalogue names the line and the reason", arguments: [
        ("x,business,a,b,money,,,,,2024,", 2, "code"),
        ("revenue,nowhere,a,b,money,,,,,2024,", 2, "section"),
        ("revenue,business,a,b,decimal,,,,,2024,", 2, "type"),
        ("revenue,business,a,b,money,,5,1,,2024,", 2, "above"),
        ("rate_x,business,a,b,enum,ONLY,,,,2024,", 2, "two options"),
    ])
    func brokenCatalogue(row: String, line: Int, reason: String) {
        let header = IndicatorCatalogue.csvHeader.joined(separator: ",")
        let text = row.hasPrefix("x,") ? header + "\nX-Y,business,a,b,money,,,,,2024,\n" : header + "\n" + row + "\n"
        do {
            _ = try IndicatorCatalogue(csv: text)
            Issue.record("accepted a broken catalogue")
        } catch {
            #expect(error.line == line)
            #expect(error.reason.contains(reason))
        }
    }
}

@Suite("The filing workflow")
struct FilingWorkflowTests {
    let firm = WorkflowActor.role(.enterpriseUser)
    let county = WorkflowActor.role(.countyOfficer)

    @Test("the enterprise files and the county reviews: every other role, and the system, is refused each action")
    func actors() {
        // Each action from a status it may start from, so only the actor can be wrong.
        let cases: [(FilingAction, FilingStatus, WorkflowActor)] = [
            (.save, .draft, firm), (.submit, .draft, firm), (.accept, .submitted, county),
            (.returnForCorrection(reason: "数据有误"), .submitted, county),
        ]
        for (action, status, rightful) in cases {
            #expect((try? FilingWorkflow.apply(action, to: status, by: rightful).get()) != nil)
            let others = Role.allCases.map(WorkflowActor.role).filter { $0 != rightful } + [.system]
            for other in others {
                #expect(FilingWorkflow.apply(action, to: status, by: other) == .failure(.wrongActor(action: action.name)))
            }
        }
    }

    @Test("draft → submitted → returned → submitted → accepted")
    func happyPath() {
        #expect(FilingWorkflow.apply(.save, to: .draft, by: firm) == .success(.draft))
        #expect(FilingWorkflow.apply(.submit, to: .draft, by: firm) == .success(.submitted))
        #expect(FilingWorkflow.apply(.returnForCorrection(reason: "出口额与海关数据不符"), to: .submitted, by: county) == .success(.returned))
        #expect(FilingWorkflow.apply(.save, to: .returned, by: firm) == .success(.returned))
        #expect(FilingWorkflow.apply(.submit, to: .returned, by: firm) == .success(.submitted))
        #expect(FilingWorkflow.apply(.accept, to: .submitted, by: county) == .success(.accepted))
    }

    @Test("every other action–status pair is refused")
    func forbidden() {
        let actions: [FilingAction] = [.save, .submit, .accept, .returnForCorrection(reason: "x")]
        let allowed: Set<String> = ["save/draft", "save/returned", "submit/draft", "submit/returned", "accept/submitted", "return/submitted"]
        for action in actions {
            for status in FilingStatus.allCases where !allowed.contains("\(action.name)/\(status.rawValue)") {
                let taker: WorkflowActor = [.save, .submit].contains(action) ? firm : county
                #expect(FilingWorkflow.apply(action, to: status, by: taker) == .failure(.notAllowed(action: action.name, status: status)))
            }
        }
    }

    @Test("a return needs a reason; a submit needs every required value")
    func guards() {
        #expect(FilingWorkflow.apply(.returnForCorrection(reason: "   "), to: .submitted, by: county) == .failure(.reasonRequired))
        #expect(FilingWorkflow.apply(.returnForCorrection(reason: String(repeating: "x", count: 501)), to: .submitted, by: county) == .failure(.reasonRequired))
        #expect(FilingWorkflow.apply(.submit, to: .draft, by: firm, missingRequired: ["revenue"]) == .failure(.incomplete(missing: ["revenue"])))
        let indicators = IndicatorTests.catalogue.indicators(for: 2025)
        // Manufacturing must report revenue, defect rate, employees, credit rating and digital level.
        #expect(FilingWorkflow.missingRequired(indicators, values: ["revenue": 1, "employees": 3], sector: .manufacturing)
                == ["defect_rate", "credit_rating", "digital_level"])
        #expect(FilingWorkflow.missingRequired(indicators, values: ["revenue": 1, "employees": 3], sector: .services) == ["credit_rating"])
    }
}
