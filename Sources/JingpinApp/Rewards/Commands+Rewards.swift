import Foundation
import JingpinCore

extension Commands {
    /// `jingpin rewards schemes`: one line per reward scheme, id first.
    public static func rewardSchemes() throws -> [String] {
        try RuleBook.shipped().rewardSchemes.map { "\($0.id)\t\($0.scope.text)\t\($0.version)\t\($0.titleEn)" }
    }

    /// `jingpin rewards simulate`: computes and allocates without storing anything. With
    /// `csv`, stdout is exactly `creditCode,eligibleFen,authorisedFen` and one row per
    /// eligible enterprise; the summary always goes to stderr.
    public static func simulateRewards(settings: Settings, year: Int, scheme: String, budgetFen: String, strategy: String,
                                       csv: Bool) async throws {
        guard let strategy = AllocationStrategy(rawValue: strategy) else {
            throw Settings.Invalid(description: "unknown strategy \"\(strategy)\" (pro-rata, cap-level, rank-order)")
        }
        let budget: Money
        do { budget = try RewardSimulation.budget(budgetFen) } catch let e as RewardRunError { throw Settings.Invalid(description: try Strings.load().text(e.message, .en)) }
        let services = try await services(settings, logger: makeLogger(label: "jingpin", level: settings.logLevel))
        do {
            let outcome = try await RewardSimulation(database: services.database, regions: services.reference.regions, rules: services.rules)
                .run(year: year, schemeID: scheme, budget: budget, strategy: strategy)
            if csv {
                for line in outcome.summaryLines() { FileHandle.standardError.write(Data((line + "\n").utf8)) }
                var out = "creditCode,eligibleFen,authorisedFen\n"
                for a in outcome.awards { out += "\(a.creditCode),\(a.eligible.fen),\(a.authorised.fen)\n" }
                FileHandle.standardOutput.write(Data(out.utf8))
            } else {
                for line in outcome.summaryLines() { say(line) }
            }
            await services.database.shutdown()
        } catch {
            await services.database.shutdown()
            if let e = error as? RewardRunError { throw Settings.Invalid(description: services.views.t(e.message, .en)) }
            if let e = error as? RuleEvaluationError { throw Settings.Invalid(description: services.views.t(e.message, .en)) }
            if let e = error as? AllocationError { throw Settings.Invalid(description: services.views.t(e.message, .en)) }
            throw error
        }
    }
}
