import Foundation

/// How a budget smaller than the year's total eligible amount is shared out (预算分配).
///
/// Every strategy keeps the same promises: each claim gets between 0 and its
/// eligible amount, the authorised amounts add up to exactly
/// min(budget, Σ eligible) to the fen, and the answer depends only on the set of
/// claims, never on their order, because every tie is broken by credit code.
/// The raw values are the names used on the command line and in stored runs.
public enum AllocationStrategy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Everyone is cut by the same ratio budget / demand; leftover fen go by largest remainder.
    case proRata = "pro-rata"
    /// Amounts are capped at a level C chosen to spend the budget, so only the largest claims are cut.
    case capLevel = "cap-level"
    /// Claims are paid in full in rank order until the money runs out.
    case rankOrder = "rank-order"

    /// Shares `budget` among `claims`; the result lists the claims in input order.
    ///
    /// Throws when the budget or any eligible amount is negative, or when the
    /// eligible amounts add up to more than Int64 fen.
    public func allocate(claims: [AllocationClaim], budget: Money) throws(AllocationError) -> AllocationResult {
        let input = try AllocationInput(claims: claims, budget: budget)
        let (amounts, finding) = switch self {
        case .proRata: ProRataAllocation.allocate(claims, input)
        case .capLevel: CapLevelAllocation.allocate(claims, input)
        case .rankOrder: RankOrderAllocation.allocate(claims, input)
        }
        return AllocationResult(
            strategy: self,
            budget: budget,
            demand: Money(fen: input.demand),
            allocated: Money(fen: input.allocatable),
            claims: claims,
            authorisedFen: amounts,
            finding: finding
        )
    }

    /// The strategy's name for pages and reports.
    public func label(_ language: Language) -> String {
        switch (self, language) {
        case (.proRata, .zhHans): return "按比例分配（各项同比例核减）"
        case (.proRata, .en): return "Pro rata (everyone cut by the same ratio)"
        case (.capLevel, .zhHans): return "封顶分配（仅核减金额最大的几项）"
        case (.capLevel, .en): return "Cap level (only the largest amounts are cut)"
        case (.rankOrder, .zhHans): return "按排名顺序分配（依次足额安排，直至预算用完）"
        case (.rankOrder, .en): return "Rank order (paid in full in rank order until the money runs out)"
        }
    }
}
