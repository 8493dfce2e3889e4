import Foundation

/// Reads a rule file's tree into a `RuleSet`, reporting every problem with its path and line.
///
/// The format (YAML in the repository; see `docs/rules.md`):
/// ```yaml
/// id: rewards.rd.province
/// kind: reward
/// version: "2025.1"
/// title: {zh: …, en: …}
/// formula: rd_intensity_excess
/// scope: province            # or a city's 6-digit code, e.g. "330100"
/// rounding: half_up          # half_up | half_even | down
/// parameters:
///   rewards.rd.province.rate:
///     unit: basis_points
///     label: {zh: …, en: …}
///     values:
///       - {from: 2025-01-01, value: 1000, reference: {document: …, article: …, url: …, note: …}}
///     ends: 2031-01-01        # optional
/// scales:
///   rewards.rd.hangzhou.bonus:
///     type: single_amount     # required: single_amount | marginal_rate
///     base_unit: basis_points
///     label: {zh: …, en: …}
///     values:
///       - from: 2025-01-01
///         reference: {document: …}
///         brackets: [{threshold: 300, value: 5000000}, …]
/// ```
public struct RuleSetReader {
    /// The formulas the engine has, by id.
    public let formulas: [String: RuleFormulaSpec]

    /// Creates a reader that accepts the given formulas.
    public init(formulas: [RuleFormulaSpec]) {
        self.formulas = Dictionary(formulas.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Reads `root`, the tree of the file named `file` whose bytes hash to `contentHash`.
    public func read(_ root: RuleNode, file: String, contentHash: String) throws(RuleFileErrors) -> RuleSet {
        var ctx = Context(file: file)
        let set = readSet(root, &ctx, contentHash: contentHash)
        if !ctx.errors.isEmpty || set == nil { throw RuleFileErrors(ctx.errors.sorted { ($0.line, $0.path) < ($1.line, $1.path) }) }
        return set!
    }

    /// The errors found so far and the file they are in.
    struct Context {
        let file: String
        var errors: [RuleFileError] = []

        mutating func fail(_ path: String, _ node: RuleNode?, _ reason: RuleFileError.Reason) {
            errors.append(RuleFileError(file: file, path: path.isEmpty ? "(top)" : path, line: node?.line ?? 0, reason: reason))
        }
    }

    // MARK: The rule set

    private func readSet(_ root: RuleNode, _ ctx: inout Context, contentHash: String) -> RuleSet? {
        guard let top = mapping(root, "", &ctx, allowed: ["id", "kind", "version", "title", "formula", "scope", "rounding", "parameters", "scales"])
        else { return nil }
        let id = string(top, "id", "", &ctx)
        let version = string(top, "version", "", &ctx)
        let (titleZh, titleEn) = label(top, "title", "", &ctx)
        let kindText = string(top, "kind", "", &ctx)
        let kind = kindText.flatMap(RuleSetKind.init(rawValue:))
        if let kindText, kind == nil { ctx.fail("kind", top["kind"], .unknownKind(kindText)) }
        let formulaText = string(top, "formula", "", &ctx)
        let spec = formulaText.flatMap { formulas[$0] }
        if let formulaText, spec == nil || (kind != nil && spec?.kind != kind) { ctx.fail("formula", top["formula"], .unknownFormula(formulaText)) }
        let scope = string(top, "scope", "", &ctx).flatMap { text -> RuleScope? in
            if text == "province" { return .province }
            // A city's 6-digit code: 33xx00, not the province's 330000.
            if text.count == 6, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber), text.hasPrefix("33"), text.hasSuffix("00"),
               text != "330000" { return .city(text) }
            ctx.fail("scope", top["scope"], .badScope(text))
            return nil
        }
        let rounding = string(top, "rounding", "", &ctx).flatMap { text -> RoundingRule? in
            let rule: RoundingRule? = switch text {
            case "half_up": .halfUp
            case "half_even": .halfEven
            case "down": .down
            default: nil
            }
            if rule == nil { ctx.fail("rounding", top["rounding"], .unknownRounding(text)) }
            return rule
        }
        var parameters: [Parameter] = []
        // Ids written in the file, valid or not: a formula's need is reported only for an id
        // the file does not define, not again for one already reported as broken.
        var written: Set<String> = []
        if let node = top["parameters"], let entries = mapping(node, "parameters", &ctx, allowed: nil) {
            for (pid, pnode) in entries.pairs {
                written.insert(pid)
                let path = "parameters[\"\(pid)\"]"
                if let id, !pid.hasPrefix(id + ".") { ctx.fail(path, pnode, .idOutsideRuleSet(pid)) }
                if parameters.contains(where: { $0.id == pid }) { ctx.fail(path, pnode, .duplicateID(pid)) }
                if let p = readParameter(pid, pnode, path, &ctx) { parameters.append(p) }
            }
        } else if top["parameters"] == nil {
            ctx.fail("", root, .missing("parameters"))
        }
        var scales: [BracketScale] = []
        if let node = top["scales"], let entries = mapping(node, "scales", &ctx, allowed: nil) {
            for (sid, snode) in entries.pairs {
                written.insert(sid)
                let path = "scales[\"\(sid)\"]"
                if let id, !sid.hasPrefix(id + ".") { ctx.fail(path, snode, .idOutsideRuleSet(sid)) }
                if scales.contains(where: { $0.id == sid }) || parameters.contains(where: { $0.id == sid }) { ctx.fail(path, snode, .duplicateID(sid)) }
                if let s = readScale(sid, snode, path, &ctx) { scales.append(s) }
            }
        }
        // The formula's needs, checked against what the file defines.
        if let spec, let id {
            for need in spec.parameters where !written.contains("\(id).\(need.name)")
                || parameters.contains(where: { $0.id == "\(id).\(need.name)" && $0.unit != need.unit }) {
                ctx.fail("parameters", top["parameters"] ?? root, .formulaNeeds("\(id).\(need.name)", need.unit))
            }
            for need in spec.scales where !written.contains("\(id).\(need.name)")
                || scales.contains(where: { $0.id == "\(id).\(need.name)" && $0.kind != need.kind }) {
                ctx.fail("scales", top["scales"] ?? root, .formulaNeeds("\(id).\(need.name)", need.kind == .singleAmount ? .fen : .basisPoints))
            }
        }
        guard let id, let version, let titleZh, let titleEn, let kind, let formulaText, spec != nil, let scope, let rounding else { return nil }
        return RuleSet(id: id, kind: kind, version: version, titleZh: titleZh, titleEn: titleEn, formula: formulaText, scope: scope,
                       rounding: rounding, parameters: parameters, scales: scales, file: ctx.file, contentHash: contentHash)
    }

    // MARK: Parameters and scales

    private func readParameter(_ id: String, _ node: RuleNode, _ path: String, _ ctx: inout Context) -> Parameter? {
        guard let m = mapping(node, path, &ctx, allowed: ["unit", "label", "values", "ends"]) else { return nil }
        let unit = unitValue(m, "unit", path, &ctx)
        let (zh, en) = label(m, "label", path, &ctx)
        var values: [Parameter.DatedValue] = []
        if let list = sequence(m, "values", path, &ctx) {
            for (i, item) in list.enumerated() {
                let p = "\(path).values[\(i)]"
                guard let v = mapping(item, p, &ctx, allowed: ["from", "value", "reference"]) else { continue }
                let from = date(v, "from", p, &ctx)
                let value = integer(v, "value", p, &ctx)
                let reference = self.reference(v, p, &ctx)
                if let from, let last = values.last, from <= last.from { ctx.fail("\(p).from", v["from"], .datesOutOfOrder(last.from.description, from.description)) }
                if let from, let value, let reference { values.append(.init(from: from, value: value, reference: reference)) }
            }
            if list.isEmpty { ctx.fail("\(path).values", m["values"], .expected("at least one dated value")) }
        }
        var ends: LocalDate?
        if m["ends"] != nil {
            ends = date(m, "ends", path, &ctx)
            if let ends, let last = values.last, ends <= last.from { ctx.fail("\(path).ends", m["ends"], .endsBeforeValue(last.from.description)) }
        }
        guard let unit, let zh, let en, !values.isEmpty else { return nil }
        return Parameter(id: id, unit: unit, labelZh: zh, labelEn: en, values: values, ends: ends)
    }

    private func readScale(_ id: String, _ node: RuleNode, _ path: String, _ ctx: inout Context) -> BracketScale? {
        guard let m = mapping(node, path, &ctx, allowed: ["type", "base_unit", "label", "values"]) else { return nil }
        var kind: BracketScale.Kind?
        if let t = m["type"] {
            if case .scalar(let text, _) = t {
                kind = BracketScale.Kind(rawValue: text)
                if kind == nil { ctx.fail("\(path).type", t, .unknownScaleType(text)) }
            } else {
                ctx.fail("\(path).type", t, .expected("single_amount or marginal_rate"))
            }
        } else {
            ctx.fail(path, node, .missingScaleType)
        }
        let baseUnit = unitValue(m, "base_unit", path, &ctx)
        let (zh, en) = label(m, "label", path, &ctx)
        var versions: [BracketScale.DatedBrackets] = []
        if let list = sequence(m, "values", path, &ctx) {
            for (i, item) in list.enumerated() {
                let p = "\(path).values[\(i)]"
                guard let v = mapping(item, p, &ctx, allowed: ["from", "brackets", "reference"]) else { continue }
                let from = date(v, "from", p, &ctx)
                let reference = self.reference(v, p, &ctx)
                var brackets: [BracketScale.Bracket] = []
                if let rows = sequence(v, "brackets", p, &ctx) {
                    for (j, row) in rows.enumerated() {
                        let bp = "\(p).brackets[\(j)]"
                        guard let b = mapping(row, bp, &ctx, allowed: ["threshold", "value"]) else { continue }
                        guard let threshold = integer(b, "threshold", bp, &ctx), let value = integer(b, "value", bp, &ctx) else { continue }
                        if let last = brackets.last, threshold <= last.threshold {
                            ctx.fail("\(bp).threshold", b["threshold"], .bracketsOutOfOrder(last.threshold, threshold))
                        }
                        brackets.append(.init(threshold: threshold, value: value))
                    }
                    if rows.isEmpty { ctx.fail("\(p).brackets", v["brackets"], .expected("at least one bracket")) }
                }
                if let from, let last = versions.last, from <= last.from { ctx.fail("\(p).from", v["from"], .datesOutOfOrder(last.from.description, from.description)) }
                if let from, let reference, !brackets.isEmpty { versions.append(.init(from: from, brackets: brackets, reference: reference)) }
            }
        }
        guard let kind, let baseUnit, let zh, let en, !versions.isEmpty else { return nil }
        return BracketScale(id: id, kind: kind, baseUnit: baseUnit, labelZh: zh, labelEn: en, versions: versions)
    }

    private func reference(_ m: Mapping, _ path: String, _ ctx: inout Context) -> PolicyReference? {
        guard let node = m["reference"] else {
            ctx.fail(path, m.node, .missingReference)
            return nil
        }
        let p = "\(path).reference"
        guard let r = mapping(node, p, &ctx, allowed: ["document", "article", "url", "note"]) else { return nil }
        guard let document = string(r, "document", p, &ctx) else { return nil }
        return PolicyReference(document: document, article: optionalString(r, "article", p, &ctx),
                               url: optionalString(r, "url", p, &ctx), note: optionalString(r, "note", p, &ctx))
    }

    // MARK: Node helpers

    /// A mapping node with lookup by key.
    struct Mapping {
        let node: RuleNode
        let pairs: [(key: String, value: RuleNode)]
        subscript(_ key: String) -> RuleNode? { pairs.first { $0.key == key }?.value }
    }

    private func mapping(_ node: RuleNode, _ path: String, _ ctx: inout Context, allowed: Set<String>?) -> Mapping? {
        guard case .mapping(let pairs, _) = node else {
            ctx.fail(path, node, .expected("a mapping of keys to values"))
            return nil
        }
        var seen: Set<String> = []
        for (key, value) in pairs {
            if let allowed, !allowed.contains(key) { ctx.fail(join(path, key), value, .unknownKey(key)) }
            if !seen.insert(key).inserted { ctx.fail(join(path, key), value, .duplicateID(key)) }
        }
        return Mapping(node: node, pairs: pairs)
    }

    private func sequence(_ m: Mapping, _ key: String, _ path: String, _ ctx: inout Context) -> [RuleNode]? {
        guard let node = m[key] else {
            ctx.fail(path, m.node, .missing(key))
            return nil
        }
        guard case .sequence(let items, _) = node else {
            ctx.fail(join(path, key), node, .expected("a list"))
            return nil
        }
        return items
    }

    private func string(_ m: Mapping, _ key: String, _ path: String, _ ctx: inout Context) -> String? {
        guard let node = m[key] else {
            ctx.fail(path, m.node, .missing(key))
            return nil
        }
        guard case .scalar(let text, _) = node, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            ctx.fail(join(path, key), node, .expected("a non-empty text"))
            return nil
        }
        return text
    }

