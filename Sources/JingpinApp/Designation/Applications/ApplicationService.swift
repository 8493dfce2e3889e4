import FluentKit
import Foundation
import JingpinCore
import SQLKit

/// Applications for designation: the enterprise prepares and submits one per product and round;
/// the county, the city and the province each take their steps, within their region. Every
/// step is recorded (who, when, from, to, why) and audited.
struct ApplicationService {
    let database: DatabaseService
    let rules: RuleBook
    let regions: RegionDirectory
    /// The clock; tests pass their own.
    var now: @Sendable () -> Date = { Date() }

    /// An application as the API shows it.
    struct View: Codable, Sendable {
        let id: UUID
        let roundId: UUID
        let roundSeriesId: UUID
        let enterpriseId: UUID
        let productId: UUID
        let countyCode: String
        let cityCode: String
        let category: String
        let status: String
        let statusName: String
        let productSalesFen: Int64?
        let launchDate: String?
        let declaresTruthful: Bool
        let declaresNoVeto: Bool
        let createdAt: Date
        let updatedAt: Date
        let submittedAt: Date?
        var events: [Event]?
    }

    /// One step taken.
    struct Event: Codable, Sendable {
        let step: String
        let from: String
        let to: String
        let actor: String
        let reason: String?
        let at: Date
    }

    /// An eligibility check as the API shows it.
    struct EligibilityView: Codable, Sendable {
        let eligible: Bool
        let checks: [Check]
        let parameters: [EvaluationTrace.ParameterUse]

        struct Check: Codable, Sendable {
            let rule: String
            let passed: Bool
            let message: String
        }
    }

    // MARK: Writes

