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
    public func message(_ language: Language) -> String {
        switch (self, language) {
        case let (.negativeBudget(budget), .zhHans):
            return "预算金额不能为负数（当前为\(budget.formatted(language))）"
        case let (.negativeBudget(budget), .en):
            return "The budget cannot be negative (it is \(budget.formatted(language)))"
        case let (.negativeEligible(code, eligible), .zhHans):
            return "统一社会信用代码为\(code)的企业应奖金额不能为负数（当前为\(eligible.formatted(language))）"
        case let (.negativeEligible(code, eligible), .en):
            return "The eligible amount of the enterprise with credit code \(code) cannot be negative (it is \(eligible.formatted(language)))"
        case (.demandTooLarge, .zhHans):
            return "应奖金额合计过大，超出系统可处理的范围"
        case (.demandTooLarge, .en):
            return "The eligible amounts add up to more than the system can handle"
        }
    }
}
