/// What a rule set decides.
public enum RuleSetKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A fiscal reward scheme: an eligible amount per enterprise.
    case reward
    /// Designation eligibility: thresholds and vetoes for applying.
    case designationEligibility = "designation_eligibility"
    /// Digital-gradient entry rules: workshop, smart factory, future factory.
    case digitalGradient = "digital_gradient"
}

/// Where a rule set applies.
public enum RuleScope: Sendable, Hashable {
    /// The whole province.
    case province
    /// One city (设区市), by its 6-digit code, e.g. `330100`.
    case city(String)

    /// `province` or the city code, as written in rule files.
    public var text: String {
        switch self {
        case .province: "province"
        case .city(let code): code
        }
    }
}

/// One rule file, read and checked: the parameters and bracket tables a formula uses, with
/// their dated values and references, identified by id, version and the file's content hash
/// (which every trace records, so a decision names the exact rules it was made under).
public struct RuleSet: Sendable, Hashable {
    /// The dotted id; every parameter id starts with it, e.g. `rewards.rd.province`.
    public let id: String
    /// What the rule set decides.
    public let kind: RuleSetKind
    /// The version people refer to, e.g. `2025.1`.
    public let version: String
    /// The Chinese title.
    public let titleZh: String
    /// The English title.
    public let titleEn: String
    /// The formula (a Swift function) that reads these parameters.
    public let formula: String
    /// Where it applies.
    public let scope: RuleScope
    /// The one rounding rule, applied once, to the final amount.
    public let rounding: RoundingRule
    /// The parameters, in file order.
    public let parameters: [Parameter]
    /// The bracket tables, in file order.
    public let scales: [BracketScale]
    /// The file's name.
    public let file: String
    /// SHA-256 of the file's bytes, lower-case hex.
    public let contentHash: String

    /// Creates a rule set.
    public init(id: String, kind: RuleSetKind, version: String, titleZh: String, titleEn: String, formula: String, scope: RuleScope,
                rounding: RoundingRule, parameters: [Parameter], scales: [BracketScale], file: String, contentHash: String) {
        self.id = id
        self.kind = kind
        self.version = version
        self.titleZh = titleZh
        self.titleEn = titleEn
        self.formula = formula
        self.scope = scope
        self.rounding = rounding
        self.parameters = parameters
        self.scales = scales
        self.file = file
        self.contentHash = contentHash
    }

    /// The parameter `name` (relative to the rule set's id, e.g. `rate`).
    public func parameter(_ name: String) -> Parameter? {
        let full = "\(id).\(name)"
        return parameters.first { $0.id == full }
    }

    /// The bracket table `name` (relative to the rule set's id).
    public func scale(_ name: String) -> BracketScale? {
        let full = "\(id).\(name)"
        return scales.first { $0.id == full }
    }

    /// The title in a language.
    public func title(_ language: Language) -> String { language == .en ? titleEn : titleZh }
}
