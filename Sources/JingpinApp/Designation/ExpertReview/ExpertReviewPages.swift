import FluentKit
import Foundation
import Hummingbird
import JingpinCore

/// The province's expert-review pages: the rounds, and per round one page with the
/// invitations, the assignments per application with their progress ("3 of 5 scored"), the
/// conflict check with a dismiss form that needs a reason, manual and automatic assignment
/// (preview, then confirm), publication, and the lead expert of divergent applications; plus
/// the site-visit record (the province's, or the lead expert's).
struct ExpertReviewPages {
    let services: AppServices
    var views: Views { services.views }
    var review: ExpertReviewService { ExpertReviewService(database: services.database, regions: services.reference.regions, rules: services.rules) }
    var scoring: ScoringService { ScoringService(database: services.database, rules: services.rules) }
    var consensus: ConsensusService { ConsensusService(database: services.database, rules: services.rules) }

    func register(_ routes: RouteTable) {
        ExpertPages(services: services).register(routes)
        let manage = Access.permission(.manageRounds)
        routes.add(.get, "/expert-review", manage, listRounds)
        routes.add(.get, "/rounds/{id}/expert-review", manage, showRound)
        // Each form posts here and comes back to the page: on success by a redirect, on a
        // mistake with the page shown again, the message beside the form's field.
        routes.add(.post, "/rounds/{id}/expert-review/invite", manage, inviteExperts)
        routes.add(.post, "/rounds/{id}/expert-review/assign", manage, assignExpert)
        routes.add(.post, "/rounds/{id}/expert-review/dismiss", manage, dismissConflicts)
        routes.add(.post, "/rounds/{id}/expert-review/publish", manage, publishAssignments)
        routes.add(.post, "/rounds/{id}/expert-review/lead", manage, nameLead)
        routes.add(.post, "/rounds/{id}/expert-review/auto", manage, autoAssign)
        routes.add(.get, "/applications/{id}/site-visit", .permission(.viewAssignments), siteVisitForm)
        routes.add(.post, "/applications/{id}/site-visit", .permission(.viewAssignments), recordSiteVisit)
    }

    // MARK: Handlers

    /// The rounds open for expert review.
    @Sendable func listRounds(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await roundsPage(context)
    }

    /// One round's expert-review page.
    @Sendable func showRound(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await roundPage(try context.uuid("id"), errors: [], typed: nil, context)
    }

    /// Invites the experts ticked to the round.
    @Sendable func inviteExperts(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await act(request, context) { form, identity, round in
            let ids = form.pairs.filter { $0.0 == "expertId" }.compactMap { UUID(uuidString: $0.1) }
            do {
                _ = try await InvitationService(database: services.database).invite(roundID: round, expertIDs: ids, actor: identity.actor,
                                                                             requestID: context.requestID)
            } catch AppError.validation(let errors) {
                throw AppError.validation(errors.map { Self.rename($0, to: "invite") })
            }
        }
    }

