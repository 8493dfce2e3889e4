import FluentKit
import Foundation
import JingpinCore
import NIOCore
import SQLKit
import Synchronization

/// What public verification reads, for every code at once, held in memory.
///
/// Verification is the public hot path — every scan of a product's label — and the registry is
/// small (the policy aims at about 100 designated products by 2030; even with renewals a few
/// thousand rows at most), so the whole of it is one query. Answers come from the snapshot
/// without touching the database, which also keeps floods of made-up codes off it.
///
/// Freshness: every write to a designation in this process (create or update, through Fluent)
/// marks the snapshot stale, and the next verification reloads it before answering — a
/// revocation is seen by the very next scan. What it does not see — another instance's writes, a
/// product or enterprise renamed — is picked up once the snapshot is older than `maxAge`: the
/// first scan after that reloads it, while the others keep answering from the previous one.
final class VerificationIndex: Sendable {
    /// One code's designation, with the names the answer shows.
    struct Entry: Sendable {
        let certificateNumber: String?
        let status: String?
        let statusReason: String?
        let suspendedUntil: String?
        let designatedOn: String
        let validUntil: String?
        let product: String?
        let enterprise: String?
    }

    /// How old a snapshot may grow before a refresh picks up other processes' changes.
    let maxAge: Duration

    private struct State {
        var entries: [String: Entry]?
        /// The change count the entries were loaded at, and when.
        var generation = -1
        var loadedAt = ContinuousClock.now
        var refreshing = false
        /// Counts the snapshots taken, so an answer made from an older one is not kept.
        var snapshot = 0
        /// Encoded answers for found codes, per code and language, valid on `answersDay` for this
        /// snapshot only (a reload or a new day empties it).
        var answers: [AnswerKey: ByteBuffer] = [:]
        var answersDay: LocalDate?
    }

    /// What an encoded answer depends on besides the snapshot and the day.
    private struct AnswerKey: Hashable {
        let code: String
        let language: Language
    }

    /// At most this many answers are kept (the registry holds a few thousand codes at most; the
    /// bound only matters if it ever grows far beyond the policy's targets).
    private static let answersKept = 20_000

    private let database: DatabaseService
    private let state = Mutex(State())
    /// Bumped by every designation write in this process (see `Changes`).
    private let changes = Atomic<Int>(0)

    /// An index over `database`'s designations, refreshed once `maxAge` old;
    /// registers the model middleware that marks it stale on every write.
    init(database: DatabaseService, maxAge: Duration = .seconds(5)) {
        self.database = database
        self.maxAge = maxAge
        database.databases.middleware.use(Changes(index: self))
    }

    /// What scanning `text` answers on `today`: not found for anything that is not a well-formed
    /// code (a typo fails its check symbol) or not issued.
    func verify(_ text: String, today: LocalDate, language l: Language) async throws -> RegistryService.VerificationView {
        guard let code = VerificationCode(text), let d = try await entry(code.value),
              let validUntilText = d.validUntil, let validUntil = try? LocalDate(validUntilText) else {
            return .init(outcome: VerificationOutcome.notFound.rawValue, outcomeName: VerificationOutcome.notFound.name(l), code: text,
                         certificateNumber: nil, product: nil, enterprise: nil, designatedOn: nil, validUntil: nil, reason: nil, suspendedUntil: nil)
        }
        let outcome = VerificationOutcome.of(DesignationStatus(rawValue: d.status ?? "") ?? .designated, validUntil: validUntil, today: today)
        return .init(outcome: outcome.rawValue, outcomeName: outcome.name(l), code: code.description, certificateNumber: d.certificateNumber,
                     product: d.product, enterprise: d.enterprise, designatedOn: d.designatedOn, validUntil: validUntilText,
                     reason: outcome == .revoked ? d.statusReason : nil, suspendedUntil: outcome == .suspended ? d.suspendedUntil : nil)
    }

