import Foundation
import JingpinCore

/// A round's ranking and decision as a table (CSV or Excel): rank, the application, the composite
/// and each pillar's score, whether it was proposed, its status and its designation record id —
/// within the reader's scope (the province all; a city or county officer their region's rows,
/// each with its place in the whole round's ranking). Applications without a submitted score come
/// last, without a rank.
struct DecisionExport {
    let applications: ApplicationService
    let decisions: DecisionService
    let labels: ApplicationLabels

    /// The table for `identity`, headers in `language`.
    func table(roundID: UUID, identity: Identity, language l: Language) async throws -> TableExport {
        let en = l == .en
        let visible = Set(try await applications.list(roundID: roundID, identity: identity, status: nil).map(\.id))
        let standing = try await decisions.standings(roundID: roundID)
        let progress = try await decisions.progress(roundID: roundID)
        let round = try await RoundService(database: applications.database, rules: applications.rules).get(roundID, includeDrafts: true)
        let pillars = round.configuration.scorecard.pillars.compactMap { PillarKind(rawValue: $0.kind) }
        var table = TableExport(
            sheetName: en ? "Decision" : "认定结果",
            headers: (en ? ["Rank", "Application", "Enterprise", "Credit code", "Product", "City", "Composite"]
                         : ["排名", "申报编号", "企业名称", "统一社会信用代码", "产品名称", "设区市", "综合得分"])
                + pillars.map { $0.name(l) }
                + (en ? ["Proposed", "Status", "Designation record"] : ["拟认定", "状态", "认定记录编号"]))
        let ranked = standing.ranked.filter { visible.contains($0.applicationId) }
        let unscored = standing.unscored.filter { visible.contains($0) }
        let names = try await labels.labels(ranked.map(\.applicationId) + unscored, l)
        func info(_ id: UUID) -> [ExportCell] {
            let n = names[id]
            return [.text(id.uuidString), .text(n?.enterprise ?? ""), .text(n?.creditCode ?? ""), .text(n?.product ?? ""), .text(n?.city ?? "")]
        }
        func tail(_ id: UUID, proposed: Bool?) -> [ExportCell] {
            let yes: ExportCell = proposed.map { ExportCell.text($0 ? (en ? "yes" : "是") : (en ? "no" : "否")) } ?? ExportCell.empty
            let record: ExportCell = progress.designations[id].map { ExportCell.text($0.uuidString) } ?? ExportCell.empty
            return [yes, .text(names[id]?.statusName ?? ""), record]
        }
        for r in ranked {
            var row: [ExportCell] = [.number(Int64(r.rank), scale: 0)]
            row += info(r.applicationId)
            row.append(Self.cell(r.points))
            for p in pillars {
                row.append(r.pillars.first { $0.pillar == p.rawValue }.map { Self.cell($0.points) } ?? ExportCell.empty)
            }
            row += tail(r.applicationId, proposed: r.proposed)
            table.rows.append(row)
        }
        for id in unscored {
            var row: [ExportCell] = [.empty]
            row += info(id)
            row.append(.empty)
            row += pillars.map { _ in ExportCell.empty }
            row += tail(id, proposed: nil)
            table.rows.append(row)
        }
        return table
    }

    /// "21.60" → the number 21.60 (hundredths), so Excel can sort and sum it.
    static func cell(_ points: String) -> ExportCell {
        Int64(points.replacingOccurrences(of: ".", with: "")).map { .number($0, scale: 2) } ?? .text(points)
    }
}
