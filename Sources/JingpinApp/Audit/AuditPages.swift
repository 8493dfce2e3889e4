import FluentKit
import Foundation
import Hummingbird
import JingpinCore

/// The audit log for the province admin: filter, page and export as CSV (the JSON side is `AuditAPI`).
struct AuditPages {
    typealias Filter = AuditAPI.Filter
    let services: AppServices
    var views: Views { services.views }
    var api: AuditAPI { AuditAPI(services: services) }

    func register(_ routes: RouteTable) {
        routes.add(.get, "/audit", .permission(.viewAudit), auditPage)
        routes.add(.get, "/audit.csv", .permission(.viewAudit), exportCSV)
    }

    /// A page of the audit log, newest first, with the filters.
    @Sendable func auditPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        var errors: [FieldError] = []
        let q = request.queryDictionary
        let filter = Filter.parse(q, errors: &errors)
        let (entries, total) = try await api.fetch(errors.isEmpty ? filter : Filter())
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

    /// The filtered audit log as CSV, every entry with its hash.
    @Sendable func exportCSV(_ request: Request, _ context: AppRequestContext) async throws -> Response {
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
