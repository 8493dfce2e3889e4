import FluentKit
import Foundation
import JingpinCore
import SQLKit

/// Reads what reward formulas need from the filed data: for every enterprise in a scheme's
/// scope, its R&D spending and main-business revenue for the year and the year before, in
/// one query.
struct RewardInputsLoader {
    let database: DatabaseService
    let regions: RegionDirectory

    /// The indicators reward formulas read.
    static let indicators = ["rd_spending", "main_business_revenue"]

    /// The inputs of every enterprise in `scope` with at least one of the figures filed for
    /// `year`, sorted by credit code. Throws `RewardRunError.noData` when nobody has any.
    func inputs(year: Int, scope: RuleScope) async throws -> [RewardSubject] {
        var conditions: [SQLQueryString] = ["v.year IN (\(bind: year), \(bind: year - 1))",
                                            "v.indicator IN (\(bind: Self.indicators[0]), \(bind: Self.indicators[1]))"]
        if case .city(let code) = scope { conditions.append("e.city_code = \(bind: code)") }
        let rows = try await database.sql.raw("""
            SELECT e.id AS id, e.credit_code AS credit_code, e.region_code AS region_code, e.city_code AS city_code,
                   v.year AS year, v.indicator AS indicator, v.value AS value
            FROM filing_values v JOIN enterprises e ON e.id = v.enterprise_id
            WHERE \(conditions.joined(separator: " AND "))
            """).all()
        var figures: [String: [Int: [String: Int64]]] = [:]
        var region: [String: String] = [:]
        var ids: [String: (UUID, String)] = [:]
        for row in rows {
            let code = try row.decode(column: "credit_code", as: String.self)
            if region[code] == nil {
                region[code] = try row.decode(column: "region_code", as: String.self)
                ids[code] = (try row.decode(column: "id", as: UUID.self), try row.decode(column: "city_code", as: String.self))
            }
            figures[code, default: [:]][try row.decode(column: "year", as: Int.self), default: [:]][try row.decode(column: "indicator", as: String.self)] =
                try row.decode(column: "value", as: Int64.self)
        }
        let withYear = figures.filter { $0.value[year] != nil }
        guard !withYear.isEmpty else { throw RewardRunError.noData(year: year) }
        return withYear.keys.sorted().map { code in
            let county = region[code] ?? ""
            let isMountain = (try? RegionCode(county)).flatMap { regions.region($0) }?.isMountain26 ?? false
            return RewardSubject(enterpriseID: ids[code]!.0, cityCode: ids[code]!.1,
                                 inputs: RewardInputs(creditCode: code, regionCode: county, isMountainCounty: isMountain, figures: figures[code] ?? [:]))
        }
    }
}

/// An enterprise a reward is computed for: its id and city beside the formula's inputs.
struct RewardSubject: Sendable {
    let enterpriseID: UUID
    let cityCode: String
    let inputs: RewardInputs
}

/// Why a reward run or simulation cannot go ahead.
enum RewardRunError: Error, Equatable {
    /// No enterprise in scope has filed figures for the year.
    case noData(year: Int)
    /// No reward scheme has this id.
    case unknownScheme(String)
    /// The budget is not a whole, non-negative number of fen.
    case badBudget(String)

    /// The problem in words.
    func message(_ l: Language) -> String {
        switch (self, l) {
        case (.noData(let y), .en): "no enterprise in the scheme's scope has filed figures for \(y)"
        case (.noData(let y), _): "适用范围内没有企业填报 \(y) 年数据"
        case (.unknownScheme(let id), .en): "no reward scheme \"\(id)\" (see `jingpin rewards schemes`)"
        case (.unknownScheme(let id), _): "没有奖励方案“\(id)”（见 `jingpin rewards schemes`）"
        case (.badBudget(let s), .en): "budget \"\(s)\" is not a whole, non-negative number of fen"
        case (.badBudget(let s), _): "预算“\(s)”不是非负整数（单位：分）"
        }
    }
}
