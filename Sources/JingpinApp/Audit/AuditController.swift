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

/// The audit log for the province admin: filter, page, export as CSV, and the API.
struct AuditController {
    let services: AppServices
    var views: Views { services.views }

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
        routes.add(.get, "/audit", .permission(.viewAudit)) { request, context in
            let l = context.language
            var errors: [FieldError] = []
            let q = request.queryDictionary
            let filter = Filter.parse(q, errors: &errors)
            let (entries, total) = try await fetch(errors.isEmpty ? filter : Filter())
            let totalPages = filter.page.totalPages(total)
            func link(_ p: Int) -> String {
                var params = q.filter { $0.key != "page" && !$0.value.isEmpty }
                params["page"] = String(p)
                return "/audit?" + params.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.sorted().joined(separator: "&")
            }
            let page = AuditPage(
                entries: entries.map { e in
                    AuditPage.Entry(seq: e.seq, at: e.at, actor: e.actor, action: e.action, entityType: e.entityType,
                                    entityId: e.entityId, old: e.oldValue?.nilIfEmpty, new: e.newValue?.nilIfEmpty, requestId: e.requestId)
                },
                hasEntries: !entries.isEmpty, total: total, page: filter.page.page, totalPages: totalPages,
                f_actor: q["actor"] ?? "", f_action: q["action"] ?? "", f_entityType: q["entityType"] ?? "",
                f_entityId: q["entityId"] ?? "", f_from: q["from"] ?? "", f_to: q["to"] ?? "",
                exportHref: link(1).replacingOccurrences(of: "/audit?", with: "/audit.csv?"),
                prevHref: filter.page.page > 1 ? link(filter.page.page - 1) : nil,
                nextHref: filter.page.page < totalPages ? link(filter.page.page + 1) : nil,
                errors: ErrorSummary(errors, strings: views.strings, language: l))
            return views.page("audit", title: views.t("audit.title", l), model: page, context: context,
                              status: errors.isEmpty ? .ok : .unprocessableContent)
        }
        routes.add(.get, "/audit.csv", .permission(.viewAudit)) { request, context in
            var errors: [FieldError] = []
            let filter = Filter.parse(request.queryDictionary, errors: &errors)
            guard errors.isEmpty else { throw AppError.validation(errors) }
            var out = "\u{FEFF}seq,at,actor,action,entity_type,entity_id,old_value,new_value,request_id,hash\r\n"
            var lastSeq = 0
            // Keyset paging over seq: the export streams through any size of log in fixed memory.
            while true {
                let batch = try await filter.apply(to: AuditEntryModel.query(on: services.database.db)).filter(\.$id > lastSeq)
                    .sort(\.$id).limit(1000).all().map(AuditEntryRecord.init)
                for e in batch {
                    out += [String(e.seq), e.at, e.actor, e.action, e.entityType, e.entityId, e.oldValue ?? "", e.newValue ?? "", e.requestId, e.hash]
                        .map(CSV.escape).joined(separator: ",") + "\r\n"
                }
                guard let last = batch.last, batch.count == 1000 else { break }
                lastSeq = last.seq
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"audit-log.csv\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: out)))
        }
        routes.api(RouteDoc(method: .get, path: "/api/v1/audit", summary: "Search the audit log (province admin)",
                            tag: "audit", access: .permission(.viewAudit),
                            query: [QueryParameter("actor", "e.g. user:admin"), QueryParameter("action", "e.g. enterprise.create"), QueryParameter("entityType", "e.g. enterprise"),
                                    QueryParameter("entityId", "The record's id"), QueryParameter("from", "First business date, YYYY-MM-DD"),
                                    QueryParameter("to", "Last business date, YYYY-MM-DD"), QueryParameter("page", "From 1"), QueryParameter("perPage", "1–100")],
                            success: (200, Page<AuditEntryRecord>.self))) { request, context in
            var errors: [FieldError] = []
            let filter = Filter.parse(request.queryDictionary, errors: &errors)
            guard errors.isEmpty else { throw AppError.validation(errors) }
            let (entries, total) = try await fetch(filter)
            return try JSONResponse.make(Page(items: entries, page: filter.page.page, perPage: filter.page.perPage, total: total))
        }
    }

    func fetch(_ filter: Filter) async throws -> ([AuditEntryRecord], Int) {
        let db = services.database.db
        let total = try await filter.apply(to: AuditEntryModel.query(on: db)).count()
        let rows = try await filter.apply(to: AuditEntryModel.query(on: db)).sort(\.$id, .descending)
            .offset(filter.page.offset).limit(filter.page.perPage).all()
        return (rows.map(AuditEntryRecord.init), total)
    }
}

/// `/audit`: a page of the audit log, newest first, with the filters as typed.
struct AuditPage: PageModel {
    let entries: [Entry]
    let hasEntries: Bool
    let total: Int
    let page: Int
    let totalPages: Int
    // The filters as typed, named apart from the entries' own fields (a row is looked up first).
    let f_actor: String
    let f_action: String
    let f_entityType: String
    let f_entityId: String
    let f_from: String
    let f_to: String
    let exportHref: String
    let prevHref: String?
    let nextHref: String?
    let errors: ErrorSummary

    /// One entry; `old` and `new` are nil when the change has no value on that side.
    struct Entry: Encodable, Sendable {
        let seq: Int
        let at: String
        let actor: String
        let action: String
        let entityType: String
        let entityId: String
        let old: String?
        let new: String?
        let requestId: String
    }
}
