import FluentKit
import Foundation
import JingpinCore
import SQLKit

/// Reads what a reward formula needs from the filed data: for every enterprise in a scheme's
/// scope, the figures the formula declares (`RuleFormulaSpec.figures`), in one query.
struct RewardFiguresLoader {
    let database: DatabaseService
    let regions: RegionDirectory

    /// The figures of every enterprise in `scope` with at least one of them filed for the
    /// program's year, sorted by credit code. Throws `RewardRunError.noData` when nobody has any.
    func load(for program: RewardProgram, scope: RuleScope) async throws -> RewardPopulation {
        let refs = program.figures
        let years = Set(refs.map { $0.year(for: program.year) }).sorted()
        let indicators = Set(refs.map(\.indicator)).sorted()
        var conditions: [SQLQueryString] = [
            "v.year IN (\(binds: years))", "v.indicator IN (\(binds: indicators))",
        ]
        if case .city(let code) = scope { conditions.append("e.city_code = \(bind: code)") }
        let rows = try await database.sql.raw("""
            SELECT e.id AS id, e.credit_code AS credit_code, e.region_code AS region_code, e.city_code AS city_code,
                   v.year AS year, v.indicator AS indicator, v.value AS value
            FROM filing_values v JOIN enterprises e ON e.id = v.enterprise_id
            WHERE \(conditions.joined(separator: " AND "))
            """).all()
        struct Enterprise { let id: UUID; let region: String; let city: String; var figures: [Int: [String: Int64]] = [:] }
        var enterprises: [String: Enterprise] = [:]
        for row in rows {
            let code = try row.decode(column: "credit_code", as: String.self)
            if enterprises[code] == nil {
                enterprises[code] = Enterprise(id: try row.decode(column: "id", as: UUID.self),
                                               region: try row.decode(column: "region_code", as: String.self),
                                               city: try row.decode(column: "city_code", as: String.self))
            }
            enterprises[code]!.figures[try row.decode(column: "year", as: Int.self), default: [:]][try row.decode(column: "indicator", as: String.self)] =
                try row.decode(column: "value", as: Int64.self)
        }
        var population = RewardPopulation(table: program.table())
        for (code, e) in enterprises.sorted(by: { $0.key < $1.key }) where e.figures[program.year] != nil {
            let isMountain = (try? RegionCode(e.region)).flatMap { regions.region($0) }?.isMountain26 ?? false
            population.table.append(RewardInputs(creditCode: code, regionCode: e.region, isMountainCounty: isMountain, figures: e.figures))
            population.enterpriseIDs.append(e.id)
            population.cityCodes.append(e.city)
        }
        guard population.table.count > 0 else { throw RewardRunError.noData(year: program.year) }
        return population
    }
}

/// The enterprises a reward is computed for: the formula's figure table, and beside each row
/// the enterprise's id and city.
struct RewardPopulation: Sendable {
    var table: RewardFigureTable
    var enterpriseIDs: [UUID] = []
    var cityCodes: [String] = []
}

/// Why a reward run or simulation cannot go ahead.
enum RewardRunError: Error, Equatable {
    /// No enterprise in scope has filed figures for the year.
    case noData(year: Int)
    /// No reward scheme has this id.
    case unknownScheme(String)
    /// The budget is not a whole, non-negative number of fen.
    case badBudget(String)

    /// The input the problem is about, as API forms name it.
    var field: String {
        switch self {
        case .noData: "year"
        case .unknownScheme: "scheme"
        case .badBudget: "budgetFen"
        }
    }

    /// The machine-readable code of the problem.
    var code: String {
        switch self {
        case .noData: "no_data"
        case .unknownScheme: "unknown_scheme"
        case .badBudget: "invalid_budget"
        }
    }

    /// The problem in words.
    var message: Message {
        switch self {
        case .noData(let y): Message("rewards.run.no_data", "\(y)")
        case .unknownScheme(let s): Message("rewards.run.unknown_scheme", "\(s)")
        case .badBudget(let b): Message("rewards.run.bad_budget", "\(b)")
        }
    }
}
