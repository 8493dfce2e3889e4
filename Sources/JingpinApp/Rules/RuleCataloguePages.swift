import Foundation
import Hummingbird
import JingpinCore

/// The rule catalogue as a page (`/rules`): every rule set, parameter and bracket table with its
/// dated values and references, for anyone logged in — an enterprise can read the rules it is
/// measured by (the JSON side is `RuleCatalogueAPI`).
struct RuleCataloguePages {
    let services: AppServices
    var views: Views { services.views }

    func register(_ routes: RouteTable) {
        routes.add(.get, "/rules", .permission(.viewRules), rulesPage)
    }

    /// The rule catalogue page.
    @Sendable func rulesPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        page(context)
    }

    func page(_ context: AppRequestContext) -> Response {
        let l = context.language
        let sets = services.rules.ruleSets.map { set in
            RulesPage.RuleSetEntry(
                anchor: set.id.replacingOccurrences(of: ".", with: "-"), title: set.title(l), id: set.id, version: set.version,
                kind: views.t("rules.kind.\(set.kind.rawValue)", l), formula: set.formula, file: set.file,
                hash: String(set.contentHash.prefix(16)) + "…", rounding: views.t("rules.rounding.\(set.rounding.rawValue)", l),
                scope: scopeName(set.scope, l),
                parameters: set.parameters.map { p in
                    RulesPage.Parameter(
                        label: p.label(l), id: p.id, unit: p.unit.name(l), ends: p.ends?.description,
                        values: p.values.enumerated().map { i, v in
                            RulesPage.ParameterValue(first: i == 0, span: p.values.count, from: v.from.description,
                                                     value: p.unit.format(v.value, l), reference: v.reference)
                        })
                },
                hasScales: !set.scales.isEmpty,
                scales: set.scales.map { s in
                    RulesPage.Scale(
                        label: s.label(l), id: s.id, kind: views.t("rules.scale.\(s.kind.rawValue)", l),
                        versions: s.versions.map { v in
                            RulesPage.ScaleVersion(from: v.from.description,
                                                   brackets: v.brackets.map { b in
                                                       RulesPage.Bracket(threshold: s.baseUnit.format(b.threshold, l), value: s.valueUnit.format(b.value, l))
                                                   },
                                                   reference: v.reference)
                        })
                })
        }
        return views.page("rules", title: views.t("rules.title", l), model: RulesPage(sets: sets), context: context)
    }

    private func scopeName(_ scope: RuleScope, _ l: Language) -> String {
        switch scope {
        case .province: return views.t("rules.province", l)
        case .city(let code): return (try? RegionCode(code)).flatMap { services.reference.regions.region($0)?.name(l) } ?? code
        }
    }
}

/// `/rules`: every rule set with its parameters' and scales' dated values and their references.
/// A row is looked up before its parent, so a value row holds no `label`, `id` or `unit` of its own:
/// the template reads those from the parameter around it.
struct RulesPage: PageModel {
    let sets: [RuleSetEntry]

    /// One rule set's facts, parameters and scales.
    struct RuleSetEntry: Encodable, Sendable {
        let anchor: String
        let title: String
        let id: String
        let version: String
        let kind: String
        let formula: String
        let file: String
        let hash: String
        let rounding: String
        let scope: String
        let parameters: [Parameter]
        let hasScales: Bool
        let scales: [Scale]
    }

    /// One parameter; `ends` is nil for one still in force.
    struct Parameter: Encodable, Sendable {
        let label: String
        let id: String
        let unit: String
        let ends: String?
        let values: [ParameterValue]
    }

    /// One dated value of a parameter and where it comes from; the first row spans the parameter's name.
    struct ParameterValue: Encodable, Sendable {
        let first: Bool
        let span: Int
        let from: String
        let value: String
        let document: String
        let article: String?
        let url: String?
        let note: String?

        init(first: Bool, span: Int, from: String, value: String, reference r: PolicyReference) {
            self.first = first
            self.span = span
            self.from = from
            self.value = value
            (document, article, url, note) = (r.document, r.article, r.url, r.note)
        }
    }

    /// One bracket table (a scale).
    struct Scale: Encodable, Sendable {
        let label: String
        let id: String
        let kind: String
        let versions: [ScaleVersion]
    }

    /// One dated version of a scale's brackets and where it comes from.
    struct ScaleVersion: Encodable, Sendable {
        let from: String
        let brackets: [Bracket]
        let document: String
        let article: String?
        let url: String?
        let note: String?

        init(from: String, brackets: [Bracket], reference r: PolicyReference) {
            self.from = from
            self.brackets = brackets
            (document, article, url, note) = (r.document, r.article, r.url, r.note)
        }
    }

    /// From `threshold` up, `value`.
    struct Bracket: Encodable, Sendable {
        let threshold: String
        let value: String
    }
}
