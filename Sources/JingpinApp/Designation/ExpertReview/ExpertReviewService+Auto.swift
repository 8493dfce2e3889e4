import FluentKit
import Foundation
import JingpinCore

/// Automatic assignment through the server: the round's applications at the expert stage and
/// the registered experts become `AutoAssignment`'s inputs; the plan is shown as a preview, and
/// a commit stores it through `assign` — so every pair is checked again (conflicts, load caps,
/// declined invitations) and the whole plan is stored in one transaction or not at all.
extension ExpertReviewService {
    /// The plan as the API and the page show it.
    struct AutoPlanView: Codable, Sendable {
        let perApplication: Int
        let committed: Bool
        let assignments: [Planned]
        let shortfalls: [Short]

        struct Planned: Codable, Sendable {
            let applicationId: UUID
            let expertId: UUID
            let expertName: String
        }

        struct Short: Codable, Sendable {
            let applicationId: UUID
            let has: Int
            let wanted: Int
            let reasons: [Reason]
        }

        struct Reason: Codable, Sendable {
            let code: String
            let count: Int
            let message: String
        }
    }

    /// Plans up to `perApplication` experts per application of round `roundID` (1–10), and with
    /// `commit` stores the plan.
    func autoAssign(roundID: UUID, perApplication: Int, commit: Bool, language l: Language, actor: AuditActor,
                    requestID: String) async throws -> AutoPlanView {
        guard (1...10).contains(perApplication) else {
            throw AppError.validation([FieldError(field: "perApplication", code: "out_of_range", "expertReview.error.out_of_range")])
        }
        guard let round = try await RoundModel.find(roundID, on: database.db) else { throw AppError.notFound }
        let configuration = try RoundConfigurations.configuration(round, rules)
        let stage = [ApplicationStatus.formalPassed.rawValue, ApplicationStatus.inExpertReview.rawValue]
        let applications = try await ApplicationModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID)
            .filter(\.$status ~~ stage).all()
            // The declared order: earlier submission first, then the id.
            .sorted { (($0.submittedAt ?? $0.createdAt), $0.id!.uuidString) < (($1.submittedAt ?? $1.createdAt), $1.id!.uuidString) }
        let assignments = try await AssignmentModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).all()
        let load = Dictionary(grouping: assignments, by: \.expertID).mapValues(\.count)
        let onApplication = Dictionary(grouping: assignments, by: \.applicationID).mapValues { Set($0.map(\.expertID.uuidString)) }
        let answers = try await InvitationService(database: database).statuses(roundSeriesID: round.seriesID)
        let registry = try await experts()
        let names = Dictionary(uniqueKeysWithValues: registry.map { ($0.id, $0.name) })
        var planned: [AutoAssignment.Application] = []
        for a in applications {
            let code = try await EnterpriseModel.find(a.enterpriseID, on: database.db)?.creditCode ?? ""
            planned.append(.init(id: a.id!.uuidString, sector: ProductCategory(rawValue: a.category)?.sector.rawValue ?? "", applicantCreditCode: code,
                                 applicantCity: a.cityCode, assigned: onApplication[a.id!] ?? []))
        }
        let plan = AutoAssignment.plan(
            applications: planned,
            experts: registry.map { e in
                .init(id: e.id.uuidString, name: e.name, homeCity: e.homeCityCode, sectors: Set(e.sectors), affiliations: e.affiliations,
                      loadCap: e.loadCap, load: load[e.id, default: 0], accepted: answers[e.id] == .accepted)
            },
            perApplication: perApplication, sameCityConflicts: configuration.sameCityConflicts)
        let pairs = plan.pairs.compactMap { p -> AutoPlanView.Planned? in
            guard let a = UUID(uuidString: p.applicationID), let e = UUID(uuidString: p.expertID) else { return nil }
            return .init(applicationId: a, expertId: e, expertName: names[e] ?? "")
        }
        let shortfalls = plan.shortfalls.compactMap { s -> AutoPlanView.Short? in
            guard let a = UUID(uuidString: s.applicationID) else { return nil }
            return .init(applicationId: a, has: s.has, wanted: s.wanted,
                         reasons: s.excluded.sorted { $0.key < $1.key }.map { .init(code: $0.key.rawValue, count: $0.value, message: $0.key.message($0.value, l)) })
        }
        if commit {
            guard !pairs.isEmpty else { throw AppError.conflict(Message("experts.conflict.nothing_to_assign")) }
            _ = try await assign(roundID: roundID, pairs.map { Request(applicationID: $0.applicationId, expertID: $0.expertId, dismissReason: nil) },
                                 source: "auto", actor: actor, requestID: requestID)
        }
        return AutoPlanView(perApplication: perApplication, committed: commit, assignments: pairs, shortfalls: shortfalls)
    }
}
