import Foundation
import Hummingbird
import JingpinCore

/// The round pages: `/rounds` (every version for the province; open rounds for everyone else
/// taking part), `/rounds/{id}` (the configuration: stages, numbers, scorecard), the form for a
/// draft (`/rounds/new`, `/rounds/{id}/edit`; for an open round the same form makes the next
/// version), and opening a draft after a confirmation page. Every write goes through `Rounds`,
/// the same functions as the API, so the checks and the audit are the API's.
struct RoundPages {
    let services: AppServices
    var views: Views { services.views }
    var rounds: RoundService { RoundService(database: services.database, rules: services.rules) }
    var decisions: DecisionService { DecisionService(database: services.database, rules: services.rules, reference: services.reference) }

    func register(_ routes: RouteTable) {
        routes.add(.get, "/rounds", .permission(.viewRounds), list)
        routes.add(.get, "/rounds/new", .permission(.manageRounds), newRoundForm)
        routes.add(.post, "/rounds", .permission(.manageRounds), createRound)
        routes.add(.get, "/rounds/{id}", .permission(.viewRounds), roundPage)
        routes.add(.get, "/rounds/{id}/edit", .permission(.manageRounds), editForm)
        routes.add(.post, "/rounds/{id}", .permission(.manageRounds), saveRound)
        routes.add(.get, "/rounds/{id}/open", .permission(.manageRounds), confirmOpenPage)
        routes.add(.post, "/rounds/{id}/open", .permission(.manageRounds), openRound)
    }

