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
    }

    /// What a simulation found.
    struct Outcome: Sendable {
        let scheme: RuleSet
        let year: Int
        let evaluated: Int
        let awards: [Award]
        let allocation: AllocationResult
    }

    /// A scheme evaluated over its scope: every enterprise's eligible amount, computed in one
    /// batch without traces; `trace(row:)` makes a row's trace when it is to be stored.
    struct Evaluation: Sendable {
        let program: RewardProgram
        let population: RewardPopulation
        /// Each row's eligible amount in fen (0 when not eligible).
        let eligibleFen: [Int64]

        /// How many enterprises were evaluated.
        var evaluated: Int { eligibleFen.count }
        /// The rows with an eligible amount, in credit-code order.
        var eligibleRows: [Int] { eligibleFen.indices.filter { eligibleFen[$0] > 0 } }
        /// Row `row`'s trace.
        func trace(row: Int) -> EvaluationTrace { program.trace(population.table, row: row) }
        /// Row `row`'s credit code.
        func creditCode(row: Int) -> String { population.table.creditCodes[row] }
    }

    /// Parses a budget given in fen: a whole, non-negative number, nothing else.
    static func budget(_ text: String) throws -> Money {
        // Bounded like every amount a person types, so no allocation arithmetic meets an absurd budget.
        guard let budget = Money.wholeFen(text), InputBounds.amountFen.contains(budget.fen) else { throw RewardRunError.badBudget(text) }
        return budget
    }

    /// The reward scheme `schemeID`, or `unknownScheme`.
    func scheme(_ schemeID: String) throws -> RuleSet {
        guard let scheme = rules.ruleSet(schemeID), scheme.kind == .reward else { throw RewardRunError.unknownScheme(schemeID) }
        return scheme
    }

    /// Every enterprise of the scheme's scope with figures for `year`, evaluated.
    func evaluate(year: Int, scheme: RuleSet) async throws -> Evaluation {
        let program = try RewardProgram(ruleSet: scheme, year: year)
        let population = try await RewardFiguresLoader(database: database, regions: regions).load(for: program, scope: scheme.scope)
        return Evaluation(program: program, population: population, eligibleFen: program.eligibleFen(population.table))
    }

    /// The claims of eligible amounts on a budget (zero amounts make none). Rank order funds
    /// the largest eligible amounts first (the credit code breaks ties).
    static func claims(_ eligible: [(creditCode: String, eligibleFen: Int64)]) -> [AllocationClaim] {
        AllocationClaim.claims(creditCodes: eligible.map(\.creditCode), eligibleFen: eligible.map(\.eligibleFen))
    }

    /// Evaluates scheme `schemeID` for `year` and allocates `budget` with `strategy`.
    func run(year: Int, schemeID: String, budget: Money, strategy: AllocationStrategy) async throws -> Outcome {
        let scheme = try scheme(schemeID)
        let evaluation = try await evaluate(year: year, scheme: scheme)
        let rows = evaluation.eligibleRows
        let allocation = try strategy.allocate(
            claims: AllocationClaim.claims(codes: evaluation.population.table.claimCodes, eligibleFen: evaluation.eligibleFen),
            budget: budget)
        let population = evaluation.population
        // The claims are the eligible rows, in row order.
        let awards = zip(rows, allocation.authorisedFen).map { row, authorised in
            Award(enterpriseID: population.enterpriseIDs[row], cityCode: population.cityCodes[row], creditCode: population.table.creditCodes[row],
                  regionCode: population.table.regionCodes[row], eligible: Money(fen: evaluation.eligibleFen[row]), authorised: Money(fen: authorised))
        }
        return Outcome(scheme: scheme, year: year, evaluated: evaluation.evaluated, awards: awards, allocation: allocation)
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
