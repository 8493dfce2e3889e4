import FluentKit
import Foundation
import JingpinCore
import SQLKit

/// Gives each designation what the public side needs — a certificate number, a verification
/// code, a validity period and a lifecycle status — and creates `designation_events` (every
/// lifecycle step: who, when, from, to, why). Designations made before this migration get their
/// numbers in order of decision, new codes, and three years' validity (the 2025 rule's value).
struct CreateDesignationLifecycle: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one column at a time.
        for (name, type) in [("certificate_number", DatabaseSchema.DataType.string), ("verification_code", .string), ("valid_until", .string),
                             ("status", .string), ("status_reason", .string), ("suspended_until", .string), ("updated_at", .datetime)] {
            try await database.schema("designations").field(FieldKey(stringLiteral: name), type).update()
        }
        try await database.schema("designation_events")
            .id()
            .field("designation_id", .uuid, .required, .references("designations", "id", onDelete: .cascade))
            .field("event", .string, .required)
            .field("from_status", .string, .required)
            .field("to_status", .string, .required)
            .field("actor", .string, .required)
            .field("reason", .string)
            .field("until", .string)
            .field("at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        var serial: [Int: Int] = [:]
        var rng = SystemRandomNumberGenerator()
        let terms = DesignationTerms(validityYears: 3, reviewGraceDays: 30)
        for d in try await DesignationModel.query(on: database).sort(\.$year).sort(\.$createdAt).all() {
            serial[d.year, default: 0] += 1
            d.certificateNumber = CertificateNumber(year: d.year, serial: serial[d.year]!).description
            d.verificationCode = VerificationCode.generate(using: &rng).value
            d.validUntil = (try? LocalDate(d.designatedOn)).map { terms.validUntil(designatedOn: $0).description } ?? d.designatedOn
            d.status = DesignationStatus.designated.rawValue
            d.updatedAt = d.createdAt
            try await d.update(on: database)
        }
        try await sql.create(index: "designations_certificate_idx").unique().on("designations").column("certificate_number").run()
        try await sql.create(index: "designations_code_idx").unique().on("designations").column("verification_code").run()
        try await sql.create(index: "designation_events_designation_idx").on("designation_events").column("designation_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("designation_events").delete()
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "designations_code_idx").run()
        try await sql.drop(index: "designations_certificate_idx").run()
        for field in ["certificate_number", "verification_code", "valid_until", "status", "status_reason", "suspended_until", "updated_at"] {
            try await database.schema("designations").deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
