import ArgumentParser
import Foundation
import JingpinApp
import JingpinCore

extension Rewards {
    /// `jingpin rewards bench`: the rewards benchmark's Swift side (`bench/run rewards`). Needs no
    /// database: the figures come from a CSV, the rules from the shipped rule book. Times only
    /// compute + allocate — `RewardProgram.eligibleFen` over every enterprise, a claim for each
    /// eligible one, pro-rata allocation — best of `--repeat` runs.
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Benchmark: compute a scheme's rewards from a figures CSV and allocate a budget pro rata (no database).",
            discussion: """
                The figures file is `creditCode,regionCode,isMountain,year,rdSpendingFen,mainBusinessRevenueFen` \
                (bench/gen_reward_figures.py); an empty cell is a figure not filed. Writes \
                `creditCode,eligibleFen,authorisedFen` for every eligible enterprise, by credit code, and prints \
                the best compute time as its last line.
                """,
            shouldDisplay: false)

        @Option(help: "The figures CSV.") var figures: String
        @Option(help: "The data year.") var year: Int
        @Option(help: "The scheme id (see `jingpin rewards schemes`).") var scheme: String
        @Option(help: "The budget in fen: a whole, non-negative number.") var budgetFen: String
        @Option(help: "Where to write the CSV of amounts.") var out: String
        @Option(help: "How many times to compute (the best time is printed).") var `repeat` = 5

        func validate() throws {
            if `repeat` < 1 { throw ValidationError("--repeat is at least 1") }
        }

        func run() async throws {
            guard let budget = Money.wholeFen(budgetFen) else {
                throw ValidationError("budget \"\(budgetFen)\" is not a whole, non-negative number of fen")
            }
            guard let ruleSet = try RuleBook.shipped().ruleSet(scheme), ruleSet.kind == .reward else {
                throw ValidationError("no reward scheme \"\(scheme)\"")
            }
            let program = try RewardProgram(ruleSet: ruleSet, year: year)
            let table = try Self.read(figures, program: program)

            let clock = ContinuousClock()
            var best: Duration?
            var outcome: (claims: [AllocationClaim], allocation: AllocationResult)?
            for _ in 0..<`repeat` {
                let start = clock.now
                let result = try Self.compute(table, program: program, budget: budget)
                let elapsed = clock.now - start
                if best.map({ elapsed < $0 }) ?? true { best = elapsed }
                outcome = result
            }
            guard let outcome, let best else { return }

            var text = "creditCode,eligibleFen,authorisedFen\n"
            for a in outcome.allocation.allocations {
                text += "\(a.claim.creditCode),\(a.claim.eligible.fen),\(a.authorised.fen)\n"
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: out))
            print("jingpin \(RuleEngine.version), \(ruleSet.id) \(ruleSet.version): \(table.count) evaluated, "
                + "\(outcome.claims.count) eligible, eligible total \(outcome.allocation.demand.fen) fen, "
                + "authorised total \(outcome.allocation.allocated.fen) fen")
            let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
            print("compute best of \(`repeat`): \(String(format: "%.6f", seconds)) s")
        }

        /// What is timed: every enterprise's eligible amount (the batch path reward runs use;
        /// traces are made afterwards, for the awards stored), a claim for each eligible one,
        /// and the allocation.
        static func compute(_ table: RewardFigureTable, program: RewardProgram, budget: Money) throws
            -> (claims: [AllocationClaim], allocation: AllocationResult) {
            let claims = AllocationClaim.claims(codes: table.claimCodes, eligibleFen: program.eligibleFen(table))
            let allocation = try AllocationStrategy.proRata.allocate(claims: claims, budget: budget)
            return (claims, allocation)
        }

        /// Every enterprise with a row for the program's year, by credit code, as a table of the
        /// figures its formula reads.
        static func read(_ path: String, program: RewardProgram) throws -> RewardFigureTable {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
            guard lines.popFirst() == "creditCode,regionCode,isMountain,year,rdSpendingFen,mainBusinessRevenueFen" else {
                throw ValidationError("\(path): not a rewards figures file (bad header)")
            }
            struct Enterprise { var region: String; var mountain: Bool; var figures: [Int: [String: Int64]] }
            var enterprises: [String: Enterprise] = [:]
            for (number, line) in zip(2..., lines) {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                guard cells.count == 6, let rowYear = Int(cells[3]) else { throw ValidationError("\(path):\(number): expected 6 cells") }
                var values: [String: Int64] = [:]
                for (cell, code) in [(cells[4], "rd_spending"), (cells[5], "main_business_revenue")] where !cell.isEmpty {
                    guard let v = Int64(cell) else { throw ValidationError("\(path):\(number): \(cell) is not a whole number of fen") }
                    values[code] = v
                }
                let code = String(cells[0])
                enterprises[code, default: Enterprise(region: String(cells[1]), mountain: cells[2] == "1", figures: [:])]
                    .figures[rowYear] = values
            }
            var table = program.table()
            table.reserveCapacity(enterprises.count)
            for (code, e) in enterprises.sorted(by: { $0.key < $1.key }) where e.figures[program.year] != nil {
                table.append(RewardInputs(creditCode: code, regionCode: e.region, isMountainCounty: e.mountain, figures: e.figures))
            }
            return table
        }
    }
}
