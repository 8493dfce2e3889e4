import FluentKit
import Foundation
import JingpinCore
import SQLKit

/// Reward runs: a province admin opens one for a year and scheme (every eligible amount and
/// its trace is computed and frozen), runs trials of a budget and strategy (each replaces the
/// authorised amounts), compares strategies side by side, and approves — which locks the run.
/// Every write is audited in the same transaction.
struct RewardRunService {
    let database: DatabaseService
    let simulation: RewardSimulation

    /// A run as the API shows it.
    struct Run: Codable, Sendable {
        let id: UUID
        let year: Int
        let schemeId: String
        let schemeVersion: String
        let rulesHash: String
        let status: RewardRunStatus
        let budgetFen: Int64?
        let strategy: String?
        let createdBy: String
        let createdAt: Date
        let trialAt: Date?
        let approvedBy: String?
        let approvedAt: Date?
        let awards: Int
        let eligibleFen: Int64
        let authorisedFen: Int64?
    }

    /// One award of a run.
    struct Award: Codable, Sendable {
        let enterpriseId: UUID
        let creditCode: String
        let cityCode: String
        let requestedFen: Int64
        let eligibleFen: Int64
        let authorisedFen: Int64?
    }

    /// One strategy's outcome in a comparison.
    struct Comparison: Codable, Sendable {
        let strategy: String
        let funded: Int
        let totalFen: Int64
        let medianFen: Int64?
        let largestFen: Int64?
        let unspentFen: Int64
        let byCity: [String: Int64]
    }

    // MARK: Writes

    /// Opens a run: evaluates every enterprise of the scheme's scope and stores the eligible ones.
    func open(year: Int, schemeID: String, actor: AuditActor, requestID: String) async throws -> Run {
        let scheme = try simulation.scheme(schemeID)
        if try await RewardRunModel.query(on: database.db).filter(\.$year == year).filter(\.$schemeID == schemeID).first() != nil {
            throw AppError.conflict(Message("rewards.conflict.run_exists", "\(schemeID)", "\(year)"))
        }
        let evaluation = try await simulation.evaluate(year: year, scheme: scheme)
        let eligible = evaluation.eligibleRows
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let id = UUID()
        try await database.db.transaction { tx in
            let m = RewardRunModel()
            m.id = id
            m.year = year
            m.schemeID = scheme.id
            m.schemeVersion = scheme.version
            m.rulesHash = scheme.contentHash
            m.status = .open
            m.createdBy = actor.stored
            m.createdAt = Date()
            try await m.create(on: tx)
            let sql = tx as! any SQLDatabase
            // 7 binds per row: well under SQLite's 32,766 per statement.
            for chunk in stride(from: 0, to: eligible.count, by: 1000) {
                var insert = sql.insert(into: "reward_awards")
                    .columns("run_id", "enterprise_id", "credit_code", "city_code", "requested_fen", "eligible_fen", "trace")
                for row in eligible[chunk..<min(chunk + 1000, eligible.count)] {
                    let trace = evaluation.trace(row: row)
                    let requested = trace.step("rounded").flatMap { Int64($0.value) } ?? trace.result.eligibleFen
                    insert = insert.values(SQLBind(id), SQLBind(evaluation.population.enterpriseIDs[row]), SQLBind(trace.subject),
                                           SQLBind(evaluation.population.cityCodes[row]),
                                           SQLBind(requested), SQLBind(trace.result.eligibleFen),
                                           SQLBind(String(decoding: try encoder.encode(trace), as: UTF8.self)))
                }
                try await insert.run()
            }
            try await AuditLog.append(AuditRecord(actor: actor, action: "reward.open", entityType: "reward_run", entityID: id.uuidString,
                                                  new: ["year": "\(year)", "scheme": scheme.id, "version": scheme.version,
                                                        "rulesHash": scheme.contentHash, "awards": "\(eligible.count)"],
                                                  requestID: requestID), on: tx)
        }
        return try await run(id)
    }

