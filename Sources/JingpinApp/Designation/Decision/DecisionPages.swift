import Foundation
import Hummingbird
import JingpinCore

/// The province's decision pages for a round: the ranking with the quota line and applying the
/// proposal (`/rounds/{id}/ranking`), and the overview (`/rounds/{id}/decision`) with the public
/// notice, the objections and their outcomes, the committee's vote and the decision. Publishing
/// the notice and the decision confirm on a page of their own. Every write is `Decisions`' —
/// the API's functions, with their checks and audit.
struct DecisionPages {
    let services: AppServices
    var views: Views { services.views }
    var decisions: DecisionService { DecisionService(database: services.database, rules: services.rules, reference: services.reference) }
    var rounds: RoundService { RoundService(database: services.database, rules: services.rules) }
    var labels: ApplicationLabels { ApplicationLabels(database: services.database, regions: services.reference.regions) }

    func register(_ routes: RouteTable) {
        let manage = Access.permission(.manageRounds)
        routes.add(.get, "/rounds/{id}/ranking", manage, rankingPage)
        routes.add(.post, "/rounds/{id}/ranking", manage, applyProposal)
        routes.add(.get, "/rounds/{id}/decision", manage, decisionPage)
        routes.add(.get, "/rounds/{id}/notice/publish", manage, confirmNotice)
        routes.add(.post, "/rounds/{id}/notice", manage, publishNotice)
        routes.add(.post, "/rounds/{id}/objections/{objection}/outcome", manage, decideObjection)
        routes.add(.post, "/rounds/{id}/committee", manage, recordVote)
        routes.add(.get, "/rounds/{id}/decision/publish", manage, confirmDecision)
        routes.add(.post, "/rounds/{id}/decision", manage, publishDecision)
    }

