import FluentKit
import Foundation

/// A row of `audit_entries`: one write, hash-chained to the one before.
///
/// Every hashed field is stored as text or an integer exactly as it was hashed,
/// so verification recomputes the same bytes years later on either engine.
final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_entries"
    @ID(custom: "seq", generatedBy: .user) var id: Int?
    @Field(key: "at") var at: String
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @Field(key: "entity_type") var entityType: String
    @Field(key: "entity_id") var entityID: String
    @OptionalField(key: "old_value") var oldValue: String?
    @OptionalField(key: "new_value") var newValue: String?
    @Field(key: "request_id") var requestID: String
    @Field(key: "prev_hash") var prevHash: String
    @Field(key: "hash") var hash: String
    init() {}
}

/// The single row of `audit_head`: the last sequence number and hash. Writers lock it,
/// which serialises appends across every instance of a cluster.
final class AuditHeadModel: Model, @unchecked Sendable {
    static let schema = "audit_head"
    @ID(custom: "id", generatedBy: .user) var id: Int?
    @Field(key: "last_seq") var lastSeq: Int
    @Field(key: "last_hash") var lastHash: String
    init() {}
}
