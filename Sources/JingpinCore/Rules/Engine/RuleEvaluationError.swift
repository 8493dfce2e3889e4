/// Why a formula could not run (a configuration fault, not an enterprise's ineligibility).
public enum RuleEvaluationError: Error, Sendable, Hashable {
    /// The rule set has no such parameter.
    case unknownParameter(String)
    /// The parameter has no value on that day (not yet in force, or ended).
    case noValue(String, String)
    /// The rule set names a formula the engine does not have.
    case unknownFormula(String)

    /// The problem in words.
    public var message: Message {
        switch self {
        case .unknownParameter(let id): Message("domain.rules.unknown_parameter", "\(id)")
        case .noValue(let id, let date): Message("domain.rules.no_value", "\(id)", "\(date)")
        case .unknownFormula(let f): Message("domain.rules.unknown_formula", "\(f)")
        }
    }
}
