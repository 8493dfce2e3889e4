import FluentKit
import SQLKit

/// Creates reward runs: `reward_runs` (one per year and scheme, with the rule set's version and
/// content hash it was opened under, its status and the trial's budget and strategy),
/// `reward_awards` (per enterprise: requested, eligible and the trace, frozen when the run is
/// opened) and `reward_allocations` (the authorised amounts of the latest trial, replaced by
/// each trial and locked by approval).
struct CreateRewardRuns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("reward_runs")
            .id()
            .field("year", .int, .required)
            .field("scheme_id", .string, .required)
            .field("scheme_version", .string, .required)
            .field("rules_hash", .string, .required)
            .field("status", .string, .required)
            .field("budget_fen", .int64)
            .field("strategy", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("trial_at", .datetime)
            .field("approved_by", .string)
            .field("approved_at", .datetime)
            .unique(on: "year", "scheme_id")
            .create()
        let sql = database as! any SQLDatabase
        let uuid = SQLRaw(sql.dialect.name == "postgresql" ? "UUID" : "BLOB")
        try await sql.create(table: "reward_awards")
            .column("run_id", type: .custom(uuid), .notNull, .references("reward_runs", "id", onDelete: .cascade))
            .column("enterprise_id", type: .custom(uuid), .notNull, .references("enterprises", "id", onDelete: .cascade))
            .column("credit_code", type: .text, .notNull)
            .column("city_code", type: .text, .notNull)
            .column("requested_fen", type: .bigint, .notNull)
            .column("eligible_fen", type: .bigint, .notNull)
            .column("trace", type: .text, .notNull)
            .primaryKey("run_id", "enterprise_id")
            .run()
        try await sql.create(index: "reward_awards_enterprise_idx").on("reward_awards").column("enterprise_id").run()
        try await sql.create(table: "reward_allocations")
            .column("run_id", type: .custom(uuid), .notNull, .references("reward_runs", "id", onDelete: .cascade))
            .column("enterprise_id", type: .custom(uuid), .notNull)
            .column("authorised_fen", type: .bigint, .notNull)
            .primaryKey("run_id", "enterprise_id")
            .run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(table: "reward_allocations").run()
        try await sql.drop(table: "reward_awards").run()
        try await database.schema("reward_runs").delete()
    }
}
