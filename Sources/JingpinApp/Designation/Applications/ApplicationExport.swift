import Foundation
import JingpinCore

/// A round's applications as a table (CSV or Excel), within the reader's scope, with the
/// decision; the experts' trimmed-mean points only for the province, who runs the scoring.
struct ApplicationExport {
    let applications: ApplicationService
    let scoring: ScoringService

    /// The table for `identity`, headers in `language`.
    func table(roundID: UUID, identity: Identity, language l: Language) async throws -> TableExport {
        let en = l == .en
        let withScores = identity.may(.viewScores)
        var headers = en ? ["Application", "Credit code", "Enterprise", "Product", "Category", "County", "City", "Status", "Submitted at"]
                         : ["申报编号", "统一社会信用代码", "企业名称", "产品名称", "产品类别", "县（市、区）", "设区市", "状态", "提交时间"]
        if withScores { headers.append(en ? "Expert points (trimmed mean, or the consensus score)" : "专家评分（截尾平均，有合议分时取合议分）") }
        headers.append(en ? "Decision" : "认定结果")
        var table = TableExport(sheetName: en ? "Applications" : "申报", headers: headers)
        let regions = applications.regions
        let database = applications.database
        let stamp = Self.timestampFormatter()
        for a in try await applications.list(roundID: roundID, identity: identity, status: nil) {
            let enterprise = try await EnterpriseModel.find(a.enterpriseId, on: database.db)
            let product = try await ProductModel.find(a.productId, on: database.db)
            func place(_ code: String) -> String {
                guard let region = (try? RegionCode(code)).flatMap({ regions.region($0) }) else { return code }
                return en ? region.nameEn : region.nameZh
            }
            var row: [ExportCell] = [
                .text(a.id.uuidString), .text(enterprise?.creditCode ?? ""), .text(enterprise?.name ?? ""), .text(product?.name ?? ""),
                .text(ProductCategory(rawValue: a.category)?.name(l) ?? a.category), .text(place(a.countyCode)), .text(place(a.cityCode)),
                .text(ApplicationStatus(rawValue: a.status)?.name(l) ?? a.status),
                a.submittedAt.map { .text(stamp.string(from: $0)) } ?? .empty,
            ]
            if withScores {
                // The points that count, as in the ranking: the consensus score where recorded.
                let points = try await scoring.summary(applicationID: a.id).points
                row.append(points.map { .text($0) } ?? .empty)
            }
            switch ApplicationStatus(rawValue: a.status) {
            case .designated: row.append(.text(en ? "Designated" : "已认定"))
            case .notDesignated: row.append(.text(en ? "Not designated" : "未予认定"))
            default: row.append(.empty)
            }
            table.rows.append(row)
        }
        return table
    }

    /// Writes "2026-03-15 14:05" in Asia/Shanghai; one per export, not one per row.
    static func timestampFormatter() -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = .shanghai
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f
    }
}
