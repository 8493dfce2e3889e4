import FluentKit
import Foundation
import JingpinCore
import SQLKit

/// A filing as the API returns it: its status and its values in stored units.
public struct FilingRecord: Sendable, Codable {
    /// The filing's id (nil when nothing has been saved yet).
    public let id: UUID?
    /// The enterprise.
    public let enterpriseId: UUID
    /// The reporting year.
    public let year: Int
    /// Where it stands.
    public let status: FilingStatus
    /// When it was last submitted.
    public let submittedAt: Date?
    /// When the county last decided.
    public let reviewedAt: Date?
    /// Why it was returned, when it was.
    public let reviewReason: String?
    /// Values by indicator code, in stored units (fen, basis points, thousandths…).
    public let values: [String: Int64]
}

/// One entry of a filing's history.
public struct FilingEvent: Sendable, Codable {
    /// When.
    public let at: Date
    /// Who (`user:name`).
    public let actor: String
    /// `save`, `submit`, `accept`, `return` or `import`.
    public let action: String
    /// The reason given, for a return.
    public let reason: String?
    /// What changed: indicator code → [old, new] in stored units (null = empty).
    public let changes: [String: [Int64?]]?
}

/// A row of the filings list.
public struct FilingListItem: Sendable, Codable {
    /// The enterprise.
    public let enterpriseId: UUID
    /// Its name.
    public let enterpriseName: String
    /// Its credit code.
    public let creditCode: String
    /// Its county.
    public let regionCode: String
    /// The year.
    public let year: Int
    /// The status (`not_started` when nothing was saved).
    public let status: String
    /// How many values are filled in.
    public let valueCount: Int
}

/// Reads and writes annual filings. Values are validated by the caller against the
/// catalogue; the repository enforces the workflow and records history and audit.
public struct FilingRepository: Sendable {
    let database: DatabaseService

    /// The filing of an enterprise for a year; an empty draft when none exists yet.
    public func filing(enterpriseID: UUID, year: Int) async throws -> FilingRecord {
        let db = database.db
        let header = try await FilingModel.query(on: db).filter(\.$enterpriseID == enterpriseID).filter(\.$year == year).first()
        let values = try await values(enterpriseID: enterpriseID, year: year, on: db)
        return FilingRecord(id: header?.id, enterpriseId: enterpriseID, year: year,
                            status: header.flatMap { FilingStatus(rawValue: $0.status) } ?? .draft,
                            submittedAt: header?.submittedAt, reviewedAt: header?.reviewedAt, reviewReason: header?.reviewReason,
                            values: values)
    }

    /// The stored values of an enterprise for a year.
    public func values(enterpriseID: UUID, year: Int, on db: (any Database)? = nil) async throws -> [String: Int64] {
        let sql = (db ?? database.db) as! any SQLDatabase
        let rows = try await sql.select().column("indicator").column("value").from("filing_values")
            .where("enterprise_id", .equal, SQLBind(enterpriseID)).where("year", .equal, year).all()
        var out: [String: Int64] = [:]
        for r in rows { out[try r.decode(column: "indicator", as: String.self)] = try r.decode(column: "value", as: Int64.self) }
        return out
    }

    /// The values of many enterprises for a year, in one query.
    public func values(enterpriseIDs: [UUID], year: Int) async throws -> [UUID: [String: Int64]] {
        guard !enterpriseIDs.isEmpty else { return [:] }
        let rows = try await database.sql.select().column("enterprise_id").column("indicator").column("value").from("filing_values")
            .where("year", .equal, year).where("enterprise_id", .in, enterpriseIDs).all()
        var out: [UUID: [String: Int64]] = [:]
        for r in rows {
            out[try r.decode(column: "enterprise_id", as: UUID.self), default: [:]][try r.decode(column: "indicator", as: String.self)] =
                try r.decode(column: "value", as: Int64.self)
        }
        return out
    }

