import Foundation

/// Why a budget could not be allocated; the input is refused as a whole, so no
/// partial allocation is ever produced from bad figures.
public enum AllocationError: Error, Sendable, Hashable {
    /// The budget is below zero.
    case negativeBudget(Money)
    /// A claim's eligible amount is below zero.
    case negativeEligible(creditCode: String, eligible: Money)
    /// The eligible amounts add up to more than Int64 fen can hold.
    case demandTooLarge

    /// Plain-language text for the official who entered the figures.
    public var message: Message {
        switch self {
        case .negativeBudget(let budget): Message("domain.allocation.negative_budget", .named(zh: budget.formatted(.zhHans), en: budget.formatted(.en)))
        case let .negativeEligible(code, eligible):
            Message("domain.allocation.negative_eligible", "\(code)", .named(zh: eligible.formatted(.zhHans), en: eligible.formatted(.en)))
        case .demandTooLarge: Message("domain.allocation.demand_too_large")
        }
    }
}
