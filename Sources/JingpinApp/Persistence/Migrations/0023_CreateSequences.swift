import FluentKit
import Foundation
import JingpinCore
import SQLKit

/// Creates `sequences`: named counters (a year's certificate numbers) that `Sequences.next`
/// advances in one atomic statement, so two decisions at once never draw the same number.
/// Each year that already has designations starts from its highest certificate serial.
struct CreateSequences: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sequences")
            .field("name", .string, .identifier(auto: false))
            .field("last_value", .int64, .required)
            .create()
        var highest: [Int: Int] = [:]
        for d in try await DesignationModel.query(on: database).all() {
            guard let number = d.certificateNumber.flatMap(CertificateNumber.init) else { continue }
            highest[number.year] = max(highest[number.year] ?? 0, number.serial)
        }
        let sql = database as! any SQLDatabase
        for (year, serial) in highest {
            try await sql.insert(into: "sequences").columns("name", "last_value")
                .values(SQLBind(Sequences.certificateName(year: year)), SQLBind(Int64(serial))).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sequences").delete()
    }
}
