import FluentKit
import Foundation
import SQLKit

/// Row locks for read-check-write sequences (a quota, a status the next step depends on).
///
/// On PostgreSQL, `SELECT … FOR UPDATE` makes a second transaction that wants the same rows wait
/// until the first commits, so the second reads what the first wrote. SQLite needs nothing:
/// the app gives it one connection, so its transactions already run one after another. Call
/// inside the transaction, before reading what the check depends on, and read it through `tx`.
enum RowLock {
    /// Locks the rows of `table` whose `column` equals `value` until the transaction ends.
    static func lock(_ table: String, where column: String, equals value: some Encodable & Sendable, on tx: any Database) async throws {
        let sql = tx as! any SQLDatabase
        guard sql.dialect.name == "postgresql" else { return }
        _ = try await sql.raw("SELECT 1 FROM \(ident: table) WHERE \(ident: column) = \(bind: value) FOR UPDATE").all()
    }
}