    /// The answer to scanning `text` on `today`, encoded as the API sends it — the same bytes as
    /// encoding `verify(…)`, kept per code and language for found codes, so the public hot path
    /// encodes each answer once per snapshot and day instead of once per scan. Not-found answers
    /// echo whatever was typed and are not kept (a flood of made-up codes must not fill memory).
    func answer(_ text: String, today: LocalDate, language l: Language) async throws -> ByteBuffer {
        let key = AnswerKey(code: text, language: l)
        let now = ContinuousClock.now
        let generation = changes.load(ordering: .sequentiallyConsistent)
        let cached: (ByteBuffer?, Int) = state.withLock { s in
            // Only from a snapshot that `entry` would answer from without reloading or refreshing.
            guard s.entries != nil, s.generation == generation, now - s.loadedAt < maxAge, s.answersDay == today else {
                return (nil, s.snapshot)
            }
            return (s.answers[key], s.snapshot)
        }
        if let buffer = cached.0 { return buffer }
        let view = try await verify(text, today: today, language: l)
        let buffer = ByteBuffer(data: try JSONResponse.encoder.encode(view))
        guard view.outcome != VerificationOutcome.notFound.rawValue else { return buffer }
        state.withLock { s in
            // Kept only if no reload happened meanwhile (the answer may describe the older snapshot).
            guard s.snapshot == cached.1, s.generation == generation else { return }
            if s.answersDay != today {
                s.answers = [:]
                s.answersDay = today
            }
            if s.answers.count < Self.answersKept { s.answers[key] = buffer }
        }
        return buffer
    }

    /// Marks the snapshot stale: the next lookup reloads it.
    func markChanged() { changes.add(1, ordering: .sequentiallyConsistent) }

    /// The designation with verification code `code` (its stored form), or nil.
    func entry(_ code: String) async throws -> Entry? {
        let now = ContinuousClock.now
        let generation = changes.load(ordering: .sequentiallyConsistent)
        // Fresh, or being refreshed by another request: answer from the snapshot. Stale by age: this
        // request refreshes it (the others answer from the old one meanwhile). Changed here, or
        // none yet: reload before answering.
        let snapshot: [String: Entry]? = state.withLock { s in
            guard let entries = s.entries, s.generation == generation else { return nil }
            guard now - s.loadedAt >= maxAge, !s.refreshing else { return entries }
            s.refreshing = true
            return nil
        }
        if let snapshot { return snapshot[code] }
        return try await reload(generation: generation, at: now)[code]
    }

    /// Loads every code's entry and keeps it as the snapshot of change count `generation`.
    private func reload(generation: Int, at now: ContinuousClock.Instant) async throws -> [String: Entry] {
        do {
            let rows = try await database.sql.raw("""
                SELECT d.verification_code, d.certificate_number, d.status, d.status_reason, d.suspended_until, d.designated_on,
                       d.valid_until, p.name AS product, e.name AS enterprise
                FROM designations d LEFT JOIN products p ON p.id = d.product_id LEFT JOIN enterprises e ON e.id = d.enterprise_id
                WHERE d.verification_code IS NOT NULL
                """).all()
            var entries: [String: Entry] = [:]
            entries.reserveCapacity(rows.count)
            for row in rows {
                entries[try row.decode(column: "verification_code", as: String.self)] = Entry(
                    certificateNumber: try row.decode(column: "certificate_number", as: String?.self),
                    status: try row.decode(column: "status", as: String?.self),
                    statusReason: try row.decode(column: "status_reason", as: String?.self),
                    suspendedUntil: try row.decode(column: "suspended_until", as: String?.self),
                    designatedOn: try row.decode(column: "designated_on", as: String.self),
                    validUntil: try row.decode(column: "valid_until", as: String?.self),
                    product: try row.decode(column: "product", as: String?.self),
                    enterprise: try row.decode(column: "enterprise", as: String?.self))
            }
            state.withLock { s in
                // A load that started before a newer one finished must not replace it.
                if generation >= s.generation {
                    s.entries = entries
                    s.generation = generation
                    s.loadedAt = now
                    s.snapshot += 1
                    s.answers = [:]
                }
                s.refreshing = false
            }
            return entries
        } catch {
            state.withLock { $0.refreshing = false }
            throw error
        }
    }

    /// Marks the index stale on every create, update or delete of a designation — once the
    /// statement has run, so that a reload racing it cannot keep the state from before. (Inside a
    /// transaction on PostgreSQL the commit can still come a moment later; the refresh then
    /// corrects the snapshot within `maxAge`. SQLite's single connection serialises
    /// the reload behind the transaction.)
    struct Changes: AsyncModelMiddleware {
        let index: VerificationIndex

        func create(model: DesignationModel, on db: any Database, next: any AnyAsyncModelResponder) async throws {
            defer { index.markChanged() }
            try await next.create(model, on: db)
        }

        func update(model: DesignationModel, on db: any Database, next: any AnyAsyncModelResponder) async throws {
            defer { index.markChanged() }
            try await next.update(model, on: db)
        }

        func delete(model: DesignationModel, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
            defer { index.markChanged() }
            try await next.delete(model, force: force, on: db)
        }
    }
}
