import Foundation
import Hummingbird
import JingpinCore

/// The rule catalogue as JSON (`/api/v1/rule-sets`): every rule set with its parameters, dated
/// values and references, for anyone logged in (the page is `RuleCataloguePages`).
struct RuleCatalogueAPI {
    let services: AppServices

    func register(_ routes: RouteTable) {
        routes.api(RouteDoc(method: .get, path: "/api/v1/rule-sets", summary: "Every rule set with its parameters, dated values and references",
                            tag: "rules", access: .permission(.viewRules), success: (200, ItemList<RuleSetDocument>.self)), ruleSets)
    }

    /// Every rule set, as JSON.
    @Sendable func ruleSets(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(ItemList(services.rules.ruleSets.map(RuleSetDocument.init)))
    }
}

/// A rule set as the API returns it.
struct RuleSetDocument: Codable {
    struct Value: Codable {
        let from: String
        let value: Int64
        let reference: PolicyReference
    }
    struct ParameterDocument: Codable {
        let id: String
        let unit: String
        let label: [String: String]
        let values: [Value]
        let ends: String?
    }
    struct ScaleVersion: Codable {
        let from: String
        let brackets: [[Int64]]
        let reference: PolicyReference
    }
    struct ScaleDocument: Codable {
        let id: String
        let type: String
        let baseUnit: String
        let label: [String: String]
        let versions: [ScaleVersion]
    }

    let id: String
    let kind: String
    let version: String
    let title: [String: String]
    let formula: String
    let scope: String
    let rounding: String
    let file: String
    let contentHash: String
    let parameters: [ParameterDocument]
    let scales: [ScaleDocument]

    init(_ s: RuleSet) {
        id = s.id
        kind = s.kind.rawValue
        version = s.version
        title = ["zh": s.titleZh, "en": s.titleEn]
        formula = s.formula
        scope = s.scope.text
        rounding = s.rounding.rawValue
        file = s.file
        contentHash = s.contentHash
        parameters = s.parameters.map { p in
            ParameterDocument(id: p.id, unit: p.unit.rawValue, label: ["zh": p.labelZh, "en": p.labelEn],
                              values: p.values.map { Value(from: $0.from.description, value: $0.value, reference: $0.reference) },
                              ends: p.ends?.description)
        }
        scales = s.scales.map { sc in
            ScaleDocument(id: sc.id, type: sc.kind.rawValue, baseUnit: sc.baseUnit.rawValue, label: ["zh": sc.labelZh, "en": sc.labelEn],
                          versions: sc.versions.map { ScaleVersion(from: $0.from.description, brackets: $0.brackets.map { [$0.threshold, $0.value] },
                                                                   reference: $0.reference) })
        }
    }
}
