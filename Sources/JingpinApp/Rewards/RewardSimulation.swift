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
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.allSatisfy(\.isASCII), t.allSatisfy(\.isNumber), let fen = Int64(t) else { throw RewardRunError.badBudget(text) }
        return Money(fen: fen)
    }

    /// Evaluates scheme `schemeID` for `year` and allocates `budget` with `strategy`.
    func run(year: Int, schemeID: String, budget: Money, strategy: AllocationStrategy) async throws -> Outcome {
        guard let scheme = rules.ruleSet(schemeID), scheme.kind == .reward else { throw RewardRunError.unknownScheme(schemeID) }
        let inputs = try await RewardInputsLoader(database: database, regions: regions).inputs(year: year, scope: scheme.scope)
        var traces: [(RewardInputs, EvaluationTrace)] = []
        for input in inputs {
            let trace = try RuleEngine.reward(input, year: year, ruleSet: scheme)
            if trace.result.eligibleFen > 0 { traces.append((input, trace)) }
        }
        // Rank order funds the largest eligible amounts first (the credit code breaks ties).
        let claims = traces.map { AllocationClaim(creditCode: $0.0.creditCode, eligible: Money(fen: $0.1.result.eligibleFen),
                                                  rankScore: $0.1.result.eligibleFen) }
        let allocation = try strategy.allocate(claims: claims, budget: budget)
        let awards = zip(traces, allocation.allocations).map { pair, a in
            Award(creditCode: pair.0.creditCode, regionCode: pair.0.regionCode, eligible: a.claim.eligible, authorised: a.authorised, trace: pair.1)
        }
        return Outcome(scheme: scheme, year: year, evaluated: inputs.count, awards: awards, allocation: allocation)
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
