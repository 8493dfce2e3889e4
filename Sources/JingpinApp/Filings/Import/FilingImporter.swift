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
        let pass = FilingImportPass(source: source, validator: validator, enterpriseCount: ids.count, skipInvalid: options.skipInvalid,
                                    dryRun: options.dryRun, rejects: rejects, progress: progress)
        let codesByIndex = validator.indicators.map(\.code)
        var written = 0
        do {
            // A dry run validates outside any transaction (SQLite's one connection stays free).
            if options.dryRun { try await pass.pump { _ in } }
            written = try await database.db.transaction { tx in
                var overwrites: [Int32: [String: [Int64?]]] = [:]
                if options.dryRun {
                    // Only the audit entry below is written.
                } else if database.isSQLite {
                    overwrites = try await sqliteWrite(pass, tx: tx, ids: ids, codes: codesByIndex, year: options.year)
                } else {
                    overwrites = try await postgresWrite(pass, tx: tx, ids: ids, codes: codesByIndex, year: options.year)
                }
                if pass.refused { throw Refused() }
                if !options.dryRun {
                    try await ImportHistory(year: options.year, actor: actor, valuesPerEnterprise: pass.valuesPerEnterprise, ids: ids)
                        .record(sha256: pass.sha256, overwrites: overwrites, on: tx as! any SQLDatabase)
                }
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

    /// Stages the values as small integers in a key-less temporary table, then merges them
    /// into `filing_values` with ONE set-based upsert, in the caller's transaction.
    ///
    /// Why not multi-row upserts straight into `filing_values`: inside a transaction SQLite
    /// gives every multi-row statement on a table with constraints a statement journal, and
    /// with random enterprise ids each 500-row statement re-journals ~500 index pages — a
    /// third of the import's time (measured in docs/benchmarks.md). The staging table has no
    /// constraint, so its inserts need no journal, and the single merge journals each page
    /// at most once. Statements go straight to SQLiteNIO with ready `SQLiteData` binds:
    /// through SQLKit every one of millions of binds would pass an `Encodable` encoder.
    /// Returns the values it overwrote with a different figure, for the filings' history.
    private func sqliteWrite(_ pass: FilingImportPass, tx: any Database, ids: [UUID], codes: [String],
                             year: Int) async throws -> [Int32: [String: [Int64?]]] {
        let db = tx as! any SQLiteDatabase
        try await SQLiteStaging.create(on: db)
        // Encode each id once with the driver's own encoder, so the stored form is exactly what
        // `SQLBind(uuid)` stores everywhere else.
        let encoder = SQLiteDataEncoder()
        try await SQLiteStaging.insert(into: "filing_import_enterprises", rows: ids.count, on: db) { i, values in
            values.append(.integer(i))
            values.append(try encoder.encode(ids[i]))
        }
        try await SQLiteStaging.insert(into: "filing_import_indicators", rows: codes.count, on: db) { i, values in
            values.append(.integer(i))
            values.append(.text(codes[i]))
        }
        try await pass.pump { batch in
            try await SQLiteStaging.insert(into: "filing_import_staging", rows: batch.count, on: db) { i, values in
                let v = batch[i]
                values.append(.integer(Int(v.enterprise)))
                values.append(.integer(Int(v.indicator)))
                values.append(.integer(Int(v.value)))
            }
        }
        var overwrites: [Int32: [String: [Int64?]]] = [:]
        if !pass.refused {
            let sql = tx as! any SQLDatabase
            // A year with no stored value yet (every first import of a year) cannot conflict:
            // a plain insert spares the upsert's extra probe per value (19.2 s → 16.5 s measured).
            let upsert = try await ImportHistory.yearHasValues(year, on: sql)
            if upsert {
                overwrites = try await ImportHistory.overwrites(year: year, select: """
                    SELECT s.enterprise AS enterprise, i.code AS indicator, f.value AS old, s.value AS new
                    FROM temp.filing_import_staging s
                    CROSS JOIN temp.filing_import_enterprises e CROSS JOIN temp.filing_import_indicators i CROSS JOIN filing_values f
                    WHERE e.idx = s.enterprise AND i.idx = s.indicator
                      AND f.enterprise_id = e.id AND f.year = \(bind: year) AND f.indicator = i.code AND f.value <> s.value
                    """, on: sql)
            }
            // CROSS JOIN keeps the staging table as the outer loop (SQLite does not reorder it),
            // so each value costs two integer-key lookups. The WHERE clause also settles SQLite's
            // ambiguity between a join's ON and the upsert's ON CONFLICT.
            try await db.query("""
                INSERT INTO filing_values (enterprise_id, year, indicator, value, source)
                SELECT e.id, \(year), i.code, s.value, 'import'
                FROM temp.filing_import_staging s
                CROSS JOIN temp.filing_import_enterprises e CROSS JOIN temp.filing_import_indicators i
                WHERE e.idx = s.enterprise AND i.idx = s.indicator
                """ + (upsert ? " ON CONFLICT (enterprise_id, year, indicator) DO UPDATE SET value = excluded.value, source = excluded.source" : ""),
                [], { _ in })
        }
        try await SQLiteStaging.drop(on: db)
        return overwrites
    }

    // MARK: PostgreSQL

    /// When the year has no stored value yet (every first import of a year), COPY goes straight
    /// into `filing_values` — nothing can conflict and nothing is overwritten, so the import
    /// costs what `psql \copy` costs plus validation. Otherwise COPY fills a temporary staging
    /// table on the transaction's own connection, the overwritten values are read for the
    /// history, and one set-based upsert merges. A value saved for the same year by someone
    /// else between the check and the COPY makes the COPY fail on the primary key: the import
    /// is then refused whole, and a re-run takes the merge path.
    /// Returns the values it overwrote with a different figure, for the filings' history.
    private func postgresWrite(_ pass: FilingImportPass, tx: any Database, ids: [UUID], codes: [String],
                               year: Int) async throws -> [Int32: [String: [Int64?]]] {
        let sql = tx as! any SQLDatabase
        let direct = try await !ImportHistory.yearHasValues(year, on: sql)
        if !direct {
            try await sql.raw("CREATE TEMP TABLE filing_import_staging (enterprise_id UUID NOT NULL, indicator TEXT NOT NULL, value BIGINT NOT NULL) ON COMMIT DROP").run()
        }
        let idText = ids.map { $0.uuidString.lowercased() }
        let yearText = "\t\(year)"
        let logger = self.logger
        let (table, columns) = direct ? ("filing_values", ["enterprise_id", "year", "indicator", "value", "source"])
                                      : ("filing_import_staging", ["enterprise_id", "indicator", "value"])
        try await (tx as! any PostgresDatabase).withConnection { conn in
            conn.eventLoop.makeFutureWithTask {
                try await conn.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    try await pass.pump { batch in
                        var buffer = ByteBuffer()
                        buffer.reserveCapacity(batch.count * 72)
                        for v in batch {
                            buffer.writeString(idText[Int(v.enterprise)])
                            if direct { buffer.writeString(yearText) }
                            buffer.writeString("\t")
                            buffer.writeString(codes[Int(v.indicator)])
                            buffer.writeString("\t")
                            buffer.writeString(String(v.value))
                            buffer.writeString(direct ? "\timport\n" : "\n")
                        }
                        try await writer.write(buffer)
                    }
                }
            }
        }.get()
        if direct { return [:] }
        if pass.refused { return [:] }
        var index: [UUID: Int32] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { index[id] = Int32(i) }
        let overwrites = try await ImportHistory.overwrites(year: year, select: """
            SELECT s.enterprise_id AS enterprise, s.indicator AS indicator, f.value AS old, s.value AS new
            FROM filing_import_staging s JOIN filing_values f
              ON f.enterprise_id = s.enterprise_id AND f.year = \(bind: year) AND f.indicator = s.indicator
            WHERE f.value <> s.value
            """, index: index, on: sql)
        try await sql.raw("""
            INSERT INTO filing_values (enterprise_id, year, indicator, value, source)
            SELECT enterprise_id, \(bind: year), indicator, value, 'import' FROM filing_import_staging
            ON CONFLICT (enterprise_id, year, indicator) DO UPDATE SET value = excluded.value, source = excluded.source
            """).run()
        return overwrites
    }
}

