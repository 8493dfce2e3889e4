import Foundation
import Hummingbird
import JingpinCore

/// The city officer's recommendation page for a round: the applications its counties passed,
/// a rank to give each one recommended (1 first) or a reason to decline it, within the city's
/// quota. Submitting calls `CityRecommendations.recommend`, all or nothing.
struct CityRecommendationPages {
    let services: AppServices
    var views: Views { services.views }
    var recommendations: CityRecommendationService {
        CityRecommendationService(applications: ApplicationService(database: services.database, rules: services.rules, regions: services.reference.regions))
    }

    func register(_ routes: RouteTable) {
        let review = Access.permission(.reviewApplication)
        routes.add(.get, "/rounds/:id/recommendations", review, recommendationsPage)
        routes.add(.post, "/rounds/:id/recommendations", review, recommend)
    }

    /// The city's recommendation page for a round, for `?city=` when given.
    @Sendable func recommendationsPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await page(try context.uuid("id"), city: request.queryDictionary["city"], typed: [:], errors: [], context)
    }

    /// Submits the city's ranks and declines, all or nothing, then back to the page.
    @Sendable func recommend(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let round = try context.uuid("id")
        let form = try await FormData.read(request, context: context)
        var typed: [String: (rank: String, reason: String)] = [:]
        for (k, v) in form.pairs {
            if k.hasPrefix("rank/") { typed[String(k.dropFirst(5)), default: ("", "")].rank = v }
            if k.hasPrefix("reason/") { typed[String(k.dropFirst(7)), default: ("", "")].reason = v }
        }
        var errors: [FieldError] = []
        var ranked: [(Int, UUID)] = []
        var declined: [CityRecommendationService.Decline] = []
        for (key, entry) in typed.sorted(by: { $0.key < $1.key }) {
            guard let id = UUID(uuidString: key) else { continue }
            let rank = entry.rank.trimmingCharacters(in: .whitespaces)
            let reason = entry.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            if !rank.isEmpty {
                if let r = Int(rank), r >= 1 { ranked.append((r, id)) } else {
                    errors.append(FieldError(field: "rank/\(key)", code: "invalid_rank", "cityRecommendation.error.invalid_rank"))
                }
                if !reason.isEmpty {
                    errors.append(FieldError(field: "reason/\(key)", code: "both", "cityRecommendation.error.both"))
                }
            } else if !reason.isEmpty {
                declined.append(.init(id: id, reason: reason))
            }
        }
        if Set(ranked.map(\.0)).count != ranked.count {
            errors.append(FieldError(field: "ranked", code: "duplicate_rank", "cityRecommendation.error.duplicate_rank"))
        }
        if errors.isEmpty {
            do {
                _ = try await recommendations.recommend(roundID: round, ranked: ranked.sorted { $0.0 < $1.0 }.map(\.1), declined: declined,
                                                        identity: identity, requestID: context.requestID)
                return .redirect(to: "/rounds/\(round)/recommendations", type: .found)
            } catch AppError.validation(let e) {
                errors = e
            }
        }
        return try await page(round, city: nil, typed: typed, errors: errors, context)
    }

    func page(_ roundID: UUID, city: String?, typed: [String: (rank: String, reason: String)], errors: [FieldError],
              _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let l = context.language
        let list = try await recommendations.list(roundID: roundID, city: city, identity: identity, language: l)
        let byField = Dictionary(errors.map { ($0.field, views.t($0.message, l)) }, uniquingKeysWith: { a, _ in a })
        let canAct = try identity.takes(.cityRecommend) && identity.may(.recommendApplications, on: .region(RegionCode(list.cityCode)))
        let rows = list.items.map { item in
            let key = item.applicationId.uuidString
            return CityRecommendationPage.Row(
                id: key, href: "/applications/\(key)", product: item.productName, enterprise: item.enterpriseName,
                status: item.statusName, statusClass: item.status, cityRank: item.cityRank.map(String.init) ?? "",
                awaiting: canAct && item.status == ApplicationStatus.countyPassed.rawValue,
                rank: typed[key]?.rank ?? "", reason: typed[key]?.reason ?? "",
                county: (try? RegionCode(item.countyCode)).flatMap { services.reference.regions.region($0) }
                    .map { l.pick(zh: $0.nameZh, en: $0.nameEn) } ?? item.countyCode,
                rankError: byField["rank/\(key)"], reasonError: byField["reason/\(key)"])
        }
        let page = CityRecommendationPage(
            rows: rows, hasRows: !rows.isEmpty, quota: list.quota.map(String.init) ?? views.t("recommend.noLimit", l), recommended: list.recommended,
            hasAwaiting: rows.contains { $0.awaiting }, action: "/rounds/\(roundID)/recommendations",
            // A rank or a reason links to its input; a refusal of the whole list to the form.
            errors: ErrorSummary(errors, strings: views.strings, language: l, href: { e in
                e.field.hasPrefix("rank/") || e.field.hasPrefix("reason/") ? "#field-\(e.field)" : "#recommendations"
            }))
        return views.page("designation/recommendations", title: views.t("recommend.title", l), model: page, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

/// `/rounds/{id}/recommendations`: the applications a city's counties passed, each with a rank
/// or a reason to decline it while it awaits the city, within the city's quota.
struct CityRecommendationPage: PageModel {
    let rows: [Row]
    let hasRows: Bool
    /// The city's quota, or "no limit" in words.
    let quota: String
    let recommended: Int
    let hasAwaiting: Bool
    let action: String
    let errors: ErrorSummary

    /// One application; `awaiting` ones carry the rank and reason inputs, as typed, with their messages.
    struct Row: Encodable, Sendable {
        let id: String
        let href: String
        let product: String
        let enterprise: String
        let status: String
        let statusClass: String
        let cityRank: String
        let awaiting: Bool
        let rank: String
        let reason: String
        let county: String
        let rankError: String?
        let reasonError: String?
    }
}