    /// Assigns one expert to one application by hand; a conflict needs a reason to dismiss it.
    @Sendable func assignExpert(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await act(request, context) { form, identity, round in
            var errors: [FieldError] = []
            let application = form["applicationId"].flatMap(UUID.init(uuidString:))
            let expert = form["expertId"].flatMap(UUID.init(uuidString:))
            if application == nil {
                errors.append(FieldError(field: "assign-applicationId", code: "required", "expertReview.error.required.4"))
            }
            if expert == nil { errors.append(FieldError(field: "assign-expertId", code: "required", "expertReview.error.required.3")) }
            guard let application, let expert else { throw AppError.validation(errors) }
            let reason = (form["dismissReason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            do {
                _ = try await review.assign(roundID: round, [.init(applicationID: application, expertID: expert, dismissReason: reason.isEmpty ? nil : reason)],
                                            actor: identity.actor, requestID: context.requestID)
            } catch AppError.validation(let errors) {
                // The batch of one names `assignments/0…`; a conflict asks for the reason.
                throw AppError.validation(errors.map { e in
                    let field = e.code == "conflict" ? "assign-dismissReason"
                        : e.field.hasSuffix("expertId") ? "assign-expertId" : "assign-applicationId"
                    return FieldError(field: field, code: e.code, message: e.message)
                })
            }
        }
    }

    /// Dismisses an assignment's conflicts, with the reason given.
    @Sendable func dismissConflicts(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await act(request, context) { form, identity, round in
            guard let assignment = form["assignmentId"].flatMap(UUID.init(uuidString:)) else { throw AppError.notFound }
            do {
                _ = try await review.dismissConflicts(roundID: round, assignmentID: assignment, reason: form["reason"], actor: identity.actor,
                                                      requestID: context.requestID)
            } catch AppError.validation(let errors) {
                throw AppError.validation(errors.map { FieldError(field: "dismiss-\(assignment)", code: $0.code, message: $0.message) })
            }
        }
    }

    /// Publishes the round's unpublished assignments to the experts.
    @Sendable func publishAssignments(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await act(request, context) { _, identity, round in
            _ = try await review.publish(roundID: round, actor: identity.actor, requestID: context.requestID)
        }
    }

    /// Names the lead expert of a divergent application.
    @Sendable func nameLead(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await act(request, context) { form, identity, _ in
            guard let application = form["applicationId"].flatMap(UUID.init(uuidString:)) else { throw AppError.notFound }
            do {
                _ = try await consensus.nameLead(applicationID: application, expertID: form["expertId"].flatMap(UUID.init(uuidString:)),
                                                 actor: identity.actor, requestID: context.requestID)
            } catch AppError.validation(let errors) {
                throw AppError.validation(errors.map { FieldError(field: "lead-\(application)", code: $0.code, message: $0.message) })
            }
        }
    }

    /// Automatic assignment: the preview of the plan, or on confirmation the plan committed.
    @Sendable func autoAssign(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let round = try context.uuid("id")
        let form = try await FormData.read(request, context: context)
        let n = Int(form["perApplication"] ?? "") ?? 0
        let commit = form["commit"] == "true"
        do {
            let plan = try await review.autoAssign(roundID: round, perApplication: n, commit: commit, language: context.language,
                                                   actor: identity.actor, requestID: context.requestID)
            if commit { return .redirect(to: "/rounds/\(round)/expert-review", type: .found) }
            return try await previewPage(round, plan, context)
        } catch AppError.validation(let errors) {
            return try await roundPage(round, errors: errors.map { Self.rename($0, to: "auto") }, typed: form, context)
        }
    }

    /// The site-visit record's form for one application.
    @Sendable func siteVisitForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await siteVisitPage(try context.uuid("id"), typed: nil, errors: [], context)
    }

