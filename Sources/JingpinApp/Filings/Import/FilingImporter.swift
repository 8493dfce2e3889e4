import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import JingpinCore
import Logging
import PostgresNIO
import SQLKit

/// How to run an import.
public struct FilingImportOptions: Sendable {
    /// The year the file's values belong to.
    public var year: Int
    /// Validate only; write no value.
    public var dryRun = false
    /// Write the good rows and set the bad ones aside, instead of all-or-nothing.
    public var skipInvalid = false

    /// Creates options.
    public init(year: Int, dryRun: Bool = false, skipInvalid: Bool = false) {
        self.year = year
        self.dryRun = dryRun
        self.skipInvalid = skipInvalid
    }
}

/// Bulk import of annual filing values from a CSV file.
///
/// All-or-nothing is done in ONE streaming pass inside ONE transaction: rows are validated and
/// the good ones written as the file is read; at the end, if any problem was found (and
/// `skipInvalid` is off) the transaction is rolled back, so nothing is stored. This keeps memory
/// flat (no value is held beyond a batch) and reads the file once; the cost is wasted writes
/// for a bad file, which writing stops at the first problem to limit. A killed process leaves
/// an uncommitted transaction, which the engine discards. The audit entry is appended in the
/// same transaction, so an import and its record commit together.
struct FilingImporter {
    let database: DatabaseService
    let catalogue: IndicatorCatalogue
    var logger = Logger(label: "jingpin.import")

    /// Thrown inside the transaction to roll it back when the import is refused.
    private struct Refused: Error {}

    /// Imports from `source`. Refusal is a report, not an error; errors are I/O or database failures.
    func run(_ source: any ImportByteSource, options: FilingImportOptions, actor: AuditActor, requestID: String,
             rejectsPath: String? = nil, progress: (@Sendable (Int) -> Void)? = nil) async throws -> FilingImportReport {
        let (ids, codes) = try await enterprises()
        let validator = FilingImportValidator(year: options.year, catalogue: catalogue, enterprises: codes)
        let rejects = try rejectsPath.map { try ImportRejectsWriter(path: $0) }
        let pass = FilingImportPass(source: source, validator: validator, skipInvalid: options.skipInvalid,
                                    dryRun: options.dryRun, rejects: rejects, progress: progress)
        let codesByIndex = validator.indicators.map(\.code)
        var written = 0
        do {
            // A dry run validates outside any transaction (SQLite's one connection stays free).
            if options.dryRun { try await pass.pump { _ in } }
            written = try await database.db.transaction { tx in
                if options.dryRun {
                    // Only the audit entry below is written.
                } else if database.isSQLite {
                    try await sqliteWrite(pass, tx: tx, ids: ids, codes: codesByIndex, year: options.year)
                } else {
                    try await postgresWrite(pass, tx: tx, ids: ids, codes: codesByIndex, year: options.year)
                }
                if pass.refused { throw Refused() }
                let written = options.dryRun ? 0 : pass.valuesSent
                let report = pass.report(year: options.year, layout: pass.validator.layout?.name, valuesWritten: written)
                try await AuditLog.append(AuditRecord(actor: actor, action: "filing.import", entityType: "import", entityID: pass.sha256,
                                                      new: ImportAuditSnapshot(report), requestID: requestID), on: tx)
                return written
            }
        } catch is Refused {
            written = 0
        }
        return pass.report(year: options.year, layout: pass.validator.layout?.name, valuesWritten: written)
    }

    /// Every enterprise's id, and its credit code mapped to the id's index: one query up front
    /// instead of one per row.
    func enterprises() async throws -> ([UUID], [String: Int32]) {
        let rows = try await database.sql.raw("SELECT id, credit_code FROM enterprises").all()
        var ids: [UUID] = []
        var codes: [String: Int32] = [:]
        ids.reserveCapacity(rows.count)
        codes.reserveCapacity(rows.count)
        for row in rows {
            codes[try row.decode(column: "credit_code", as: String.self)] = Int32(ids.count)
            ids.append(try row.decode(column: "id", as: UUID.self))
        }
        return (ids, codes)
    }

    // MARK: SQLite

