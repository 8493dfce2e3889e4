import Crypto
import FluentKit
import Foundation
import SQLKit

/// Who did a write: a logged-in user, a command-line operator, or the system itself.
public struct AuditActor: Sendable, Hashable {
    /// `user`, `cli` or `system`.
    public let kind: String
    /// The username or process name.
    public let name: String

    /// A user acting through the web or API.
    public static func user(_ username: String) -> AuditActor { AuditActor(kind: "user", name: username) }
    /// An operator running the `jingpin` command.
    public static func cli(_ name: String) -> AuditActor { AuditActor(kind: "cli", name: name) }
    /// The platform itself (migrations, demo loading, scheduled jobs).
    public static func system(_ name: String) -> AuditActor { AuditActor(kind: "system", name: name) }

    /// The stored form, e.g. `user:admin`.
    public var stored: String { "\(kind):\(name)" }
}

/// One write to record.
public struct AuditRecord: Sendable {
    /// Who did it.
    public var actor: AuditActor
    /// What was done, e.g. `enterprise.create`.
    public var action: String
    /// The kind of thing written, e.g. `enterprise`.
    public var entityType: String
    /// The id of the thing written.
    public var entityID: String
    /// The values before, as canonical JSON (nil for a creation).
    public var oldValue: String?
    /// The values after, as canonical JSON (nil for a deletion).
    public var newValue: String?
    /// The request (or command run) that did it.
    public var requestID: String

    /// Creates a record; values are any `Encodable` snapshot and are encoded canonically.
    public init(actor: AuditActor, action: String, entityType: String, entityID: String,
                old: (any Encodable)? = nil, new: (any Encodable)? = nil, requestID: String) {
        self.actor = actor
        self.action = action
        self.entityType = entityType
        self.entityID = entityID
        self.oldValue = old.map(AuditChain.canonicalJSON)
        self.newValue = new.map(AuditChain.canonicalJSON)
        self.requestID = requestID
    }
}

/// The append-only, hash-chained audit log: the one path every write goes through.
public enum AuditLog {
    /// Appends a record inside the caller's transaction, so the write and its audit entry
    /// commit together or not at all.
    public static func append(_ record: AuditRecord, on tx: any Database, now: Date = Date()) async throws {
        let sql = tx as! any SQLDatabase
        // Lock the head row: on PostgreSQL this serialises appends across instances; SQLite
        // already serialises writers and has no FOR UPDATE.
        let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        guard let row = try await sql.raw("SELECT last_seq, last_hash FROM audit_head WHERE id = 1\(unsafeRaw: lock)").first() else {
            throw AuditChain.Failure(seq: 0, reason: "the audit head row is missing")
        }
        let lastSeq = try row.decode(column: "last_seq", as: Int.self)
        let lastHash = try row.decode(column: "last_hash", as: String.self)
        let entry = AuditChain.Entry(seq: lastSeq + 1, at: AuditChain.timestamp(now), actor: record.actor.stored,
                                     action: record.action, entityType: record.entityType, entityID: record.entityID,
                                     oldValue: record.oldValue, newValue: record.newValue, requestID: record.requestID,
                                     prevHash: lastHash)
        let model = AuditEntryModel()
        model.id = entry.seq
        model.at = entry.at
        model.actor = entry.actor
        model.action = entry.action
        model.entityType = entry.entityType
        model.entityID = entry.entityID
        model.oldValue = entry.oldValue
        model.newValue = entry.newValue
        model.requestID = entry.requestID
        model.prevHash = entry.prevHash
        model.hash = entry.hash
        try await model.create(on: tx)
        try await sql.update("audit_head").set("last_seq", to: entry.seq).set("last_hash", to: entry.hash)
            .where("id", .equal, 1).run()
    }

    /// The outcome of `verify`.
    public struct Verification: Sendable {
        /// How many entries were checked.
        public let checked: Int
        /// The first problem found, if any.
        public let failure: AuditChain.Failure?
    }

    /// Walks the whole chain and reports the first entry that was altered, removed or reordered.
    public static func verify(on db: any Database, batchSize: Int = 5000) async throws -> Verification {
        var expectedSeq = 1
        var prevHash = AuditChain.genesisHash
        var checked = 0
        while true {
            let batch = try await AuditEntryModel.query(on: db).filter(\.$id >= expectedSeq).sort(\.$id).limit(batchSize).all()
            if batch.isEmpty { break }
            for m in batch {
                let entry = AuditChain.Entry(seq: m.id!, at: m.at, actor: m.actor, action: m.action, entityType: m.entityType,
                                             entityID: m.entityID, oldValue: m.oldValue, newValue: m.newValue,
                                             requestID: m.requestID, prevHash: m.prevHash)
                if m.id! != expectedSeq {
                    return Verification(checked: checked, failure: .init(seq: expectedSeq, reason: "entry \(expectedSeq) is missing (next is \(m.id!))"))
                }
                if m.prevHash != prevHash {
                    return Verification(checked: checked, failure: .init(seq: m.id!, reason: "its previous-hash does not match entry \(m.id! - 1)"))
                }
                if entry.hash != m.hash {
                    return Verification(checked: checked, failure: .init(seq: m.id!, reason: "its content does not match its hash (altered)"))
                }
                prevHash = m.hash
                expectedSeq += 1
                checked += 1
            }
        }
        guard let head = try await AuditHeadModel.find(1, on: db) else {
            return Verification(checked: checked, failure: .init(seq: 0, reason: "the audit head row is missing"))
        }
        if head.lastSeq != checked || head.lastHash != prevHash {
            return Verification(checked: checked, failure: .init(seq: checked + 1,
                reason: "the log ends at entry \(checked) but the head records entry \(head.lastSeq) (entries removed from the end)"))
        }
        return Verification(checked: checked, failure: nil)
    }
}

/// The chain's arithmetic: canonical content and SHA-256, independent of the database.
public enum AuditChain {
    /// The previous-hash of the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// A problem found while verifying.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The sequence number of the first bad entry.
        public let seq: Int
        /// What is wrong with it.
        public let reason: String
        /// A one-line report.
        public var description: String { "audit entry \(seq): \(reason)" }
    }

    /// One entry's hashed content.
    public struct Entry: Sendable {
        let seq: Int, at: String, actor: String, action: String, entityType: String, entityID: String
        let oldValue: String?, newValue: String?, requestID: String, prevHash: String

        /// The canonical text that is hashed: fixed key order, JSON-escaped values.
        var canonical: String {
            let fields: [(String, String?)] = [
                ("seq", String(seq)), ("at", at), ("actor", actor), ("action", action), ("entityType", entityType),
                ("entityID", entityID), ("old", oldValue), ("new", newValue), ("requestID", requestID), ("prevHash", prevHash),
            ]
            return "{" + fields.map { "\"\($0.0)\":" + ($0.1.map(AuditChain.quote) ?? "null") }.joined(separator: ",") + "}"
        }

        /// SHA-256 of the canonical text, in lower-case hex.
        var hash: String { AuditChain.sha256Hex(canonical) }
    }

    /// SHA-256 of a string's UTF-8 bytes, in lower-case hex.
    public static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A UTC timestamp with milliseconds, e.g. `2026-11-29T15:04:05.123Z`.
    static func timestamp(_ date: Date) -> String {
        let f = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
        return date.formatted(f)
    }

    /// Encodes a snapshot as JSON with sorted keys, so the same values always give the same text.
    static func canonicalJSON(_ value: any Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "null"
    }

    /// A JSON string literal with a fixed escaping, independent of any Foundation version.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
