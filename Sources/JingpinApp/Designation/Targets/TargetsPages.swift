import Foundation
import Hummingbird
import JingpinCore

/// The programme's targets for officials: the dashboard `/targets` (each target's live
/// designations, projection and whether it is on track; designations by year, sector and city as
/// server-drawn SVG charts with their tables), and for the province the form to add one. The JSON
/// side is `TargetsAPI`.
struct TargetsPages {
    let services: AppServices
    var views: Views { services.views }
    var targets: TargetService { TargetService(database: services.database, regions: services.reference.regions) }

    func register(_ routes: RouteTable) {
        routes.add(.get, "/targets", .permission(.viewDashboard), dashboard)
        routes.add(.post, "/targets", .permission(.manageRounds), addTarget)
    }

    /// The targets dashboard.
    @Sendable func dashboard(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await page(context, typed: [:], errors: [])
    }

    /// Adds a target, then back to the dashboard.
    @Sendable func addTarget(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await FormData.read(request, context: context)
        var typed: [String: String] = [:]
        for key in ["labelZh", "labelEn", "count", "deadline", "sector", "city"] { typed[key] = form[key] ?? "" }
        do {
            _ = try await targets.create(.init(labelZh: typed["labelZh"]!, labelEn: typed["labelEn"]!, count: typed["count"]!, deadline: typed["deadline"]!,
                                               sector: typed["sector"]!, city: typed["city"]!), actor: identity.actor, requestID: context.requestID)
            return .redirect(to: "/targets", type: .found)
        } catch AppError.validation(let errors) {
            return try await page(context, typed: typed, errors: errors)
        }
    }

    func page(_ context: AppRequestContext, typed: [String: String], errors: [FieldError]) async throws -> Response {
        let l = context.language
        let identity = try context.requireIdentity()
        let regions = services.reference.regions
        let list = try await targets.list(language: l)
        let rows = list.map { t in
            var scope: [String] = []
            if let s = t.sector.flatMap(Sector.init(rawValue:)) { scope.append(s.name(l)) }
            if let c = t.cityCode.flatMap({ try? RegionCode($0) }).flatMap({ regions.region($0) }) { scope.append(c.name(l)) }
            let chart = BarChart(title: t.label, bars: [(views.t("targets.achieved", l), t.achieved), (views.t("targets.projected", l), t.projected),
                                                        (views.t("targets.target", l), t.count)])
            return TargetsPage.Target(label: t.label, deadline: t.deadline, count: t.count, achieved: t.achieved, projected: t.projected, pipeline: t.pipeline,
                                      conversion: t.conversion ?? "—", scope: scope.isEmpty ? views.t("targets.wholeProvince", l) : scope.joined(separator: " · "),
                                      verdict: views.t(t.met ? "targets.met" : (t.onTrack ? "targets.onTrack" : "targets.offTrack"), l),
                                      verdictClass: t.met || t.onTrack ? "ok" : "warn", chart: chart.drawing)
        }
        // Live designations by year, sector and city.
        let designations = try await targets.designations().filter(\.status.isLive)
        let years = try await DesignationModel.query(on: services.database.db).all()
            .filter { DesignationStatus(rawValue: $0.status ?? "")?.isLive ?? true }.map(\.year)
        let byYear = Dictionary(grouping: years, by: { $0 }).map { ("\($0.key)", $0.value.count) }.sorted { $0.0 < $1.0 }
        let bySector = Sector.allCases.map { s in (s.name(l), designations.count { $0.sector == s }) }
        let byCity = regions.cities.map { c in (c.name(l), designations.count { $0.city == c.code }) }
        func table(_ pairs: [(String, Int)]) -> [TargetsPage.Count] { pairs.map { .init(label: $0.0, value: $0.1) } }
        var form = FormView(strings: views.strings, language: l, errors: errors)
        form.text("labelZh", label: views.t("targets.labelZh", l), value: typed["labelZh"], width: "30", required: true)
        form.text("labelEn", label: views.t("targets.labelEn", l), value: typed["labelEn"], width: "30", required: true)
        form.text("count", label: views.t("targets.count", l), value: typed["count"], width: "5", required: true)
        form.text("deadline", label: views.t("targets.deadline", l), value: typed["deadline"], type: "date", width: "10", required: true)
        form.select("sector", label: views.t("registry.sector", l), value: typed["sector"], prompt: views.t("targets.anySector", l),
                    options: Sector.allCases.map { ($0.rawValue, $0.name(l)) })
        form.select("city", label: views.t("field.city", l), value: typed["city"], prompt: views.t("targets.anyCity", l),
                    options: regions.cities.map { ($0.code.value, $0.name(l)) })
        let page = TargetsPage(
            targets: rows, hasTargets: !rows.isEmpty, canAdd: identity.may(.manageRounds),
            byYear: BarChart(title: views.t("targets.byYear", l), bars: byYear).drawing, byYearRows: table(byYear),
            bySector: BarChart(title: views.t("targets.bySector", l), bars: bySector).drawing, bySectorRows: table(bySector),
            byCity: BarChart(title: views.t("targets.byCity", l), bars: byCity).drawing, byCityRows: table(byCity),
            fields: form.fields, errors: form.summary)
        return views.page("designation/targets", title: views.t("targets.title", l), model: page, context: context,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

/// `/targets`: each target with its progress and chart, designations by year, sector and city
/// (chart and table), and for the province the form to add a target.
struct TargetsPage: PageModel {
    let targets: [Target]
    let hasTargets: Bool
    let canAdd: Bool
    let byYear: BarChart.Drawing
    let byYearRows: [Count]
    let bySector: BarChart.Drawing
    let bySectorRows: [Count]
    let byCity: BarChart.Drawing
    let byCityRows: [Count]
    let fields: [FormField]
    let errors: ErrorSummary

    /// One target: what it counts, how far it has got and whether it is on track.
    struct Target: Encodable, Sendable {
        let label: String
        let deadline: String
        let count: Int
        let achieved: Int
        let projected: Int
        let pipeline: Int
        let conversion: String
        let scope: String
        let verdict: String
        let verdictClass: String
        let chart: BarChart.Drawing
    }

    /// One row of a chart's table.
    struct Count: Encodable, Sendable {
        let label: String
        let value: Int
    }
}