    /// Multi-row upserts of 500 values per statement with bound parameters, in the caller's
    /// transaction. Statements go straight to SQLiteNIO with ready `SQLiteData` binds: through
    /// SQLKit every one of millions of binds would pass an `Encodable` encoder.
    private func sqliteWrite(_ pass: FilingImportPass, tx: any Database, ids: [UUID], codes: [String], year: Int) async throws {
        let db = tx as! any SQLiteDatabase
        // Encode each id once with the driver's own encoder, so the stored form is exactly what
        // `SQLBind(uuid)` stores everywhere else.
        let encoder = SQLiteDataEncoder()
        let binds: [SQLiteData] = try ids.map { try encoder.encode($0) }
        let full = MultiRowUpsert.sql(rows: 500, year: year)
        try await pass.pump { batch in
            var start = 0
            var values: [SQLiteData] = []
            values.reserveCapacity(1500)
            while start < batch.count {
                let end = min(batch.count, start + 500)
                values.removeAll(keepingCapacity: true)
                for v in batch[start..<end] {
                    values.append(binds[Int(v.enterprise)])
                    values.append(.text(codes[Int(v.indicator)]))
                    values.append(.integer(Int(v.value)))
                }
                let statement = end - start == 500 ? full : MultiRowUpsert.sql(rows: end - start, year: year)
                try await db.query(statement, values) { _ in }
                start = end
            }
        }
    }

    // MARK: PostgreSQL

    /// COPY into a temporary staging table on the transaction's own connection, then one
    /// set-based upsert into `filing_values`.
    private func postgresWrite(_ pass: FilingImportPass, tx: any Database, ids: [UUID], codes: [String], year: Int) async throws {
        let sql = tx as! any SQLDatabase
        try await sql.raw("CREATE TEMP TABLE filing_import_staging (enterprise_id UUID NOT NULL, indicator TEXT NOT NULL, value BIGINT NOT NULL) ON COMMIT DROP").run()
        let idText = ids.map { $0.uuidString.lowercased() }
        let logger = self.logger
        try await (tx as! any PostgresDatabase).withConnection { conn in
            conn.eventLoop.makeFutureWithTask {
                try await conn.copyFrom(table: "filing_import_staging", columns: ["enterprise_id", "indicator", "value"], logger: logger) { writer in
                    try await pass.pump { batch in
                        var buffer = ByteBuffer()
                        buffer.reserveCapacity(batch.count * 64)
                        for v in batch {
                            buffer.writeString(idText[Int(v.enterprise)])
                            buffer.writeString("\t")
                            buffer.writeString(codes[Int(v.indicator)])
                            buffer.writeString("\t")
                            buffer.writeString(String(v.value))
                            buffer.writeString("\n")
                        }
                        try await writer.write(buffer)
                    }
                }
            }
        }.get()
        if pass.refused { return }
        try await sql.raw("""
            INSERT INTO filing_values (enterprise_id, year, indicator, value, source)
            SELECT enterprise_id, \(bind: year), indicator, value, 'import' FROM filing_import_staging
            ON CONFLICT (enterprise_id, year, indicator) DO UPDATE SET value = excluded.value, source = excluded.source
            """).run()
    }
}

/// `INSERT … VALUES (?, year, ?, ?, 'import'), … ON CONFLICT … DO UPDATE` for a batch of values:
/// the enterprise, indicator and value are bound; the year is an integer literal.
enum MultiRowUpsert {
    /// The statement for `rows` values.
    static func sql(rows: Int, year: Int) -> String {
        let tuple = "(?, \(year), ?, ?, 'import')"
        return "INSERT INTO filing_values (enterprise_id, year, indicator, value, source) VALUES "
            + Array(repeating: tuple, count: rows).joined(separator: ", ")
            + " ON CONFLICT (enterprise_id, year, indicator) DO UPDATE SET value = excluded.value, source = excluded.source"
    }
}

/// What the audit entry of an import records.
struct ImportAuditSnapshot: Encodable {
    let sha256: String
    let year: Int
    let layout: String?
    let encoding: String
    let rowsRead: Int
    let rowsRejected: Int
    let valuesWritten: Int
    let dryRun: Bool
    let skipInvalid: Bool

    /// The snapshot of a report.
    init(_ r: FilingImportReport) {
        sha256 = r.sha256
        year = r.year
        layout = r.layout
        encoding = r.encoding.rawValue
        rowsRead = r.counts.rowsRead
        rowsRejected = r.counts.rowsRejected
        valuesWritten = r.valuesWritten
        dryRun = r.dryRun
        skipInvalid = r.skipInvalid
    }
}
