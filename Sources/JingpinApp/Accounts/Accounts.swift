import FluentKit
import Foundation
import JingpinCore

/// A user as the rest of the app sees it (never the Fluent model).
public struct UserSummary: Sendable, Codable, Hashable {
    /// The user's id.
    public let id: UUID
    /// The login name.
    public let username: String
    /// The name shown in the header.
    public let displayName: String
    /// The role's stored name.
    public let role: String
    /// The scope's stored form.
    public let scope: String
}

/// Accounts: creating users, logging in with lock-out, and API tokens. Every write is audited.
public struct Accounts: Sendable {
    let database: DatabaseService
    let reference: ReferenceData
    let hasher: PasswordHasher
    let sessions: SessionStore
    let throttle = LoginThrottle.standard

    /// The identity of a stored user, or nil if its role or scope no longer parse (fail closed).
    static func identity(of user: UserModel, method: Identity.Method) -> Identity? {
        guard let role = Role(rawValue: user.role), let scope = Scope(storageString: user.scope) else { return nil }
        return Identity(userID: user.id!, username: user.username, displayName: user.displayName,
                        role: role, scope: scope, method: method)
    }

    static func summary(_ u: UserModel) -> UserSummary {
        UserSummary(id: u.id!, username: u.username, displayName: u.displayName, role: u.role, scope: u.scope)
    }

    /// Creates a user after checking the username, the role's scope and the password policy.
    public func createUser(username: String, displayName: String?, role: Role, scope: Scope, password: String,
                           actor: AuditActor, requestID: String) async throws -> UserSummary {
        var errors: [FieldError] = []
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        if !(3...32).contains(name.count) || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) {
            errors.append(FieldError(field: "username", code: "invalid_username",
                                     "accounts.error.invalid_username"))
        }
        if let reason = Scope.validate(role: role, scope: scope, regions: reference.regions) {
            errors.append(FieldError(field: "scope", code: "invalid_scope", "accounts.error.invalid_scope", "\(reason)"))
        }
        errors += PasswordPolicy.check(password, username: name)
        if case .enterprise(let id) = scope, try await EnterpriseModel.find(id, on: database.db) == nil {
            errors.append(FieldError(field: "scope", code: "unknown_enterprise", "accounts.error.unknown_enterprise"))
        }
        if try await UserModel.query(on: database.db).filter(\.$username == name).count() > 0 {
            errors.append(FieldError(field: "username", code: "duplicate_username", "accounts.error.duplicate_username"))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let hash = try await hasher.hash(password)
        let user = UserModel()
        user.id = UUID()
        user.username = name
        user.displayName = displayName?.isEmpty == false ? displayName! : name
        user.role = role.rawValue
        user.scope = scope.storageString
        user.passwordHash = hash
        user.failedAttempts = 0
        user.isActive = true
        user.createdAt = Date()
        let summary = Self.summary(user)
        try await database.db.transaction { tx in
            try await user.create(on: tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "user.create", entityType: "user",
                                                  entityID: user.id!.uuidString, new: summary, requestID: requestID), on: tx)
        }
        return summary
    }

    /// The result of a login attempt.
    public enum LoginResult: Sendable {
        /// Logged in: the cookie token and who.
        case success(token: String, identity: Identity)
        /// Refused: a wrong password, an unknown username or a locked account — told apart
        /// neither by the answer nor by its timing, so the lock-out reveals no usernames.
        case invalid
    }

    /// Checks a password with lock-out, and starts a session on success.
    ///
    /// Every path does the same bcrypt work (an unknown name against a dummy hash). The
    /// failure count is kept by the database, not by this process: each wrong password is one
    /// atomic `UPDATE … RETURNING` (`LoginCounter`), so parallel guesses each count and the
    /// fifth locks the account however they interleave; a success clears the count only if no
    /// guess locked the account meanwhile.
    public func login(username: String, password: String, requestID: String, now: Date = Date()) async throws -> LoginResult {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard let user = try await UserModel.query(on: database.db).filter(\.$username == name).first(), user.isActive else {
            _ = try await hasher.verify(password, hash: hasher.dummyHash)
            return .invalid
        }
        let correct = try await hasher.verify(password, hash: user.passwordHash)
        // A locked account answers as an unknown name does: after the same bcrypt work, nothing written.
        if let until = user.lockedUntil, until > now { return .invalid }
        let id = user.id!
        if correct {
            let token: String? = try await database.db.transaction { tx in
                guard try await LoginCounter.clear(id, now: now, on: tx) else { return nil }
                let token = try await sessions.create(userID: id, on: tx, now: now)
                try await AuditLog.append(AuditRecord(actor: .user(user.username), action: "session.login", entityType: "user",
                                                      entityID: id.uuidString, requestID: requestID), on: tx, now: now)
                return token
            }
            guard let token, let identity = Self.identity(of: user, method: .session(id: Secrets.hash(token))) else { return .invalid }
            return .success(token: token, identity: identity)
        }
        try await database.db.transaction { tx in
            guard let (old, new) = try await LoginCounter.fail(id, throttle: throttle, now: now, on: tx) else { return }
            let action = new.lockedUntil != nil ? "user.lock" : "user.login_failed"
            try await AuditLog.append(AuditRecord(actor: .user(user.username), action: action, entityType: "user", entityID: id.uuidString,
                                                  old: LoginCounter.snapshot(old), new: LoginCounter.snapshot(new), requestID: requestID),
                                      on: tx, now: now)
        }
        return .invalid
    }

    /// Ends a browser session.
    public func logout(identity: Identity, requestID: String) async throws {
        guard case .session(let id) = identity.method else { return }
        try await database.db.transaction { tx in
            try await sessions.end(id: id, on: tx)
            try await AuditLog.append(AuditRecord(actor: identity.actor, action: "session.logout", entityType: "user",
                                                  entityID: identity.userID.uuidString, requestID: requestID), on: tx)
        }
    }
}