    /// Records the site visit; a mistake shows the form again with what was typed.
    @Sendable func recordSiteVisit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try context.uuid("id")
        let form = try await FormData.read(request, context: context)
        do {
            _ = try await SiteVisitService(database: services.database).record(applicationID: id, identity: identity, visitedOn: form["visitedOn"],
                                                                         participants: form["participants"], findings: form["findings"],
                                                                         requestID: context.requestID)
            return .redirect(to: "/applications/\(id)/site-visit?saved=1", type: .found)
        } catch AppError.validation(let errors) {
            return try await siteVisitPage(id, typed: form, errors: errors, context)
        }
    }

    /// Runs one of the round page's forms: a redirect back on success; the page again, with the
    /// message beside the field, on a mistake.
    func act(_ request: Request, _ context: AppRequestContext,
             _ body: (FormData, Identity, UUID) async throws -> Void) async throws -> Response {
        let identity = try context.requireIdentity()
        let round = try context.uuid("id")
        let form = try await FormData.read(request, context: context)
        do {
            try await body(form, identity, round)
            return .redirect(to: "/rounds/\(round)/expert-review", type: .found)
        } catch AppError.validation(let errors) {
            return try await roundPage(round, errors: errors, typed: form, context)
        }
    }

    /// A service's field error under the page form's prefix: `perApplication` → `auto-perApplication`.
    static func rename(_ e: FieldError, to prefix: String) -> FieldError {
        FieldError(field: "\(prefix)-\(e.field.split(separator: "/").first.map(String.init) ?? e.field)", code: e.code, message: e.message)
    }

    // MARK: Pages

    func roundsPage(_ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let rounds = try await RoundModel.query(on: services.database.db).filter(\.$status == .open).sort(\.$year, .descending).all()
        let rows = rounds.map { r in ExpertRoundsPage.Row(title: l.pick(zh: r.titleZh, en: r.titleEn), href: "/rounds/\(r.id!)/expert-review") }
        return views.page("experts/rounds", title: views.t("experts.rounds.title", l), model: ExpertRoundsPage(rows: rows, hasRows: !rows.isEmpty),
                          context: context)
    }

    func roundPage(_ roundID: UUID, errors: [FieldError], typed: FormData?, _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let db = services.database.db
        guard let round = try await RoundModel.find(roundID, on: db) else { throw AppError.notFound }
        let errorByField = Dictionary(errors.map { ($0.field, views.t($0.message, l)) }, uniquingKeysWith: { a, b in a + "；" + b })
        let experts = try await review.experts()
        let names = Dictionary(uniqueKeysWithValues: experts.map { ($0.id, $0.name) })
        let invitations = try await InvitationService(database: services.database).list(roundID: roundID)
        let invited = Dictionary(uniqueKeysWithValues: invitations.map { ($0.expertId, $0) })
        let assignments = try await review.assignments(roundID: roundID)
        let load = Dictionary(grouping: assignments, by: \.expertId).mapValues(\.count)
        // Progress per expert: their submitted sheets among this round's assignments.
        let inRound = Set(assignments.map(\.id))
        let submitted = Dictionary(grouping: try await ScoreSheetModel.query(on: db).filter(\.$status == .submitted).all()
            .filter { inRound.contains($0.assignmentID) }, by: \.expertID).mapValues(\.count)
        let regions = services.reference.regions
        func city(_ code: String) -> String { (try? RegionCode(code)).flatMap { regions.region($0) }?.name(l) ?? code }

        let expertRows = experts.map { e in
            let i = invited[e.id]
            return ExpertRoundPage.Expert(
                name: e.name, city: city(e.homeCityCode), sectors: e.sectors.compactMap { Sector(rawValue: $0)?.name(l) }.joined(separator: "、"),
                load: "\(load[e.id, default: 0]) / \(e.loadCap)", id: e.id.uuidString, checkboxId: "invite-\(e.id)",
                progress: views.t("experts.expertProgress", l).replacingOccurrences(of: "{k}", with: "\(submitted[e.id, default: 0])")
                    .replacingOccurrences(of: "{n}", with: "\(load[e.id, default: 0])"),
                status: i.map { views.t("experts.invitation.\($0.status)", l) } ?? views.t("experts.invitation.none", l),
                statusClass: i?.status.rawValue ?? "none", canInvite: i == nil,
                checked: typed?.pairs.contains { $0.0 == "expertId" && $0.1 == e.id.uuidString } ?? false,
                reason: i?.declineReason)
        }

        let stage = [ApplicationStatus.formalPassed, .inExpertReview, .proposed, .notProposed].map(\.rawValue)
        let applications = try await ApplicationModel.query(on: db).filter(\.$roundSeriesID == round.seriesID).filter(\.$status ~~ stage)
            .sort(\.$submittedAt).all()
        let byApplication = Dictionary(grouping: assignments, by: \.applicationId)
        var applicationRows: [ExpertRoundPage.Application] = []
        var applicationOptions: [(String, String)] = []
        var labels: [UUID: String] = [:]
        for a in applications {
            let product = try await ProductModel.find(a.productID, on: db)?.name ?? ""
            let enterprise = try await EnterpriseModel.find(a.enterpriseID, on: db)?.name ?? ""
            labels[a.id!] = "\(product) · \(enterprise)"
            applicationOptions.append((a.id!.uuidString, "\(product) · \(enterprise)"))
            let summary = try await scoring.summary(applicationID: a.id!)
            let sheets = Dictionary(summary.experts.map { ($0.expertId, $0.status) }, uniquingKeysWith: { a, _ in a })
            let on = byApplication[a.id!] ?? []
            let lead = try await consensus.view(applicationID: a.id!)
            var leadForm: ExpertRoundPage.LeadForm?
            if summary.needsConsensus && lead?.points == nil {
                let field = "lead-\(a.id!)"
                leadForm = ExpertRoundPage.LeadForm(
                    applicationId: a.id!.uuidString, fieldId: "field-\(field)",
                    options: on.map { FormField.Option(value: $0.expertId.uuidString, label: names[$0.expertId] ?? "", selected: $0.expertId == lead?.leadExpertId) },
                    error: errorByField[field])
            }
            applicationRows.append(ExpertRoundPage.Application(
                product: product, enterprise: enterprise, city: city(a.cityCode),
                status: ApplicationStatus(rawValue: a.status)?.name(l) ?? a.status,
                experts: on.map { x in
                    .init(name: names[x.expertId] ?? "", published: x.published,
                          sheet: views.t("experts.sheet.\(sheets[x.expertId].map(\.rawValue) ?? "not_started")", l))
                },
                progress: views.t("experts.scored", l).replacingOccurrences(of: "{k}", with: "\(summary.scored)")
                    .replacingOccurrences(of: "{n}", with: "\(summary.assigned)"),
                points: summary.points ?? "—", spread: summary.spread, needsConsensus: summary.needsConsensus,
                siteVisitHref: "/applications/\(a.id!)/site-visit",
                lead: lead?.leadName, consensus: lead.flatMap { c in c.points.map { "\($0)（\(c.reason ?? "")）" } },
                leadForm: leadForm))
        }

        let conflicts = try await review.conflicts(roundID: roundID).map { c in
            let field = "dismiss-\(c.assignmentId)"
            return ExpertRoundPage.Conflict(
                application: labels[c.applicationId] ?? c.applicationId.uuidString, expert: names[c.expertId] ?? "",
                conflicts: c.conflicts.map { views.t("experts.conflict.\($0)", l) }.joined(separator: "；"),
                dismissed: c.dismissed, assignmentId: c.assignmentId.uuidString, fieldId: "field-\(field)",
                reason: typed?["assignmentId"] == c.assignmentId.uuidString ? typed?["reason"] ?? "" : "",
                error: errorByField[field])
        }

        var assign = FormView(strings: views.strings, language: l, errors: errors)
        assign.select("assign-applicationId", label: views.t("experts.assign.application", l), value: typed?["applicationId"],
                      prompt: views.t("experts.choose", l), options: applicationOptions, required: true)
        assign.select("assign-expertId", label: views.t("experts.assign.expert", l), value: typed?["expertId"], prompt: views.t("experts.choose", l),
                      options: experts.map { ($0.id.uuidString, "\($0.name)（\(city($0.homeCityCode))）") }, required: true)
        assign.textarea("assign-dismissReason", label: views.t("experts.assign.dismissReason", l), hint: views.t("experts.assign.dismissHint", l),
                        value: typed?["dismissReason"])
        // The form partial names inputs after the field; the handler reads the plain names.
        let assignFields = assign.fields.map { f -> FormField in
            var f = f
            f.name = f.name.replacingOccurrences(of: "assign-", with: "")
            return f
        }
        let unpublished = assignments.filter { !$0.published }.count
        let page = ExpertRoundPage(
            roundTitle: l.pick(zh: round.titleZh, en: round.titleEn), base: "/rounds/\(roundID)/expert-review",
            experts: expertRows, hasExperts: !expertRows.isEmpty, canInviteAny: expertRows.contains { $0.canInvite },
            inviteError: errorByField["invite-expertIds"],
            applications: applicationRows, hasApplications: !applicationRows.isEmpty,
            assignFields: assignFields, perApplication: typed?["perApplication"] ?? "3", autoError: errorByField["auto-perApplication"],
            conflicts: conflicts, hasConflicts: !conflicts.isEmpty,
            unpublished: unpublished, canPublish: unpublished > 0,
            publishLabel: views.t("experts.publish.button", l).replacingOccurrences(of: "{n}", with: "\(unpublished)"),
            errors: ErrorSummary(errors, strings: views.strings, language: l, href: { e in
                e.field == "invite-expertIds" ? "#invite" : e.field.hasPrefix("invite-") ? "#invite" : "#field-\(e.field)"
            }))
        return views.page("experts/round", title: "\(views.t("experts.round.title", l)) · \(page.roundTitle)", model: page,
                          context: context, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func previewPage(_ roundID: UUID, _ plan: ExpertReviewService.AutoPlanView, _ context: AppRequestContext) async throws -> Response {
        let l = context.language
        let db = services.database.db
        var labels: [UUID: String] = [:]
        for id in Set(plan.assignments.map(\.applicationId) + plan.shortfalls.map(\.applicationId)) {
            guard let a = try await ApplicationModel.find(id, on: db) else { continue }
            let product = try await ProductModel.find(a.productID, on: db)?.name ?? ""
            let enterprise = try await EnterpriseModel.find(a.enterpriseID, on: db)?.name ?? ""
            labels[id] = "\(product) · \(enterprise)"
        }
        let page = AutoAssignPreviewPage(
            base: "/rounds/\(roundID)/expert-review", perApplication: plan.perApplication,
            rows: plan.assignments.map { .init(application: labels[$0.applicationId] ?? "", expert: $0.expertName) },
            hasRows: !plan.assignments.isEmpty,
            shortfalls: plan.shortfalls.map { s in
                .init(application: labels[s.applicationId] ?? "", has: s.has, wanted: s.wanted, reasons: s.reasons.map(\.message).joined(separator: "；"))
            },
            hasShortfalls: !plan.shortfalls.isEmpty,
            confirmLabel: views.t("experts.auto.confirm", l).replacingOccurrences(of: "{n}", with: "\(plan.assignments.count)"))
        return views.page("experts/preview", title: views.t("experts.auto.previewTitle", l), model: page, context: context)
    }

    func siteVisitPage(_ applicationID: UUID, typed: FormData?, errors: [FieldError], _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let l = context.language
        let visit = try await SiteVisitService(database: services.database).view(applicationID: applicationID, identity: identity)
        guard let application = try await ApplicationModel.find(applicationID, on: services.database.db) else { throw AppError.notFound }
        let product = try await ProductModel.find(application.productID, on: services.database.db)?.name ?? ""
        var form = FormView(strings: views.strings, language: l, errors: errors)
        form.text("visitedOn", label: views.t("experts.visit.date", l), hint: views.t("experts.visit.dateHint", l),
                  value: typed?["visitedOn"] ?? visit?.visitedOn, width: "10", required: true)
        form.textarea("participants", label: views.t("experts.visit.participants", l), value: typed?["participants"] ?? visit?.participants)
        form.textarea("findings", label: views.t("experts.visit.findings", l), value: typed?["findings"] ?? visit?.findings)
        let page = FormPage(heading: "\(views.t("experts.visit.title", l))：\(product)", action: "/applications/\(applicationID)/site-visit",
                            submit: views.t("experts.visit.submit", l),
                            cancelHref: identity.may(.manageRounds) ? "/rounds/\(application.roundID)/expert-review" : "/my/reviews", form: form)
        return views.page("form", title: views.t("experts.visit.title", l), model: page, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
