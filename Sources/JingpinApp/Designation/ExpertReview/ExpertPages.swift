import FluentKit
import Foundation
import Hummingbird
import JingpinCore

/// The expert's pages: "my reviews" (published assignments with their progress, and
/// invitations to accept or decline), the scoring page of one assignment (each expert-scored
/// indicator's bands 0–5 with their descriptors, a comment each, save draft or submit; a change
/// to a submitted sheet needs a reason), and the lead expert's consensus form.
struct ExpertPages {
    let services: AppServices
    var views: Views { services.views }
    var scoring: ScoringService { ScoringService(database: services.database, rules: services.rules) }
    var invitations: InvitationService { InvitationService(database: services.database) }
    var consensus: ConsensusService { ConsensusService(database: services.database, rules: services.rules) }

    func register(_ routes: RouteTable) {
        let expert = Access.permission(.viewAssignments)
        routes.add(.get, "/my/reviews", expert, showMyReviews)
        routes.add(.post, "/my/invitations/{id}/accept", expert, acceptInvitation)
        routes.add(.get, "/my/invitations/{id}/decline", expert, declineForm)
        routes.add(.post, "/my/invitations/{id}/decline", expert, declineInvitation)
        routes.add(.get, "/my/reviews/{id}", expert, scoringForm)
        routes.add(.post, "/my/reviews/{id}", expert, saveScores)
        routes.add(.get, "/my/reviews/{id}/consensus", expert, consensusForm)
        routes.add(.post, "/my/reviews/{id}/consensus", expert, recordConsensus)
    }

    // MARK: Handlers

    /// "My reviews": the expert's published assignments and invitations.
    @Sendable func showMyReviews(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await myReviews(context)
    }

    /// Accepts an invitation, back to "my reviews".
    @Sendable func acceptInvitation(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        _ = try await invitations.answer(try context.uuid("id"), userID: identity.userID, accept: true, reason: nil, actor: identity.actor,
                                         requestID: context.requestID)
        return .redirect(to: "/my/reviews", type: .found)
    }