    /// The ranking page, filtered to `?city=` when given.
    @Sendable func rankingPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await ranking(context, city: request.uri.queryParameters["city"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }, errors: [])
    }

    /// Applies the ranking's proposal, then back to the ranking.
    @Sendable func applyProposal(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        do {
            _ = try await decisions.rank(roundID: id, apply: true, actor: try context.requireIdentity().actor, requestID: context.requestID)
            return .redirect(to: "/rounds/\(id)/ranking", type: .found)
        } catch AppError.conflict(let why) {
            return try await ranking(context, city: nil, errors: [Self.refusal("apply", why)], status: .conflict)
        }
    }

    /// The decision overview page.
    @Sendable func decisionPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await overview(context, errors: [], typed: [:])
    }

    /// The confirmation page for publishing the notice.
    @Sendable func confirmNotice(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        // Without JavaScript, "show the last day" re-requests this page with the date typed.
        let typed = request.uri.queryParameters["publishedOn"].map(String.init) ?? LocalDate.today().description
        return try await confirm(context, kind: "notice", errors: [], publishedOn: typed)
    }

    /// Publishes the notice on the date typed, then back to the overview.
    @Sendable func publishNotice(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        let raw = try await FormData.read(request, context: context)["publishedOn"]?.trimmingCharacters(in: .whitespaces) ?? ""
        do {
            guard let day = try? LocalDate(raw) else {
                throw AppError.validation([FieldError(field: "publishedOn", code: "invalid_date", "decision.error.invalid_date")])
            }
            _ = try await decisions.publishNotice(roundID: id, publishedOn: day, actor: try context.requireIdentity().actor, requestID: context.requestID)
            return .redirect(to: "/rounds/\(id)/decision", type: .found)
        } catch AppError.validation(let errors) {
            return try await confirm(context, kind: "notice", errors: errors, publishedOn: raw, status: .unprocessableContent)
        } catch AppError.conflict(let why) {
            return try await confirm(context, kind: "notice", errors: [Self.refusal("publishedOn", why)], publishedOn: raw, status: .conflict)
        }
    }

    /// Records an objection's outcome (upheld or dismissed), then back to the objections.
    @Sendable func decideObjection(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        let objection = try context.uuid("objection")
        guard try await decisions.objections(roundID: id).contains(where: { $0.id == objection }) else { throw AppError.notFound }
        let form = try await FormData.read(request, context: context)
        let typed = ["outcome-\(objection)": form["outcome"] ?? "", "upheld-\(objection)": form["upheld"] ?? ""]
        do {
            guard let upheld = ["true": true, "false": false][form["upheld"] ?? ""] else {
                throw AppError.validation([FieldError(field: "upheld", code: "required", "decision.error.required")])
            }
            _ = try await decisions.decideObjection(objection, upheld: upheld, outcome: form["outcome"] ?? "", identity: try context.requireIdentity(),
                                                    requestID: context.requestID)
            return .redirect(to: "/rounds/\(id)/decision#objections", type: .found)
        } catch AppError.validation(let errors) {
            return try await overview(context, errors: errors.map { Self.at($0, "\($0.field)-\(objection)") }, typed: typed, status: .unprocessableContent)
        } catch AppError.conflict(let why) {
            return try await overview(context, errors: [Self.refusal("outcome-\(objection)", why)], typed: typed, status: .conflict)
        }
    }

    /// Records the committee's vote, then back to the committee section.
    @Sendable func recordVote(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        let form = try await FormData.read(request, context: context)
        let typed = ["members": form["members"] ?? "", "votesFor": form["votesFor"] ?? ""]
        do {
            var errors: [FieldError] = []
            let members = Int(typed["members"]!.trimmingCharacters(in: .whitespaces))
            let votesFor = Int(typed["votesFor"]!.trimmingCharacters(in: .whitespaces))
            if members == nil { errors.append(FieldError(field: "members", code: "not_a_number", "decision.error.not_a_number.2")) }
            if votesFor == nil { errors.append(FieldError(field: "votesFor", code: "not_a_number", "decision.error.not_a_number")) }
            guard errors.isEmpty, let members, let votesFor else { throw AppError.validation(errors) }
            _ = try await decisions.recordVote(roundID: id, members: members, votesFor: votesFor, actor: try context.requireIdentity().actor,
                                               requestID: context.requestID)
            return .redirect(to: "/rounds/\(id)/decision#committee", type: .found)
        } catch AppError.validation(let errors) {
            return try await overview(context, errors: errors, typed: typed, status: .unprocessableContent)
        } catch AppError.conflict(let why) {
            return try await overview(context, errors: [Self.refusal("members", why)], typed: typed, status: .conflict)
        }
    }

    /// The confirmation page for publishing the decision.
    @Sendable func confirmDecision(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await confirm(context, kind: "decision", errors: [], publishedOn: "")
    }

    /// Publishes the decision, then back to the overview.
    @Sendable func publishDecision(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        do {
            _ = try await decisions.decide(roundID: id, actor: try context.requireIdentity().actor, requestID: context.requestID)
            return .redirect(to: "/rounds/\(id)/decision", type: .found)
        } catch AppError.conflict(let why) {
            return try await confirm(context, kind: "decision", errors: [Self.refusal("decide", why)], publishedOn: "", status: .conflict)
        }
    }

    /// A refusal of the service (409) shown as a message at `field`.
    static func refusal(_ field: String, _ why: Message) -> FieldError { FieldError(field: field, code: "conflict", message: why) }

    static func at(_ e: FieldError, _ field: String) -> FieldError { FieldError(field: field, code: e.code, message: e.message) }

    func openRound(_ context: AppRequestContext) async throws -> RoundService.View {
        let round = try await rounds.get(try context.uuid("id"), includeDrafts: true)
        guard round.status == .open else { throw AppError.conflict(Message("decision.conflict.round_not_open", "\(round.status)")) }
        return round
    }

    // MARK: Ranking

    /// The ranking; `city` (a city code) keeps that city's rows, each with its rank in the whole
    /// round, and the quota line where the round's quota falls among them.
    func ranking(_ context: AppRequestContext, city: String?, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Response {
        let l = context.language
        let round = try await openRound(context)
        let standing = try await decisions.standings(roundID: round.id)
        let names = try await labels.labels(standing.ranked.map(\.applicationId) + standing.unscored, l)
        let pillars = round.configuration.scorecard.pillars.compactMap { PillarKind(rawValue: $0.kind) }
        let shown = standing.ranked.filter { city == nil || names[$0.applicationId]?.cityCode == city }
        let rows = shown.enumerated().map { i, r in
            let n = names[r.applicationId]
            let nextRank = i + 1 < shown.count ? shown[i + 1].rank : nil
            return RoundRankingPage.Row(rank: r.rank, product: n?.product ?? "", enterprise: n?.enterprise ?? "", city: n?.city ?? "", points: r.points,
                                   pillars: r.pillars.map(\.points), proposed: views.t(r.proposed ? "decisions.proposed" : "decisions.notProposed", l),
                                   proposedClass: r.proposed ? "proposed" : "not_proposed", status: n?.statusName ?? "",
                                   quotaLine: r.rank <= standing.quota && (nextRank.map { $0 > standing.quota } ?? false))
        }
        let cities = Dictionary(standing.ranked.compactMap { names[$0.applicationId].map { ($0.cityCode, $0.city) } }, uniquingKeysWith: { a, _ in a })
        let pending = standing.ranked.contains { names[$0.applicationId]?.status == ApplicationStatus.inExpertReview.rawValue }
        let page = RoundRankingPage(
            id: round.id.uuidString, roundTitle: l.pick(zh: round.titleZh, en: round.titleEn), quota: standing.quota,
            pillarNames: pillars.map { $0.name(l) }, rows: rows, hasRows: !rows.isEmpty, columns: 7 + pillars.count,
            unscored: standing.unscored.map { names[$0]?.product ?? $0.uuidString }, hasUnscored: !standing.unscored.isEmpty,
            canApply: pending && standing.unscored.isEmpty,
            quotaLineText: RoundForm.fill(views.t("decisions.quotaLine", l), standing.quota),
            cityOptions: cities.sorted { $0.key < $1.key }.map { .init(value: $0.key, label: $0.value, selected: $0.key == city) },
            errors: ErrorSummary(errors, strings: views.strings, language: l, href: { _ in "#apply" }))
        return views.page("rounds/ranking", title: views.t("decisions.rankingTitle", l), model: page, context: context, status: status)
    }

    // MARK: Overview

    func overview(_ context: AppRequestContext, errors: [FieldError], typed: [String: String], status: HTTPResponse.Status = .ok) async throws -> Response {
        let l = context.language
        let round = try await openRound(context)
        let progress = try await decisions.progress(roundID: round.id)
        let objections = try await decisions.objections(roundID: round.id)
        let names = try await labels.labels(objections.map(\.applicationId), l)
        let message: (String) -> String? = { field in
            let m = errors.filter { $0.field == field }.map { views.t($0.message, l) }
            return m.isEmpty ? nil : m.joined(separator: "；")
        }
        let stamp = ApplicationExport.timestampFormatter()
        let threshold = "\(round.configuration.voteThreshold.numerator)/\(round.configuration.voteThreshold.denominator)"
        let page = DecisionOverviewPage(
            id: round.id.uuidString, roundId: round.id.uuidString, roundTitle: l.pick(zh: round.titleZh, en: round.titleEn),
            objections: objections.map { o in
                .init(id: o.id.uuidString, product: names[o.applicationId]?.product ?? "", text: o.text,
                      contact: "\(o.contactName) · \(o.contactPhone)", filedAt: stamp.string(from: o.filedAt),
                      status: views.t("decisions.objection.\(o.status)", l), outcome: o.outcome ?? "", isOpen: o.status == .open,
                      typedOutcome: typed["outcome-\(o.id)"] ?? "",
                      upheldChecked: typed["upheld-\(o.id)"] == "true", dismissedChecked: typed["upheld-\(o.id)"] == "false",
                      outcomeError: message("outcome-\(o.id)"), upheldError: message("upheld-\(o.id)"))
            },
            hasObjections: !objections.isEmpty,
            members: typed["members"] ?? "", votesFor: typed["votesFor"] ?? "",
            membersError: message("members"), votesForError: message("votesFor"),
            threshold: threshold,
            decided: !progress.designations.isEmpty,
            designatedCount: progress.designations.count,
            notice: progress.notice.map { n in
                .init(publishedOn: RoundPages.day(n.publishedOn, l), lastDay: RoundPages.day(n.lastDay, l), workingDays: n.workingDays,
                      href: "/notices/\(round.id)")
            },
            vote: progress.vote.map { v in
                .init(text: RoundForm.fill(views.t(v.carries ? "decisions.voteCarries" : "decisions.voteFails", l), v.votesFor, v.members, threshold),
                      carries: v.carries)
            },
            errors: ErrorSummary(errors, strings: views.strings, language: l))
        return views.page("rounds/decision", title: views.t("decisions.title", l), model: page, context: context, status: status)
    }

    // MARK: Confirmation pages

    /// The confirmation page for publishing the notice (with its date and the last day it
    /// would run to) or the decision (with what is still missing, if anything).
    func confirm(_ context: AppRequestContext, kind: String, errors: [FieldError], publishedOn: String,
                 status: HTTPResponse.Status = .ok) async throws -> Response {
        let l = context.language
        let round = try await openRound(context)
        var lastDay: String?
        if kind == "notice", let day = try? LocalDate(publishedOn),
           let last = try? PublicNotice.lastDay(publishedOn: day, workingDays: round.configuration.noticeWorkingDays, calendar: services.reference.calendar) {
            lastDay = last.formatted(l)
        }
        var proposed: [String] = []
        if kind == "decision" {
            let standing = try await decisions.standings(roundID: round.id)
            let names = try await labels.labels(standing.ranked.map(\.applicationId), l)
            proposed = standing.ranked.filter { names[$0.applicationId]?.status == ApplicationStatus.proposed.rawValue }
                .map { "\(names[$0.applicationId]?.product ?? "") · \(names[$0.applicationId]?.enterprise ?? "")" }
        }
        let page = DecisionConfirmPage(
            id: round.id.uuidString, roundTitle: l.pick(zh: round.titleZh, en: round.titleEn), isNotice: kind == "notice",
            publishedOn: publishedOn, noticeDays: round.configuration.noticeWorkingDays,
            publishedOnError: errors.first(where: { $0.field == "publishedOn" }).map { views.t($0.message, l) },
            lastDay: lastDay, proposed: proposed,
            errors: ErrorSummary(errors, strings: views.strings, language: l))
        return views.page("rounds/confirm", title: views.t(kind == "notice" ? "decisions.publishNoticeTitle" : "decisions.publishDecisionTitle", l),
                          model: page, context: context, status: status)
    }
}

