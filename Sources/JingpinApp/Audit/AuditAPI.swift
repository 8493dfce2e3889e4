import FluentKit
import Foundation
import Hummingbird
import JingpinCore

/// An audit entry as listed and exported.
struct AuditEntryRecord: Codable, Sendable {
    let seq: Int
    let at: String
    let actor: String
    let action: String
    let entityType: String
    let entityId: String
    let oldValue: String?
    let newValue: String?
    let requestId: String
    let hash: String

    init(_ m: AuditEntryModel) {
        seq = m.id!
        at = m.at
        actor = m.actor
        action = m.action
        entityType = m.entityType
        entityId = m.entityID
        oldValue = m.oldValue
        newValue = m.newValue
        requestId = m.requestID
        hash = m.hash
    }
}

/// The audit log as JSON for the province admin, `GET /api/v1/audit` (the page and its CSV
/// export are `AuditPages`), and the filter both read.
struct AuditAPI {
    let services: AppServices

    struct Filter {
        var actor: String?, action: String?, entityType: String?, entityID: String?, from: LocalDate?, to: LocalDate?
        var page = PageRequest(page: 1, perPage: 50)

        static func parse(_ q: [String: String], errors: inout [FieldError]) -> Filter {
            func clean(_ k: String) -> String? { q[k].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } }
            var f = Filter(actor: clean("actor"), action: clean("action"), entityType: clean("entityType"), entityID: clean("entityId"))
            for (key, path) in [("from", \Filter.from), ("to", \Filter.to)] as [(String, WritableKeyPath<Filter, LocalDate?>)] {
                if let raw = clean(key) {
                    if let d = try? LocalDate(raw) { f[keyPath: path] = d } else {
                        errors.append(FieldError(field: key, code: "invalid_date", "audit.error.invalid_date", "\(key)"))
                    }
                }
            }
            f.page = PageRequest.parse(page: q["page"], perPage: q["perPage"], defaultPerPage: 50, errors: &errors)
            return f
        }

        /// The query; dates are business dates in Asia/Shanghai, turned into UTC bounds on `at`.
        func apply(to b: QueryBuilder<AuditEntryModel>) -> QueryBuilder<AuditEntryModel> {
            if let actor { b.filter(\.$actor == (actor.contains(":") ? actor : "user:" + actor)) }
            if let action { b.filter(\.$action == action) }
            if let entityType { b.filter(\.$entityType == entityType) }
            if let entityID { b.filter(\.$entityID == entityID) }
            if let from { b.filter(\.$at >= Self.utcStart(of: from)) }
            if let to { b.filter(\.$at < Self.utcStart(of: to.adding(days: 1))) }
            return b
        }

        static func utcStart(of d: LocalDate) -> String {
            var cal = Calendar(identifier: .gregorian)
            cal.timeZone = .shanghai
            let date = cal.date(from: DateComponents(year: d.year, month: d.month, day: d.day))!
            return AuditChain.timestamp(date)
        }
    }

    func register(_ routes: RouteTable) {
        routes.api(RouteDoc(method: .get, path: "/api/v1/audit", summary: "Search the audit log (province admin)",
                            tag: "audit", access: .permission(.viewAudit),
                            query: [QueryParameter("actor", "e.g. user:admin"), QueryParameter("action", "e.g. enterprise.create"), QueryParameter("entityType", "e.g. enterprise"),
                                    QueryParameter("entityId", "The record's id"), QueryParameter("from", "First business date, YYYY-MM-DD"),
                                    QueryParameter("to", "Last business date, YYYY-MM-DD"), QueryParameter("page", "From 1"), QueryParameter("perPage", "1–100")],
                            success: (200, Page<AuditEntryRecord>.self)), searchAudit)
    }

    /// A page of the audit log, filtered.
    @Sendable func searchAudit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var errors: [FieldError] = []
        let filter = Filter.parse(request.queryDictionary, errors: &errors)
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let (entries, total) = try await fetch(filter)
        return try JSONResponse.make(Page(items: entries, page: filter.page.page, perPage: filter.page.perPage, total: total))
    }

    func fetch(_ filter: Filter) async throws -> ([AuditEntryRecord], Int) {
        let db = services.database.db
        let total = try await filter.apply(to: AuditEntryModel.query(on: db)).count()
        let rows = try await filter.apply(to: AuditEntryModel.query(on: db)).sort(\.$id, .descending)
            .offset(filter.page.offset).limit(filter.page.perPage).all()
        return (rows.map(AuditEntryRecord.init), total)
    }
}