    /// Saves changed values (nil clears a value) while the filing is editable, by `taker` as the
    /// workflow's table allows; one event and one audit entry.
    public func save(enterpriseID: UUID, year: Int, changes: [String: Int64?], by taker: WorkflowActor, actor: AuditActor,
                     requestID: String) async throws -> FilingRecord {
        try await database.db.transaction { tx in
            let header = try await headerForUpdate(enterpriseID: enterpriseID, year: year, on: tx)
            let status = FilingStatus(rawValue: header.status) ?? .draft
            if case .failure(let e) = FilingWorkflow.apply(.save, to: status, by: taker) { throw FilingError.transition(e) }
            let old = try await values(enterpriseID: enterpriseID, year: year, on: tx)
            var diff: [String: [Int64?]] = [:]
            let sql = tx as! any SQLDatabase
            for (code, value) in changes.sorted(by: { $0.key < $1.key }) where old[code] != value {
                diff[code] = [old[code], value]
                if let value {
                    try await sql.insert(into: "filing_values").columns("enterprise_id", "year", "indicator", "value", "source")
                        .values(SQLBind(enterpriseID), SQLBind(year), SQLBind(code), SQLBind(value), SQLBind("filing"))
                        .onConflict(with: ["enterprise_id", "year", "indicator"]) { $0.set(excludedValueOf: "value").set(excludedValueOf: "source") }
                        .run()
                } else {
                    try await sql.delete(from: "filing_values").where("enterprise_id", .equal, SQLBind(enterpriseID))
                        .where("year", .equal, year).where("indicator", .equal, code).run()
                }
            }
            guard !diff.isEmpty else { return }
            header.updatedAt = Date()
            try await header.save(on: tx)
            try await record(event: "save", filing: header, actor: actor, reason: nil, changes: diff, on: tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "filing.save", entityType: "filing", entityID: header.id!.uuidString,
                                                  old: diff.mapValues { $0[0] }, new: diff.mapValues { $0[1] }, requestID: requestID), on: tx)
        }
        return try await filing(enterpriseID: enterpriseID, year: year)
    }

    /// Submits, accepts or returns a filing. `requiredCheck` lists required indicators still
    /// empty, given the values; it runs inside the transaction so a submit sees what it locks.
    public func transition(enterpriseID: UUID, year: Int, action: FilingAction, by taker: WorkflowActor, actor: AuditActor, requestID: String,
                           requiredCheck: @escaping @Sendable ([String: Int64]) -> [String]) async throws -> FilingRecord {
        try await database.db.transaction { tx in
            let header = try await headerForUpdate(enterpriseID: enterpriseID, year: year, on: tx)
            let status = FilingStatus(rawValue: header.status) ?? .draft
            let missing = action == .submit ? requiredCheck(try await values(enterpriseID: enterpriseID, year: year, on: tx)) : []
            let next: FilingStatus
            switch FilingWorkflow.apply(action, to: status, by: taker, missingRequired: missing) {
            case .success(let s): next = s
            case .failure(let e): throw FilingError.transition(e)
            }
            let now = Date()
            var reason: String?
            switch action {
            case .submit: header.submittedAt = now
            case .accept:
                header.reviewedAt = now
                header.reviewReason = nil
            case .returnForCorrection(let r):
                header.reviewedAt = now
                reason = r.trimmingCharacters(in: .whitespacesAndNewlines)
                header.reviewReason = reason
            case .save: break
            }
            header.status = next.rawValue
            header.updatedAt = now
            try await header.save(on: tx)
            try await record(event: action.name, filing: header, actor: actor, reason: reason, changes: nil, on: tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "filing.\(action.name)", entityType: "filing",
                                                  entityID: header.id!.uuidString, old: ["status": status.rawValue],
                                                  new: ["status": next.rawValue, "reason": reason ?? ""], requestID: requestID), on: tx)
        }
        return try await filing(enterpriseID: enterpriseID, year: year)
    }

    /// The filing's history, oldest first.
    public func history(enterpriseID: UUID, year: Int) async throws -> [FilingEvent] {
        let db = database.db
        guard let header = try await FilingModel.query(on: db).filter(\.$enterpriseID == enterpriseID).filter(\.$year == year).first()
        else { return [] }
        let decoder = JSONDecoder()
        return try await FilingEventModel.query(on: db).filter(\.$filingID == header.id!).sort(\.$at).all().map { e in
            FilingEvent(at: e.at, actor: e.actor, action: e.action, reason: e.reason,
                        changes: e.changes.flatMap { try? decoder.decode([String: [Int64?]].self, from: Data($0.utf8)) })
        }
    }

    /// The header row, created as a draft when missing. The row is locked (`RowLock`) and read
    /// again under the lock, so two officers cannot decide the same filing at once and the
    /// second sees the status the first left.
    func headerForUpdate(enterpriseID: UUID, year: Int, on tx: any Database) async throws -> FilingModel {
        if let found = try await FilingModel.query(on: tx).filter(\.$enterpriseID == enterpriseID).filter(\.$year == year).first() {
            try await RowLock.lock(FilingModel.schema, where: "id", equals: found.id!, on: tx)
            return try await FilingModel.find(found.id!, on: tx) ?? found
        }
        let m = FilingModel()
        m.id = UUID()
        m.enterpriseID = enterpriseID
        m.year = year
        m.status = FilingStatus.draft.rawValue
        m.createdAt = Date()
        m.updatedAt = m.createdAt
        try await m.create(on: tx)
        return m
    }

    func record(event: String, filing: FilingModel, actor: AuditActor, reason: String?, changes: [String: [Int64?]]?,
                on tx: any Database) async throws {
        let e = FilingEventModel()
        e.id = UUID()
        e.filingID = filing.id!
        e.at = Date()
        e.actor = actor.stored
        e.action = event
        e.reason = reason
        e.changes = changes.map(AuditChain.canonicalJSON)
        try await e.create(on: tx)
    }

    /// The filings list: one row per visible enterprise for the year, with its status.
    public func list(year: Int, status: String?, visibility: EnterpriseVisibility, query: EnterpriseQuery) async throws -> Page<FilingListItem> {
        let sql = database.sql
        var conditions: [SQLQueryString] = visibility.sqlCondition.map { [$0] } ?? []
        if let city = query.cityCode { conditions.append("e.city_code = \(bind: city)") }
        if let county = query.countyCode { conditions.append("e.region_code = \(bind: county)") }
        if let sector = query.sector { conditions.append("e.sector = \(bind: sector.rawValue)") }
        if let text = query.text { conditions.append("(e.name LIKE \(bind: "%" + text + "%") OR e.credit_code LIKE \(bind: text.uppercased() + "%"))") }
        if let status {
            if status == "not_started" { conditions.append("f.status IS NULL") } else { conditions.append("f.status = \(bind: status)") }
        }
        let whereClause: SQLQueryString = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let from: SQLQueryString = "FROM enterprises e LEFT JOIN filings f ON f.enterprise_id = e.id AND f.year = \(bind: year) "
        let total = try await sql.raw("SELECT COUNT(*) AS n " + from + whereClause).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw("SELECT e.id AS id, e.name AS name, e.credit_code AS code, e.region_code AS region, f.status AS status, "
            + "(SELECT COUNT(*) FROM filing_values v WHERE v.enterprise_id = e.id AND v.year = \(bind: year)) AS n "
            + from + whereClause + " ORDER BY e.credit_code LIMIT \(unsafeRaw: String(query.page.perPage)) OFFSET \(unsafeRaw: String(query.page.offset))").all()
        let items = try rows.map { r in
            FilingListItem(enterpriseId: try r.decode(column: "id", as: UUID.self), enterpriseName: try r.decode(column: "name", as: String.self),
                           creditCode: try r.decode(column: "code", as: String.self), regionCode: try r.decode(column: "region", as: String.self),
                           year: year, status: try r.decode(column: "status", as: String?.self) ?? "not_started",
                           valueCount: try r.decode(column: "n", as: Int.self))
        }
        return Page(items: items, page: query.page.page, perPage: query.page.perPage, total: total)
    }
}

/// A refused filing action.
public enum FilingError: Error, Sendable {
    /// The workflow does not allow it.
    case transition(FilingTransitionError)
}