/// `/rounds/{id}/ranking`: the ranked applications with the quota line, the city filter and the
/// button that applies the proposal.
struct RoundRankingPage: PageModel {
    let id: String
    let roundTitle: String
    let quota: Int
    let pillarNames: [String]
    let rows: [Row]
    let hasRows: Bool
    /// How many columns the quota line spans.
    let columns: Int
    /// The products without a submitted score sheet.
    let unscored: [String]
    let hasUnscored: Bool
    let canApply: Bool
    let quotaLineText: String
    let cityOptions: [FormField.Option]
    let errors: ErrorSummary

    /// One ranked application; `quotaLine` draws the line after the last one within the quota.
    struct Row: Encodable, Sendable {
        let rank: Int
        let product: String
        let enterprise: String
        let city: String
        let points: String
        let pillars: [String]
        let proposed: String
        let proposedClass: String
        let status: String
        let quotaLine: Bool
    }
}

/// `/rounds/{id}/decision`: the notice, the objections with their outcome forms, the committee's
/// vote and the decision.
struct DecisionOverviewPage: PageModel {
    let id: String
    let roundId: String
    let roundTitle: String
    let objections: [Objection]
    let hasObjections: Bool
    /// The vote form's values as typed, and their messages.
    let members: String
    let votesFor: String
    let membersError: String?
    let votesForError: String?
    let threshold: String
    let decided: Bool
    let designatedCount: Int
    /// The published notice; nil before it is published.
    let notice: Notice?
    /// The recorded vote; nil until there is one.
    let vote: Vote?
    let errors: ErrorSummary

    /// One objection; an open one carries its outcome form with what was typed and its messages.
    struct Objection: Encodable, Sendable {
        let id: String
        let product: String
        let text: String
        let contact: String
        let filedAt: String
        let status: String
        let outcome: String
        let isOpen: Bool
        let typedOutcome: String
        let upheldChecked: Bool
        let dismissedChecked: Bool
        let outcomeError: String?
        let upheldError: String?
    }

    /// The notice's dates and its public page.
    struct Notice: Encodable, Sendable {
        let publishedOn: String
        let lastDay: String
        let workingDays: Int
        let href: String
    }

    /// The vote's result in words.
    struct Vote: Encodable, Sendable {
        let text: String
        let carries: Bool
    }
}

/// `/rounds/{id}/notice/publish` and `/rounds/{id}/decision/publish`: the confirmation before
/// publishing the notice (`isNotice`) or the decision.
struct DecisionConfirmPage: PageModel {
    let id: String
    let roundTitle: String
    let isNotice: Bool
    let publishedOn: String
    let noticeDays: Int
    let publishedOnError: String?
    /// The notice's last day for the date typed, when it is a date.
    let lastDay: String?
    /// The proposed products the decision would designate (the decision page only).
    let proposed: [String]
    let errors: ErrorSummary
}
