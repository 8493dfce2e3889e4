import FluentKit
import Foundation
import JingpinCore
import SQLKit

/// Designated products after the decision: each gets a certificate number, a verification code
/// and a validity period when it is designated (`issue`); its lifecycle moves by the domain's
/// transition table (`DesignationLifecycle`), each step recorded (who, when, from, to, why) and
/// audited; a scan of its code answers authentic, suspended, revoked, expired or not found; and
/// a daily tick expires what has run out.
struct RegistryService {
    let database: DatabaseService
    let rules: RuleBook
    /// The clock; tests pass their own.
    var now: @Sendable () -> Date = { Date() }

    /// A designation as officials see it.
    struct View: Codable, Sendable {
        let id: UUID
        let applicationId: UUID
        let enterpriseId: UUID
        let productId: UUID
        let year: Int
        let certificateNumber: String
        let verificationCode: String
        let designatedOn: String
        let validUntil: String
        let status: String
        let statusName: String
        let statusReason: String?
        let suspendedUntil: String?
        var events: [Event]?
    }

    /// One lifecycle step taken.
    struct Event: Codable, Sendable {
        let event: String
        let from: String
        let to: String
        let actor: String
        let reason: String?
        let until: String?
        let at: Date
    }

    /// What a scan of a code answers; never a confidential field.
    struct VerificationView: Codable, Sendable {
        let outcome: String
        let outcomeName: String
        let code: String
        let certificateNumber: String?
        let product: String?
        let enterprise: String?
        let designatedOn: String?
        let validUntil: String?
        /// The public reason, for a revoked designation only.
        let reason: String?
        /// The day a suspension ends, if set.
        let suspendedUntil: String?
    }

    // MARK: Issuing

    /// The terms in force on `day` from the round's eligibility rule set.
    func terms(ruleSet id: String, on day: LocalDate) throws -> DesignationTerms {
        guard let ruleSet = rules.ruleSet(id) else { throw AppError.conflict(Message("registry.conflict.rule_set_missing", "\(id)")) }
        do throws(RuleEvaluationError) {
            return try DesignationTerms.read(ruleSet, on: day)
        } catch {
            throw AppError.conflict(error.message)
        }
    }

    /// A new designation of application `a` on `day`, in `tx`: the next certificate number of
    /// the year (drawn from the database's sequence, so parallel decisions never share one), a fresh verification code (drawn again in the unlikely case it is taken), and
    /// validity by `terms`. Any earlier designation of the same product that is live or expired
    /// is renewed by it (`renew`, as the system), so the product has one current record.
    static func issue(_ a: ApplicationModel, seriesID: UUID, year: Int, on day: LocalDate, terms: DesignationTerms, at: Date,
                      _ tx: any Database) async throws -> DesignationModel {
        var rng = SystemRandomNumberGenerator()  // the system's cryptographic generator (getrandom on Linux)
        var code = VerificationCode.generate(using: &rng)
        while try await DesignationModel.query(on: tx).filter(\.$verificationCode == code.value).first() != nil {
            code = VerificationCode.generate(using: &rng)
        }
        let d = DesignationModel()
        d.id = UUID()
        d.applicationID = a.id!
        d.roundSeriesID = seriesID
        d.enterpriseID = a.enterpriseID
        d.productID = a.productID
        d.year = year
        d.designatedOn = day.description
        d.createdAt = at
        d.certificateNumber = CertificateNumber(year: year, serial: try await Sequences.next(Sequences.certificateName(year: year), on: tx)).description
        d.verificationCode = code.value
        d.validUntil = terms.validUntil(designatedOn: day).description
        d.status = DesignationStatus.designated.rawValue
        d.updatedAt = at
        try await d.create(on: tx)
        let renewable = DesignationLifecycle.rule(.renew).from.map(\.rawValue)
        for old in try await DesignationModel.query(on: tx).filter(\.$productID == a.productID).filter(\.$status ~~ renewable).all()
            where old.id != d.id {
            try await record(.renew, on: old, actor: .system("decision"), today: day, at: at, requestID: "renewal \(d.certificateNumber ?? "")", tx)
        }
        return d
    }

    // MARK: Lifecycle

