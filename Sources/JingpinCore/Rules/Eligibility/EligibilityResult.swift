/// The outcome of an eligibility check: each rule, whether it passed, and why, in plain words —
/// what the applicant sees before submitting.
public struct EligibilityResult: Sendable, Hashable {
    /// One rule's outcome.
    public struct Check: Sendable, Hashable {
        /// The rule: `sales`, `rd_intensity`, `launch`, `veto`.
        public let rule: String
        /// Whether it passed.
        public let passed: Bool
        /// Why, in Chinese.
        public let zh: String
        /// Why, in English.
        public let en: String

        /// The explanation in `l`.
        public func message(_ l: Language) -> String { l == .en ? en : zh }
    }

    /// Every rule checked, in the rule set's order.
    public let checks: [Check]
    /// The parameter values the checks used, with their dates and references.
    public let parameters: [EvaluationTrace.ParameterUse]

    /// Whether every rule passed.
    public var isEligible: Bool { checks.allSatisfy(\.passed) }
    /// The rules that failed.
    public var failures: [Check] { checks.filter { !$0.passed } }
}