    /// The form for a new round, filled from `?from=` (a round's id) or the newest round.
    @Sendable func newRoundForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var form = RoundForm.blank(ruleSet: designationRuleSets.first?.id ?? "")
        let all = try await rounds.list(includeDrafts: true)
        let source = request.uri.queryParameters["from"].flatMap { id in all.first { $0.id.uuidString == id } } ?? all.first
        if let source { form = RoundForm.copy(of: source.configuration) }
        return formPage(form, errors: [], round: nil, copiedFrom: source, context)
    }

    /// Creates a draft round, then to its page.
    @Sendable func createRound(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var form = RoundForm(form: try await FormData.read(request, context: context))
        do {
            let input = try Self.unwrap(form.input())
            let created = try await rounds.create(input, actor: try context.requireIdentity().actor, requestID: context.requestID)
            return .redirect(to: "/rounds/\(created.id)", type: .found)
        } catch AppError.validation(let errors) {
            return formPage(form, errors: errors, round: nil, copiedFrom: nil, context)
        }
    }

    /// A round's page, noting a new version when `?made=version`.
    @Sendable func roundPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await show(context, madeVersion: request.uri.queryParameters["made"] == "version")
    }

    /// The form for editing a draft, or making the next version of an open round.
    @Sendable func editForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let round = try await editable(try context.uuid("id"))
        return formPage(RoundForm(round.configuration), errors: [], round: round, copiedFrom: nil, context)
    }

    /// Saves the draft in place, or an open round as a new version, then to its page.
    @Sendable func saveRound(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let round = try await editable(try context.uuid("id"))
        var form = RoundForm(form: try await FormData.read(request, context: context))
        do {
            let input = try Self.unwrap(form.input())
            let saved = try await rounds.update(round.id, input, actor: try context.requireIdentity().actor, requestID: context.requestID)
            return .redirect(to: "/rounds/\(saved.id)\(saved.newVersion == true ? "?made=version" : "")", type: .found)
        } catch AppError.validation(let errors) {
            return formPage(form, errors: errors, round: round, copiedFrom: nil, context)
        }
    }

    /// The confirmation page before opening a round.
    @Sendable func confirmOpenPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let round = try await rounds.get(try context.uuid("id"), includeDrafts: true)
        return confirmOpen(round, errors: [], context)
    }

    /// Opens the round, then to its page.
    @Sendable func openRound(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.uuid("id")
        do {
            let identity = try context.requireIdentity()
            _ = try await rounds.open(id, by: Workflow.actor(identity), actor: identity.actor, requestID: context.requestID)
            return .redirect(to: "/rounds/\(id)", type: .found)
        } catch AppError.validation(let errors) {
            return confirmOpen(try await rounds.get(id, includeDrafts: true), errors: errors, context)
        } catch AppError.conflict(let why) {
            return confirmOpen(try await rounds.get(id, includeDrafts: true),
                               errors: [FieldError(field: "open", code: "conflict", message: why)], context)
        }
    }

    var designationRuleSets: [RuleSet] { services.rules.ruleSets.filter { $0.kind == .designationEligibility } }

    /// The form's parse errors as the API's validation error, so one `catch` handles both.
    static func unwrap(_ result: Result<RoundInput, FieldErrors>) throws -> RoundInput {
        switch result {
        case .success(let input): return input
        case .failure(let e): throw AppError.validation(e.errors)
        }
    }

    /// The newest version of a round, which is the only one that may be edited (a draft in
    /// place, an open one by a new version); an older or superseded one is a 409 page.
    func editable(_ id: UUID) async throws -> RoundService.View {
        let round = try await rounds.get(id, includeDrafts: true)
        let newest = try await rounds.list(includeDrafts: true).filter { $0.seriesId == round.seriesId }.max { $0.version < $1.version }
        guard newest?.id == round.id, round.status != .superseded else {
            throw AppError.conflict(Message("rounds.conflict.newer_version", "\(newest?.version ?? 0)"))
        }
        return round
    }

    // MARK: List

    /// The rounds list, filtered by `?status=` and `?year=`.
    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let l = context.language
        let q = request.queryDictionary
        let province = identity.may(.viewRoundDrafts)
        let manage = identity.may(.manageRounds)
        var all = try await rounds.list(includeDrafts: province)
        let status = q["status"].flatMap(RoundStatus.init(rawValue:))
        let year = q["year"].flatMap(Int.init)
        let years = Array(Set(all.map(\.year))).sorted(by: >)
        if let status { all = all.filter { $0.status == status } }
        if let year { all = all.filter { $0.year == year } }
        let rows = all.map { r in
            RoundListPage.Row(href: "/rounds/\(r.id)", title: l.pick(zh: r.titleZh, en: r.titleEn), year: r.year, version: r.version,
                              status: views.t("rounds.status.\(r.status.rawValue)", l), statusClass: r.status.rawValue,
                              stage: currentStage(r.configuration, l))
        }
        let page = RoundListPage(
            rows: rows, hasRows: !rows.isEmpty, canManage: manage, total: rows.count,
            statusOptions: RoundStatus.allCases.filter { province || $0 == .open }.map {
                .init(value: $0.rawValue, label: views.t("rounds.status.\($0.rawValue)", l), selected: $0 == status)
            },
            yearOptions: years.map { .init(value: $0, selected: $0 == year) })
        return views.page("rounds/list", title: views.t("rounds.title", l), model: page, context: context)
    }

    /// The stage whose dates include today (Asia/Shanghai), or "before"/"after" the round.
    func currentStage(_ input: RoundInput, _ l: Language) -> String {
        let today = LocalDate.today().description
        if let s = input.stages.first(where: { $0.opens <= today && today <= $0.deadline }) { return views.t("rounds.stage.\(s.kind)", l) }
        if let first = input.stages.first, today < first.opens { return views.t("rounds.notStarted", l) }
        return views.t("rounds.ended", l)
    }

    // MARK: Show

    /// `madeVersion`: just saved as a new version of an open round (the form's redirect says so).
    func show(_ context: AppRequestContext, madeVersion: Bool = false) async throws -> Response {
        let identity = try context.requireIdentity()
        let l = context.language
        let province = identity.may(.viewRoundDrafts)
        let manage = identity.may(.manageRounds)
        let round = try await rounds.get(try context.uuid("id"), includeDrafts: province)
        let c = round.configuration
        let today = LocalDate.today().description
        let versions = province ? try await rounds.list(includeDrafts: true).filter { $0.seriesId == round.seriesId }.sorted { $0.version < $1.version } : []
        let newest = versions.last?.id == round.id
        // The public page exists once the notice is published (404 before).
        var hasNotice = false
        if round.status == .open { hasNotice = try await decisions.progress(roundID: round.id).notice != nil }
        let supersededBy = round.status == .superseded ? versions.first(where: { $0.status == .open }).map { "/rounds/\($0.id)" } : nil
        let draftOf = round.status == .draft ? versions.first(where: { $0.status == .open }).map { RoundShowPage.DraftOf(href: "/rounds/\($0.id)", version: $0.version) } : nil
        let page = RoundShowPage(
            id: round.id.uuidString, title: l.pick(zh: round.titleZh, en: round.titleEn), year: round.year, version: round.version,
            status: views.t("rounds.status.\(round.status)", l), statusClass: round.status.rawValue,
            stages: c.stages.map { s in
                .init(name: views.t("rounds.stage.\(s.kind)", l), opens: Self.day(s.opens, l), deadline: Self.day(s.deadline, l),
                      current: s.opens <= today && today <= s.deadline)
            },
            sectors: c.sectors.compactMap { Sector(rawValue: $0)?.name(l) }.joined(separator: "、"),
            categories: c.categories.compactMap { ProductCategory(rawValue: $0)?.name(l) }.joined(separator: "、"),
            ruleSet: services.rules.ruleSet(c.eligibilityRuleSet)?.title(l) ?? c.eligibilityRuleSet, ruleSetId: c.eligibilityRuleSet,
            quota: c.quota, noticeDays: c.noticeWorkingDays,
            cityQuota: Self.cityQuotaText(c, services.reference.regions, views, l),
            threshold: "\(c.voteThreshold.numerator)/\(c.voteThreshold.denominator)",
            divergence: c.divergenceThresholdPoints,
            sameCity: views.t(c.sameCityConflicts ? "common.yes" : "common.no", l),
            tieBreaks: c.tieBreaks.map { tieBreakName($0, l) }.joined(separator: " → "),
            pillars: pillarRows(c.scorecard, l),
            versions: versions.map { v in
                .init(href: "/rounds/\(v.id)", version: v.version, status: views.t("rounds.status.\(v.status)", l), this: v.id == round.id)
            },
            hasVersions: versions.count > 1,
            canEditDraft: manage && newest && round.status == .draft,
            canOpen: manage && RoundStep.open.rule.from.contains(round.status),
            canVersion: manage && newest && round.status == .open,
            isOpen: round.status == .open, isProvince: manage,
            // The exports are the reviewing officers' (enterprises and experts would get 403).
            canExport: round.status == .open && identity.mayEver(.reviewApplication),
            hasNotice: hasNotice,
            madeVersion: madeVersion,
            supersededBy: supersededBy, draftOf: draftOf)
        return views.page("rounds/show", title: "\(round.year) · \(l.pick(zh: round.titleZh, en: round.titleEn))", model: page, context: context)
    }

    /// "2026-03-05" as the page shows a date: 2026年3月5日 / 5 March 2026.
    static func day(_ iso: String, _ l: Language) -> String { (try? LocalDate(iso)).map { $0.formatted(l) } ?? iso }

    func tieBreakName(_ t: String, _ l: Language) -> String {
        if t == "earlier_submission" { return views.t("rounds.tie.earlier", l) }
        if t.hasPrefix("pillar:"), let kind = PillarKind(rawValue: String(t.dropFirst(7))) { return views.t("rounds.tie.pillar", l) + kind.name(l) }
        return t
    }

    /// The scorecard as rows: each pillar with its weight, and its indicators with weight,
    /// source and normalisation in words.
    func pillarRows(_ s: RoundInput.ScorecardInput, _ l: Language) -> [RoundShowPage.Pillar] {
        s.pillars.map { p in
            .init(name: PillarKind(rawValue: p.kind)?.name(l) ?? p.kind, weight: RoundForm.percent(p.weightBP) + " %",
                  indicators: p.indicators.map { i in
                      let normalisation: String
                      var bands: [RoundShowPage.Band] = []
                      switch i.normalisation {
                      case "banded":
                          normalisation = views.t("rounds.norm.banded", l)
                          bands = (i.bands ?? []).enumerated().map { .init(band: $0.offset, text: l.pick(zh: $0.element.zh, en: $0.element.en)) }
                      case "linear":
                          normalisation = views.t("rounds.norm.linear", l) + " \(i.baseline ?? 0) → \(i.leading ?? 0)"
                      default:
                          normalisation = views.t("rounds.norm.rank", l)
                      }
                      return .init(id: i.id, label: l.pick(zh: i.labelZh, en: i.labelEn), weight: RoundForm.percent(i.weightBP) + " %",
                                   source: i.source == "data" ? views.t("rounds.source.data", l) + " (\(i.dataIndicator ?? ""))" : views.t("rounds.source.expert", l),
                                   normalisation: normalisation, bands: bands)
                  })
        }
    }

    // MARK: Form

    /// The configuration form, with the error summary and each message beside its field.
    func formPage(_ form: RoundForm, errors: [FieldError], round: RoundService.View?, copiedFrom: RoundService.View?, _ context: AppRequestContext) -> Response {
        let l = context.language
        let placed = errors.map { FieldError(field: form.fieldName($0.field), code: $0.code, message: $0.message) }
        var byField: [String: [String]] = [:]
        for e in placed { byField[e.field, default: []].append(views.t(e.message, l)) }
        func error(_ name: String) -> String? { byField[name]?.joined(separator: "；") }
        func field(_ name: String, _ label: String, hint: String? = nil, type: String = "text", width: String = "10") -> FormField {
            var f = FormField(name: name, id: "field-\(name)", label: label, hint: hint, error: error(name), required: false)
            f.isText = true
            f.value = form.values[name] ?? ""
            f.type = type
            f.width = width
            return f
        }
        func select(_ name: String, _ label: String, _ options: [(String, String)]) -> FormField {
            var f = FormField(name: name, id: "field-\(name)", label: label, hint: nil, error: error(name), required: false)
            f.isSelect = true
            f.options = options.map { FormField.Option(value: $0.0, label: $0.1, selected: $0.0 == (form.values[name] ?? "")) }
            return f
        }
        func group(_ name: String) -> RoundFormPage.Group { .init(error: error(name)) }
        let tieOptions = [("", views.t("rounds.tie.none", l)), ("earlier_submission", views.t("rounds.tie.earlier", l))]
            + PillarKind.allCases.map { ("pillar:\($0.rawValue)", views.t("rounds.tie.pillar", l) + $0.name(l)) }
        let pillars = PillarKind.allCases.enumerated().map { p, kind in
            let at = "scorecard/pillars/\(p)"
            return RoundFormPage.Pillar(
                name: kind.name(l), id: "field-\(at)", weight: field("\(at)/weightBP", views.t("rounds.weightPercent", l), width: "5"),
                indicatorsId: "field-\(at)/indicators", pillarError: error(at), indicatorsError: error("\(at)/indicators"),
                indicators: (0..<form.slots[p]).map { j in
                    let here = "\(at)/indicators/\(j)"
                    return RoundFormPage.Indicator(
                        number: j + 1,
                        id: field("\(here)/id", views.t("rounds.indicatorId", l), width: "10"),
                        labelZh: field("\(here)/labelZh", views.t("rounds.labelZh", l), width: "10"),
                        labelEn: field("\(here)/labelEn", views.t("rounds.labelEn", l), width: "10"),
                        weight: field("\(here)/weightBP", views.t("rounds.weightPercent", l), width: "5"),
                        source: select("\(here)/source", views.t("rounds.source", l),
                                       [("expert", views.t("rounds.source.expert", l)), ("data", views.t("rounds.source.data", l))]),
                        dataIndicator: field("\(here)/dataIndicator", views.t("rounds.dataIndicator", l), width: "10"),
                        normalisation: select("\(here)/normalisation", views.t("rounds.normalisation", l),
                                              [("banded", views.t("rounds.norm.banded", l)), ("linear", views.t("rounds.norm.linear", l)),
                                               ("rank_within_sector", views.t("rounds.norm.rank", l))]),
                        baseline: field("\(here)/baseline", views.t("rounds.baseline", l), width: "5"),
                        leading: field("\(here)/leading", views.t("rounds.leading", l), width: "5"),
                        bands: (0...Normalisation.topBand).map { b in
                            .init(band: b, zh: field("\(here)/bands/\(b)/zh", views.t("rounds.bandZh", l) + " \(b)", width: "20"),
                                  en: field("\(here)/bands/\(b)/en", views.t("rounds.bandEn", l) + " \(b)", width: "20"))
                        },
                        openBands: byField.keys.contains { $0.hasPrefix("\(here)/bands") })
                })
        }
        let heading = round.map { r in r.status == .open ? views.t("rounds.newVersionTitle", l) : views.t("rounds.editTitle", l) } ?? views.t("rounds.newTitle", l)
        let page = RoundFormPage(
            action: round.map { "/rounds/\($0.id)" } ?? "/rounds",
            heading: heading,
            year: field("year", views.t("rounds.year", l), width: "5"),
            titleZh: field("titleZh", views.t("rounds.titleZh", l), width: "30"),
            titleEn: field("titleEn", views.t("rounds.titleEn", l), width: "30"),
            sectors: Sector.allCases.map { .init(value: $0.rawValue, label: $0.name(l), checked: form.checked["sectors"]?.contains($0.rawValue) == true) },
            sectorsGroup: group("sectors"),
            categories: ProductCategory.allCases.map { c in
                .init(value: c.rawValue, label: "\(c.name(l))（\(c.sector.name(l))）", checked: form.checked["categories"]?.contains(c.rawValue) == true)
            },
            categoriesGroup: group("categories"),
            stagesGroup: group("stages"),
            stages: RoundStage.Kind.allCases.enumerated().map { i, kind in
                .init(name: views.t("rounds.stage.\(kind.rawValue)", l), opens: field("stages/\(i)/opens", views.t("rounds.opens", l), type: "date"),
                      deadline: field("stages/\(i)/deadline", views.t("rounds.deadline", l), type: "date"))
            },
            ruleSet: select("eligibilityRuleSet", views.t("rounds.ruleSet", l), designationRuleSets.map { ($0.id, $0.title(l)) }),
            quota: field("quota", views.t("rounds.quota", l), width: "5"),
            cityQuota: field("cityQuota", views.t("rounds.cityQuota", l), hint: views.t("rounds.cityQuotaHint", l), width: "5"),
            cityQuotas: services.reference.regions.cities.map { c in field("cityQuotas/\(c.code.value)", c.name(l), width: "3") },
            noticeDays: field("noticeWorkingDays", views.t("rounds.noticeDays", l), hint: views.t("rounds.noticeDaysHint", l), width: "5"),
            numerator: field("voteThreshold/numerator", views.t("rounds.numerator", l), width: "3"),
            denominator: field("voteThreshold/denominator", views.t("rounds.denominator", l), width: "3"),
            divergence: field("divergenceThresholdPoints", views.t("rounds.divergence", l), hint: views.t("rounds.divergenceHint", l), width: "5"),
            sameCity: form.values["sameCityConflicts"] == "true",
            tieBreaks: (0..<RoundForm.tieBreakSlots).map { select("tieBreaks/\($0)", views.t("rounds.tieBreak", l) + " \($0 + 1)", tieOptions) },
            pillarsGroup: group("scorecard/pillars"),
            pillars: pillars,
            cancelHref: round.map { "/rounds/\($0.id)" } ?? "/rounds",
            submit: views.t(round == nil ? "rounds.createButton" : (round?.status == .open ? "rounds.versionButton" : "rounds.saveButton"), l),
            errors: ErrorSummary(items: placed.map { e in
                .init(href: "#field-\(e.field)", message: place(e.field, l).map { "\($0)：\(views.t(e.message, l))" } ?? views.t(e.message, l))
            }),
            frozenNote: round.flatMap { r in
                r.status == .open ? RoundForm.fill(views.t("rounds.frozenNote", l), r.version, r.version + 1, r.version) : nil
            },
            copiedFrom: copiedFrom.map { "\($0.year) · \(l.pick(zh: $0.titleZh, en: $0.titleEn))" })
        return views.page("rounds/form", title: heading, model: page, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// The cities' quotas in words: "5 each; Hangzhou 8", or "no limit".
    static func cityQuotaText(_ c: RoundInput, _ regions: RegionDirectory, _ views: Views, _ l: Language) -> String {
        let overrides = (c.cityQuotas ?? [:]).sorted { $0.key < $1.key }.map { code, q in
            ((try? RegionCode(code)).flatMap { regions.region($0) }?.name(l) ?? code) + " \(q)"
        }
        let base = c.cityQuota.map { String(format: views.t("rounds.cityQuotaEach", l), "\($0)") } ?? views.t("recommend.noLimit", l)
        return ([base] + overrides).joined(separator: views.t("common.listSeparator", l))
    }

    /// Where a field is, in words, for the error summary: the same message ("weights add up to
    /// 90 %") can come from the pillars and from a pillar's indicators, and the summary must say which.
    func place(_ field: String, _ l: Language) -> String? {
        let parts = field.split(separator: "/").map(String.init)
        let labels = ["year": "rounds.year", "titleZh": "rounds.titleZh", "titleEn": "rounds.titleEn", "sectors": "rounds.sectors",
                      "categories": "rounds.categories", "eligibilityRuleSet": "rounds.ruleSet", "quota": "rounds.quota",
                      "cityQuota": "rounds.cityQuota", "cityQuotas": "rounds.cityQuotas",
                      "noticeWorkingDays": "rounds.noticeDays", "voteThreshold": "rounds.threshold", "divergenceThresholdPoints": "rounds.divergence",
                      "tieBreaks": "rounds.tieBreaks", "stages": "rounds.stages"]
        if parts.first == "stages", parts.count > 1, let i = Int(parts[1]), i < RoundStage.Kind.allCases.count {
            return views.t("rounds.stage.\(RoundStage.Kind.allCases[i].rawValue)", l)
        }
        guard parts.first == "scorecard" else { return parts.first.flatMap { labels[$0] }.map { views.t($0, l) } }
        guard parts.count >= 3, let p = Int(parts[2]), p < PillarKind.allCases.count else { return views.t("rounds.pillarWeights", l) }
        let pillar = PillarKind.allCases[p].name(l)
        if parts.count >= 5, let j = Int(parts[4]) { return "\(pillar) · \(views.t("rounds.indicator", l)) \(j + 1)" }
        if parts.count == 4, parts[3] == "indicators" { return "\(pillar) · \(views.t("rounds.indicatorWeights", l))" }
        return "\(pillar) · \(views.t("rounds.weight", l))"
    }

    // MARK: Open

    func confirmOpen(_ round: RoundService.View, errors: [FieldError], _ context: AppRequestContext) -> Response {
        let l = context.language
        let page = RoundOpenPage(id: round.id.uuidString, roundTitle: l.pick(zh: round.titleZh, en: round.titleEn), version: round.version,
                                 year: round.year, isDraft: round.status == .draft,
                                 errors: ErrorSummary(errors, strings: views.strings, language: l, href: { _ in "#open" }))
        return views.page("rounds/open", title: views.t("rounds.openTitle", l), model: page, context: context,
                          status: errors.isEmpty ? .ok : (errors.first?.code == "conflict" ? .conflict : .unprocessableContent))
    }
}
