import FluentKit
import Foundation
import JingpinCore

/// Designation rounds: create and edit drafts, open (freeze) them, and version an open round
/// when its configuration must change. Every write is audited.
struct RoundService {
    let database: DatabaseService
    let rules: RuleBook

    /// A round version as the API shows it.
    struct View: Codable, Sendable {
        let id: UUID
        let seriesId: UUID
        let version: Int
        let year: Int
        let titleZh: String
        let titleEn: String
        let status: RoundStatus
        let configuration: RoundInput
        let createdBy: String
        let createdAt: Date
        let openedBy: String?
        let openedAt: Date?
        /// Set when an edit of an open round made this new draft version.
        var newVersion: Bool?
    }

    /// Checks `input`; the configuration or 422 with every problem.
    func validated(_ input: RoundInput) throws -> RoundConfiguration {
        switch input.configuration(rules: rules) {
        case .success(let c): return c
        case .failure(let e): throw AppError.validation(e.errors)
        }
    }

    /// Creates a draft round (version 1).
    func create(_ input: RoundInput, actor: AuditActor, requestID: String) async throws -> View {
        _ = try validated(input)
        let m = RoundModel()
        let id = UUID()
        m.id = id
        m.seriesID = id
        m.version = 1
        m.status = .draft
        m.createdBy = actor.stored
        m.createdAt = Date()
        try Self.fill(m, input)
        try await database.db.transaction { tx in
            try await m.create(on: tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "round.create", entityType: "designation_round", entityID: id.uuidString,
                                                  new: input, requestID: requestID), on: tx)
        }
        return try Self.view(m)
    }

    /// Edits a round: a draft in place; an open round by a new draft version (the open one
    /// stays as it is until the new version is opened). Refused for a superseded version, or
    /// when a newer draft already exists (edit that one).
    func update(_ id: UUID, _ input: RoundInput, actor: AuditActor, requestID: String) async throws -> View {
        _ = try validated(input)
        return try await database.db.transaction { tx in
            guard let found = try await RoundModel.find(id, on: tx) else { throw AppError.notFound }
            // Two edits of one round at once: the second waits, then sees the first's version.
            try await RowLock.lock(RoundModel.schema, where: "series_id", equals: found.seriesID, on: tx)
            guard let m = try await RoundModel.find(id, on: tx) else { throw AppError.notFound }
            let newest = try await RoundModel.query(on: tx).filter(\.$seriesID == m.seriesID).sort(\.$version, .descending).first()
            guard newest?.id == m.id else {
                throw AppError.conflict(Message("rounds.conflict.newer_version", "\(newest?.version ?? 0)"))
            }
            let old = try Self.input(m)
            switch m.status {
            case .draft:
                try Self.fill(m, input)
                try await m.update(on: tx)
                try await AuditLog.append(AuditRecord(actor: actor, action: "round.update", entityType: "designation_round", entityID: id.uuidString,
                                                      old: old, new: input, requestID: requestID), on: tx)
                return try Self.view(m)
            case .open:
                let next = RoundModel()
                let nextID = UUID()
                next.id = nextID
                next.seriesID = m.seriesID
                next.version = m.version + 1
                next.status = .draft
                next.createdBy = actor.stored
                next.createdAt = Date()
                try Self.fill(next, input)
                try await next.create(on: tx)
                try await AuditLog.append(AuditRecord(actor: actor, action: "round.version", entityType: "designation_round", entityID: nextID.uuidString,
                                                      old: ["supersedes": id.uuidString, "version": "\(m.version)"],
                                                      new: input, requestID: requestID), on: tx)
                var view = try Self.view(next)
                view.newVersion = true
                return view
            case .superseded:
                throw AppError.conflict(Message("rounds.conflict.superseded"))
            }
        }
    }

    /// Opens a draft: its configuration is frozen from now on, and an open earlier version of
    /// the same round is superseded.
    func open(_ id: UUID, by who: WorkflowActor, actor: AuditActor, requestID: String) async throws -> View {
        try await database.db.transaction { tx in
            guard let found = try await RoundModel.find(id, on: tx) else { throw AppError.notFound }
            // Two openings of one round at once: the second waits, then finds the version no longer a draft.
            try await RowLock.lock(RoundModel.schema, where: "series_id", equals: found.seriesID, on: tx)
            guard let m = try await RoundModel.find(id, on: tx) else { throw AppError.notFound }
            let opened = try Workflow.take(RoundStep.open, from: m.status, by: who)
            _ = try validated(try Self.input(m))
            for earlier in try await RoundModel.query(on: tx).filter(\.$seriesID == m.seriesID).filter(\.$status == .open).all() {
                earlier.status = try Workflow.take(RoundStep.supersede, from: earlier.status, by: .system)
                try await earlier.update(on: tx)
            }
            m.status = opened
            m.openedBy = actor.stored
            m.openedAt = Date()
            try await m.update(on: tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "round.open", entityType: "designation_round", entityID: id.uuidString,
                                                  old: ["status": "draft"], new: ["status": "open", "version": "\(m.version)"],
                                                  requestID: requestID), on: tx)
            return try Self.view(m)
        }
    }

    /// Every round version, newest year first; drafts and superseded versions only when
    /// `includeDrafts` (the province's view).
    func list(includeDrafts: Bool) async throws -> [View] {
        var query = RoundModel.query(on: database.db).sort(\.$year, .descending).sort(\.$createdAt, .descending).sort(\.$version, .descending)
        if !includeDrafts { query = query.filter(\.$status == .open) }
        return try await query.all().map(Self.view)
    }

    /// One version; a draft or superseded one only when `includeDrafts`.
    func get(_ id: UUID, includeDrafts: Bool) async throws -> View {
        guard let m = try await RoundModel.find(id, on: database.db), includeDrafts || m.status == .open else { throw AppError.notFound }
        return try Self.view(m)
    }

    private static func fill(_ m: RoundModel, _ input: RoundInput) throws {
        m.year = input.year
        m.titleZh = input.titleZh.trimmingCharacters(in: .whitespacesAndNewlines)
        m.titleEn = input.titleEn.trimmingCharacters(in: .whitespacesAndNewlines)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        m.configuration = String(decoding: try encoder.encode(input), as: UTF8.self)
    }

    private static func input(_ m: RoundModel) throws -> RoundInput {
        try JSONDecoder().decode(RoundInput.self, from: Data(m.configuration.utf8))
    }

    private static func view(_ m: RoundModel) throws -> View {
        View(id: m.id!, seriesId: m.seriesID, version: m.version, year: m.year, titleZh: m.titleZh, titleEn: m.titleEn, status: m.status,
             configuration: try input(m), createdBy: m.createdBy, createdAt: m.createdAt, openedBy: m.openedBy, openedAt: m.openedAt)
    }
}
