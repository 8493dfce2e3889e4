import Crypto
import FluentKit
import Foundation
import JingpinCore
import SQLKit

/// What an application carries besides its declarations: the values of the scorecard's
/// data-derived indicators (prefilled from the enterprise's filings for the round's data year,
/// correctable by the enterprise, compared with the filing for the officers) and its evidence
/// files. Both change only while the application is with the enterprise (draft or returned);
/// every change is audited.
struct ApplicationEvidence {
    let applications: ApplicationService
    let catalogue: IndicatorCatalogue
    var policy: EvidencePolicy = .standard
    var database: DatabaseService { applications.database }

    /// One data-derived indicator's value on an application.
    struct ValueView: Codable, Sendable {
        /// The scorecard indicator's id.
        let indicatorId: String
        /// The filed indicator's code.
        let code: String
        let label: String
        let unit: String
        /// The stored value, formatted; nil when none.
        let value: String?
        /// The filing's value for the data year, formatted; nil when not filed.
        let filed: String?
        /// Whether the application's value differs from the filing's.
        let differsFromFiling: Bool
    }

    /// An evidence file's metadata.
    struct FileView: Codable, Sendable {
        let id: UUID
        let name: String
        let kind: String
        let size: Int64
        let sha256: String
        let uploadedBy: String
        let uploadedAt: Date
    }

    /// The year whose filings a round's applications draw on: the year before the round's.
    static func dataYear(_ c: RoundConfiguration) -> Int { c.year - 1 }

    /// The filed indicator codes the scorecard reads, with their scorecard indicators.
    static func dataIndicators(_ scorecard: Scorecard) -> [(indicator: ScorecardIndicator, code: String)] {
        scorecard.indicators.compactMap { _, ind in
            if case .data(let code) = ind.source { return (ind, code) }
            return nil
        }
    }

    // MARK: Values

    /// Copies the enterprise's filed values of `codes` for `year` onto a new application, in `tx`.
    static func prefill(applicationID: UUID, enterpriseID: UUID, codes: [String], year: Int, at: Date, _ tx: any Database) async throws {
        guard !codes.isEmpty else { return }
        for (code, value) in try await filed(enterpriseID: enterpriseID, codes: codes, year: year, tx as! any SQLDatabase) {
            try await valueRow(applicationID, code, value, at).create(on: tx)
        }
    }

    /// A new row holding `value` of filed indicator `code` on application `applicationID`.
    static func valueRow(_ applicationID: UUID, _ code: String, _ value: Int64, _ at: Date) -> ApplicationValueModel {
        let v = ApplicationValueModel()
        v.id = UUID()
        v.applicationID = applicationID
        v.indicator = code
        v.value = value
        v.updatedAt = at
        return v
    }

