import FluentKit
import Foundation
import JingpinCore

/// Reports of suspected fakes (举报疑似假冒) from the public: the code seen, where the product was
/// bought, what was wrong, and optional contact details that only the province sees. Officers
/// close each with an outcome. Filing is audited without the contacts.
struct CounterfeitReportService {
    let database: DatabaseService
    var now: @Sendable () -> Date = { Date() }

    /// A report as the province sees it (with contacts).
    struct View: Codable, Sendable {
        let id: UUID
        let code: String
        let designationId: UUID?
        let whereBought: String
        let description: String
        let contactName: String?
        let contactPhone: String?
        let status: CounterfeitReportStatus
        let outcome: String?
        let filedAt: Date
    }

    /// What the public form sends.
    struct Input: Sendable {
        var code: String
        var whereBought: String
        var description: String
        var contactName: String
        var contactPhone: String
    }

    /// Files a report; 422 naming each missing or malformed field, storing nothing.
    func file(_ input: Input, requestID: String) async throws -> UUID {
        var errors: [FieldError] = []
        let whereBought = input.whereBought.trimmingCharacters(in: .whitespacesAndNewlines)
        let description = input.description.trimmingCharacters(in: .whitespacesAndNewlines)
        let phone = input.contactPhone.trimmingCharacters(in: .whitespaces)
        if whereBought.isEmpty || whereBought.count > 200 {
            errors.append(FieldError(field: "whereBought", code: "required", "registry.error.required.4"))
        }
        if description.isEmpty || description.count > 2000 {
            errors.append(FieldError(field: "description", code: "required", "registry.error.required.3"))
        }
        if !phone.isEmpty, !(5...20).contains(phone.count) || !phone.allSatisfy({ $0.isNumber || "+- ".contains($0) }) {
            errors.append(FieldError(field: "contactPhone", code: "invalid_phone", "registry.error.invalid_phone"))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let designation: UUID? = if let code = VerificationCode(input.code) {
            try await DesignationModel.query(on: database.db).filter(\.$verificationCode == code.value).first()?.id
        } else { nil }
        let m = CounterfeitReportModel()
        let id = UUID()
        m.id = id
        m.codeText = String(input.code.prefix(40))
        m.designationID = designation
        m.whereBought = whereBought
        m.description = description
        m.contactName = input.contactName.trimmingCharacters(in: .whitespaces).nilIfEmpty.map { String($0.prefix(50)) }
        m.contactPhone = phone.nilIfEmpty
        m.status = .open
        m.filedAt = now()
        try await database.db.transaction { tx in
            try await m.create(on: tx)
            // The contacts stay out of the audit log, which more people read than the reports.
            try await AuditLog.append(AuditRecord(actor: .system("public"), action: "fake_report.file", entityType: "fake_report", entityID: id.uuidString,
                                                  new: ["code": m.codeText, "designation": designation?.uuidString ?? ""], requestID: requestID), on: tx)
        }
        return id
    }

    /// The reports, newest first; `status` filters to open or closed.
    func list(status: CounterfeitReportStatus?) async throws -> [View] {
        var query = CounterfeitReportModel.query(on: database.db)
        if let status { query = query.filter(\.$status == status) }
        return try await query.sort(\.$filedAt, .descending).all().map(Self.view)
    }

    /// Closes report `id` with `outcome`.
    func close(_ id: UUID, outcome: String, identity: Identity, requestID: String) async throws -> View {
        let actor = identity.actor
        let text = outcome.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let m = try await CounterfeitReportModel.find(id, on: database.db) else { throw AppError.notFound }
        do {
            m.status = try Workflow.take(CounterfeitReportStep.close, from: m.status, by: Workflow.actor(identity), reason: text, reasonField: "outcome")
        } catch AppError.validation {
            throw AppError.validation([FieldError(field: "outcome", code: "required", "registry.error.required.2")])
        }
        m.outcome = text
        m.closedBy = actor.stored
        m.closedAt = now()
        try await database.db.transaction { tx in
            try await m.update(on: tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "fake_report.close", entityType: "fake_report", entityID: id.uuidString,
                                                  old: ["status": "open"], new: ["status": "closed", "outcome": text], requestID: requestID), on: tx)
        }
        return Self.view(m)
    }

    static func view(_ m: CounterfeitReportModel) -> View {
        View(id: m.id!, code: m.codeText, designationId: m.designationID, whereBought: m.whereBought, description: m.description,
             contactName: m.contactName, contactPhone: m.contactPhone, status: m.status, outcome: m.outcome, filedAt: m.filedAt)
    }
}
