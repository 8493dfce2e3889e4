import Foundation
import JingpinCore

/// The round configuration form without JavaScript: every input is named by the JSON pointer of
/// the `RoundInput` field it fills (`stages/2/deadline`, `scorecard/pillars/1/indicators/0/weightBP`),
/// so the API's field errors land beside the right input. The six pillars have fixed slots (in
/// `PillarKind` order) and each pillar a few indicator slots; empty slots are left out of the
/// input, and `fieldName(_:)` maps an error's path back to the slot it came from.
struct RoundForm {
    /// What was typed, by field name (first value).
    var values: [String: String] = [:]
    /// Checked boxes of the multi-value fields (`sectors`, `categories`).
    var checked: [String: Set<String>] = [:]
    /// Indicator slots shown per pillar slot.
    var slots: [Int] = Array(repeating: 2, count: PillarKind.allCases.count)
    /// Input pillar index → pillar slot; input (pillar, indicator) → indicator slot.
    private(set) var pillarSlot: [Int] = []
    private(set) var indicatorSlot: [[Int]] = []

    static let tieBreakSlots = 3

    // MARK: From a stored configuration

    /// The form filled in from `input`, with two empty indicator slots per pillar for additions.
    init(_ input: RoundInput) {
        values["year"] = String(input.year)
        values["titleZh"] = input.titleZh
        values["titleEn"] = input.titleEn
        checked["sectors"] = Set(input.sectors)
        checked["categories"] = Set(input.categories)
        for (i, kind) in RoundStage.Kind.allCases.enumerated() {
            if let s = input.stages.first(where: { $0.kind == kind.rawValue }) {
                values["stages/\(i)/opens"] = s.opens
                values["stages/\(i)/deadline"] = s.deadline
            }
        }
        values["eligibilityRuleSet"] = input.eligibilityRuleSet
        values["quota"] = String(input.quota)
        values["noticeWorkingDays"] = String(input.noticeWorkingDays)
        values["voteThreshold/numerator"] = String(input.voteThreshold.numerator)
        values["voteThreshold/denominator"] = String(input.voteThreshold.denominator)
        values["divergenceThresholdPoints"] = String(input.divergenceThresholdPoints)
        values["cityQuota"] = input.cityQuota.map(String.init) ?? ""
        for (code, q) in input.cityQuotas ?? [:] { values["cityQuotas/\(code)"] = String(q) }
        if input.sameCityConflicts { values["sameCityConflicts"] = "true" }
        for (i, t) in input.tieBreaks.prefix(Self.tieBreakSlots).enumerated() { values["tieBreaks/\(i)"] = t }
        for (p, kind) in PillarKind.allCases.enumerated() {
            guard let pillar = input.scorecard.pillars.first(where: { $0.kind == kind.rawValue }) else { continue }
            let at = "scorecard/pillars/\(p)"
            values["\(at)/weightBP"] = Self.percent(pillar.weightBP)
            for (j, ind) in pillar.indicators.enumerated() {
                let here = "\(at)/indicators/\(j)"
                values["\(here)/id"] = ind.id
                values["\(here)/labelZh"] = ind.labelZh
                values["\(here)/labelEn"] = ind.labelEn
                values["\(here)/weightBP"] = Self.percent(ind.weightBP)
                values["\(here)/source"] = ind.source
                values["\(here)/dataIndicator"] = ind.dataIndicator ?? ""
                values["\(here)/normalisation"] = ind.normalisation
                values["\(here)/baseline"] = ind.baseline.map(String.init) ?? ""
                values["\(here)/leading"] = ind.leading.map(String.init) ?? ""
                for (b, band) in (ind.bands ?? []).enumerated() {
                    values["\(here)/bands/\(b)/zh"] = band.zh
                    values["\(here)/bands/\(b)/en"] = band.en
                }
            }
            slots[p] = pillar.indicators.count + 2
        }
    }

    /// An empty form with the usual defaults (5 working days, two thirds, 20 points).
    static func blank(ruleSet: String) -> RoundForm {
        var form = RoundForm(values: [:])
        form.values = ["noticeWorkingDays": "5", "voteThreshold/numerator": "2", "voteThreshold/denominator": "3",
                       "divergenceThresholdPoints": "20", "eligibilityRuleSet": ruleSet, "sameCityConflicts": "true",
                       "tieBreaks/0": "pillar:quality", "tieBreaks/1": "earlier_submission"]
        return form
    }

    private init(values: [String: String]) { self.values = values }

    /// A copy of `input` for next year's round: the year moves on, stage dates move a year
    /// later, and the titles are left for the admin to write.
    static func copy(of input: RoundInput) -> RoundForm {
        var next = input
        next.year += 1
        next.titleZh = ""
        next.titleEn = ""
        next.stages = input.stages.map { .init(kind: $0.kind, opens: Self.nextYear($0.opens), deadline: Self.nextYear($0.deadline)) }
        return RoundForm(next)
    }