    private func optionalString(_ m: Mapping, _ key: String, _ path: String, _ ctx: inout Context) -> String? {
        m[key] == nil ? nil : string(m, key, path, &ctx)
    }

    private func label(_ m: Mapping, _ key: String, _ path: String, _ ctx: inout Context) -> (String?, String?) {
        guard let node = m[key] else {
            ctx.fail(path, m.node, .missing(key))
            return (nil, nil)
        }
        let p = join(path, key)
        guard let l = mapping(node, p, &ctx, allowed: ["zh", "en"]) else { return (nil, nil) }
        return (string(l, "zh", p, &ctx), string(l, "en", p, &ctx))
    }

    private func unitValue(_ m: Mapping, _ key: String, _ path: String, _ ctx: inout Context) -> ParameterUnit? {
        guard let text = string(m, key, path, &ctx) else { return nil }
        guard let unit = ParameterUnit(rawValue: text) else {
            ctx.fail(join(path, key), m[key], .unknownUnit(text))
            return nil
        }
        return unit
    }

    private func date(_ m: Mapping, _ key: String, _ path: String, _ ctx: inout Context) -> LocalDate? {
        guard let text = string(m, key, path, &ctx) else { return nil }
        guard let d = try? LocalDate(text) else {
            ctx.fail(join(path, key), m[key], .notADate(text))
            return nil
        }
        return d
    }

    /// A whole number; `_` may group digits (`800_000_000` fen is ¥8,000,000).
    private func integer(_ m: Mapping, _ key: String, _ path: String, _ ctx: inout Context) -> Int64? {
        guard let text = string(m, key, path, &ctx) else { return nil }
        let digits = text.replacingOccurrences(of: "_", with: "")
        guard let value = Int64(digits), !text.hasPrefix("_"), !text.hasSuffix("_") else {
            ctx.fail(join(path, key), m[key], .notAnInteger(text))
            return nil
        }
        return value
    }

    private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
