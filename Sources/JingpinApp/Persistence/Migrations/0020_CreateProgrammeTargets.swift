import FluentKit
import Foundation

/// Creates `programme_targets` (the programme's goals: a number of live designations by a day,
/// optionally for one sector or city) with the two the policy sets: about 50 designated products
/// by 2027-12-31 and about 100 by 2030-12-31.
struct CreateProgrammeTargets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("programme_targets")
            .id()
            .field("label_zh", .string, .required)
            .field("label_en", .string, .required)
            .field("count", .int, .required)
            .field("deadline", .string, .required)
            .field("sector", .string)
            .field("city_code", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        for (zh, en, count, deadline) in [("2027年培育认定浙江精品约50个", "About 50 Zhejiang Quality products by 2027", 50, "2027-12-31"),
                                          ("2030年培育认定浙江精品约100个", "About 100 Zhejiang Quality products by 2030", 100, "2030-12-31")] {
            let t = ProgrammeTargetModel()
            t.id = UUID()
            t.labelZh = zh
            t.labelEn = en
            t.count = count
            t.deadline = deadline
            t.createdBy = "system:migration"
            t.createdAt = Date()
            try await t.create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("programme_targets").delete()
    }
}
