import Foundation
import JingpinCore

/// A reward computation over the filed data, not stored: every enterprise in the scheme's
/// scope is evaluated, those with an eligible amount claim on the budget, and the strategy
/// allocates it. Used by `jingpin rewards simulate` and by reward runs' trials.
struct RewardSimulation {
    let database: DatabaseService
    let regions: RegionDirectory
    let rules: RuleBook

    /// One evaluated enterprise with an eligible amount.
    struct Award: Sendable {
        let enterpriseID: UUID
        let cityCode: String
        let creditCode: String
        let regionCode: String
        let eligible: Money
        let authorised: Money
        let trace: EvaluationTrace
    }

    /// What a simulation found.
    struct Outcome: Sendable {
        let scheme: RuleSet
        let year: Int
        let evaluated: Int
        let awards: [Award]
        let allocation: AllocationResult
    }

    /// Parses a budget given in fen: a whole, non-negative number, nothing else.
    static func budget(_ text: String) throws -> Money {
        guard let budget = Money.wholeFen(text) else { throw RewardRunError.badBudget(text) }
        return budget
    }

    /// The reward scheme `schemeID`, or `unknownScheme`.
    func scheme(_ schemeID: String) throws -> RuleSet {
        guard let scheme = rules.ruleSet(schemeID), scheme.kind == .reward else { throw RewardRunError.unknownScheme(schemeID) }
        return scheme
    }

    /// Every enterprise of the scheme's scope with figures for `year`, evaluated; and how many were.
    func evaluate(year: Int, scheme: RuleSet) async throws -> (evaluated: Int, eligible: [(RewardSubject, EvaluationTrace)]) {
        let subjects = try await RewardInputsLoader(database: database, regions: regions).inputs(year: year, scope: scheme.scope)
        var eligible: [(RewardSubject, EvaluationTrace)] = []
        for subject in subjects {
            let trace = try RuleEngine.reward(subject.inputs, year: year, ruleSet: scheme)
            if trace.result.eligibleFen > 0 { eligible.append((subject, trace)) }
        }
        return (subjects.count, eligible)
    }

    /// The claims of eligible amounts on a budget. Rank order funds the largest eligible
    /// amounts first (the credit code breaks ties).
    static func claims(_ eligible: [(creditCode: String, eligibleFen: Int64)]) -> [AllocationClaim] {
        eligible.map { AllocationClaim(creditCode: $0.creditCode, eligible: Money(fen: $0.eligibleFen), rankScore: $0.eligibleFen) }
    }

    /// Evaluates scheme `schemeID` for `year` and allocates `budget` with `strategy`.
    func run(year: Int, schemeID: String, budget: Money, strategy: AllocationStrategy) async throws -> Outcome {
        let scheme = try scheme(schemeID)
        let (evaluated, eligible) = try await evaluate(year: year, scheme: scheme)
        let allocation = try strategy.allocate(claims: Self.claims(eligible.map { ($0.0.inputs.creditCode, $0.1.result.eligibleFen) }),
                                               budget: budget)
        let awards = zip(eligible, allocation.allocations).map { pair, a in
            Award(enterpriseID: pair.0.enterpriseID, cityCode: pair.0.cityCode, creditCode: pair.0.inputs.creditCode,
                  regionCode: pair.0.inputs.regionCode, eligible: a.claim.eligible, authorised: a.authorised, trace: pair.1)
        }
        return Outcome(scheme: scheme, year: year, evaluated: evaluated, awards: awards, allocation: allocation)
    }
}

extension RewardSimulation.Outcome {
    /// The summary, one fact per line, in English (the command line's language).
    func summaryLines() -> [String] {
        let s = allocation.summary
        let l = Language.en
        var lines = [
            "scheme: \(scheme.id) (\(scheme.titleEn)), version \(scheme.version), rules sha256 \(scheme.contentHash.prefix(16))…",
            "year: \(year), strategy: \(allocation.strategy.rawValue)",
            "enterprises evaluated: \(evaluated), eligible: \(awards.count)",
            "eligible total: \(allocation.demand.formatted(l)), budget: \(allocation.budget.formatted(l))",
            "authorised total: \(allocation.allocated.formatted(l)) to \(s.fundedCount) enterprise(s), unspent: \(allocation.unspent.formatted(l))",
        ]
        if let median = s.median, let largest = s.largest {
            lines.append("median authorised: \(median.formatted(l)), largest: \(largest.formatted(l))")
        }
        return lines
    }
}
