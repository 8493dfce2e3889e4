import Foundation
import Hummingbird
import JingpinCore

/// The reward pages: `/rewards` (province admins: runs and opening one), `/rewards/{id}` (a
/// run: trial, strategies side by side, awards, approval) and `/enterprises/{id}/awards` (an
/// enterprise's awards explained in plain words, for the enterprise and its officers).
/// Budgets are typed in yuan here (¥1,000,000.00); the API takes fen.
struct RewardPages {
    let services: AppServices
    var views: Views { services.views }
    var api: RewardAPI { RewardAPI(services: services) }

    func register(_ routes: RouteTable) {
        routes.add(.get, "/rewards", .permission(.manageRewards), listRuns)
        routes.add(.post, "/rewards", .permission(.manageRewards), openRun)
        routes.add(.get, "/rewards/{id}", .permission(.manageRewards), runPage)
        routes.add(.post, "/rewards/{id}/trial", .permission(.manageRewards), runTrial)
        routes.add(.post, "/rewards/{id}/approve", .permission(.manageRewards), approveRun)
        routes.add(.get, "/enterprises/{id}/awards", .permission(.viewAward), enterpriseAwards)
    }

    /// The reward runs and the form to open one.
    @Sendable func listRuns(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await list(context, errors: [], year: "", scheme: "")
    }

    /// Opens a run for a year and scheme, or shows the list again with the form's errors.
    @Sendable func openRun(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let yearText = form["year"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let scheme = form["scheme"] ?? ""
        var errors: [FieldError] = []
        let year = InputBounds.read(yearText, field: "year", in: InputBounds.year, errors: &errors)
        if services.rules.ruleSet(scheme)?.kind != .reward {
            errors.append(FieldError(field: "scheme", code: "unknown_scheme", "rewards.error.unknown_scheme.2"))
        }
        guard errors.isEmpty, let year else { return try await list(context, errors: errors, year: yearText, scheme: scheme, status: .unprocessableContent) }
        do {
            let run = try await api.translate {
                try await api.runs.open(year: year, schemeID: scheme, actor: try context.requireIdentity().actor, requestID: context.requestID)
            }
            return .redirect(to: "/rewards/\(run.id)", type: .found)
        } catch AppError.validation(let e) {
            return try await list(context, errors: e, year: yearText, scheme: scheme, status: .unprocessableContent)
        } catch AppError.conflict {
            let e = [FieldError(field: "scheme", code: "exists", "rewards.error.exists")]
            return try await list(context, errors: e, year: yearText, scheme: scheme, status: .conflict)
        }
    }

    /// A run's page, with strategies compared for the budget asked about.
    @Sendable func runPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let budget = request.uri.queryParameters["budget"].map(String.init)
        return try await show(try context.uuid("id"), context, errors: [], budgetText: budget, strategy: nil)
    }

    /// Runs a trial allocation with the posted budget and strategy, or shows the run again with the errors.
    @Sendable func runTrial(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        let form = try await FormData.read(request, context: context)
        let budgetText = form["budget"] ?? ""
        var errors: [FieldError] = []
        var budget: Money?
        do { budget = try Money.parse(budgetText) } catch { errors.append(budgetError(context.language)) }
        if let b = budget, b.isNegative { errors.append(budgetError(context.language)); budget = nil }
        let strategy = AllocationStrategy(rawValue: form["strategy"] ?? "")
        if strategy == nil {
            errors.append(FieldError(field: "strategy", code: "unknown_strategy", "rewards.error.unknown_strategy.2"))
        }
        guard errors.isEmpty, let budget, let strategy else {
            return try await show(id, context, errors: errors, budgetText: budgetText, strategy: form["strategy"], status: .unprocessableContent)
        }
        do {
            _ = try await api.runs.trial(id, budget: budget, strategy: strategy, actor: try context.requireIdentity().actor, requestID: context.requestID)
        } catch AppError.conflict(let why) {
            let e = [FieldError(field: "budget", code: "locked", "rewards.error.locked", "\(why)")]
            return try await show(id, context, errors: e, budgetText: budgetText, strategy: form["strategy"], status: .conflict)
        }
        return .redirect(to: "/rewards/\(id)", type: .found)
    }

