import FluentKit
import Foundation
import JingpinCore

/// A round's expert scores as a table (CSV or Excel): one row per submitted score sheet, with the
/// band given for each expert-scored indicator, the sheet's points, and the application's trimmed
/// mean, spread and consensus flag. Within the reader's scope (the province all; a city or county
/// officer their region's applications). Experts are named for the province only, which runs the
/// review; officers see "专家A", "专家B"… per application, ordered by points, so neither who
/// scored nor in which order leaks.
struct ScoreExport {
    let applications: ApplicationService
    let scoring: ScoringService
    let labels: ApplicationLabels

    /// The table for `identity`, headers in `language`.
    func table(roundID: UUID, identity: Identity, language l: Language) async throws -> TableExport {
        let en = l == .en
        let database = applications.database
        let visible = try await applications.list(roundID: roundID, identity: identity, status: nil)
        guard let given = try await RoundModel.find(roundID, on: database.db),
              let round = try await RoundConfigurations.openVersion(of: given.seriesID, on: database.db) else {
            throw AppError.notFound
        }
        let scorecard = try RoundConfigurations.configuration(round, applications.rules).scorecard
        let indicators = scorecard.indicators.filter { $0.indicator.source == .expert }.map(\.indicator)
        let named = identity.may(.viewScores)
        var table = TableExport(
            sheetName: en ? "Scores" : "专家评分",
            headers: (en ? ["Application", "Enterprise", "Credit code", "Product", "City", "Status", "Expert", "Points"]
                         : ["申报编号", "企业名称", "统一社会信用代码", "产品名称", "设区市", "状态", "专家", "评分"])
                + indicators.map { (en ? $0.labelEn : $0.labelZh) + (en ? " (band 0–5)" : "（分档 0–5）") }
                + (en ? ["Trimmed mean", "Spread", "Needs consensus"] : ["截尾平均", "极差", "需合议"]))
        let names = try await labels.labels(visible.map(\.id), l)
        for a in visible {
            var sheets: [(expert: String, points: ScoreFraction, bands: [String: Int])] = []
            for sheet in try await ScoreSheetModel.query(on: database.db).filter(\.$applicationID == a.id).filter(\.$status == .submitted).all() {
                let entries = try await scoring.entriesOf(sheet.id!)
                let expert = try await ExpertModel.find(sheet.expertID, on: database.db)?.name ?? sheet.expertID.uuidString
                sheets.append((expert, ScoringService.points(entries, scorecard), Dictionary(uniqueKeysWithValues: entries.map { ($0.indicatorId, $0.band) })))
            }
            guard !sheets.isEmpty else { continue }
            // Highest points first; equal points by their bands, then name, so the order is fixed.
            sheets.sort { x, y in
                if x.points != y.points { return x.points > y.points }
                let bx = indicators.map { x.bands[$0.id] ?? -1 }, by = indicators.map { y.bands[$0.id] ?? -1 }
                return bx != by ? bx.lexicographicallyPrecedes(by) : x.expert < y.expert
            }
            let summary = try await scoring.summary(applicationID: a.id)
            let n = names[a.id]
            for (i, s) in sheets.enumerated() {
                let expert = named ? s.expert : (en ? "Expert " : "专家") + String(UnicodeScalar(UInt8(65 + i % 26)))
                var row: [ExportCell] = [.text(a.id.uuidString), .text(n?.enterprise ?? ""), .text(n?.creditCode ?? ""), .text(n?.product ?? ""),
                                         .text(n?.city ?? ""), .text(n?.statusName ?? ""), .text(expert), .number(s.points.hundredths, scale: 2)]
                for indicator in indicators {
                    row.append(s.bands[indicator.id].map { ExportCell.number(Int64($0), scale: 0) } ?? ExportCell.empty)
                }
                row.append(summary.trimmedMean.map { ExportCell.text($0) } ?? ExportCell.empty)
                row.append(.text(summary.spread))
                row.append(.text(summary.needsConsensus ? (en ? "yes" : "是") : (en ? "no" : "否")))
                table.rows.append(row)
            }
        }
        return table
    }
}
