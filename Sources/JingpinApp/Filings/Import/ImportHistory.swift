import FluentKit
import Foundation
import SQLKit
import Synchronization

/// What an import leaves in the filings' own history, beside the one audit entry: every
/// enterprise that received values gets its `filings` row for the year (a draft when it had
/// none; an existing filing keeps its status) and one `filing_events` row, action `import`,
/// saying how many values the file set and, for values it overwrote with a different figure,
/// the old and new value — so a county officer reading a filing sees what the bureau's file
/// changed, as they see what the enterprise changed.
struct ImportHistory {
    let year: Int
    let actor: AuditActor
    /// Values written per enterprise, by the importer's enterprise index.
    let valuesPerEnterprise: [Int32]
    /// The importer's enterprise ids, by index.
    let ids: [UUID]

    /// Rows per multi-row statement: SQLite allows 32,766 bound parameters, these use 9.
    private static let rowsPerStatement = 1000

    /// Overwritten values, by enterprise index: code → [old, new]. `select` is the engine's
    /// query over the staged values, returning `enterprise` (the index), `indicator`, `old` and
    /// `new` for each staged value that differs from a stored one. It is skipped, at no cost,
    /// when the year has no stored value yet (every first import of a year).
    /// On PostgreSQL the staged rows carry the enterprise id instead: `index` maps it back.
    static func overwrites(year: Int, select: SQLQueryString, index: [UUID: Int32]? = nil,
                           on sql: any SQLDatabase) async throws -> [Int32: [String: [Int64?]]] {
        guard try await yearHasValues(year, on: sql) else { return [:] }
        // Rows are streamed (a whole re-issued year could differ everywhere), into a box the
        // row callback, a Sendable closure, may mutate.
        let out = Mutex<[Int32: [String: [Int64?]]]>([:])
        try await sql.raw(select).run { row in
            let e: Int32?
            if let index { e = (try? row.decode(column: "enterprise", as: UUID.self)).flatMap { index[$0] } } else {
                e = (try? row.decode(column: "enterprise", as: Int.self)).map { Int32($0) }
            }
            guard let e, let code = try? row.decode(column: "indicator", as: String.self),
                  let old = try? row.decode(column: "old", as: Int64.self),
                  let new = try? row.decode(column: "new", as: Int64.self) else { return }
            out.withLock { $0[e, default: [:]][code] = [old, new] }
        }
        return out.withLock { $0 }
    }

    /// Whether any value is stored for `year` (one index probe).
    static func yearHasValues(_ year: Int, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT 1 AS found FROM filing_values WHERE year = \(bind: year) LIMIT 1").first() != nil
    }

    /// Creates the missing headers and appends one event per enterprise that received values.
    func record(sha256: String, overwrites: [Int32: [String: [Int64?]]], on sql: any SQLDatabase) async throws {
        var filingIDs: [UUID: UUID] = [:]
        for row in try await sql.raw("SELECT id, enterprise_id FROM filings WHERE year = \(bind: year)").all() {
            filingIDs[try row.decode(column: "enterprise_id", as: UUID.self)] = try row.decode(column: "id", as: UUID.self)
        }
        let now = Date()
        let touched = valuesPerEnterprise.indices.filter { valuesPerEnterprise[$0] > 0 }
        let missing = touched.filter { filingIDs[ids[$0]] == nil }
        for chunk in stride(from: 0, to: missing.count, by: Self.rowsPerStatement) {
            var insert = sql.insert(into: "filings").columns("id", "enterprise_id", "year", "status", "created_at", "updated_at")
            for i in missing[chunk..<min(chunk + Self.rowsPerStatement, missing.count)] {
                let id = UUID()
                filingIDs[ids[i]] = id
                insert = insert.values(SQLBind(id), SQLBind(ids[i]), SQLBind(year), SQLBind("draft"), SQLBind(now), SQLBind(now))
            }
            try await insert.run()
        }
        let digest = String(sha256.prefix(16))
        for chunk in stride(from: 0, to: touched.count, by: Self.rowsPerStatement) {
            var insert = sql.insert(into: "filing_events").columns("id", "filing_id", "at", "actor", "action", "reason", "changes")
            for i in touched[chunk..<min(chunk + Self.rowsPerStatement, touched.count)] {
                let changes = overwrites[Int32(i)].map(AuditChain.canonicalJSON)
                insert = insert.values(SQLBind(UUID()), SQLBind(filingIDs[ids[i]]!), SQLBind(now), SQLBind(actor.stored), SQLBind("import"),
                                       SQLBind("\(valuesPerEnterprise[i]) values, file SHA-256 \(digest)…"), SQLBind(changes))
            }
            try await insert.run()
        }
        // Headers of filings whose values changed are touched like a save touches them.
        if !overwrites.isEmpty {
            let changed = overwrites.keys.map { ids[Int($0)] }
            for chunk in stride(from: 0, to: changed.count, by: Self.rowsPerStatement) {
                try await sql.update("filings").set("updated_at", to: SQLBind(now)).where("year", .equal, SQLBind(year))
                    .where("enterprise_id", .in, Array(changed[chunk..<min(chunk + Self.rowsPerStatement, changed.count)])).run()
            }
        }
    }
}