    /// "2025-03-01" → "2026-03-01"; 29 February becomes the 28th.
    static func nextYear(_ date: String) -> String {
        guard let d = try? LocalDate(date) else { return date }
        let day = d.month == 2 && d.day == 29 ? 28 : d.day
        return (try? LocalDate(year: d.year + 1, month: d.month, day: day))?.description ?? date
    }

    // MARK: From a posted form

    /// Reads a posted form; the slots shown again are those posted.
    init(form: FormData) {
        for (k, v) in form.pairs where k != "_csrf" {
            if k == "sectors" || k == "categories" { checked[k, default: []].insert(v) } else if values[k] == nil { values[k] = v }
        }
        for p in PillarKind.allCases.indices {
            let prefix = "scorecard/pillars/\(p)/indicators/"
            let posted = values.keys.compactMap { k -> Int? in
                guard k.hasPrefix(prefix) else { return nil }
                // A slot number a client made up beyond the bound is ignored, so the loops over
                // slots below stay small (and `max + 1` cannot overflow).
                return Int(k.dropFirst(prefix.count).prefix { $0 != "/" }).flatMap { InputBounds.formSlots.contains($0) ? $0 : nil }
            }
            slots[p] = max(2, (posted.max() ?? -1) + 1)
        }
    }

    /// The `RoundInput` the form describes, or the fields that cannot be read (numbers, percentages,
    /// missing band descriptors); the domain's checks come after, from `RoundInput.configuration`.
    mutating func input() -> Result<RoundInput, FieldErrors> {
        var errors: [FieldError] = []
        let values = self.values
        func v(_ name: String) -> String { (values[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func int(_ name: String, in range: ClosedRange<Int> = InputBounds.count) -> Int {
            switch InputBounds.parse(v(name), in: range) {
            case .success(let n): return n
            case .failure(let e): errors.append(e.fieldError(name)); return 0
            }
        }
        func weight(_ name: String) -> Int {
            guard let bp = Self.basisPoints(v(name)) else {
                errors.append(FieldError(field: name, code: "not_a_percentage", "rounds.error.not_a_percentage"))
                return 0
            }
            return bp
        }
        let year = int("year", in: InputBounds.year)
        let stages = RoundStage.Kind.allCases.enumerated().map { i, kind in
            RoundInput.Stage(kind: kind.rawValue, opens: v("stages/\(i)/opens"), deadline: v("stages/\(i)/deadline"))
        }
        var pillars: [RoundInput.PillarInput] = []
        var pillarSlot: [Int] = []
        var indicatorSlot: [[Int]] = []
        let slots = self.slots
        let checked = self.checked
        for (p, kind) in PillarKind.allCases.enumerated() {
            let at = "scorecard/pillars/\(p)"
            var indicators: [RoundInput.IndicatorInput] = []
            var taken: [Int] = []
            for j in 0..<slots[p] {
                let here = "\(at)/indicators/\(j)"
                let texts = ["id", "labelZh", "labelEn", "weightBP", "dataIndicator", "baseline", "leading"].map { v("\(here)/\($0)") }
                    + (0...Normalisation.topBand).flatMap { [v("\(here)/bands/\($0)/zh"), v("\(here)/bands/\($0)/en")] }
                guard texts.contains(where: { !$0.isEmpty }) else { continue }
                for f in ["id", "labelZh", "labelEn"] where v("\(here)/\(f)").isEmpty {
                    errors.append(FieldError(field: "\(here)/\(f)", code: "required", "rounds.error.required.2"))
                }
                let normalisation = v("\(here)/normalisation")
                var bands: [BandDescriptor]?
                var baseline: Int64?, leading: Int64?
                switch normalisation {
                case "banded":
                    bands = (0...Normalisation.topBand).map { b in
                        for l in ["zh", "en"] where v("\(here)/bands/\(b)/\(l)").isEmpty {
                            errors.append(FieldError(field: "\(here)/bands/\(b)/\(l)", code: "required",
                                                     "rounds.error.required", "\(b)"))
                        }
                        return BandDescriptor(zh: v("\(here)/bands/\(b)/zh"), en: v("\(here)/bands/\(b)/en"))
                    }
                case "linear":
                    for f in ["baseline", "leading"] {
                        switch InputBounds.parse(v("\(here)/\(f)"), in: InputBounds.measure) {
                        case .success(let n): if f == "baseline" { baseline = n } else { leading = n }
                        case .failure(.outOfRange(let lo, let hi)):
                            errors.append(BoundedNumberError.outOfRange(lo, hi).fieldError("\(here)/\(f)"))
                        case .failure:
                            errors.append(FieldError(field: "\(here)/\(f)", code: "not_a_number", "rounds.error.not_a_number"))
                        }
                    }
                default: break
                }
                let source = v("\(here)/source")
                indicators.append(.init(id: v("\(here)/id"), labelZh: v("\(here)/labelZh"), labelEn: v("\(here)/labelEn"),
                                        weightBP: weight("\(here)/weightBP"), source: source,
                                        dataIndicator: source == "data" ? v("\(here)/dataIndicator") : nil,
                                        normalisation: normalisation, bands: bands, baseline: baseline, leading: leading))
                taken.append(j)
            }
            // A pillar with no weight and no indicators is not part of this round's scorecard.
            guard !v("\(at)/weightBP").isEmpty || !indicators.isEmpty else { continue }
            pillars.append(.init(kind: kind.rawValue, weightBP: weight("\(at)/weightBP"), indicators: indicators))
            pillarSlot.append(p)
            indicatorSlot.append(taken)
        }
        self.pillarSlot = pillarSlot
        self.indicatorSlot = indicatorSlot
        // Blank city quotas are no override: only the cities given their own number are kept.
        var cityQuotas: [String: Int] = [:]
        for key in values.keys.sorted() where key.hasPrefix("cityQuotas/") && !v(key).isEmpty {
            cityQuotas[String(key.dropFirst("cityQuotas/".count))] = int(key)
        }
        let input = RoundInput(
            year: year, titleZh: v("titleZh"), titleEn: v("titleEn"),
            sectors: Sector.allCases.map(\.rawValue).filter { checked["sectors"]?.contains($0) == true },
            categories: ProductCategory.allCases.map(\.rawValue).filter { checked["categories"]?.contains($0) == true },
            stages: stages, eligibilityRuleSet: v("eligibilityRuleSet"), scorecard: .init(pillars: pillars),
            quota: int("quota"), noticeWorkingDays: int("noticeWorkingDays"),
            voteThreshold: .init(numerator: int("voteThreshold/numerator"), denominator: int("voteThreshold/denominator")),
            tieBreaks: (0..<Self.tieBreakSlots).map { v("tieBreaks/\($0)") }.filter { !$0.isEmpty },
            sameCityConflicts: v("sameCityConflicts") == "true", divergenceThresholdPoints: int("divergenceThresholdPoints"),
            cityQuota: v("cityQuota").isEmpty ? nil : int("cityQuota"), cityQuotas: cityQuotas.isEmpty ? nil : cityQuotas)
        return errors.isEmpty ? .success(input) : .failure(FieldErrors(errors))
    }

    /// The form field an error at `path` (a `RoundInput` pointer from `input()`'s last result)
    /// belongs beside: pillar and indicator indices become their slots, and the domain's names
    /// (`weight`, `linear`, `bands`) the input that fixes them.
    func fieldName(_ path: String) -> String {
        var parts = path.split(separator: "/").map(String.init)
        if parts.first == "sectors" || parts.first == "categories" { return parts[0] }
        if parts.first == "voteThreshold" && parts.count == 1 { return "voteThreshold/numerator" }
        if parts.first == "stages", parts.count == 2 { return path + "/opens" }
        guard parts.count >= 3, parts[0] == "scorecard", parts[1] == "pillars", let i = Int(parts[2]), i < pillarSlot.count else { return path }
        parts[2] = String(pillarSlot[i])
        if parts.count >= 5, parts[3] == "indicators", let j = Int(parts[4]), j < indicatorSlot[i].count {
            parts[4] = String(indicatorSlot[i][j])
            switch parts.count > 5 ? parts[5] : "" {
            case "weight": parts[5] = "weightBP"
            case "linear": parts[5] = "baseline"
            case "bands" where parts.count == 6: parts += ["0", "zh"]
            default: break
            }
        } else if parts.count == 4, parts[3] == "weight" || parts[3] == "kind" {
            parts[3] = "weightBP"
        }
        return parts.joined(separator: "/")
    }

    // MARK: Text

    /// A translated string with each `%@` replaced by the next argument, in order.
    static func fill(_ template: String, _ args: any CustomStringConvertible...) -> String {
        var out = template
        for a in args {
            guard let r = out.range(of: "%@") else { break }
            out.replaceSubrange(r, with: a.description)
        }
        return out
    }

    // MARK: Percentages

    /// 2500 → "25"; 1250 → "12.5"; 1234 → "12.34".
    static func percent(_ bp: Int) -> String {
        let whole = bp / 100, cents = abs(bp % 100)
        if cents == 0 { return String(whole) }
        return cents % 10 == 0 ? "\(whole).\(cents / 10)" : "\(whole).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// "25" → 2500; "12.5" → 1250; "12.34" → 1234; more than two decimals or text → nil.
    static func basisPoints(_ text: String) -> Int? {
        let t = text.replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int(parts[0]), whole >= 0 else { return nil }
        guard parts.count == 2 else { return whole * 100 }
        let fraction = String(parts[1])
        guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isNumber), let f = Int(fraction) else { return nil }
        return whole * 100 + (fraction.count == 1 ? f * 10 : f)
    }
}
