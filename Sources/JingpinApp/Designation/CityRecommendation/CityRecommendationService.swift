import FluentKit
import Foundation
import JingpinCore

/// The city's recommendation (设区市推荐): a city officer ranks the applications its counties
/// passed and recommends at most the city's quota of them, in order; the others are declined
/// with a reason. The order is kept (`city_rank`) and shown to the province. The quota is
/// enforced here and on the single `city_recommend` step alike.
struct CityRecommendationService {
    let applications: ApplicationService
    var database: DatabaseService { applications.database }

    /// A city's recommendation list as the API shows it.
    struct ListView: Codable, Sendable {
        let cityCode: String
        /// The city's quota; nil for no limit.
        let quota: Int?
        /// How many it has recommended so far.
        let recommended: Int
        /// Those the city recommended (by rank, whatever happened since), then those awaiting it, then those declined.
        let items: [Item]

        struct Item: Codable, Sendable {
            let applicationId: UUID
            let status: String
            let statusName: String
            let cityRank: Int?
            let productName: String
            let enterpriseName: String
            let countyCode: String
        }
    }

    /// One application declined, with its reason.
    struct Decline: Sendable {
        let id: UUID
        let reason: String
    }

    /// The city's list in round `roundID`: a city officer's own city; the province names `city`.
    func list(roundID: UUID, city: String?, identity: Identity, language l: Language) async throws -> ListView {
        let (round, configuration, cityCode) = try await scope(roundID, city: city, identity)
        let rows = try await ApplicationModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID)
            .filter(\.$cityCode == cityCode.value)
            .filter(\.$status ~~ Self.listed).all()
        let products = try await ProductModel.query(on: database.db).filter(\.$id ~~ rows.map(\.productID)).all()
        let enterprises = try await EnterpriseModel.query(on: database.db).filter(\.$id ~~ rows.map(\.enterpriseID)).all()
        let productName = Dictionary(uniqueKeysWithValues: products.map { ($0.id!, $0.name) })
        let enterpriseName = Dictionary(uniqueKeysWithValues: enterprises.map { ($0.id!, $0.name) })
        // Recommended (whatever happened since) by rank, then those waiting, then those declined.
        func group(_ m: ApplicationModel) -> Int {
            m.status == ApplicationStatus.countyPassed.rawValue ? 1 : m.status == ApplicationStatus.cityNotRecommended.rawValue ? 2 : 0
        }
        let items = rows.sorted {
            (group($0), $0.cityRank ?? Int.max, $0.createdAt) < (group($1), $1.cityRank ?? Int.max, $1.createdAt)
        }.map { m in
            ListView.Item(applicationId: m.id!, status: m.status, statusName: ApplicationStatus(rawValue: m.status)?.name(l) ?? m.status,
                          cityRank: m.cityRank, productName: productName[m.productID] ?? "", enterpriseName: enterpriseName[m.enterpriseID] ?? "",
                          countyCode: m.countyCode)
        }
        return ListView(cityCode: cityCode.value, quota: configuration.cityQuota(for: cityCode),
                        recommended: rows.count { Self.pastCity.contains($0.status) }, items: items)
    }

    /// Recommends `ranked` in that order (after any the city recommended before) and declines
    /// `declined`, all or nothing: every one must be a county-passed application of the officer's
    /// city in this round, none twice, each decline with a reason, and the recommended total
    /// within the city's quota.
    func recommend(roundID: UUID, ranked: [UUID], declined: [Decline], identity: Identity, requestID: String) async throws -> ListView {
        guard identity.mayEver(.recommendApplications) else { throw AppError.forbidden }
        let (round, configuration, city) = try await scope(roundID, city: nil, identity)
        // The province reads every city's list, but the recommendation is the city's own step.
        guard identity.takes(.cityRecommend), identity.may(.recommendApplications, on: .region(city)) else { throw AppError.forbidden }
        let all = ranked + declined.map(\.id)
        let at = applications.now()
        try await database.db.transaction { tx in
            // Two officers of one city at once: the second waits here, then counts what the first
            // recommended. Every check below reads through `tx`, under the lock.
            try await RowLock.lock(RoundModel.schema, where: "series_id", equals: round.seriesID, on: tx)
            var errors: [FieldError] = []
            if all.isEmpty {
                errors.append(FieldError(field: "ranked", code: "required", "cityRecommendation.error.required.3"))
            }
            if Set(all).count != all.count {
                errors.append(FieldError(field: "ranked", code: "duplicate", "cityRecommendation.error.duplicate"))
            }
            let rows = try await ApplicationModel.query(on: tx).filter(\.$id ~~ all).all()
            let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id!, $0) })
            for (i, id) in ranked.enumerated() where !Self.awaitsCity(byID[id], round, city) {
                errors.append(FieldError(field: "ranked/\(i)", code: "not_awaiting_city", "cityRecommendation.error.not_awaiting_city"))
            }
            for (i, d) in declined.enumerated() {
                if !Self.awaitsCity(byID[d.id], round, city) {
                    errors.append(FieldError(field: "declined/\(i)/id", code: "not_awaiting_city", "cityRecommendation.error.not_awaiting_city"))
                }
                if d.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    errors.append(FieldError(field: "declined/\(i)/reason", code: "required", "cityRecommendation.error.required.2"))
                }
            }
            let already = try await Self.recommendedCount(round.seriesID, city, on: tx)
            if let quota = configuration.cityQuota(for: city), already + ranked.count > quota {
                errors.append(FieldError(field: "ranked", code: "over_city_quota",
                                         "cityRecommendation.error.over_city_quota", "\(quota)", "\(already)", "\(max(0, quota - already))"))
            }
            guard errors.isEmpty else { throw AppError.validation(errors) }
            let firstRank = try await Self.nextRank(round.seriesID, city, on: tx)
            for (i, id) in ranked.enumerated() {
                let m = byID[id]!
                m.cityRank = firstRank + i
                try await ApplicationService.record(.cityRecommend, on: m, by: identity.role, reason: nil, actor: identity.actor, at: at,
                                              requestID: requestID, tx)
            }
            for d in declined {
                try await ApplicationService.record(.cityDecline, on: byID[d.id]!, by: identity.role, reason: d.reason, actor: identity.actor,
                                              at: at, requestID: requestID, tx)
            }
        }
        return try await list(roundID: roundID, city: nil, identity: identity, language: .zhHans)
    }

    /// The rank the next recommendation of `m`'s city takes, or a refusal when the city's quota
    /// is used up — for the single `city_recommend` step, inside its transaction `tx` after the
    /// round's rows are locked (`lockForRecommendation`), so the count is the committed one.
    static func rankForSingleRecommendation(_ m: ApplicationModel, configuration: RoundConfiguration, on tx: any Database) async throws -> Int {
        let city = try RegionCode(m.cityCode)
        let already = try await recommendedCount(m.roundSeriesID, city, on: tx)
        if let quota = configuration.cityQuota(for: city), already >= quota {
            throw AppError.conflict(Message("cityRecommendation.conflict.quota_used", "\(quota)", "\(already)"))
        }
        return try await nextRank(m.roundSeriesID, city, on: tx)
    }

    // MARK: Helpers

    private static func awaitsCity(_ m: ApplicationModel?, _ round: RoundModel, _ city: RegionCode) -> Bool {
        guard let m else { return false }
        return m.roundSeriesID == round.seriesID && m.cityCode == city.value && m.status == ApplicationStatus.countyPassed.rawValue
    }

    private static func recommendedCount(_ seriesID: UUID, _ city: RegionCode, on db: any Database) async throws -> Int {
        try await ApplicationModel.query(on: db).filter(\.$roundSeriesID == seriesID).filter(\.$cityCode == city.value)
            .filter(\.$status ~~ Self.pastCity).count()
    }

    private static func nextRank(_ seriesID: UUID, _ city: RegionCode, on db: any Database) async throws -> Int {
        let ranks = try await ApplicationModel.query(on: db).filter(\.$roundSeriesID == seriesID).filter(\.$cityCode == city.value)
            .all().compactMap(\.cityRank)
        return (ranks.max() ?? 0) + 1
    }

    /// The statuses of an application the city recommended (it stays counted against the
    /// quota whatever the province does next).
    private static let pastCity: [String] = [ApplicationStatus.cityRecommended, .formalPassed, .formalRejected, .inExpertReview, .proposed,
                                             .notProposed, .designated, .notDesignated].map(\.rawValue)

    /// What the city's list shows: those waiting for it, those it declined, those it recommended.
    private static let listed: [String] = [ApplicationStatus.countyPassed.rawValue, ApplicationStatus.cityNotRecommended.rawValue] + pastCity

    /// The round and the city the reader acts on: a city officer's own; the province's named `city`.
    private func scope(_ roundID: UUID, city: String?, _ identity: Identity) async throws -> (RoundModel, RoundConfiguration, RegionCode) {
        guard let round = try await RoundModel.find(roundID, on: database.db) else { throw AppError.notFound }
        let code: RegionCode
        switch EnterpriseVisibility.of(identity.principal) {
        case .city(let own):
            code = own
        case .all:
            guard let city, let c = try? RegionCode(city), c.level == .city else {
                throw AppError.validation([FieldError(field: "city", code: "required", "cityRecommendation.error.required")])
            }
            code = c
        default:
            throw AppError.forbidden
        }
        let open = try await RoundConfigurations.openVersion(of: round.seriesID, on: database.db)
        return (round, try RoundConfigurations.configuration(open ?? round, applications.rules), code)
    }
}
