import Foundation
import JingpinCore

/// What pages and exports print for an application: product, enterprise, credit code, city and
/// status in words, looked up once per application.
struct ApplicationLabels {
    /// One application's labels.
    struct Label: Sendable {
        let product: String
        let enterprise: String
        let creditCode: String
        let cityCode: String
        let countyCode: String
        let city: String
        let status: String
        let statusName: String
    }

    let database: DatabaseService
    let regions: RegionDirectory

    /// The labels of `ids` in `language`; unknown ids are left out.
    func labels(_ ids: [UUID], _ l: Language) async throws -> [UUID: Label] {
        var out: [UUID: Label] = [:]
        for id in ids {
            guard let a = try await ApplicationModel.find(id, on: database.db) else { continue }
            let product = try await ProductModel.find(a.productID, on: database.db)
            let enterprise = try await EnterpriseModel.find(a.enterpriseID, on: database.db)
            let city = (try? RegionCode(a.cityCode)).flatMap { regions.region($0) }.map { $0.name(l) } ?? a.cityCode
            out[id] = Label(product: product?.name ?? "", enterprise: enterprise?.name ?? "", creditCode: enterprise?.creditCode ?? "",
                            cityCode: a.cityCode, countyCode: a.countyCode, city: city, status: a.status,
                            statusName: ApplicationStatus(rawValue: a.status)?.name(l) ?? a.status)
        }
        return out
    }
}