    /// Approves a run's trial allocation.
    @Sendable func approveRun(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        do {
            let identity = try context.requireIdentity()
            _ = try await api.runs.approve(id, by: Workflow.actor(identity), actor: identity.actor, requestID: context.requestID)
        } catch AppError.conflict {
            let e = [FieldError(field: "budget", code: "not_approvable", "rewards.error.not_approvable")]
            return try await show(id, context, errors: e, budgetText: nil, strategy: nil, status: .conflict)
        }
        return .redirect(to: "/rewards/\(id)", type: .found)
    }

    /// An enterprise's awards, each explained in plain words.
    @Sendable func enterpriseAwards(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let enterprise = try await EnterpriseAPI(services: services).visible(try context.uuid("id"), .viewAward, context)
        let l = context.language
        let items = try await api.runs.awardsOf(enterpriseID: enterprise.id).map { run, award, trace in
            EnterpriseAwardsPage.Award(
                year: run.year, scheme: services.rules.ruleSet(run.schemeId)?.title(l) ?? run.schemeId,
                status: views.t("rewards.status.\(run.status)", l),
                requested: Money(fen: award.requestedFen).formatted(l), eligible: Money(fen: award.eligibleFen).formatted(l),
                authorised: run.status == .approved ? Money(fen: award.authorisedFen ?? 0).formatted(l) : views.t("rewards.pending", l),
                explanation: AwardExplanation.text(trace, l))
        }
        return views.page("rewards/awards", title: views.t("rewards.awardsTitle", l),
                          model: EnterpriseAwardsPage(enterprise: enterprise.name, enterpriseId: enterprise.id.uuidString,
                                                      awards: items, hasAwards: !items.isEmpty),
                          context: context)
    }

    private func budgetError(_ l: Language) -> FieldError {
        FieldError(field: "budget", code: "invalid_budget", "rewards.error.invalid_budget.2")
    }

    /// The runs and the form to open one.
    func list(_ context: AppRequestContext, errors: [FieldError], year: String, scheme: String,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let l = context.language
        let runs = try await api.runs.list().map { r in
            RewardListPage.Run(
                id: r.id.uuidString, year: r.year, scheme: services.rules.ruleSet(r.schemeId)?.title(l) ?? r.schemeId,
                status: views.t("rewards.status.\(r.status)", l), awards: r.awards, eligible: Money(fen: r.eligibleFen).formatted(l),
                authorised: r.authorisedFen.map { Money(fen: $0).formatted(l) } ?? "—")
        }
        let schemes = services.rules.rewardSchemes.map { RewardListPage.Scheme(id: $0.id, title: $0.title(l), selected: $0.id == scheme) }
        let page = RewardListPage(runs: runs, hasRuns: !runs.isEmpty, schemes: schemes,
                                  year: year.isEmpty ? String(FilingImportPages.defaultYear) : year,
                                  yearError: fieldError("year", errors, l), schemeError: fieldError("scheme", errors, l),
                                  errors: ErrorSummary(errors, strings: views.strings, language: l))
        return views.page("rewards/list", title: views.t("rewards.title", l), model: page, context: context, status: status)
    }