    /// The form declining an invitation, with a reason.
    @Sendable func declineForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await declinePage(try context.uuid("id"), typed: nil, errors: [], context)
    }

    /// Declines an invitation; a mistake shows the form again with the reason typed.
    @Sendable func declineInvitation(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        do {
            _ = try await invitations.answer(try context.uuid("id"), userID: identity.userID, accept: false, reason: form["reason"],
                                             actor: identity.actor, requestID: context.requestID)
            return .redirect(to: "/my/reviews", type: .found)
        } catch AppError.validation(let errors) {
            return try await declinePage(try context.uuid("id"), typed: form["reason"], errors: errors, context)
        }
    }

    /// The scoring page of one assignment.
    @Sendable func scoringForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await scoringPage(try context.uuid("id"), typed: nil, errors: [], context)
    }

    /// Saves the sheet as a draft or submits it; a mistake shows the page again with what was chosen.
    @Sendable func saveScores(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.uuid("id")
        let form = try await FormData.read(request, context: context)
        let (sheet, scorecard) = try await ownSheet(id, identity.userID)
        let submit = form["action"] == "submit"
        var errors: [FieldError] = []
        var entries: [ScoringService.Entry] = []
        for (_, indicator) in scorecard.indicators where indicator.source == .expert {
            let raw = form["band.\(indicator.id)"] ?? ""
            let comment = (form["comment.\(indicator.id)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if let band = Int(raw), (0...Normalisation.topBand).contains(band) {
                entries.append(.init(indicatorId: indicator.id, band: band, comment: comment.isEmpty ? nil : comment))
            } else if !raw.isEmpty || submit || sheet.status == .submitted {
                errors.append(FieldError(field: "band-\(indicator.id)", code: "required", "expertReview.error.required.2", .named(zh: "\(indicator.labelZh)", en: "\(indicator.labelEn)")))
            }
        }
        if errors.isEmpty {
            do {
                _ = try await scoring.save(assignmentID: id, userID: identity.userID, entries: entries, submit: submit, reason: form["reason"],
                                           actor: identity.actor, requestID: context.requestID)
                return .redirect(to: "/my/reviews/\(id)?saved=\(submit ? "submitted" : "saved")", type: .found)
            } catch AppError.validation(let found) {
                errors = found.map { $0.field == "reason" ? $0 : FieldError(field: "scores", code: $0.code, message: $0.message) }
            }
        }
        return try await scoringPage(id, typed: form, errors: errors, context)
    }

    /// The lead expert's consensus form.
    @Sendable func consensusForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await consensusPage(try context.uuid("id"), typed: nil, errors: [], context)
    }

    /// Records the consensus score; a mistake shows the form again with what was typed.
    @Sendable func recordConsensus(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.uuid("id")
        let form = try await FormData.read(request, context: context)
        do {
            _ = try await consensus.record(assignmentID: id, userID: identity.userID, points: form["points"], reason: form["reason"],
                                           actor: identity.actor, requestID: context.requestID)
            return .redirect(to: "/my/reviews/\(id)/consensus?saved=1", type: .found)
        } catch AppError.validation(let errors) {
            return try await consensusPage(id, typed: form, errors: errors, context)
        }
    }

    // MARK: My reviews

    func myReviews(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let l = context.language
        let db = services.database.db
        var rows: [MyReviewsPage.Assignment] = []
        if let expert = try await ExpertModel.query(on: db).filter(\.$userID == identity.userID).first() {
            let leads = Set(try await ConsensusModel.query(on: db).filter(\.$leadExpertID == expert.id!).all().map(\.applicationID))
            for a in try await AssignmentModel.query(on: db).filter(\.$expertID == expert.id!).filter(\.$published == true).sort(\.$createdAt).all() {
                guard let application = try await ApplicationModel.find(a.applicationID, on: db),
                      let round = try await RoundConfigurations.currentVersion(of: a.roundSeriesID, on: db) else { continue }
                let configuration = try? RoundConfigurations.configuration(round, services.rules)
                let total = configuration.map { ScoringService.expertIndicators($0.scorecard).count } ?? 0
                let sheet = try await ScoreSheetModel.query(on: db).filter(\.$assignmentID == a.id!).first()
                var done = 0
                if let sheet { done = try await scoring.entriesOf(sheet.id!).count }
                // No sheet yet is its own state on the page, before the sheet's workflow begins.
                let state = sheet?.status.rawValue ?? "not_started"
                rows.append(MyReviewsPage.Assignment(
                    round: l.pick(zh: round.titleZh, en: round.titleEn),
                    product: try await ProductModel.find(application.productID, on: db)?.name ?? "",
                    enterprise: try await EnterpriseModel.find(application.enterpriseID, on: db)?.name ?? "",
                    deadline: configuration?.stage(.expertReview).map { Self.date($0.deadline, l) } ?? "—",
                    status: views.t("experts.sheet.\(state)", l), statusClass: state,
                    progress: views.t("experts.progress", l).replacingOccurrences(of: "{k}", with: "\(done)")
                        .replacingOccurrences(of: "{n}", with: "\(total)"),
                    href: "/my/reviews/\(a.id!)",
                    // Only the lead sees the consensus link.
                    leadHref: leads.contains(a.applicationID) ? "/my/reviews/\(a.id!)/consensus" : nil))
            }
        }
        let invites = try await invitations.mine(userID: identity.userID, language: l).map { i in
            MyReviewsPage.Invitation(round: i.roundTitle, status: views.t("experts.invitation.\(i.status)", l), reason: i.declineReason,
                                     pending: i.status == .pending, acceptAction: "/my/invitations/\(i.id)/accept",
                                     declineHref: "/my/invitations/\(i.id)/decline")
        }
        return views.page("experts/mine", title: views.t("experts.mine.title", l),
                          model: MyReviewsPage(rows: rows, hasRows: !rows.isEmpty, invitations: invites, hasInvitations: !invites.isEmpty),
                          context: context)
    }

    func declinePage(_ id: UUID, typed: String?, errors: [FieldError], _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let l = context.language
        guard let invitation = try await invitations.mine(userID: identity.userID, language: l).first(where: { $0.id == id }) else {
            throw AppError.notFound
        }
        guard invitation.status == .pending else { throw AppError.conflict(Message("experts.invitation.answered")) }
        var form = FormView(strings: views.strings, language: l, errors: errors)
        form.textarea("reason", label: views.t("experts.decline.reason", l), hint: views.t("experts.decline.hint", l), value: typed)
        let page = FormPage(heading: "\(views.t("experts.decline.title", l))：\(invitation.roundTitle)", action: "/my/invitations/\(id)/decline",
                            submit: views.t("experts.decline.submit", l), cancelHref: "/my/reviews", form: form)
        return views.page("form", title: views.t("experts.decline.title", l), model: page, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    // MARK: Scoring

    /// The caller's published assignment's sheet status and the round's scorecard; 404 otherwise.
    func ownSheet(_ id: UUID, _ userID: UUID) async throws -> (ScoringService.SheetView, Scorecard) {
        let sheet = try await scoring.sheet(assignmentID: id, userID: userID)
        guard let assignment = try await AssignmentModel.find(id, on: services.database.db),
              let round = try await RoundConfigurations.currentVersion(of: assignment.roundSeriesID, on: services.database.db) else { throw AppError.notFound }
        return (sheet, try RoundConfigurations.configuration(round, services.rules).scorecard)
    }

    func scoringPage(_ id: UUID, typed: FormData?, errors: [FieldError], _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let l = context.language
        let (sheet, scorecard) = try await ownSheet(id, identity.userID)
        let db = services.database.db
        guard let application = try await ApplicationModel.find(sheet.applicationId, on: db) else { throw AppError.notFound }
        let saved = Dictionary(uniqueKeysWithValues: sheet.entries.map { ($0.indicatorId, $0) })
        let errorByField = Dictionary(errors.map { ($0.field, views.t($0.message, l)) }, uniquingKeysWith: { a, _ in a })
        let indicators = scorecard.indicators.filter { $0.indicator.source == .expert }.map { pillar, i in
            let chosen = typed.map { $0["band.\(i.id)"] ?? "" } ?? saved[i.id].map { "\($0.band)" } ?? ""
            var bands: [ScoreSheetPage.Band] = []
            if case .banded(let descriptors) = i.normalisation {
                bands = descriptors.enumerated().map { b, d in
                    ScoreSheetPage.Band(value: b, id: "band-\(i.id)-\(b)", text: l.pick(zh: d.zh, en: d.en), checked: chosen == "\(b)", name: "band.\(i.id)")
                }
            }
            return ScoreSheetPage.Indicator(fieldId: "field-band-\(i.id)", label: l.pick(zh: i.labelZh, en: i.labelEn),
                                            pillar: pillar.kind.name(l), weight: "\(i.weightBP / 100)%", bands: bands,
                                            commentName: "comment.\(i.id)", commentId: "comment-\(i.id)",
                                            comment: typed.map { $0["comment.\(i.id)"] ?? "" } ?? saved[i.id]?.comment ?? "",
                                            error: errorByField["band-\(i.id)"])
        }
        let page = ScoreSheetPage(
            product: try await ProductModel.find(application.productID, on: db)?.name ?? "",
            enterprise: try await EnterpriseModel.find(application.enterpriseID, on: db)?.name ?? "",
            category: ProductCategory(rawValue: application.category)?.name(l) ?? application.category,
            indicators: indicators, submitted: sheet.status == .submitted, points: sheet.points,
            status: views.t("experts.sheet.\(sheet.status)", l), action: "/my/reviews/\(id)",
            reason: typed?["reason"] ?? "",
            changes: sheet.changes.map { .init(indicator: $0.indicatorId, old: $0.oldBand, new: $0.newBand, reason: $0.reason,
                                               at: AuditChain.timestamp($0.at)) },
            hasChanges: !sheet.changes.isEmpty,
            reasonError: errorByField["reason"], scoresError: errorByField["scores"],
            errors: ErrorSummary(errors, strings: views.strings, language: l, href: {
                $0.field == "reason" ? "#field-reason" : $0.field == "scores" ? "#indicators" : "#field-\($0.field)"
            }))
        return views.page("experts/score", title: "\(views.t("experts.score.title", l)) · \(page.product)", model: page,
                          context: context, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    // MARK: Consensus

    func consensusPage(_ id: UUID, typed: FormData?, errors: [FieldError], _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let l = context.language
        let lead = try await consensus.lead(assignmentID: id, userID: identity.userID)
        var form = FormView(strings: views.strings, language: l, errors: errors)
        form.text("points", label: views.t("experts.consensus.points", l), hint: views.t("experts.consensus.pointsHint", l).replacingOccurrences(of: "{max}", with: lead.maxPoints),
                  value: typed?["points"] ?? lead.consensus.points, width: "10", required: true)
        form.textarea("reason", label: views.t("experts.consensus.reason", l), value: typed?["reason"] ?? lead.consensus.reason)
        let page = ConsensusFormPage(points: lead.points, trimmedMean: lead.trimmedMean ?? "—", spread: lead.spread, threshold: lead.threshold,
                                     recorded: lead.consensus.points, action: "/my/reviews/\(id)/consensus", backHref: "/my/reviews/\(id)",
                                     siteVisitHref: "/applications/\(lead.applicationId)/site-visit", fields: form.fields, errors: form.summary)
        return views.page("experts/consensus", title: views.t("experts.consensus.title", l), model: page, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// "2026年3月5日" / "5 March 2026".
    static func date(_ d: LocalDate, _ l: Language) -> String { d.formatted(l) }
}

/// "My reviews": the expert's published assignments and their invitations.
struct MyReviewsPage: PageModel {
    let rows: [Assignment]
    let hasRows: Bool
    let invitations: [Invitation]
    let hasInvitations: Bool

    /// One assignment with its sheet's progress; `leadHref` only for the application's lead expert.
    struct Assignment: Encodable, Sendable {
        let round: String
        let product: String
        let enterprise: String
        let deadline: String
        let status: String
        let statusClass: String
        let progress: String
        let href: String
        let leadHref: String?
    }

    /// One invitation; a pending one offers accept and decline.
    struct Invitation: Encodable, Sendable {
        let round: String
        let status: String
        /// Why the expert declined, if they did.
        let reason: String?
        let pending: Bool
        let acceptAction: String
        let declineHref: String
    }
}

/// The scoring page of one assignment: each expert-scored indicator's bands and comment, and
/// the changes made to the sheet after it was submitted.
struct ScoreSheetPage: PageModel {
    let product: String
    let enterprise: String
    let category: String
    let indicators: [Indicator]
    let submitted: Bool
    let points: String
    let status: String
    let action: String
    /// The reason for a change, as typed (a submitted sheet needs one).
    let reason: String
    let changes: [Change]
    let hasChanges: Bool
    let reasonError: String?
    let scoresError: String?
    let errors: ErrorSummary

    /// One indicator: its bands as radio buttons and the comment box.
    struct Indicator: Encodable, Sendable {
        let fieldId: String
        let label: String
        let pillar: String
        let weight: String
        let bands: [Band]
        let commentName: String
        let commentId: String
        let comment: String
        let error: String?
    }

    /// One band (0–5) with its descriptor.
    struct Band: Encodable, Sendable {
        let value: Int
        let id: String
        let text: String
        let checked: Bool
        let name: String
    }

    /// A change to the submitted sheet.
    struct Change: Encodable, Sendable {
        let indicator: String
        let old: Int
        let new: Int
        let reason: String
        let at: String
    }
}

/// The lead expert's consensus form: the sheets' points, mean, spread and threshold beside it.
struct ConsensusFormPage: PageModel {
    let points: [String]
    let trimmedMean: String
    let spread: String
    let threshold: String
    /// The consensus score already recorded, if any.
    let recorded: String?
    let action: String
    let backHref: String
    let siteVisitHref: String
    let fields: [FormField]
    let errors: ErrorSummary
}