    /// Starts a draft application for `productID` in round `roundID` (an open round whose
    /// application stage is open today, Asia/Shanghai).
    func create(roundID: UUID, productID: UUID, fields: ApplicationFields, identity: Identity, requestID: String) async throws -> View {
        let (round, configuration) = try await openRound(roundID)
        guard configuration.accepts(.application, at: now()) else { throw AppError.conflict(Self.stageClosed(configuration)) }
        guard let product = try await ProductModel.find(productID, on: database.db),
              let enterprise = try await EnterpriseModel.find(product.enterpriseID, on: database.db) else {
            throw AppError.validation([FieldError(field: "productId", code: "not_found", "applications.error.not_found")])
        }
        let county = try RegionCode(enterprise.regionCode)
        guard Permission.decide(identity.principal, .editApplication, on: .enterprise(id: enterprise.id!, county: county)) == .allow else {
            throw AppError.validation([FieldError(field: "productId", code: "not_found", "applications.error.not_found")])
        }
        guard let category = ProductCategory(rawValue: product.category), configuration.categories.contains(category) else {
            throw AppError.validation([FieldError(field: "productId", code: "category_not_in_round", "applications.error.category_not_in_round")])
        }
        if try await ApplicationModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).filter(\.$productID == productID).first() != nil {
            throw AppError.conflict(Message("applications.conflict.duplicate"))
        }
        let m = ApplicationModel()
        let id = UUID()
        m.id = id
        m.roundID = round.id!
        m.roundSeriesID = round.seriesID
        m.enterpriseID = enterprise.id!
        m.productID = productID
        m.countyCode = enterprise.regionCode
        m.cityCode = enterprise.cityCode
        m.category = category.rawValue
        m.status = ApplicationStatus.draft.rawValue
        m.createdBy = identity.actor.stored
        m.createdAt = now()
        m.updatedAt = m.createdAt
        Self.fill(m, fields)
        try await database.db.transaction { tx in
            try await m.create(on: tx)
            try await ApplicationEvidence.prefill(applicationID: id, enterpriseID: enterprise.id!,
                                                  codes: ApplicationEvidence.dataIndicators(configuration.scorecard).map(\.code),
                                                  year: ApplicationEvidence.dataYear(configuration), at: m.createdAt, tx)
            try await AuditLog.append(AuditRecord(actor: identity.actor, action: "application.create", entityType: "designation_application",
                                                  entityID: id.uuidString, new: Self.snapshot(m), requestID: requestID), on: tx)
        }
        return Self.view(m)
    }

    /// Replaces what the enterprise filled in; only while the application is a draft or returned.
    func update(_ id: UUID, fields: ApplicationFields, identity: Identity, requestID: String) async throws -> View {
        let m = try await find(id, identity, .viewApplication)
        try check(identity, .editApplication, m)
        guard [.draft, .returned].contains(ApplicationStatus(rawValue: m.status)) else {
            throw AppError.conflict(Message("applications.conflict.not_editable", "\(m.status)"))
        }
        let old = Self.snapshot(m)
        let status = m.status
        Self.fill(m, fields)
        m.updatedAt = now()
        try await database.db.transaction { tx in
            // A submission that committed since `m` was read wins: the application is no longer editable.
            try await RowLock.lock(ApplicationModel.schema, where: "id", equals: id, on: tx)
            guard try await ApplicationModel.find(id, on: tx)?.status == status else {
                throw AppError.conflict(Message("applications.conflict.changed"))
            }
            try await m.update(on: tx)
            try await AuditLog.append(AuditRecord(actor: identity.actor, action: "application.update", entityType: "designation_application",
                                                  entityID: id.uuidString, old: old, new: Self.snapshot(m), requestID: requestID), on: tx)
        }
        return Self.view(m)
    }

    /// Takes `step` on the application, as `identity`: the workflow's table decides whether the
    /// role may and the status allows it; submitting also needs the stage open, the declarations
    /// made and every eligibility rule passed.
    func take(_ step: ApplicationStep, on id: UUID, reason: String?, identity: Identity, requestID: String) async throws -> View {
        let m = try await find(id, identity, .viewApplication)
        try check(identity, step.role == .enterpriseUser ? .editApplication : .reviewApplication, m)
        // Refused early (before the checks below do their reading) if the step cannot start here;
        // `record` asks the table again under the row lock.
        _ = try Self.apply(step, to: m.status, by: identity.role, reason: reason)
        if step == .submit { try await checkSubmission(m) }
        let configuration = step == .cityRecommend ? try await configuration(of: m) : nil
        let at = now()
        try await database.db.transaction { tx in
            // Two steps on one application at once (or two recommendations against one city's
            // quota): the second waits for the first's rows, then finds the status it checked gone.
            if step == .cityRecommend { try await RowLock.lock(RoundModel.schema, where: "series_id", equals: m.roundSeriesID, on: tx) }
            try await RowLock.lock(ApplicationModel.schema, where: "id", equals: id, on: tx)
            guard let current = try await ApplicationModel.find(id, on: tx) else { throw AppError.notFound }
            if let configuration {
                current.cityRank = try await CityRecommendationService.rankForSingleRecommendation(current, configuration: configuration, on: tx)
            }
            try await Self.record(step, on: current, by: identity.role, reason: reason, actor: identity.actor, at: at, requestID: requestID, tx)
        }
        return try await get(id, identity: identity)
    }

    /// The status `step` leads to from `stored`, taken by `role` with `reason`, as the workflow's
    /// table says — or the refusal as an answer: a wrong role 403, a missing reason 422, a step
    /// that does not start from this status 409.
    static func apply(_ step: ApplicationStep, to stored: String, by role: Role, reason: String?) throws -> ApplicationStatus {
        guard let status = ApplicationStatus(rawValue: stored) else { throw AppError.wrongStatus(step: step.rawValue, status: stored) }
        do {
            return try ApplicationWorkflow.apply(step, to: status, by: role, reason: reason)
        } catch .wrongRole {
            throw AppError.forbidden
        } catch .reasonRequired {
            throw AppError.validation([FieldError(field: "reason", code: "required", message: ApplicationWorkflow.Refusal.reasonRequired(step).message)])
        } catch .notFrom {
            throw AppError.wrongStatus(step: step.rawValue, status: stored)
        }
    }

    /// Takes `step` on `m` inside transaction `tx`, by `role`: the workflow's table gives the next
    /// status from `m`'s (read under the caller's lock), or refuses; then the status, the event row
    /// (who, when, from, to, why) and the audit entry, together. Every write of an application's
    /// status goes through here, single or batch.
    static func record(_ step: ApplicationStep, on m: ApplicationModel, by role: Role, reason: String?, actor: AuditActor,
                       at: Date, requestID: String, _ tx: any Database) async throws {
        let from = m.status
        let next = try apply(step, to: from, by: role, reason: reason)
        let event = ApplicationEventModel()
        event.id = UUID()
        event.applicationID = m.id!
        event.step = step.rawValue
        event.fromStatus = from
        event.toStatus = next.rawValue
        event.actor = actor.stored
        event.reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        event.at = at
        m.status = next.rawValue
        m.updatedAt = at
        if step == .submit { m.submittedAt = at }
        try await m.update(on: tx)
        try await event.create(on: tx)
        var new = ["status": next.rawValue]
        if let r = event.reason { new["reason"] = r }
        try await AuditLog.append(AuditRecord(actor: actor, action: "application.\(step.rawValue)", entityType: "designation_application",
                                              entityID: m.id!.uuidString, old: ["status": from], new: new, requestID: requestID), on: tx)
    }

    // MARK: Reads

    /// The application with its history.
    func get(_ id: UUID, identity: Identity) async throws -> View {
        let m = try await find(id, identity, .viewApplication)
        var view = Self.view(m)
        view.events = try await ApplicationEventModel.query(on: database.db).filter(\.$applicationID == id).sort(\.$at).all().map {
            Event(step: $0.step, from: $0.fromStatus, to: $0.toStatus, actor: $0.actor, reason: $0.reason, at: $0.at)
        }
        return view
    }

    /// The applications of a round (all its versions) that `identity` may see: the province all,
    /// a city or county its own region's, an enterprise its own.
    func list(roundID: UUID, identity: Identity, status: String?) async throws -> [View] {
        guard let round = try await RoundModel.find(roundID, on: database.db) else { throw AppError.notFound }
        guard let scoped = Self.scoped(ApplicationModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID), identity) else { return [] }
        var query = scoped
        if let status { query = query.filter(\.$status == status) }
        return try await query.sort(\.$createdAt).all().map(Self.view)
    }

    /// `query` narrowed to what `identity` may see — the same visibility as enterprise lists
    /// (`EnterpriseVisibility`, the permission function's query twin): the province all, a city or
    /// county its own region's, an enterprise its own; nil for anyone else (experts see
    /// assignments, not lists).
    static func scoped(_ query: QueryBuilder<ApplicationModel>, _ identity: Identity) -> QueryBuilder<ApplicationModel>? {
        switch EnterpriseVisibility.of(identity.principal) {
        case .all: return query
        case .city(let code): return query.filter(\.$cityCode == code.value)
        case .county(let code): return query.filter(\.$countyCode == code.value)
        case .enterprise(let own): return query.filter(\.$enterpriseID == own)
        case .nothing: return nil
        }
    }

    /// The eligibility check for the application as it stands, in `language`.
    func eligibility(_ id: UUID, identity: Identity, language: Language) async throws -> EligibilityView {
        let m = try await find(id, identity, .viewApplication)
        let result = try await evaluate(m)
        return EligibilityView(eligible: result.isEligible,
                               checks: result.checks.map { .init(rule: $0.rule, passed: $0.passed, message: $0.message(language)) },
                               parameters: result.parameters)
    }

    // MARK: Helpers

    private func evaluate(_ m: ApplicationModel) async throws -> EligibilityResult {
        let (_, configuration) = try await currentRound(m.roundSeriesID)
        guard let ruleSet = rules.ruleSet(configuration.eligibilityRuleSet), let category = ProductCategory(rawValue: m.category) else {
            throw AppError.conflict(Message("applications.conflict.rule_set_missing", "\(configuration.eligibilityRuleSet)"))
        }
        let today = LocalDate(instant: now(), timeZone: .shanghai)
        let years = (today.year - 5)...(today.year - 1)
        let rows = try await database.sql.raw("""
            SELECT year, indicator, value FROM filing_values
            WHERE enterprise_id = \(bind: m.enterpriseID) AND indicator IN ('rd_spending', 'main_business_revenue')
              AND year BETWEEN \(bind: years.lowerBound) AND \(bind: years.upperBound)
            """).all()
        var rd: [Int: Int64] = [:]
        var revenue: [Int: Int64] = [:]
        for r in rows {
            let year = try r.decode(column: "year", as: Int.self)
            let value = try r.decode(column: "value", as: Int64.self)
            if try r.decode(column: "indicator", as: String.self) == "rd_spending" { rd[year] = value } else { revenue[year] = value }
        }
        let mountain = (try? RegionCode(m.countyCode)).flatMap { regions.region($0) }?.isMountain26 ?? false
        let applicant = DesignationApplicant(category: category, isMountainCounty: mountain, productSalesFen: m.productSalesFen,
                                             rdSpendingFen: rd, mainBusinessRevenueFen: revenue,
                                             launchDate: m.launchDate.flatMap { try? LocalDate($0) })
        do {
            return try DesignationEligibility.evaluate(applicant, ruleSet: ruleSet, on: today)
        } catch {
            throw AppError.conflict(error.message)
        }
    }

    private func checkSubmission(_ m: ApplicationModel) async throws {
        let (_, configuration) = try await currentRound(m.roundSeriesID)
        guard configuration.accepts(.application, at: now()) else { throw AppError.conflict(Self.stageClosed(configuration)) }
        var errors: [FieldError] = []
        if !m.declaresTruthful {
            errors.append(FieldError(field: "declaresTruthful", code: "declaration_required", "applications.error.declaration_required.2"))
        }
        if !m.declaresNoVeto {
            errors.append(FieldError(field: "declaresNoVeto", code: "declaration_required", "applications.error.declaration_required"))
        }
        for failure in try await evaluate(m).failures {
            errors.append(FieldError(field: "eligibility/\(failure.rule)", code: "not_eligible", message: .bilingual(zh: failure.zh, en: failure.en)))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
    }

    /// The open version of a round series: its configuration is the one in force (an opened
    /// new version replaces the dates and rules an application started under).
    private func currentRound(_ seriesID: UUID) async throws -> (RoundModel, RoundConfiguration) {
        guard let round = try await RoundConfigurations.openVersion(of: seriesID, on: database.db) else {
            throw AppError.conflict(Message("rounds.conflict.not_open"))
        }
        return (round, try RoundConfigurations.configuration(round, rules))
    }

    private func openRound(_ id: UUID) async throws -> (RoundModel, RoundConfiguration) {
        guard let round = try await RoundModel.find(id, on: database.db), round.status == .open else { throw AppError.notFound }
        return (round, try RoundConfigurations.configuration(round, rules))
    }

    /// The application, if `identity` may do `action` on it; 404 otherwise (its existence is not revealed).
    func find(_ id: UUID, _ identity: Identity, _ action: Action) async throws -> ApplicationModel {
        guard let m = try await ApplicationModel.find(id, on: database.db) else { throw AppError.notFound }
        guard let county = try? RegionCode(m.countyCode),
              Permission.decide(identity.principal, action, on: .enterprise(id: m.enterpriseID, county: county)) == .allow else {
            throw AppError.notFound
        }
        return m
    }

    /// 403 when the role never may, 404 outside the scope.
    func check(_ identity: Identity, _ action: Action, _ m: ApplicationModel) throws {
        let county = try RegionCode(m.countyCode)
        switch Permission.decide(identity.principal, action, on: .enterprise(id: m.enterpriseID, county: county)) {
        case .allow: return
        case .deny(.role): throw AppError.forbidden
        case .deny(.scope): throw AppError.notFound
        }
    }

    /// The configuration in force for `m`: its round's open version, or — once the round has
    /// moved on — the version it applied to.
    func configuration(of m: ApplicationModel) async throws -> RoundConfiguration {
        let open = try await RoundConfigurations.openVersion(of: m.roundSeriesID, on: database.db)
        let round: RoundModel? = if let open { open } else { try await RoundModel.find(m.roundID, on: database.db) }
        guard let round else { throw AppError.notFound }
        return try RoundConfigurations.configuration(round, rules)
    }

    static func stageClosed(_ c: RoundConfiguration) -> Message {
        guard let s = c.stage(.application) else { return Message("applications.conflict.no_stage") }
        return Message("applications.conflict.stage_closed", "\(s.opens)", "\(s.deadline)")
    }

    private static func fill(_ m: ApplicationModel, _ f: ApplicationFields) {
        m.productSalesFen = f.productSalesFen
        m.launchDate = f.launchDate?.description
        m.declaresTruthful = f.declaresTruthful
        m.declaresNoVeto = f.declaresNoVeto
    }

    private static func snapshot(_ m: ApplicationModel) -> [String: String] {
        ["status": m.status, "productId": m.productID.uuidString, "productSalesFen": m.productSalesFen.map(String.init) ?? "",
         "launchDate": m.launchDate ?? "", "declaresTruthful": "\(m.declaresTruthful)", "declaresNoVeto": "\(m.declaresNoVeto)"]
    }

    static func view(_ m: ApplicationModel) -> View {
        let status = ApplicationStatus(rawValue: m.status)
        return View(id: m.id!, roundId: m.roundID, roundSeriesId: m.roundSeriesID, enterpriseId: m.enterpriseID, productId: m.productID,
                    countyCode: m.countyCode, cityCode: m.cityCode, category: m.category, status: m.status,
                    statusName: status?.name(.zhHans) ?? m.status, productSalesFen: m.productSalesFen, launchDate: m.launchDate,
                    declaresTruthful: m.declaresTruthful, declaresNoVeto: m.declaresNoVeto, createdAt: m.createdAt, updatedAt: m.updatedAt,
                    submittedAt: m.submittedAt, events: nil)
    }
}

extension String {
    /// nil for an empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
