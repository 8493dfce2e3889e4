import FluentKit
import Foundation
import JingpinCore
import SQLKit

/// A demo account, printed by `jingpin serve --demo`.
public struct DemoAccount: Sendable {
    /// Login name.
    public let username: String
    /// Role.
    public let role: Role
    /// Scope in words.
    public let scope: String
}

/// Loads demo data in bulk (multi-row inserts in one transaction) and creates one account per role.
public enum DemoLoader {
    /// The password of every demo account (it satisfies the password policy).
    public static let password = "Jingpin-demo-2026"

    /// Whether the database has no enterprises and no users yet.
    public static func isEmpty(_ services: AppServices) async throws -> Bool {
        let db = services.database.db
        let enterprises = try await EnterpriseModel.query(on: db).count()
        let users = try await UserModel.query(on: db).count()
        return enterprises == 0 && users == 0
    }

    /// Generates and stores the demo; one audit entry records the load.
    @discardableResult
    public static func load(_ services: AppServices, scale: DemoScale, seed: UInt64, withFilings: Bool = true,
                            requestID: String) async throws -> [DemoAccount] {
        let generated = DemoGenerator.generate(scale: scale, seed: seed, regions: services.reference.regions,
                                               industries: services.reference.industries)
        let now = Date()
        var idRng = SplitMix64(state: seed ^ 0xD1B5_4A32_D192_ED03)
        func uuid() -> UUID {
            var bytes = (0..<16).map { _ in UInt8(truncatingIfNeeded: idRng.next()) }
            bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
            bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
            return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }
        let productTotal = generated.map(\.products.count).reduce(0, +)
        let catalogue = services.catalogue
        // Ids are drawn up front so the insert closure captures only values.
        let enterpriseIDs = generated.map { _ in uuid() }
        let productIDs = generated.map { $0.products.map { _ in uuid() } }
        try await services.database.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            for chunk in stride(from: 0, to: generated.count, by: 400) {
                let slice = generated[chunk..<min(chunk + 400, generated.count)]
                var insert = sql.insert(into: "enterprises").columns(
                    "id", "credit_code", "name", "region_code", "city_code", "industry_code", "sector", "address",
                    "legal_representative", "contact_phone", "is_above_scale", "created_at", "updated_at")
                var products = sql.insert(into: "products").columns(
                    "id", "enterprise_id", "name", "category", "sector", "industry_code", "description", "created_at", "updated_at")
                for (offset, e) in zip(slice.indices, slice) {
                    let id = enterpriseIDs[offset]
                    let f = e.fields
                    insert = insert.values(SQLBind(id), SQLBind(f.creditCode.value), SQLBind(f.name), SQLBind(f.regionCode.value),
                                           SQLBind(f.regionCode.cityCode!.value), SQLBind(f.industryCode), SQLBind(f.sector.rawValue),
                                           SQLBind(f.address), SQLBind(f.legalRepresentative), SQLBind(f.contactPhone),
                                           SQLBind(f.isAboveScale), SQLBind(now), SQLBind(now))
                    for (p, productID) in zip(e.products, productIDs[offset]) {
                        products = products.values(SQLBind(productID), SQLBind(id), SQLBind(p.name), SQLBind(p.category.rawValue),
                                                   SQLBind(p.sector.rawValue), SQLBind(p.industryCode), SQLBind(p.description),
                                                   SQLBind(now), SQLBind(now))
                    }
                }
                try await insert.run()
                try await products.run()
                if withFilings { try await insertFilings(slice: slice, ids: Array(enterpriseIDs[slice.indices]), seed: seed, catalogue: catalogue,
                                        now: now, on: sql) }
            }
            try await AuditLog.append(AuditRecord(actor: .system("demo"), action: "demo.load", entityType: "database", entityID: "demo",
                                                  new: ["scale": scale.rawValue, "seed": String(seed), "enterprises": String(generated.count),
                                                        "products": String(productTotal),
                                                        "filingYears": withFilings ? DemoFilings.years.map(String.init).joined(separator: ",") : ""],
                                                  requestID: requestID), on: tx)
        }
        let accounts: [(String, String, Role, Scope)] = [
            ("admin", "省级管理员", .provinceAdmin, .province),
            ("hangzhou", "杭州市经信局", .cityOfficer, .region(try RegionCode("330100"))),
            ("ningbo", "宁波市经信局", .cityOfficer, .region(try RegionCode("330200"))),
            ("xihu", "西湖区经信局", .countyOfficer, .region(try RegionCode("330106"))),
            ("chunan", "淳安县经信局", .countyOfficer, .region(try RegionCode("330127"))),
            ("enterprise", generated[0].fields.name, .enterpriseUser, .enterprise(enterpriseIDs[0])),
            ("expert", "评审专家", .expert, .none),
            ("bank", "浙江农商联合银行", .bankOfficer, .bank("ZJRCU")),
        ]
        var out: [DemoAccount] = []
        for (username, display, role, scope) in accounts {
            _ = try await services.accounts.createUser(username: username, displayName: display, role: role, scope: scope,
                                                       password: password, actor: .system("demo"), requestID: requestID)
            out.append(DemoAccount(username: username, role: role, scope: ScopeLabel.text(scope, regions: services.reference.regions, strings: services.views.strings, language: .zhHans)))
        }
        try await DemoRounds.load(services, requestID: requestID)
        return out
    }

    /// Three years of filings for each enterprise of a batch: headers with their statuses and
    /// the values, as multi-row inserts.
    static func insertFilings(slice: ArraySlice<DemoEnterprise>, ids: [UUID], seed: UInt64, catalogue: IndicatorCatalogue, now: Date,
                              on sql: any SQLDatabase) async throws {
        var headers = sql.insert(into: "filings").columns("id", "enterprise_id", "year", "status", "submitted_at", "reviewed_at",
                                                          "review_reason", "created_at", "updated_at")
        var rows: [(UUID, Int, String, Int64)] = []
        for (e, id) in zip(slice, ids) {
            let filingSeed = seed ^ UInt64(truncatingIfNeeded: e.fields.creditCode.value.hashValueStable)
            for (year, values) in DemoFilings.generate(sector: e.fields.sector, seed: filingSeed, catalogue: catalogue) {
                let status = DemoFilings.status(year: year, roll: filingSeed >> 7)
                let decided = status == .accepted || status == .returned
                headers = headers.values(SQLBind(UUID()), SQLBind(id), SQLBind(year), SQLBind(status.rawValue),
                                         SQLBind(status == .draft ? nil : now), SQLBind(decided ? now : nil),
                                         SQLBind(status == .returned ? "请核对用电量与电网公司数据是否一致" : nil), SQLBind(now), SQLBind(now))
                for (code, value) in values.sorted(by: { $0.key < $1.key }) { rows.append((id, year, code, value)) }
            }
        }
        try await headers.run()
        // SQLite allows 32,766 bound parameters per statement: 5 per row, 2,000 rows per statement.
        for start in stride(from: 0, to: rows.count, by: 2000) {
            var insert = sql.insert(into: "filing_values").columns("enterprise_id", "year", "indicator", "value", "source")
            for r in rows[start..<min(start + 2000, rows.count)] {
                insert = insert.values(SQLBind(r.0), SQLBind(r.1), SQLBind(r.2), SQLBind(r.3), SQLBind("demo"))
            }
            try await insert.run()
        }
    }

    /// The demo accounts that exist, for printing on a later start.
    public static func accounts(_ services: AppServices) async throws -> [DemoAccount] {
        try await UserModel.query(on: services.database.db).sort(\.$createdAt).all().compactMap { u in
            guard let role = Role(rawValue: u.role), let scope = Scope(storageString: u.scope) else { return nil }
            return DemoAccount(username: u.username, role: role, scope: ScopeLabel.text(scope, regions: services.reference.regions, strings: services.views.strings, language: .zhHans))
        }
    }
}
