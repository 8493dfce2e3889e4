import Foundation
import Hummingbird
import JingpinCore

/// Reward runs under `/api/v1/reward-runs` (province admins) and an enterprise's awards with
/// their explanations under `/api/v1/enterprises/{id}/awards` (the enterprise and officers of
/// its region).
struct RewardAPI {
    let services: AppServices

    var runs: RewardRunService {
        RewardRunService(database: services.database,
                   simulation: RewardSimulation(database: services.database, regions: services.reference.regions, rules: services.rules))
    }

    /// An award as an enterprise or officer sees it.
    struct AwardView: Codable, Sendable {
        let runId: UUID
        let year: Int
        let scheme: String
        let status: RewardRunStatus
        let requestedFen: Int64
        let eligibleFen: Int64
        let authorisedFen: Int64?
        let explanation: String
        let trace: EvaluationTrace
    }

    /// `GET /api/v1/reward-runs/{id}/verify`.
    struct Verification: Codable, Sendable {
        /// The rule files hash as they did when the run was made.
        let rulesUnchanged: Bool
        /// One line per enterprise whose amount would differ.
        let differences: [String]
        /// Both: the run is reproduced exactly.
        let reproduced: Bool
    }

    func register(_ routes: RouteTable) {
        let manage = Access.permission(.manageRewards)
        routes.api(RouteDoc(method: .get, path: "/api/v1/reward-runs", summary: "Reward runs, newest first", tag: "rewards",
                            access: manage, success: (200, ItemList<RewardRunService.Run>.self)), list)
        routes.api(RouteDoc(method: .post, path: "/api/v1/reward-runs", summary: "Open a run: {\"year\": 2025, \"scheme\": \"rewards.rd.province\"}",
                            tag: "rewards", access: manage, request: RewardRunRequest.self, success: (201, RewardRunService.Run.self)), open)
        routes.api(RouteDoc(method: .get, path: "/api/v1/reward-runs/{id}", summary: "A run with its totals", tag: "rewards",
                            access: manage, success: (200, RewardRunService.Run.self)), run)
        routes.api(RouteDoc(method: .get, path: "/api/v1/reward-runs/{id}/awards", summary: "A run's awards: requested, eligible, authorised",
                            tag: "rewards", access: manage, success: (200, ItemList<RewardRunService.Award>.self)), awards)
        routes.api(RouteDoc(method: .post, path: "/api/v1/reward-runs/{id}/trial",
                            summary: "Allocate a budget: {\"budgetFen\": \"100000000\", \"strategy\": \"pro-rata|cap-level|rank-order\"}",
                            tag: "rewards", access: manage, request: RewardTrialRequest.self, success: (200, RewardRunService.Run.self)), trial)
        routes.api(RouteDoc(method: .get, path: "/api/v1/reward-runs/{id}/compare", summary: "Every strategy's outcome for a budget, side by side",
                            tag: "rewards", access: manage, query: [QueryParameter("budgetFen", "The budget in fen", required: true)],
                            success: (200, ItemList<RewardRunService.Comparison>.self)), compare)
        routes.api(RouteDoc(method: .post, path: "/api/v1/reward-runs/{id}/approve", summary: "Approve the latest trial and lock the run",
                            tag: "rewards", access: manage, success: (200, RewardRunService.Run.self)), approve)
        routes.api(RouteDoc(method: .get, path: "/api/v1/reward-runs/{id}/verify",
                            summary: "Re-run from the stored inputs with the same rules; lists any enterprise whose amount would differ",
                            tag: "rewards", access: manage, success: (200, Verification.self)), verify)
        routes.api(RouteDoc(method: .get, path: "/api/v1/awards", summary: "A year's awards to the enterprises you may see",
                            tag: "rewards", access: .permission(.viewAward), query: [QueryParameter("year", "The data year", required: true)],
                            success: (200, ItemList<RewardRunService.RegionAward>.self)), regionAwards)
        routes.api(RouteDoc(method: .get, path: "/api/v1/enterprises/{id}/awards", summary: "An enterprise's awards with their explanations",
                            tag: "rewards", access: .permission(.viewAward), success: (200, ItemList<AwardView>.self)), enterpriseAwards)
    }

