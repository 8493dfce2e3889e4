/// The 2025 eligibility rules for designation as a "Zhejiang Quality" product (formula
/// `designation_2025`), read from the rule set in force on the day of the check:
///
/// - **sales**: last year's product sales reach the threshold of the product's category, lower
///   in the 26 mountain counties. The 2025 rules set thresholds for the three manufacturing
///   categories only; other categories have none to meet.
/// - **rd_intensity**: the mean of the yearly R&D intensities (R&D ÷ main-business revenue) over
///   the last `rd_average_years` full years reaches `rd_intensity_average`, compared exactly.
///   A year without both figures fails the rule, naming the year.
/// - **launch**: the product was launched within the last `product_launch_years` years.
/// - **veto**: no veto record within the last `veto_lookback_years` years.
public enum DesignationEligibility {
    /// Checks `applicant` on `date` (the day of the check; the data year is the year before).
    public static func evaluate(_ applicant: DesignationApplicant, ruleSet: RuleSet, on date: LocalDate) throws(RuleEvaluationError)
        -> EligibilityResult {
        guard ruleSet.formula == EligibilitySpecs.designation2025.id else { throw .unknownFormula(ruleSet.formula) }
        var reader = ParameterReader(ruleSet: ruleSet, date: date)
        let dataYear = date.year - 1
        var checks: [EligibilityResult.Check] = []
        checks.append(try sales(applicant, &reader))
        checks.append(try rdIntensity(applicant, dataYear: dataYear, &reader))
        checks.append(try launch(applicant, on: date, &reader))
        checks.append(try veto(applicant, on: date, &reader))
        return EligibilityResult(checks: checks, parameters: reader.parameters)
    }

    private static func sales(_ a: DesignationApplicant, _ r: inout ParameterReader) throws(RuleEvaluationError) -> EligibilityResult.Check {
        let name = "sales.\(a.category.rawValue)"
        guard r.ruleSet.parameter(name) != nil else {
            return .init(rule: "sales", passed: true, zh: "该类别无产品销售额门槛", en: "no product-sales threshold for this category")
        }
        let threshold = try r.parameter(a.isMountainCounty ? name + ".mountain" : name)
        let where_ = a.isMountainCounty ? ("（山区26县）", " (26 mountain counties)") : ("", "")
        let need = (Money(fen: threshold).formatted(.zhHans), Money(fen: threshold).formatted(.en))
        guard let sales = a.productSalesFen else {
            return .init(rule: "sales", passed: false, zh: "未填写上年产品销售额（门槛 \(need.0)\(where_.0)）",
                         en: "last year's product sales not given (threshold \(need.1)\(where_.1))")
        }
        let have = (Money(fen: sales).formatted(.zhHans), Money(fen: sales).formatted(.en))
        if sales >= threshold {
            return .init(rule: "sales", passed: true, zh: "上年产品销售额 \(have.0)，达到门槛 \(need.0)\(where_.0)",
                         en: "last year's product sales \(have.1) reach the threshold of \(need.1)\(where_.1)")
        }
        return .init(rule: "sales", passed: false, zh: "上年产品销售额 \(have.0)，低于门槛 \(need.0)\(where_.0)",
                     en: "last year's product sales \(have.1) are below the threshold of \(need.1)\(where_.1)")
    }

    private static func rdIntensity(_ a: DesignationApplicant, dataYear: Int, _ r: inout ParameterReader) throws(RuleEvaluationError)
        -> EligibilityResult.Check {
        let minimum = try r.parameter("rd_intensity_average")
        let years = Int(try r.parameter("rd_average_years"))
        let span = (dataYear - years + 1)...dataYear
        let need = (ParameterUnit.basisPoints.format(minimum, .zhHans), ParameterUnit.basisPoints.format(minimum, .en))
        let missing = span.filter { a.rdSpendingFen[$0] == nil || (a.mainBusinessRevenueFen[$0] ?? 0) <= 0 }
        guard missing.isEmpty else {
            let list = missing.map(String.init).joined(separator: ", ")
            return .init(rule: "rd_intensity", passed: false, zh: "缺少 \(list) 年研发投入或主营业务收入，无法计算近 \(years) 年平均研发投入强度",
                         en: "R&D spending or main-business revenue missing for \(list): the \(years)-year average R&D intensity cannot be computed")
        }
        // mean = Σ rdᵢ / revᵢ ÷ years, exact; compared with minimum / 10 000.
        let mean = span.reduce(ScoreFraction.zero) { $0 + ScoreFraction(Int128(a.rdSpendingFen[$1]!), Int128(a.mainBusinessRevenueFen[$1]!)) } / years
        let passed = mean >= ScoreFraction(Int128(minimum), 10_000)
        // Shown rounded down, so a mean just under the minimum never reads as equal to it.
        let have = (mean * ScoreFraction(100)).text(.down) + " %"
        let range = "\(span.lowerBound)–\(span.upperBound)"
        return passed
            ? .init(rule: "rd_intensity", passed: true, zh: "\(range) 年平均研发投入强度 \(have)，不低于 \(need.0)",
                    en: "average R&D intensity \(range) is \(have), at least \(need.1)")
            : .init(rule: "rd_intensity", passed: false, zh: "\(range) 年平均研发投入强度 \(have)，低于 \(need.0)",
                    en: "average R&D intensity \(range) is \(have), below \(need.1)")
    }

    private static func launch(_ a: DesignationApplicant, on date: LocalDate, _ r: inout ParameterReader) throws(RuleEvaluationError)
        -> EligibilityResult.Check {
        let years = Int(try r.parameter("product_launch_years"))
        let earliest = date.minus(years: years)
        guard let launched = a.launchDate else {
            return .init(rule: "launch", passed: false, zh: "未填写产品上市日期", en: "the product's launch date is not given")
        }
        if launched >= earliest && launched <= date {
            return .init(rule: "launch", passed: true, zh: "产品于 \(launched) 上市，在近 \(years) 年内", en: "launched on \(launched), within the last \(years) years")
        }
        return .init(rule: "launch", passed: false, zh: "产品于 \(launched) 上市，不在近 \(years) 年内（\(earliest) 以来）",
                     en: "launched on \(launched), not within the last \(years) years (since \(earliest))")
    }

    private static func veto(_ a: DesignationApplicant, on date: LocalDate, _ r: inout ParameterReader) throws(RuleEvaluationError)
        -> EligibilityResult.Check {
        let years = Int(try r.parameter("veto_lookback_years"))
        let since = date.minus(years: years)
        let hits = a.vetoRecords.filter { $0.date >= since && $0.date <= date }.sorted { $0.date < $1.date }
        guard hits.isEmpty else {
            let zh = hits.map { "\($0.date) \($0.kind.name(.zhHans))" }.joined(separator: "；")
            let en = hits.map { "\($0.kind.name(.en)) on \($0.date)" }.joined(separator: "; ")
            return .init(rule: "veto", passed: false, zh: "近 \(years) 年内有一票否决事项：\(zh)", en: "veto within the last \(years) years: \(en)")
        }
        return .init(rule: "veto", passed: true, zh: "近 \(years) 年内无一票否决事项", en: "no veto record within the last \(years) years")
    }
}

extension LocalDate {
    /// The same day `years` years earlier (29 February becomes the 28th in a common year).
    public func minus(years: Int) -> LocalDate { adding(years: -years) }

    /// The same day `years` years later (29 February becomes the 28th in a common year).
    public func adding(years: Int) -> LocalDate {
        let y = year + years
        return (try? LocalDate(year: y, month: month, day: min(day, LocalDate.daysIn(month: month, year: y)))) ?? self
    }
}