    /// Applies `event` to designation `id`, caused by `actor` (`.user` for a province admin,
    /// `.system` for the scheduled job): refused with the domain's reason when the table does
    /// not allow it; otherwise the status, the event row and the audit entry change together.
    func apply(_ event: DesignationEvent, to id: UUID, actor: AuditActor, requestID: String) async throws -> View {
        guard let d = try await DesignationModel.find(id, on: database.db) else { throw AppError.notFound }
        let today = LocalDate(instant: now(), timeZone: .shanghai)
        try await database.db.transaction { tx in
            try await Self.record(event, on: d, actor: actor, today: today, at: now(), requestID: requestID, tx)
        }
        return try await get(id)
    }

    /// Moves `d` by `event` in `tx`, or throws the refusal as a 409 (a missing reason as a 422).
    static func record(_ event: DesignationEvent, on d: DesignationModel, actor: AuditActor, today: LocalDate, at: Date, requestID: String,
                       _ tx: any Database) async throws {
        let from = DesignationStatus(rawValue: d.status ?? "") ?? .designated
        let to: DesignationStatus
        do throws(DesignationLifecycle.Refusal) {
            to = try DesignationLifecycle.apply(event, to: from, by: actor.kind == "system" ? .system : .provinceAdmin, today: today)
        } catch .reasonRequired(let name) {
            throw AppError.validation([FieldError(field: "reason", code: "required", "registry.error.required.8", "\(name)")])
        } catch .untilNotAfter(let day) {
            throw AppError.validation([FieldError(field: "until", code: "not_after_today", "registry.error.not_after_today", "\(day)")])
        } catch let refusal {
            throw AppError.conflict(refusal.message)
        }
        let e = DesignationEventModel()
        e.id = UUID()
        e.designationID = d.id!
        e.event = event.name
        e.fromStatus = from.rawValue
        e.toStatus = to.rawValue
        e.actor = actor.stored
        e.reason = event.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if case .suspend(_, let until) = event { e.until = until?.description }
        e.at = at
        d.status = to.rawValue
        if let reason = e.reason { d.statusReason = reason }
        d.suspendedUntil = to == .suspended ? e.until : nil
        d.updatedAt = at
        try await d.update(on: tx)
        try await e.create(on: tx)
        var new = ["status": to.rawValue]
        if let r = e.reason { new["reason"] = r }
        if let u = e.until { new["until"] = u }
        try await AuditLog.append(AuditRecord(actor: actor, action: "designation.\(event.name)", entityType: "designation", entityID: d.id!.uuidString,
                                              old: ["status": from.rawValue], new: new, requestID: requestID), on: tx)
    }

    /// Expires every live designation whose last valid day is before `today`, as the system;
    /// returns how many. Run daily (`jingpin lifecycle tick`); running twice changes nothing more.
    func tick(today: LocalDate, requestID: String) async throws -> Int {
        let live = DesignationStatus.allCases.filter(\.isLive).map(\.rawValue)
        let due = try await DesignationModel.query(on: database.db).filter(\.$status ~~ live).all()
            .filter { ($0.validUntil ?? "9999-12-31") < today.description }
        guard !due.isEmpty else { return 0 }
        let at = now()
        try await database.db.transaction { tx in
            for d in due { try await Self.record(.expire, on: d, actor: .system("lifecycle"), today: today, at: at, requestID: requestID, tx) }
        }
        return due.count
    }

    // MARK: Reads

    /// A designation with its lifecycle history.
    func get(_ id: UUID) async throws -> View {
        guard let d = try await DesignationModel.find(id, on: database.db) else { throw AppError.notFound }
        var v = Self.view(d)
        v.events = try await DesignationEventModel.query(on: database.db).filter(\.$designationID == id).sort(\.$at).all().map {
            Event(event: $0.event, from: $0.fromStatus, to: $0.toStatus, actor: $0.actor, reason: $0.reason, until: $0.until, at: $0.at)
        }
        return v
    }

    /// Every designation, newest first.
    func list() async throws -> [View] {
        try await DesignationModel.query(on: database.db).sort(\.$year, .descending).sort(\.$certificateNumber).all().map(Self.view)
    }

    // MARK: The public registry