    /// The enterprise's filed values of `codes` for `year`.
    static func filed(enterpriseID: UUID, codes: [String], year: Int, _ sql: any SQLDatabase) async throws -> [String: Int64] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await sql.select().column("indicator").column("value").from("filing_values")
            .where("enterprise_id", .equal, SQLBind(enterpriseID)).where("year", .equal, SQLBind(year))
            .where("indicator", .in, SQLBind.group(codes)).all()
        var out: [String: Int64] = [:]
        for r in rows { out[try r.decode(column: "indicator", as: String.self)] = try r.decode(column: "value", as: Int64.self) }
        return out
    }

    /// The stored values of applications `ids`, by application and filed code.
    static func storedValues(_ ids: [UUID], on db: any Database) async throws -> [UUID: [String: Int64]] {
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: [String: Int64]] = [:]
        for v in try await ApplicationValueModel.query(on: db).filter(\.$applicationID ~~ ids).all() {
            out[v.applicationID, default: [:]][v.indicator] = v.value
        }
        return out
    }

    /// The application's data-derived values beside the filing's, as `identity` may see them.
    func values(_ id: UUID, identity: Identity, language l: Language) async throws -> [ValueView] {
        let m = try await applications.find(id, identity, .viewApplication)
        let configuration = try await applications.configuration(of: m)
        let year = Self.dataYear(configuration)
        let pairs = Self.dataIndicators(configuration.scorecard)
        let stored = try await Self.storedValues([id], on: database.db)[id] ?? [:]
        let filed = try await Self.filed(enterpriseID: m.enterpriseID, codes: pairs.map(\.code), year: year, database.sql)
        return pairs.map { ind, code in
            let def = catalogue.indicator(code, year: year)
            let show = { (v: Int64) in def.map { IndicatorValue.format(v, $0, l) } ?? String(v) }
            return ValueView(indicatorId: ind.id, code: code, label: l.pick(zh: ind.labelZh, en: ind.labelEn), unit: def?.unit(l) ?? "",
                             value: stored[code].map(show), filed: filed[code].map(show),
                             differsFromFiling: stored[code] != filed[code])
        }
    }

    /// Replaces the application's values with `typed` (filed code → text as a person types it;
    /// empty clears the value). Each text is read as the filing's indicator reads it; any error
    /// refuses the whole change, naming the field `values/<code>`.
    func saveValues(_ id: UUID, typed: [String: String], identity: Identity, requestID: String, language l: Language) async throws {
        let m = try await editable(id, identity)
        let configuration = try await applications.configuration(of: m)
        let year = Self.dataYear(configuration)
        let codes = Set(Self.dataIndicators(configuration.scorecard).map(\.code))
        var errors: [FieldError] = []
        var parsed: [String: Int64?] = [:]
        for (code, text) in typed.sorted(by: { $0.key < $1.key }) {
            guard codes.contains(code), let def = catalogue.indicator(code, year: year) else {
                errors.append(FieldError(field: "values/\(code)", code: "unknown_indicator", "applications.error.unknown_indicator"))
                continue
            }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { parsed[code] = .some(nil); continue }
            switch IndicatorValue.parse(trimmed, def) {
            case .success(let v): parsed[code] = v
            case .failure(let e):
                errors.append(FieldError(field: "values/\(code)", code: e.code, message: e.message(indicator: def)))
            }
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let before = try await Self.storedValues([id], on: database.db)[id] ?? [:]
        let at = applications.now()
        let changes = parsed
        try await database.db.transaction { tx in
            for (code, value) in changes {
                try await ApplicationValueModel.query(on: tx).filter(\.$applicationID == id).filter(\.$indicator == code).delete()
                guard let value else { continue }
                try await Self.valueRow(id, code, value, at).create(on: tx)
            }
            m.updatedAt = at
            try await m.update(on: tx)
            let old = Dictionary(uniqueKeysWithValues: changes.keys.map { ($0, before[$0].map(String.init) ?? "") })
            let new = Dictionary(uniqueKeysWithValues: changes.map { ($0.key, $0.value.map(String.init) ?? "") })
            try await AuditLog.append(AuditRecord(actor: identity.actor, action: "application.values", entityType: "designation_application",
                                                  entityID: id.uuidString, old: old, new: new, requestID: requestID), on: tx)
        }
    }

    /// The data-derived part of the composite of each application in `rows`, on `scorecard`:
    /// linear indicators from each one's own values, rank within sector among `rows`.
    static func dataScores(_ rows: [ApplicationModel], _ scorecard: Scorecard, on db: any Database) async throws -> [UUID: CompositeScore] {
        let values = try await storedValues(rows.map { $0.id! }, on: db)
        let shares = DataShares.shares(scorecard, rows.map { a in
            DataShares.Applicant(id: a.id!, sector: ProductCategory(rawValue: a.category)?.sector ?? .manufacturing, values: values[a.id!] ?? [:])
        })
        return shares.mapValues { CompositeScore(scorecard, shares: $0) }
    }

    // MARK: Files

    /// The application's evidence files, oldest first.
    func files(_ id: UUID, identity: Identity) async throws -> [FileView] {
        _ = try await applications.find(id, identity, .viewApplication)
        return try await ApplicationFileModel.query(on: database.db).filter(\.$applicationID == id).sort(\.$uploadedAt).all().map(Self.view)
    }

    /// Stores an evidence file on the application, if the policy accepts it; refused with a
    /// message at field `file` otherwise, storing nothing.
    func upload(_ id: UUID, name: String, bytes: [UInt8], identity: Identity, requestID: String) async throws -> FileView {
        let m = try await editable(id, identity)
        let existing = try await ApplicationFileModel.query(on: database.db).filter(\.$applicationID == id).count()
        let kind: EvidencePolicy.Kind
        switch policy.check(name: name, bytes: bytes, existing: existing) {
        case .success(let k): kind = k
        case .failure(let refusal):
            throw AppError.validation([FieldError(field: "file", code: "file_refused", message: refusal.message)])
        }
        let f = ApplicationFileModel()
        let fileID = UUID()
        f.id = fileID
        f.applicationID = id
        f.name = EvidencePolicy.safeName(name)
        f.kind = kind.rawValue
        f.size = Int64(bytes.count)
        f.sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        f.uploadedBy = identity.actor.stored
        f.uploadedAt = applications.now()
        let content = FileContentModel()
        content.id = fileID
        content.bytes = Data(bytes)
        try await database.db.transaction { tx in
            try await content.create(on: tx)
            try await f.create(on: tx)
            m.updatedAt = f.uploadedAt
            try await m.update(on: tx)
            try await AuditLog.append(AuditRecord(actor: identity.actor, action: "application.file_upload", entityType: "designation_application",
                                                  entityID: id.uuidString,
                                                  new: ["file": fileID.uuidString, "name": f.name, "size": "\(f.size)", "sha256": f.sha256],
                                                  requestID: requestID), on: tx)
        }
        return Self.view(f)
    }

    /// An evidence file and its bytes, for whoever may see its application.
    func download(_ id: UUID, fileID: UUID, identity: Identity) async throws -> (FileView, Data) {
        _ = try await applications.find(id, identity, .viewApplication)
        guard let f = try await ApplicationFileModel.find(fileID, on: database.db), f.applicationID == id,
              let content = try await FileContentModel.find(fileID, on: database.db) else { throw AppError.notFound }
        return (Self.view(f), content.bytes)
    }

    /// Removes an evidence file while the application is with the enterprise.
    func delete(_ id: UUID, fileID: UUID, identity: Identity, requestID: String) async throws {
        let m = try await editable(id, identity)
        guard let f = try await ApplicationFileModel.find(fileID, on: database.db), f.applicationID == id else { throw AppError.notFound }
        try await database.db.transaction { tx in
            try await f.delete(on: tx)
            try await FileContentModel.query(on: tx).filter(\.$id == fileID).delete()
            m.updatedAt = applications.now()
            try await m.update(on: tx)
            try await AuditLog.append(AuditRecord(actor: identity.actor, action: "application.file_delete", entityType: "designation_application",
                                                  entityID: id.uuidString, old: ["file": fileID.uuidString, "name": f.name, "sha256": f.sha256],
                                                  requestID: requestID), on: tx)
        }
    }

    // MARK: Helpers

    /// The application, if `identity` may edit it and it is with the enterprise.
    private func editable(_ id: UUID, _ identity: Identity) async throws -> ApplicationModel {
        let m = try await applications.find(id, identity, .viewApplication)
        try applications.check(identity, .editApplication, m)
        guard [.draft, .returned].contains(ApplicationStatus(rawValue: m.status)) else {
            throw AppError.conflict(Message("applications.conflict.not_editable", "\(m.status)"))
        }
        return m
    }

    static func view(_ f: ApplicationFileModel) -> FileView {
        FileView(id: f.id!, name: f.name, kind: f.kind, size: f.size, sha256: f.sha256, uploadedBy: f.uploadedBy, uploadedAt: f.uploadedAt)
    }
}
