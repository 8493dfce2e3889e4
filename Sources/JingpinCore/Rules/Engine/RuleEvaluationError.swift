/// Why a formula could not run (a configuration fault, not an enterprise's ineligibility).
public enum RuleEvaluationError: Error, Sendable, Hashable {
    /// The rule set has no such parameter.
    case unknownParameter(String)
    /// The parameter has no value on that day (not yet in force, or ended).
    case noValue(String, String)
    /// The rule set names a formula the engine does not have.
    case unknownFormula(String)

    /// The problem in words.
    public func message(_ l: Language) -> String {
        switch (self, l) {
        case (.unknownParameter(let id), .en): "the rule set has no parameter \(id)"
        case (.unknownParameter(let id), _): "规则集中没有参数 \(id)"
        case (.noValue(let id, let date), .en): "parameter \(id) has no value on \(date)"
        case (.noValue(let id, let date), _): "参数 \(id) 在 \(date) 没有有效取值"
        case (.unknownFormula(let f), .en): "unknown formula \(f)"
        case (.unknownFormula(let f), _): "无法识别的计算公式 \(f)"
        }
    }
}