/// The temporary tables of a SQLite import: the values as integer triples, and the two
/// small tables that turn the integers back into an enterprise id and an indicator code.
/// They are created inside the import's transaction, so a rollback or a killed process
/// leaves nothing behind.
enum SQLiteStaging {
    static let tables = [
        ("filing_import_staging", "enterprise INTEGER, indicator INTEGER, value INTEGER"),
        ("filing_import_enterprises", "idx INTEGER PRIMARY KEY, id BLOB"),
        ("filing_import_indicators", "idx INTEGER PRIMARY KEY, code TEXT"),
    ]

    /// Bound parameters per statement: well under SQLite's limit of 32,766.
    static let maxBinds = 15_000

    /// Creates the tables afresh (no column is NOT NULL: a constraint would bring back the
    /// statement journal the staging avoids; every value comes from Swift, never null).
    static func create(on db: any SQLiteDatabase) async throws {
        try await drop(on: db)
        for (name, columns) in tables {
            try await db.query("CREATE TEMP TABLE \(name) (\(columns))", []) { _ in }
        }
    }

    /// Drops the tables.
    static func drop(on db: any SQLiteDatabase) async throws {
        for (name, _) in tables {
            try await db.query("DROP TABLE IF EXISTS temp.\(name)", []) { _ in }
        }
    }

    /// Inserts `rows` rows into `table` with multi-row statements; `bind` appends one row's values.
    static func insert(into table: String, rows: Int, on db: any SQLiteDatabase,
                       bind: (Int, inout [SQLiteData]) throws -> Void) async throws {
        guard rows > 0, let width = tables.first(where: { $0.0 == table })?.1.split(separator: ",").count else { return }
        let perStatement = maxBinds / width
        let tuple = "(" + Array(repeating: "?", count: width).joined(separator: ",") + ")"
        var full: String?
        var values: [SQLiteData] = []
        values.reserveCapacity(min(rows, perStatement) * width)
        var start = 0
        while start < rows {
            let end = min(rows, start + perStatement)
            values.removeAll(keepingCapacity: true)
            for i in start..<end { try bind(i, &values) }
            let sql: String
            if end - start == perStatement, let full { sql = full } else {
                sql = "INSERT INTO temp.\(table) VALUES " + Array(repeating: tuple, count: end - start).joined(separator: ",")
                if end - start == perStatement { full = sql }
            }
            try await db.query(sql, values) { _ in }
            start = end
        }
    }
}

/// What the audit entry of an import records.
struct ImportAuditSnapshot: Codable, Sendable {
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
