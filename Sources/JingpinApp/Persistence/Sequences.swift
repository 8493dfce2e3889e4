import FluentKit
import Foundation
import SQLKit

/// Named counters kept by the database (`sequences`), advanced atomically.
///
/// A number drawn as "the highest so far plus one" is read and written in two steps, and two
/// transactions at once read the same highest. Here the draw is one upsert: the first draw of
/// a name inserts 1, every later one adds 1 to the stored value, and `RETURNING` gives the
/// value this draw took. PostgreSQL makes a concurrent first draw wait on the primary key and
/// then take the update branch; SQLite runs one transaction at a time. A draw inside a
/// transaction that rolls back is given back with it.
enum Sequences {
    /// The next value of `name`, from 1.
    static func next(_ name: String, on tx: any Database) async throws -> Int {
        let sql = tx as! any SQLDatabase
        guard let row = try await sql.raw("""
            INSERT INTO sequences (name, last_value) VALUES (\(bind: name), 1)
            ON CONFLICT (name) DO UPDATE SET last_value = sequences.last_value + 1
            RETURNING last_value
            """).first() else { throw SequenceError(name: name) }
        return try row.decode(column: "last_value", as: Int.self)
    }

    /// The sequence of a year's certificate numbers (`ZJJP-2026-0001`, …).
    static func certificateName(year: Int) -> String { "certificate/\(year)" }

    /// The database answered an upsert with no row, which it never should.
    struct SequenceError: Error, CustomStringConvertible {
        let name: String
        var description: String { "the sequence \(name) returned no value" }
    }
}
