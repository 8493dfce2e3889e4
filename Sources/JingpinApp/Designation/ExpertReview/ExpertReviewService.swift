import FluentKit
import Foundation
import JingpinCore

/// The expert registry and review assignments: the province registers experts (home city,
/// sectors, load cap, affiliations) and assigns them to applications, one at a time or in bulk.
/// Every assignment is checked for conflicts of interest by the server; a conflict can only be
/// dismissed with a reason, which is audited. Experts see their assignments once published.
struct ExpertReviewService {
    let database: DatabaseService
    let regions: RegionDirectory
    let rules: RuleBook

    /// An expert as the province sees them.
    struct ExpertView: Codable, Sendable {
        let id: UUID
        let userId: UUID
        let name: String
        let homeCityCode: String
        let sectors: [String]
        let loadCap: Int
        let affiliations: [Conflict.Affiliation]
    }

    /// One requested assignment.
    struct Request: Sendable {
        let applicationID: UUID
        let expertID: UUID
        /// Given to assign despite a conflict the server finds.
        let dismissReason: String?
    }

    /// An assignment as the API shows it.
    struct AssignmentView: Codable, Sendable {
        let id: UUID
        let applicationId: UUID
        let expertId: UUID
        let published: Bool
        let dismissedConflicts: [String]
        let dismissalReason: String?
    }

    /// A conflict found by the round-wide check.
    struct ConflictView: Codable, Sendable {
        let assignmentId: UUID
        let applicationId: UUID
        let expertId: UUID
        let conflicts: [String]
        let dismissed: Bool
    }

    // MARK: Registry

