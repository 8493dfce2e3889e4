import FluentKit
import Foundation
import JingpinCore

/// The programme's targets and how far they are met (`TargetProgress`): live designations counted
/// against each, and a projection from the pipeline — the applications still in running rounds —
/// at the conversion rate of the rounds already decided, split by sector or city where the
/// target is.
struct TargetService {
    let database: DatabaseService
    let regions: RegionDirectory

    /// A target with its progress.
    struct View: Codable, Sendable {
        let id: UUID
        let label: String
        let count: Int
        let deadline: String
        let sector: String?
        let cityCode: String?
        let achieved: Int
        let projected: Int
        let pipeline: Int
        /// designated / decided in past rounds, as "12 / 40"; nil with no history.
        let conversion: String?
        let met: Bool
        let onTrack: Bool
    }

    /// What counts toward targets: every designation with its product's sector and its enterprise's city.
    func designations() async throws -> [TargetProgress.Designated] {
        let rows = try await DesignationModel.query(on: database.db).all()
        let products = Dictionary(uniqueKeysWithValues: try await ProductModel.query(on: database.db).filter(\.$id ~~ rows.map(\.productID)).all().map { ($0.id!, $0) })
        let enterprises = Dictionary(uniqueKeysWithValues: try await EnterpriseModel.query(on: database.db).filter(\.$id ~~ rows.map(\.enterpriseID)).all().map { ($0.id!, $0) })
        return rows.compactMap { d in
            guard let p = products[d.productID], let e = enterprises[d.enterpriseID], let city = try? RegionCode(e.cityCode) else { return nil }
            return TargetProgress.Designated(status: DesignationStatus(rawValue: d.status ?? "") ?? .designated,
                                             sector: Sector(rawValue: p.sector) ?? .manufacturing, city: city)
        }
    }

    /// The statuses of an application still on its way in a running round.
    static let pipelineStatuses: [ApplicationStatus] = [.submitted, .returned, .countyPassed, .cityRecommended, .formalPassed, .inExpertReview, .proposed]

    /// Every target with its progress, soonest deadline first.
    func list(language l: Language) async throws -> [View] {
        let designated = try await designations()
        let applications = try await ApplicationModel.query(on: database.db).all()
        // A round is decided once any of its applications was designated or not designated.
        let decidedSeries = Set(applications.filter { [.designated, .notDesignated].contains(ApplicationStatus(rawValue: $0.status)) }.map(\.roundSeriesID))
        return try await ProgrammeTargetModel.query(on: database.db).sort(\.$deadline).all().map { t in
            let sector = t.sector.flatMap(Sector.init(rawValue:))
            let city = t.cityCode.flatMap { try? RegionCode($0) }
            let inScope = applications.filter { a in
                (sector.map { ProductCategory(rawValue: a.category)?.sector == $0 } ?? true) && (city.map { $0.value == a.cityCode } ?? true)
            }
            let pipeline = inScope.count { !decidedSeries.contains($0.roundSeriesID) && ApplicationStatus(rawValue: $0.status).map(Self.pipelineStatuses.contains) == true }
            let past = inScope.filter { decidedSeries.contains($0.roundSeriesID) && ![ApplicationStatus.draft.rawValue, ApplicationStatus.withdrawn.rawValue].contains($0.status) }
            let history = TargetProgress.History(decided: past.count, designated: past.count { $0.status == ApplicationStatus.designated.rawValue })
            let target = ProgrammeTarget(count: t.count, deadline: (try? LocalDate(t.deadline)) ?? LocalDate.today(), sector: sector, city: city)
            let progress = TargetProgress(target, designations: designated, pipeline: pipeline, history: history)
            return View(id: t.id!, label: l.pick(zh: t.labelZh, en: t.labelEn), count: t.count, deadline: t.deadline, sector: t.sector, cityCode: t.cityCode,
                        achieved: progress.achieved, projected: progress.projected, pipeline: pipeline,
                        conversion: history.decided > 0 ? "\(history.designated) / \(history.decided)" : nil, met: progress.met, onTrack: progress.onTrack)
        }
    }

    /// What a new target needs, as typed.
    struct Input: Sendable {
        var labelZh: String
        var labelEn: String
        var count: String
        var deadline: String
        var sector: String
        var city: String
    }

    /// Records a target; 422 naming each bad field, storing nothing.
    func create(_ input: Input, actor: AuditActor, requestID: String) async throws -> UUID {
        var errors: [FieldError] = []
        if input.labelZh.trimmingCharacters(in: .whitespaces).isEmpty || input.labelEn.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(FieldError(field: "labelZh", code: "required", "targets.error.required"))
        }
        let count = try? InputBounds.parse(input.count, in: InputBounds.count).get()
        if count == nil || count! < 1 {
            errors.append(FieldError(field: "count", code: "not_positive", "targets.error.not_positive"))
        }
        let deadline = try? LocalDate(input.deadline.trimmingCharacters(in: .whitespaces))
        if deadline == nil { errors.append(FieldError(field: "deadline", code: "invalid_date", "targets.error.invalid_date")) }
        let sector = input.sector.isEmpty ? nil : Sector(rawValue: input.sector)
        if !input.sector.isEmpty, sector == nil { errors.append(FieldError(field: "sector", code: "unknown_sector", "targets.error.unknown_sector")) }
        let city = input.city.isEmpty ? nil : (try? RegionCode(input.city)).flatMap { $0.level == .city ? $0 : nil }
        if !input.city.isEmpty, city == nil { errors.append(FieldError(field: "city", code: "not_a_city", "targets.error.not_a_city")) }
        guard errors.isEmpty, let count, let deadline else { throw AppError.validation(errors) }
        let t = ProgrammeTargetModel()
        let id = UUID()
        t.id = id
        t.labelZh = input.labelZh.trimmingCharacters(in: .whitespaces)
        t.labelEn = input.labelEn.trimmingCharacters(in: .whitespaces)
        t.count = count
        t.deadline = deadline.description
        t.sector = sector?.rawValue
        t.cityCode = city?.value
        t.createdBy = actor.stored
        t.createdAt = Date()
        try await database.db.transaction { tx in
            try await t.create(on: tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "target.create", entityType: "programme_target", entityID: id.uuidString,
                                                  new: ["count": "\(count)", "deadline": deadline.description, "sector": sector?.rawValue ?? "",
                                                        "city": city?.value ?? ""], requestID: requestID), on: tx)
        }
        return id
    }
}