    /// A trial: allocates `budget` with `strategy` over the run's eligible amounts and stores
    /// the authorised amounts, replacing the previous trial's.
    func trial(_ id: UUID, budget: Money, strategy: AllocationStrategy, actor: AuditActor, requestID: String) async throws -> Run {
        let allocation = try await allocate(id, budget: budget, strategy: strategy)
        try await database.db.transaction { tx in
            let m = try await lockedOpenRun(id, on: tx)
            let sql = tx as! any SQLDatabase
            try await sql.delete(from: "reward_allocations").where("run_id", .equal, SQLBind(id)).run()
            let rows = allocation.rows
            for chunk in stride(from: 0, to: rows.count, by: 2000) {
                var insert = sql.insert(into: "reward_allocations").columns("run_id", "enterprise_id", "authorised_fen")
                for r in rows[chunk..<min(chunk + 2000, rows.count)] { insert = insert.values(SQLBind(id), SQLBind(r.0), SQLBind(r.1)) }
                try await insert.run()
            }
            let old = ["budgetFen": m.budgetFen.map(String.init) ?? "", "strategy": m.strategy ?? ""]
            m.budgetFen = budget.fen
            m.strategy = strategy.rawValue
            m.trialAt = Date()
            try await m.save(on: tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "reward.trial", entityType: "reward_run", entityID: id.uuidString,
                                                  old: old, new: ["budgetFen": "\(budget.fen)", "strategy": strategy.rawValue,
                                                                  "authorisedFen": "\(allocation.result.allocated.fen)"],
                                                  requestID: requestID), on: tx)
        }
        return try await run(id)
    }

    /// Approves the latest trial; the run is locked from then on.
    func approve(_ id: UUID, by who: WorkflowActor, actor: AuditActor, requestID: String) async throws -> Run {
        try await database.db.transaction { tx in
            let m = try await lockedOpenRun(id, on: tx)
            guard m.budgetFen != nil, m.strategy != nil else { throw AppError.conflict(Message("rewards.conflict.trial_first")) }
            m.status = try Workflow.take(RewardRunStep.approve, from: m.status, by: who)
            m.approvedBy = actor.stored
            m.approvedAt = Date()
            try await m.save(on: tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "reward.approve", entityType: "reward_run", entityID: id.uuidString,
                                                  old: ["status": "open"], new: ["status": "approved", "budgetFen": "\(m.budgetFen ?? 0)",
                                                                                 "strategy": m.strategy ?? ""],
                                                  requestID: requestID), on: tx)
        }
        return try await run(id)
    }

    // MARK: Reads

    /// The run with its totals.
    func run(_ id: UUID) async throws -> Run {
        guard let m = try await RewardRunModel.find(id, on: database.db) else { throw AppError.notFound }
        let totals = try await self.totals(of: id)
        return Self.run(m, totals[id] ?? Totals())
    }

    /// Every run, newest first (three queries however many runs there are).
    func list() async throws -> [Run] {
        let models = try await RewardRunModel.query(on: database.db).sort(\.$createdAt, .descending).all()
        let totals = try await self.totals(of: nil)
        return models.map { Self.run($0, totals[$0.id!] ?? Totals()) }
    }

    /// A run's award count and sums.
    private struct Totals {
        var awards = 0
        var eligibleFen: Int64 = 0
        var allocations = 0
        var authorisedFen: Int64 = 0
    }

    /// The totals of run `id`, or of every run when nil, by run.
    private func totals(of id: UUID?) async throws -> [UUID: Totals] {
        let condition: SQLQueryString = id.map { "WHERE run_id = \(bind: $0)" } ?? ""
        var out: [UUID: Totals] = [:]
        for r in try await database.sql.raw("""
            SELECT run_id, COUNT(*) AS n, CAST(COALESCE(SUM(eligible_fen), 0) AS BIGINT) AS total
            FROM reward_awards \(condition) GROUP BY run_id
            """).all() {
            let id = try r.decode(column: "run_id", as: UUID.self)
            out[id, default: Totals()].awards = try r.decode(column: "n", as: Int.self)
            out[id, default: Totals()].eligibleFen = try r.decode(column: "total", as: Int64.self)
        }
        for r in try await database.sql.raw("""
            SELECT run_id, COUNT(*) AS n, CAST(COALESCE(SUM(authorised_fen), 0) AS BIGINT) AS total
            FROM reward_allocations \(condition) GROUP BY run_id
            """).all() {
            let id = try r.decode(column: "run_id", as: UUID.self)
            out[id, default: Totals()].allocations = try r.decode(column: "n", as: Int.self)
            out[id, default: Totals()].authorisedFen = try r.decode(column: "total", as: Int64.self)
        }
        return out
    }

    private static func run(_ m: RewardRunModel, _ t: Totals) -> Run {
        let hasTrial = t.allocations > 0 || m.trialAt != nil
        return Run(id: m.id!, year: m.year, schemeId: m.schemeID, schemeVersion: m.schemeVersion, rulesHash: m.rulesHash, status: m.status,
                   budgetFen: m.budgetFen, strategy: m.strategy, createdBy: m.createdBy, createdAt: m.createdAt, trialAt: m.trialAt,
                   approvedBy: m.approvedBy, approvedAt: m.approvedAt, awards: t.awards, eligibleFen: t.eligibleFen,
                   authorisedFen: hasTrial ? t.authorisedFen : nil)
    }

    /// The awards of a run, by credit code.
    func awards(_ id: UUID) async throws -> [Award] {
        let rows = try await database.sql.raw("""
            SELECT a.enterprise_id AS enterprise_id, a.credit_code AS credit_code, a.city_code AS city_code,
                   a.requested_fen AS requested_fen, a.eligible_fen AS eligible_fen, l.authorised_fen AS authorised_fen
            FROM reward_awards a LEFT JOIN reward_allocations l ON l.run_id = a.run_id AND l.enterprise_id = a.enterprise_id
            WHERE a.run_id = \(bind: id) ORDER BY a.credit_code
            """).all()
        return try rows.map { r in
            Award(enterpriseId: try r.decode(column: "enterprise_id", as: UUID.self), creditCode: try r.decode(column: "credit_code", as: String.self),
                  cityCode: try r.decode(column: "city_code", as: String.self), requestedFen: try r.decode(column: "requested_fen", as: Int64.self),
                  eligibleFen: try r.decode(column: "eligible_fen", as: Int64.self),
                  authorisedFen: try r.decode(column: "authorised_fen", as: Int64?.self))
        }
    }

    /// Every strategy's outcome for `budget`, side by side, with totals by city; nothing is stored.
    func compare(_ id: UUID, budget: Money) async throws -> [Comparison] {
        var out: [Comparison] = []
        let awards = try await awards(id)
        let city = Dictionary(uniqueKeysWithValues: awards.map { ($0.creditCode, $0.cityCode) })
        for strategy in AllocationStrategy.allCases {
            let result = try strategy.allocate(claims: RewardSimulation.claims(awards.map { ($0.creditCode, $0.eligibleFen) }), budget: budget)
            let s = result.summary
            var byCity: [String: Int64] = [:]
            for a in result.allocations { byCity[city[a.claim.creditCode] ?? "", default: 0] += a.authorised.fen }
            out.append(Comparison(strategy: strategy.rawValue, funded: s.fundedCount, totalFen: s.total.fen, medianFen: s.median?.fen,
                                  largestFen: s.largest?.fen, unspentFen: result.unspent.fen, byCity: byCity))
        }
        return out
    }

    /// Re-runs the run from its stored traces' inputs with the rule set it was opened under
    /// (which must still be the shipped file, byte for byte), and the approved budget and
    /// strategy; returns the enterprises whose eligible or authorised amount would differ.
    func verify(_ id: UUID) async throws -> (rulesUnchanged: Bool, differences: [String]) {
        guard let m = try await RewardRunModel.find(id, on: database.db) else { throw AppError.notFound }
        let scheme = try simulation.scheme(m.schemeID)
        guard scheme.contentHash == m.rulesHash else { return (false, []) }
        let rows = try await database.sql.raw("SELECT credit_code, eligible_fen, trace FROM reward_awards WHERE run_id = \(bind: id)").all()
        let decoder = JSONDecoder()
        var differences: [String] = []
        var recomputed: [(String, Int64)] = []
        for r in rows {
            let code = try r.decode(column: "credit_code", as: String.self)
            let stored = try decoder.decode(EvaluationTrace.self, from: Data(try r.decode(column: "trace", as: String.self).utf8))
            let again = try RuleEngine.reward(stored.rewardInputs, year: m.year, ruleSet: scheme)
            let storedEligible = try r.decode(column: "eligible_fen", as: Int64.self)
            if again != stored || again.result.eligibleFen != storedEligible { differences.append(code) }
            recomputed.append((code, again.result.eligibleFen))
        }
        if let budget = m.budgetFen, let strategy = m.strategy.flatMap(AllocationStrategy.init(rawValue:)) {
            let result = try strategy.allocate(claims: RewardSimulation.claims(recomputed), budget: Money(fen: budget))
            let stored = Dictionary(uniqueKeysWithValues: try await awards(id).map { ($0.creditCode, $0.authorisedFen) })
            for a in result.allocations where stored[a.claim.creditCode] != .some(a.authorised.fen) && !differences.contains(a.claim.creditCode) {
                differences.append(a.claim.creditCode)
            }
        }
        return (true, differences.sorted())
    }

    /// An enterprise's awards in every run, newest year first, with the trace.
    func awardsOf(enterpriseID: UUID) async throws -> [(run: Run, award: Award, trace: EvaluationTrace)] {
        let rows = try await database.sql.raw("""
            SELECT a.run_id AS run_id, a.credit_code AS credit_code, a.city_code AS city_code, a.requested_fen AS requested_fen,
                   a.eligible_fen AS eligible_fen, l.authorised_fen AS authorised_fen, a.trace AS trace
            FROM reward_awards a LEFT JOIN reward_allocations l ON l.run_id = a.run_id AND l.enterprise_id = a.enterprise_id
            WHERE a.enterprise_id = \(bind: enterpriseID)
            """).all()
        var out: [(Run, Award, EvaluationTrace)] = []
        for r in rows {
            let run = try await run(try r.decode(column: "run_id", as: UUID.self))
            let award = Award(enterpriseId: enterpriseID, creditCode: try r.decode(column: "credit_code", as: String.self),
                              cityCode: try r.decode(column: "city_code", as: String.self),
                              requestedFen: try r.decode(column: "requested_fen", as: Int64.self),
                              eligibleFen: try r.decode(column: "eligible_fen", as: Int64.self),
                              authorisedFen: try r.decode(column: "authorised_fen", as: Int64?.self))
            let trace = try JSONDecoder().decode(EvaluationTrace.self, from: Data(try r.decode(column: "trace", as: String.self).utf8))
            out.append((run, award, trace))
        }
        return out.sorted { ($0.0.year, $0.0.schemeId) > ($1.0.year, $1.0.schemeId) }
    }

    /// One award in a region's list: the enterprise, the run and the amounts.
    struct RegionAward: Codable, Sendable {
        let enterpriseId: UUID
        let enterpriseName: String
        let creditCode: String
        let regionCode: String
        let runId: UUID
        let year: Int
        let schemeId: String
        let status: String
        let eligibleFen: Int64
        /// Shown only once the run is approved.
        let authorisedFen: Int64?
    }

    /// The awards of `year` to the enterprises `visibility` lets the reader see, by credit code.
    func regionAwards(year: Int, visibility: EnterpriseVisibility) async throws -> [RegionAward] {
        var conditions: [SQLQueryString] = ["r.year = \(bind: year)"]
        if let scope = visibility.sqlCondition { conditions.append(scope) }
        let rows = try await database.sql.raw("""
            SELECT a.enterprise_id AS enterprise_id, e.name AS name, a.credit_code AS credit_code, e.region_code AS region_code,
                   r.id AS run_id, r.scheme_id AS scheme_id, r.status AS status, a.eligible_fen AS eligible_fen, l.authorised_fen AS authorised_fen
            FROM reward_awards a JOIN reward_runs r ON r.id = a.run_id JOIN enterprises e ON e.id = a.enterprise_id
            LEFT JOIN reward_allocations l ON l.run_id = a.run_id AND l.enterprise_id = a.enterprise_id
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY a.credit_code, r.scheme_id
            """).all()
        return try rows.map { row in
            let status = try row.decode(column: "status", as: String.self)
            return RegionAward(enterpriseId: try row.decode(column: "enterprise_id", as: UUID.self), enterpriseName: try row.decode(column: "name", as: String.self),
                               creditCode: try row.decode(column: "credit_code", as: String.self),
                               regionCode: try row.decode(column: "region_code", as: String.self), runId: try row.decode(column: "run_id", as: UUID.self),
                               year: year, schemeId: try row.decode(column: "scheme_id", as: String.self), status: status,
                               eligibleFen: try row.decode(column: "eligible_fen", as: Int64.self),
                               authorisedFen: status == "approved" ? try row.decode(column: "authorised_fen", as: Int64?.self) : nil)
        }
    }

    // MARK: Helpers

    /// The allocation of `budget` over the run's eligible amounts, with enterprise ids.
    private func allocate(_ id: UUID, budget: Money, strategy: AllocationStrategy) async throws -> (result: AllocationResult, rows: [(UUID, Int64)]) {
        guard try await RewardRunModel.find(id, on: database.db) != nil else { throw AppError.notFound }
        let awards = try await awards(id)
        let result = try strategy.allocate(claims: RewardSimulation.claims(awards.map { ($0.creditCode, $0.eligibleFen) }), budget: budget)
        return (result, zip(awards, result.allocations).map { ($0.enterpriseId, $1.authorised.fen) })
    }

    /// The run, locked (`RowLock`) and then read, refused when approved.
    private func lockedOpenRun(_ id: UUID, on tx: any Database) async throws -> RewardRunModel {
        try await RowLock.lock(RewardRunModel.schema, where: "id", equals: id, on: tx)
        guard let m = try await RewardRunModel.find(id, on: tx) else { throw AppError.notFound }
        guard m.status == .open else { throw AppError.conflict(Message("rewards.conflict.locked")) }
        return m
    }
}