    /// A run: facts, the trial form, strategies side by side for the budget, the awards.
    func show(_ id: UUID, _ context: AppRequestContext, errors: [FieldError], budgetText: String?, strategy: String?,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let l = context.language
        let run = try await api.runs.run(id)
        let awards = try await api.runs.awards(id)
        let budget = budgetText.flatMap { try? Money.parse($0) } ?? run.budgetFen.map { Money(fen: $0) }
        var comparison: [RewardRunPage.Comparison] = []
        if let budget, !budget.isNegative {
            comparison = try await api.runs.compare(id, budget: budget).map { c in
                RewardRunPage.Comparison(
                    strategy: AllocationStrategy(rawValue: c.strategy)?.label(l) ?? c.strategy, funded: c.funded,
                    total: Money(fen: c.totalFen).formatted(l), median: c.medianFen.map { Money(fen: $0).formatted(l) } ?? "—",
                    largest: c.largestFen.map { Money(fen: $0).formatted(l) } ?? "—", unspent: Money(fen: c.unspentFen).formatted(l),
                    byCity: c.byCity.sorted { $0.key < $1.key }.map { code, fen in
                        ((try? RegionCode(code)).flatMap { services.reference.regions.region($0)?.name(l) } ?? code) + " " + Money(fen: fen).formatted(l)
                    }.joined(separator: "；"))
            }
        }
        let chosen = strategy ?? run.strategy ?? AllocationStrategy.proRata.rawValue
        let awardRows = awards.map { a in
            RewardRunPage.AwardRow(
                creditCode: a.creditCode, enterpriseId: a.enterpriseId.uuidString,
                city: (try? RegionCode(a.cityCode)).flatMap { services.reference.regions.region($0)?.name(l) } ?? a.cityCode,
                requested: Money(fen: a.requestedFen).formatted(l), eligible: Money(fen: a.eligibleFen).formatted(l),
                authorised: a.authorisedFen.map { Money(fen: $0).formatted(l) } ?? "—")
        }
        let page = RewardRunPage(
            id: id.uuidString, year: run.year, scheme: services.rules.ruleSet(run.schemeId)?.title(l) ?? run.schemeId,
            schemeId: run.schemeId, version: run.schemeVersion, hash: String(run.rulesHash.prefix(16)) + "…",
            status: views.t("rewards.status.\(run.status)", l), isOpen: run.status == .open,
            canApprove: run.status == .open && run.budgetFen != nil, eligible: Money(fen: run.eligibleFen).formatted(l),
            awardCount: run.awards, authorised: run.authorisedFen.map { Money(fen: $0).formatted(l) } ?? "—",
            trialStrategy: run.strategy.flatMap(AllocationStrategy.init(rawValue:))?.label(l) ?? "—",
            budget: budgetText ?? budget.map { $0.yuanString } ?? "",
            strategies: AllocationStrategy.allCases.map { RewardRunPage.Strategy(value: $0.rawValue, label: $0.label(l), checked: $0.rawValue == chosen) },
            comparison: comparison, hasComparison: !comparison.isEmpty, awards: awardRows,
            budgetError: fieldError("budget", errors, l), strategyError: fieldError("strategy", errors, l),
            errors: ErrorSummary(errors, strings: views.strings, language: l))
        return views.page("rewards/show", title: views.t("rewards.runTitle", l), model: page, context: context, status: status)
    }

    /// The first error on `field`, worded; nil when it has none, so the template's `{{#yearError}}` stays closed.
    func fieldError(_ field: String, _ errors: [FieldError], _ l: Language) -> String? {
        errors.first { $0.field == field }.map { views.t($0.message, l) }
    }
}

/// `/rewards`: the reward runs and the form to open one.
struct RewardListPage: PageModel {
    let runs: [Run]
    let hasRuns: Bool
    let schemes: [Scheme]
    /// The year as typed (last year at first).
    let year: String
    let yearError: String?
    let schemeError: String?
    let errors: ErrorSummary

    /// One run in the table.
    struct Run: Encodable, Sendable {
        let id: String
        let year: Int
        let scheme: String
        let status: String
        let awards: Int
        let eligible: String
        let authorised: String
    }

    /// A reward scheme to open a run of.
    struct Scheme: Encodable, Sendable {
        let id: String
        let title: String
        let selected: Bool
    }
}

/// `/rewards/{id}`: a run's facts, the trial form, the strategies compared and the awards.
struct RewardRunPage: PageModel {
    let id: String
    let year: Int
    let scheme: String
    let schemeId: String
    let version: String
    let hash: String
    let status: String
    let isOpen: Bool
    let canApprove: Bool
    let eligible: String
    let awardCount: Int
    let authorised: String
    let trialStrategy: String
    /// The budget in yuan, as typed or as last tried.
    let budget: String
    let strategies: [Strategy]
    let comparison: [Comparison]
    let hasComparison: Bool
    let awards: [AwardRow]
    let budgetError: String?
    let strategyError: String?
    let errors: ErrorSummary

    /// A strategy's radio button.
    struct Strategy: Encodable, Sendable {
        let value: String
        let label: String
        let checked: Bool
    }

    /// What one strategy would do with the budget.
    struct Comparison: Encodable, Sendable {
        let strategy: String
        let funded: Int
        let total: String
        let median: String
        let largest: String
        let unspent: String
        let byCity: String
    }

    /// One enterprise's award in the run.
    struct AwardRow: Encodable, Sendable {
        let creditCode: String
        let enterpriseId: String
        let city: String
        let requested: String
        let eligible: String
        let authorised: String
    }
}

/// `/enterprises/{id}/awards`: an enterprise's awards, each explained in plain words.
struct EnterpriseAwardsPage: PageModel {
    let enterprise: String
    let enterpriseId: String
    let awards: [Award]
    let hasAwards: Bool

    /// One award and how it was reached.
    struct Award: Encodable, Sendable {
        let year: Int
        let scheme: String
        let status: String
        let requested: String
        let eligible: String
        let authorised: String
        let explanation: String
    }
}