    /// Registers the profile of expert user `userID`.
    func register(userID: UUID, name: String, homeCity: String, sectors: [String], loadCap: Int, affiliations: [(String, String)],
                  actor: AuditActor, requestID: String) async throws -> ExpertView {
        var errors: [FieldError] = []
        let user = try await UserModel.find(userID, on: database.db)
        if user?.role != Role.expert.rawValue {
            errors.append(FieldError(field: "userId", code: "not_an_expert", "expertReview.error.not_an_expert"))
        }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError(field: "name", code: "required", "expertReview.error.required.8")) }
        let city = try? RegionCode(homeCity)
        if city.flatMap({ regions.region($0) })?.level != .city {
            errors.append(FieldError(field: "homeCity", code: "invalid_city", "expertReview.error.invalid_city"))
        }
        for (i, s) in sectors.enumerated() where Sector(rawValue: s) == nil {
            errors.append(FieldError(field: "sectors/\(i)", code: "unknown_sector", "expertReview.error.unknown_sector", "\(s)"))
        }
        if sectors.isEmpty { errors.append(FieldError(field: "sectors", code: "required", "expertReview.error.required.7")) }
        if !(1...200).contains(loadCap) {
            errors.append(FieldError(field: "loadCap", code: "out_of_range", "expertReview.error.out_of_range.2"))
        }
        var ties: [Conflict.Affiliation] = []
        for (i, (code, kind)) in affiliations.enumerated() {
            guard (try? CreditCode(code)) != nil else {
                errors.append(FieldError(field: "affiliations/\(i)/creditCode", code: "invalid_credit_code", "expertReview.error.invalid_credit_code"))
                continue
            }
            guard let k = Conflict.Affiliation.Kind(rawValue: kind) else {
                errors.append(FieldError(field: "affiliations/\(i)/kind", code: "unknown_kind", "expertReview.error.unknown_kind"))
                continue
            }
            ties.append(.init(creditCode: code, kind: k))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        if try await ExpertModel.query(on: database.db).filter(\.$userID == userID).first() != nil {
            throw AppError.conflict(Message("experts.conflict.profile_exists"))
        }
        let m = ExpertModel()
        let id = UUID()
        m.id = id
        m.userID = userID
        m.name = name.trimmingCharacters(in: .whitespaces)
        m.homeCityCode = homeCity
        m.sectors = sectors.joined(separator: ",")
        m.loadCap = loadCap
        m.createdAt = Date()
        let affiliationsToStore = ties
        try await database.db.transaction { tx in
            try await m.create(on: tx)
            for t in affiliationsToStore {
                let a = ExpertAffiliationModel()
                a.expertID = id
                a.creditCode = t.creditCode
                a.kind = t.kind.rawValue
                try await a.create(on: tx)
            }
            try await AuditLog.append(AuditRecord(actor: actor, action: "expert.register", entityType: "expert", entityID: id.uuidString,
                                                  new: ["name": m.name, "homeCity": homeCity, "sectors": m.sectors, "loadCap": "\(loadCap)",
                                                        "affiliations": affiliationsToStore.map { "\($0.kind.rawValue):\($0.creditCode)" }.joined(separator: ",")],
                                                  requestID: requestID), on: tx)
        }
        return ExpertView(id: id, userId: userID, name: m.name, homeCityCode: homeCity, sectors: sectors, loadCap: loadCap, affiliations: ties)
    }

    /// Every registered expert.
    func experts() async throws -> [ExpertView] {
        let ties = Dictionary(grouping: try await ExpertAffiliationModel.query(on: database.db).all(), by: \.expertID)
        return try await ExpertModel.query(on: database.db).sort(\.$name).all().map { m in
            ExpertView(id: m.id!, userId: m.userID, name: m.name, homeCityCode: m.homeCityCode, sectors: m.sectors.split(separator: ",").map(String.init),
                       loadCap: m.loadCap, affiliations: (ties[m.id!] ?? []).compactMap { a in
                           Conflict.Affiliation.Kind(rawValue: a.kind).map { Conflict.Affiliation(creditCode: a.creditCode, kind: $0) }
                       })
        }
    }

    // MARK: Assignments

    /// Assigns experts to applications of round `roundID`, all or nothing: each pair is checked
    /// (the application is in the round and at the expert stage, the expert exists and has room
    /// under their load cap, no conflict unless dismissed with a reason); any problem refuses
    /// the whole batch, naming every bad item. An expert who declined the round's invitation is
    /// refused. `source` (e.g. `auto`) is recorded in the audit log beside each assignment.
    func assign(roundID: UUID, _ requests: [Request], source: String? = nil, actor: AuditActor, requestID: String) async throws -> [AssignmentView] {
        guard let round = try await RoundModel.find(roundID, on: database.db) else { throw AppError.notFound }
        let configuration = try RoundConfigurations.configuration(round, rules)
        let experts = Dictionary(uniqueKeysWithValues: try await experts().map { ($0.id, $0) })
        let existing = try await AssignmentModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).all()
        var load = Dictionary(grouping: existing, by: \.expertID).mapValues(\.count)
        let answers = try await InvitationService(database: database).statuses(roundSeriesID: round.seriesID)
        var errors: [FieldError] = []
        var accepted: [(Request, ApplicationModel, [Conflict.Reason])] = []
        var seen: Set<[UUID]> = []
        for (i, r) in requests.enumerated() {
            let at = "assignments/\(i)"
            guard let application = try await ApplicationModel.find(r.applicationID, on: database.db), application.roundSeriesID == round.seriesID else {
                errors.append(FieldError(field: "\(at)/applicationId", code: "not_found", "expertReview.error.not_found.2"))
                continue
            }
            guard [.formalPassed, .inExpertReview].contains(ApplicationStatus(rawValue: application.status)) else {
                errors.append(FieldError(field: "\(at)/applicationId", code: "not_in_expert_stage", "expertReview.error.not_in_expert_stage"))
                continue
            }
            guard let expert = experts[r.expertID] else {
                errors.append(FieldError(field: "\(at)/expertId", code: "not_found", "expertReview.error.not_found"))
                continue
            }
            if answers[r.expertID] == .declined {
                errors.append(FieldError(field: "\(at)/expertId", code: "declined", "expertReview.error.declined", "\(expert.name)"))
                continue
            }
            let alreadyAssigned = try await AssignmentModel.query(on: database.db).filter(\.$applicationID == r.applicationID)
                .filter(\.$expertID == r.expertID).first()
            if !seen.insert([r.applicationID, r.expertID]).inserted || alreadyAssigned != nil {
                errors.append(FieldError(field: at, code: "duplicate", "expertReview.error.duplicate"))
                continue
            }
            let used = load[r.expertID, default: 0]
            if used >= expert.loadCap {
                errors.append(FieldError(field: "\(at)/expertId", code: "load_cap", "expertReview.error.load_cap", "\(expert.loadCap)"))
                continue
            }
            load[r.expertID] = used + 1
            guard let applicant = try await EnterpriseModel.find(application.enterpriseID, on: database.db) else { throw AppError.notFound }
            let conflicts = Conflict.check(expertCity: expert.homeCityCode, affiliations: expert.affiliations, applicantCreditCode: applicant.creditCode,
                                           applicantCity: application.cityCode, sameCityConflicts: configuration.sameCityConflicts)
            let reason = r.dismissReason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if !conflicts.isEmpty && reason.isEmpty {
                errors.append(FieldError(field: at, code: "conflict", "expertReview.error.conflict", .list(conflicts.map { .key($0.key) })))
                continue
            }
            accepted.append((r, application, conflicts))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let toStore = accepted
        return try await database.db.transaction { tx in
            // Load caps and duplicates were checked against `existing`; another batch committed
            // since would make them stale, so the round's rows are locked and counted again.
            try await RowLock.lock(RoundModel.schema, where: "series_id", equals: round.seriesID, on: tx)
            guard try await AssignmentModel.query(on: tx).filter(\.$roundSeriesID == round.seriesID).count() == existing.count else {
                throw AppError.conflict(Message("experts.conflict.assignments_changed"))
            }
            var views: [AssignmentView] = []
            for (r, _, conflicts) in toStore {
                let m = AssignmentModel()
                let id = UUID()
                m.id = id
                m.roundSeriesID = round.seriesID
                m.applicationID = r.applicationID
                m.expertID = r.expertID
                m.published = false
                m.createdBy = actor.stored
                m.createdAt = Date()
                if !conflicts.isEmpty {
                    m.dismissedConflicts = conflicts.map(\.code).joined(separator: ",")
                    m.dismissalReason = r.dismissReason?.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                try await m.create(on: tx)
                var new = ["applicationId": r.applicationID.uuidString, "expertId": r.expertID.uuidString]
                if let source { new["source"] = source }
                if let codes = m.dismissedConflicts {
                    new["dismissedConflicts"] = codes
                    new["reason"] = m.dismissalReason ?? ""
                }
                try await AuditLog.append(AuditRecord(actor: actor, action: conflicts.isEmpty ? "assignment.create" : "assignment.conflict_dismissed",
                                                      entityType: "review_assignment", entityID: id.uuidString, new: new, requestID: requestID), on: tx)
                views.append(Self.view(m))
            }
            return views
        }
    }

    /// The round's assignments.
    func assignments(roundID: UUID) async throws -> [AssignmentView] {
        guard let round = try await RoundModel.find(roundID, on: database.db) else { throw AppError.notFound }
        return try await AssignmentModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).sort(\.$createdAt).all().map(Self.view)
    }

    /// Every conflict among the round's assignments, checked again now (affiliations change).
    func conflicts(roundID: UUID) async throws -> [ConflictView] {
        guard let round = try await RoundModel.find(roundID, on: database.db) else { throw AppError.notFound }
        let configuration = try RoundConfigurations.configuration(round, rules)
        let experts = Dictionary(uniqueKeysWithValues: try await experts().map { ($0.id, $0) })
        var out: [ConflictView] = []
        for a in try await AssignmentModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).all() {
            guard let expert = experts[a.expertID], let application = try await ApplicationModel.find(a.applicationID, on: database.db),
                  let applicant = try await EnterpriseModel.find(application.enterpriseID, on: database.db) else { continue }
            let found = Conflict.check(expertCity: expert.homeCityCode, affiliations: expert.affiliations, applicantCreditCode: applicant.creditCode,
                                       applicantCity: application.cityCode, sameCityConflicts: configuration.sameCityConflicts).map(\.code)
            guard !found.isEmpty else { continue }
            let dismissed = Set((a.dismissedConflicts ?? "").split(separator: ",").map(String.init))
            out.append(ConflictView(assignmentId: a.id!, applicationId: a.applicationID, expertId: a.expertID, conflicts: found, dismissed: Set(found).isSubset(of: dismissed)))
        }
        return out
    }

    /// Dismisses, with a reason, the conflicts the round-wide check now finds on assignment
    /// `assignmentID` (an affiliation recorded after the assignment was made). The assignment
    /// keeps every dismissed code and the reason; the audit log keeps the old ones.
    func dismissConflicts(roundID: UUID, assignmentID: UUID, reason: String?, actor: AuditActor, requestID: String) async throws -> AssignmentView {
        guard let round = try await RoundModel.find(roundID, on: database.db),
              let a = try await AssignmentModel.find(assignmentID, on: database.db), a.roundSeriesID == round.seriesID else { throw AppError.notFound }
        guard let found = try await conflicts(roundID: roundID).first(where: { $0.assignmentId == assignmentID }), !found.dismissed else {
            throw AppError.conflict(Message("experts.conflict.nothing_to_dismiss"))
        }
        let why = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !why.isEmpty else {
            throw AppError.validation([FieldError(field: "reason", code: "required", "expertReview.error.required.6")])
        }
        let old = ["dismissedConflicts": a.dismissedConflicts ?? "", "reason": a.dismissalReason ?? ""]
        let codes = Set((a.dismissedConflicts ?? "").split(separator: ",").map(String.init)).union(found.conflicts)
        a.dismissedConflicts = codes.sorted().joined(separator: ",")
        a.dismissalReason = why
        try await database.db.transaction { tx in
            try await a.update(on: tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "assignment.conflict_dismissed", entityType: "review_assignment",
                                                  entityID: assignmentID.uuidString, old: old,
                                                  new: ["dismissedConflicts": a.dismissedConflicts ?? "", "reason": why], requestID: requestID), on: tx)
        }
        return Self.view(a)
    }

    /// Publishes the round's assignments: experts see them from now on.
    func publish(roundID: UUID, actor: AuditActor, requestID: String) async throws -> Int {
        guard let round = try await RoundModel.find(roundID, on: database.db) else { throw AppError.notFound }
        let pending = try await AssignmentModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).filter(\.$published == false).all()
        try await database.db.transaction { tx in
            for a in pending {
                a.published = true
                try await a.update(on: tx)
            }
            try await AuditLog.append(AuditRecord(actor: actor, action: "assignment.publish", entityType: "designation_round", entityID: roundID.uuidString,
                                                  new: ["published": "\(pending.count)"], requestID: requestID), on: tx)
        }
        return pending.count
    }

    /// What an expert sees of their published assignments: the application's product category,
    /// sector and status, never the applicant's contacts.
    func mine(userID: UUID) async throws -> [MyAssignmentView] {
        guard let expert = try await ExpertModel.query(on: database.db).filter(\.$userID == userID).first() else { return [] }
        var out: [MyAssignmentView] = []
        for a in try await AssignmentModel.query(on: database.db).filter(\.$expertID == expert.id!).filter(\.$published == true).all() {
            guard let application = try await ApplicationModel.find(a.applicationID, on: database.db) else { continue }
            out.append(MyAssignmentView(assignmentId: a.id!, applicationId: application.id!, category: application.category,
                                        status: application.status))
        }
        return out
    }

    /// One of an expert's published assignments.
    struct MyAssignmentView: Codable, Sendable {
        let assignmentId: UUID
        let applicationId: UUID
        /// The product category applied in.
        let category: String
        /// The application's status.
        let status: String
    }

    private static func view(_ m: AssignmentModel) -> AssignmentView {
        AssignmentView(id: m.id!, applicationId: m.applicationID, expertId: m.expertID, published: m.published,
                       dismissedConflicts: (m.dismissedConflicts ?? "").split(separator: ",").map(String.init), dismissalReason: m.dismissalReason)
    }
}