    /// One designated product as the public registry shows it: no contacts, scores or filings.
    struct PublicEntry: Codable, Sendable {
        let id: UUID
        let certificateNumber: String
        let product: String
        let category: String
        let enterprise: String
        let city: String
        let cityCode: String
        let sector: String
        let year: Int
        let status: String
        let statusName: String
        let validUntil: String
        /// The public reason of a revocation.
        let reason: String?
    }

    /// What the registry can be filtered by.
    struct PublicFilter: Sendable {
        var query = ""
        var city: String?
        var sector: Sector?
        var year: Int?
        /// nil: the live ones (designated, under review, suspended).
        var status: DesignationStatus?
    }

    /// The registry's entries matching `filter`, by year (newest first) then certificate number.
    func publicEntries(_ filter: PublicFilter, regions: RegionDirectory, language l: Language) async throws -> [PublicEntry] {
        var query = DesignationModel.query(on: database.db)
        if let status = filter.status { query = query.filter(\.$status == status.rawValue) } else {
            query = query.filter(\.$status ~~ DesignationStatus.allCases.filter(\.isLive).map(\.rawValue))
        }
        if let year = filter.year { query = query.filter(\.$year == year) }
        let rows = try await query.sort(\.$year, .descending).sort(\.$certificateNumber).all()
        let products = Dictionary(uniqueKeysWithValues: try await ProductModel.query(on: database.db).filter(\.$id ~~ rows.map(\.productID)).all().map { ($0.id!, $0) })
        let enterprises = Dictionary(uniqueKeysWithValues: try await EnterpriseModel.query(on: database.db).filter(\.$id ~~ rows.map(\.enterpriseID)).all().map { ($0.id!, $0) })
        return rows.compactMap { d -> PublicEntry? in
            guard let p = products[d.productID], let e = enterprises[d.enterpriseID] else { return nil }
            if let city = filter.city, e.cityCode != city { return nil }
            if let sector = filter.sector, p.sector != sector.rawValue { return nil }
            if !filter.query.isEmpty, !p.name.contains(filter.query), !e.name.contains(filter.query) { return nil }
            let status = DesignationStatus(rawValue: d.status ?? "") ?? .designated
            return PublicEntry(id: d.id!, certificateNumber: d.certificateNumber ?? "", product: p.name,
                               category: ProductCategory(rawValue: p.category)?.name(l) ?? p.category, enterprise: e.name,
                               city: (try? RegionCode(e.cityCode)).flatMap { regions.region($0) }?.name(l) ?? e.cityCode, cityCode: e.cityCode,
                               sector: Sector(rawValue: p.sector)?.name(l) ?? p.sector, year: d.year, status: status.rawValue, statusName: status.name(l),
                               validUntil: d.validUntil ?? "", reason: status == .revoked ? d.statusReason : nil)
        }
    }

    /// One registry entry with its verification code (printed on the certificate and the label).
    func publicEntry(_ id: UUID, regions: RegionDirectory, language l: Language) async throws -> (PublicEntry, VerificationCode, String) {
        guard let d = try await DesignationModel.find(id, on: database.db), let code = d.verificationCode.flatMap(VerificationCode.init) else {
            throw AppError.notFound
        }
        var filter = PublicFilter()
        filter.status = DesignationStatus(rawValue: d.status ?? "")
        filter.year = d.year
        guard let entry = try await publicEntries(filter, regions: regions, language: l).first(where: { $0.id == id }) else { throw AppError.notFound }
        return (entry, code, d.designatedOn)
    }

    static func view(_ d: DesignationModel) -> View {
        let status = DesignationStatus(rawValue: d.status ?? "") ?? .designated
        return View(id: d.id!, applicationId: d.applicationID, enterpriseId: d.enterpriseID, productId: d.productID, year: d.year,
                    certificateNumber: d.certificateNumber ?? "", verificationCode: d.verificationCode.flatMap(VerificationCode.init)?.description ?? "",
                    designatedOn: d.designatedOn, validUntil: d.validUntil ?? "", status: status.rawValue, statusName: status.name(.zhHans),
                    statusReason: d.statusReason, suspendedUntil: d.suspendedUntil, events: nil)
    }
}
