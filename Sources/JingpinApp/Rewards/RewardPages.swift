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
        routes.add(.get, "/rewards", .permission(.manageRewards)) { _, context in try await list(context, errors: [], year: "", scheme: "") }
        routes.add(.post, "/rewards", .permission(.manageRewards)) { request, context in
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
        routes.add(.get, "/rewards/{id}", .permission(.manageRewards)) { request, context in
            let budget = request.uri.queryParameters["budget"].map(String.init)
            return try await show(try context.uuid("id"), context, errors: [], budgetText: budget, strategy: nil)
        }
        routes.add(.post, "/rewards/{id}/trial", .permission(.manageRewards)) { request, context in
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
        routes.add(.post, "/rewards/{id}/approve", .permission(.manageRewards)) { _, context in
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
        routes.add(.get, "/enterprises/{id}/awards", .permission(.viewAward)) { _, context in
            let enterprise = try await EnterpriseAPI(services: services).visible(try context.uuid("id"), .viewAward, context)
            let l = context.language
            let items = try await api.runs.awardsOf(enterpriseID: enterprise.id).map { run, award, trace in
                [
                    "year": run.year, "scheme": services.rules.ruleSet(run.schemeId)?.title(l) ?? run.schemeId,
                    "status": views.t("rewards.status.\(run.status)", l),
                    "requested": Money(fen: award.requestedFen).formatted(l), "eligible": Money(fen: award.eligibleFen).formatted(l),
                    "authorised": run.status == .approved ? Money(fen: award.authorisedFen ?? 0).formatted(l) : views.t("rewards.pending", l),
                    "explanation": AwardExplanation.text(trace, l),
                ] as [String: Any]
            }
            return views.page("rewards/awards", title: views.t("rewards.awardsTitle", l),
                              data: ["enterprise": enterprise.name, "enterpriseId": enterprise.id.uuidString, "awards": items, "hasAwards": !items.isEmpty],
                              context: context)
        }
    }

    private func budgetError(_ l: Language) -> FieldError {
        FieldError(field: "budget", code: "invalid_budget", "rewards.error.invalid_budget.2")
    }

    /// The runs and the form to open one.
    func list(_ context: AppRequestContext, errors: [FieldError], year: String, scheme: String,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let l = context.language
        let runs = try await api.runs.list().map { r in
            [
                "id": r.id.uuidString, "year": r.year, "scheme": services.rules.ruleSet(r.schemeId)?.title(l) ?? r.schemeId,
                "status": views.t("rewards.status.\(r.status)", l), "awards": r.awards, "eligible": Money(fen: r.eligibleFen).formatted(l),
                "authorised": r.authorisedFen.map { Money(fen: $0).formatted(l) } ?? "—",
            ] as [String: Any]
        }
        let schemes = services.rules.rewardSchemes.map { ["id": $0.id, "title": $0.title(l), "selected": $0.id == scheme] as [String: Any] }
        let data: [String: Any] = [
            "runs": runs, "hasRuns": !runs.isEmpty, "schemes": schemes,
            "year": year.isEmpty ? String(FilingImportPages.defaultYear) : year,
        ]
        return views.page("rewards/list", title: views.t("rewards.title", l), data: data.merging(errorData(errors, l)) { a, _ in a },
                          context: context, status: status)
    }

    /// A run: facts, the trial form, strategies side by side for the budget, the awards.
    func show(_ id: UUID, _ context: AppRequestContext, errors: [FieldError], budgetText: String?, strategy: String?,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let l = context.language
        let run = try await api.runs.run(id)
        let awards = try await api.runs.awards(id)
        let budget = budgetText.flatMap { try? Money.parse($0) } ?? run.budgetFen.map { Money(fen: $0) }
        var comparison: [[String: Any]] = []
        if let budget, !budget.isNegative {
            comparison = try await api.runs.compare(id, budget: budget).map { c in
                [
                    "strategy": AllocationStrategy(rawValue: c.strategy)?.label(l) ?? c.strategy, "funded": c.funded,
                    "total": Money(fen: c.totalFen).formatted(l), "median": c.medianFen.map { Money(fen: $0).formatted(l) } ?? "—",
                    "largest": c.largestFen.map { Money(fen: $0).formatted(l) } ?? "—", "unspent": Money(fen: c.unspentFen).formatted(l),
                    "byCity": c.byCity.sorted { $0.key < $1.key }.map { code, fen in
                        ((try? RegionCode(code)).flatMap { services.reference.regions.region($0)?.name(l) } ?? code) + " " + Money(fen: fen).formatted(l)
                    }.joined(separator: "；"),
                ] as [String: Any]
            }
        }
        let chosen = strategy ?? run.strategy ?? AllocationStrategy.proRata.rawValue
        let awardRows: [[String: Any]] = awards.map { a in
            let city: String = (try? RegionCode(a.cityCode)).flatMap { services.reference.regions.region($0)?.name(l) } ?? a.cityCode
            let authorised: String = a.authorisedFen.map { Money(fen: $0).formatted(l) } ?? "—"
            return ["creditCode": a.creditCode, "enterpriseId": a.enterpriseId.uuidString, "city": city,
                    "requested": Money(fen: a.requestedFen).formatted(l), "eligible": Money(fen: a.eligibleFen).formatted(l),
                    "authorised": authorised]
        }
        let strategies: [[String: Any]] = AllocationStrategy.allCases.map { ["value": $0.rawValue, "label": $0.label(l), "checked": $0.rawValue == chosen] }
        let schemeTitle: String = services.rules.ruleSet(run.schemeId)?.title(l) ?? run.schemeId
        let authorisedTotal: String = run.authorisedFen.map { Money(fen: $0).formatted(l) } ?? "—"
        let trialStrategy: String = run.strategy.flatMap(AllocationStrategy.init(rawValue:))?.label(l) ?? "—"
        var data: [String: Any] = errorData(errors, l)
        data["id"] = id.uuidString
        data["year"] = run.year
        data["scheme"] = schemeTitle
        data["schemeId"] = run.schemeId
        data["version"] = run.schemeVersion
        data["hash"] = String(run.rulesHash.prefix(16)) + "…"
        data["status"] = views.t("rewards.status.\(run.status)", l)
        data["isOpen"] = run.status == .open
        data["canApprove"] = run.status == .open && run.budgetFen != nil
        data["eligible"] = Money(fen: run.eligibleFen).formatted(l)
        data["awardCount"] = run.awards
        data["authorised"] = authorisedTotal
        data["trialStrategy"] = trialStrategy
        data["budget"] = budgetText ?? budget.map { $0.yuanString } ?? ""
        data["strategies"] = strategies
        data["comparison"] = comparison
        data["hasComparison"] = !comparison.isEmpty
        data["awards"] = awardRows
        return views.page("rewards/show", title: views.t("rewards.runTitle", l), data: data, context: context, status: status)
    }

    /// The error summary and one `<field>Error` message per field with an error; fields
    /// without one get no key at all, so the template's `{{#yearError}}` stays closed.
    func errorData(_ errors: [FieldError], _ l: Language) -> [String: Any] {
        var out: [String: Any] = ["errorSummary": errors.map { ["href": "#field-\($0.field)", "message": views.t($0.message, l)] }]
        for e in errors where out["\(e.field)Error"] == nil { out["\(e.field)Error"] = views.t(e.message, l) }
        return out
    }
}