    /// The runs, newest first.
    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(ItemList(try await runs.list()))
    }

    /// Opens a run for a year and scheme.
    @Sendable func open(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let body = try await RequestDecoder.decode(RewardRunRequest.self, from: request, context: context)
        var errors: [FieldError] = []
        let year = InputBounds.read(body.year.text, field: "year", in: InputBounds.year, errors: &errors)
        let scheme = body.scheme
        if !scheme.isEmpty, services.rules.ruleSet(scheme)?.kind != .reward {
            errors.append(FieldError(field: "scheme", code: "unknown_scheme", "rewards.error.unknown_scheme", "\(scheme)"))
        } else if scheme.isEmpty {
            errors.append(FieldError(field: "scheme", code: "required", "rewards.error.required"))
        }
        guard errors.isEmpty, let year else { throw AppError.validation(errors) }
        let run = try await translate {
            try await runs.open(year: year, schemeID: scheme, actor: try context.requireIdentity().actor, requestID: context.requestID)
        }
        return try JSONResponse.make(run, status: .created)
    }

    /// One run with its totals.
    @Sendable func run(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(try await runs.run(try context.uuid("id")))
    }

    /// A run's awards.
    @Sendable func awards(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        _ = try await runs.run(id)
        return try JSONResponse.make(ItemList(try await runs.awards(id)))
    }

    /// Allocates a budget by a strategy.
    @Sendable func trial(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        let (budget, strategy) = try trialInput(try await RequestDecoder.decode(RewardTrialRequest.self, from: request, context: context))
        let run = try await translate {
            try await runs.trial(id, budget: budget, strategy: strategy, actor: try context.requireIdentity().actor, requestID: context.requestID)
        }
        return try JSONResponse.make(run)
    }

    /// Every strategy's outcome for a budget.
    @Sendable func compare(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        _ = try await runs.run(id)
        let budget = try budgetValue(request.uri.queryParameters["budgetFen"].map(String.init))
        return try JSONResponse.make(ItemList(try await translate { try await runs.compare(id, budget: budget) }))
    }

    /// Approves the latest trial.
    @Sendable func approve(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        let identity = try context.requireIdentity()
        return try JSONResponse.make(try await runs.approve(id, by: Workflow.actor(identity), actor: identity.actor, requestID: context.requestID))
    }

    /// Re-runs from the stored inputs.
    @Sendable func verify(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let result = try await runs.verify(try context.uuid("id"))
        return try JSONResponse.make(Verification(rulesUnchanged: result.rulesUnchanged, differences: result.differences,
                                                  reproduced: result.rulesUnchanged && result.differences.isEmpty))
    }

    /// A year's awards to the enterprises the caller may see.
    @Sendable func regionAwards(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        var errors: [FieldError] = []
        guard let year = InputBounds.read(request.uri.queryParameters["year"].map(String.init), field: "year",
                                          in: InputBounds.year, errors: &errors) else { throw AppError.validation(errors) }
        return try JSONResponse.make(ItemList(try await runs.regionAwards(year: year, visibility: .of(identity.principal))))
    }

    /// An enterprise's awards, each explained.
    @Sendable func enterpriseAwards(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let enterprise = try await EnterpriseAPI(services: services).visible(try context.uuid("id"), .viewAward, context)
        let items = try await runs.awardsOf(enterpriseID: enterprise.id).map { run, award, trace in
            AwardView(runId: run.id, year: run.year, scheme: run.schemeId, status: run.status, requestedFen: award.requestedFen,
                      eligibleFen: award.eligibleFen, authorisedFen: run.status == .approved ? award.authorisedFen : nil,
                      explanation: AwardExplanation.text(trace, context.language), trace: trace)
        }
        return try JSONResponse.make(ItemList(items))
    }

    /// The budget and strategy of a trial, or 422 naming each bad field.
    func trialInput(_ body: RewardTrialRequest) throws -> (Money, AllocationStrategy) {
        var errors: [FieldError] = []
        var budget: Money?
        do { budget = try budgetValue(body.budgetFen.text) } catch AppError.validation(let e) { errors += e }
        // The strategy is read here rather than decoded as the enum, so a bad budget and a bad
        // strategy are named together.
        let strategy = AllocationStrategy(rawValue: body.strategy)
        if strategy == nil {
            errors.append(FieldError(field: "strategy", code: "unknown_strategy", "rewards.error.unknown_strategy"))
        }
        guard errors.isEmpty, let budget, let strategy else { throw AppError.validation(errors) }
        return (budget, strategy)
    }

    /// A budget in whole, non-negative fen, or 422.
    func budgetValue(_ raw: String?) throws -> Money {
        guard let raw, let budget = try? RewardSimulation.budget(raw) else {
            throw AppError.validation([FieldError(field: "budgetFen", code: "invalid_budget", "rewards.error.invalid_budget")])
        }
        return budget
    }

    /// Domain refusals as problems: no data or an unknown scheme is 422, a bad allocation input 422.
    func translate<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let e as RewardRunError {
            throw AppError.validation([FieldError(field: e.field, code: e.code, message: e.message)])
        } catch let e as RuleEvaluationError {
            // The rule set has no value for the year (a run before its first date): the year is wrong, not the server.
            throw AppError.validation([FieldError(field: "year", code: "no_rules", message: e.message)])
        } catch let e as AllocationError {
            throw AppError.validation([FieldError(field: "budgetFen", code: "invalid_allocation", message: e.message)])
        }
    }
}

/// `POST /api/v1/reward-runs`: `{"year": 2025, "scheme": "rewards.rd.province"}`.
struct RewardRunRequest: RequestBody {
    /// The data year (2000–2100), as a number or digits.
    var year: ValueText
    /// A reward scheme's id.
    var scheme: String
}

/// `POST /api/v1/reward-runs/{id}/trial`: the budget in whole fen (digits or a number) and the strategy.
struct RewardTrialRequest: RequestBody {
    var budgetFen: ValueText
    /// `pro-rata`, `cap-level` or `rank-order`.
    var strategy: String
}
