import FluentKit
import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import Testing

/// Counters the database keeps: every draw distinct, however many run at once.
@Suite("Sequences: certificate numbers drawn atomically")
struct SequenceTests {
    @Test("twenty draws in parallel transactions take 1…20, each once")
    func parallelDraws() async throws {
        try await TestApp.run { (app: TestApp, _: any TestClientProtocol) async throws -> Void in
            let db = app.services.database.db
            let values = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await db.transaction { tx in try await Sequences.next("test/parallel", on: tx) } }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(values.sorted() == Array(1...20))
            // Another name starts at 1 on its own.
            #expect(try await db.transaction { tx in try await Sequences.next("test/other", on: tx) } == 1)
        }
    }

    @Test("a draw in a transaction that rolls back is given back")
    func rolledBackDraw() async throws {
        try await TestApp.run { (app: TestApp, _: any TestClientProtocol) async throws -> Void in
            let db = app.services.database.db
            struct Abort: Error {}
            _ = try? await db.transaction { tx -> Int in
                _ = try await Sequences.next("test/rollback", on: tx)
                throw Abort()
            }
            #expect(try await db.transaction { tx in try await Sequences.next("test/rollback", on: tx) } == 1)
        }
    }
}
