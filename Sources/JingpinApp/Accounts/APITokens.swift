import FluentKit
import Foundation
import JingpinCore

/// An API token as listed (never with its secret).
public struct APITokenSummary: Sendable, Codable, Hashable {
    /// The token's id (used to revoke it).
    public let id: UUID
    /// What the owner called it.
    public let name: String
    /// The first characters, to recognise it.
    public let prefix: String
    /// When it was made.
    public let createdAt: Date
    /// When it was last used.
    public let lastUsedAt: Date?
    /// When it was revoked, if it was.
    public let revokedAt: Date?
}

/// API tokens for machine clients: shown once, stored hashed, revocable.
public struct APITokens: Sendable {
    let database: DatabaseService

    static func summary(_ m: APITokenModel) -> APITokenSummary {
        APITokenSummary(id: m.id!, name: m.name, prefix: m.prefix, createdAt: m.createdAt,
                        lastUsedAt: m.lastUsedAt, revokedAt: m.revokedAt)
    }

    /// Issues a token and returns its summary and the secret, which is never stored or shown again.
    public func issue(userID: UUID, name: String, actor: AuditActor, requestID: String) async throws -> (APITokenSummary, String) {
        let clean = name.trimmingCharacters(in: .whitespaces)
        guard !clean.isEmpty, clean.count <= 60 else {
            throw AppError.validation([FieldError(field: "name", code: clean.isEmpty ? "required" : "too_long",
                                                  "accounts.error.message")])
        }
        let secret = Secrets.token(prefix: "jp_")
        let m = APITokenModel()
        m.id = UUID()
        m.userID = userID
        m.name = clean
        m.tokenHash = Secrets.hash(secret)
        m.prefix = String(secret.prefix(10))
        m.createdAt = Date()
        let summary = Self.summary(m)
        try await database.db.transaction { tx in
            try await m.create(on: tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "token.create", entityType: "api_token",
                                                  entityID: m.id!.uuidString, new: ["name": clean, "prefix": m.prefix, "userID": userID.uuidString],
                                                  requestID: requestID), on: tx)
        }
        return (summary, secret)
    }

    /// The user's tokens, newest first.
    public func list(userID: UUID) async throws -> [APITokenSummary] {
        try await APITokenModel.query(on: database.db).filter(\.$userID == userID).sort(\.$createdAt, .descending).all().map(Self.summary)
    }

    /// Revokes one of the user's own tokens; someone else's token is "not found".
    public func revoke(id: UUID, userID: UUID, actor: AuditActor, requestID: String) async throws {
        guard let m = try await APITokenModel.find(id, on: database.db), m.userID == userID else { throw AppError.notFound }
        guard m.revokedAt == nil else { return }
        try await database.db.transaction { tx in
            m.revokedAt = Date()
            try await m.update(on: tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "token.revoke", entityType: "api_token",
                                                  entityID: id.uuidString, old: ["revoked": "false"], new: ["revoked": "true"],
                                                  requestID: requestID), on: tx)
        }
    }

    /// The identity behind a bearer token, or nil when unknown or revoked.
    public func identity(forSecret secret: String) async throws -> Identity? {
        let db = database.db
        guard let m = try await APITokenModel.query(on: db).filter(\.$tokenHash == Secrets.hash(secret)).first(),
              m.revokedAt == nil,
              let user = try await UserModel.find(m.userID, on: db), user.isActive else { return nil }
        // Record use at most hourly: enough to spot stale tokens without a write per call.
        if m.lastUsedAt.map({ Date().timeIntervalSince($0) > 3600 }) ?? true {
            m.lastUsedAt = Date()
            try await m.update(on: db)
        }
        return Accounts.identity(of: user, method: .token(id: m.id!))
    }
}
