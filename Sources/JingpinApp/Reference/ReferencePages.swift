import Foundation
import Hummingbird
import JingpinCore

/// The reference data, for officials to read (the API side is `ReferenceAPI`).
struct ReferencePages {
    let services: AppServices
    var views: Views { services.views }
    var ref: ReferenceData { services.reference }

    func register(_ routes: RouteTable) {
        routes.add(.get, "/reference/regions", .permission(.viewReferenceData), regions)
        routes.add(.get, "/reference/industries", .permission(.viewReferenceData), industries)
        routes.add(.get, "/reference/nice-classes", .permission(.viewReferenceData), niceClasses)
        routes.add(.get, "/reference/calendar", .permission(.viewReferenceData), calendar)
    }

    /// The regions table.
    @Sendable func regions(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        page("regions", context)
    }

    /// The industry classification table.
    @Sendable func industries(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        page("industries", context)
    }

    /// The Nice classes table.
    @Sendable func niceClasses(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        page("nice-classes", context)
    }

    /// The working-day calendar table.
    @Sendable func calendar(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        page("calendar", context)
    }

    func page(_ kind: String, _ context: AppRequestContext) -> Response {
        let l = context.language
        let yes = views.t("common.yes", l), no = views.t("common.no", l)
        var headers: [String] = []
        var rows: [[String]] = []
        switch kind {
        case "regions":
            headers = ["field.code", "field.regionName", "field.level", "field.parent", "field.mountain26", "field.island"].map { views.t($0, l) }
            rows = ref.regions.all.map { r in
                [r.code.value, r.name(l), views.t("level.\(r.level.rawValue)", l),
                 r.parentCode.flatMap { ref.regions.region($0)?.name(l) } ?? "—", r.isMountain26 ? yes : no, r.isIsland ? yes : no]
            }
        case "industries":
            headers = ["field.code", "field.industryName", "field.level", "field.sector"].map { views.t($0, l) }
            rows = ref.industries.all.map { [$0.code, l.pick(zh: $0.nameZh, en: $0.nameEn), $0.level, $0.sector.name(l)] }
        case "nice-classes":
            headers = ["field.class", "field.kind", "field.heading"].map { views.t($0, l) }
            rows = ref.niceClasses.map { [String($0.number), views.t("nice.\($0.kind)", l), $0.headingEn] }
        default:
            headers = ["field.date", "field.dayKind", "field.holidayName", "field.confidence"].map { views.t($0, l) }
            rows = ref.holidays.map { [$0.date.formatted(l), views.t("day.\($0.kind.rawValue)", l), l.pick(zh: $0.nameZh, en: $0.nameEn), $0.confidence] }
        }
        let tabs = ["regions", "industries", "nice-classes", "calendar"].map {
            ReferencePage.Tab(href: "/reference/\($0)", label: views.t("reference.\($0)", l), current: $0 == kind)
        }
        let page = ReferencePage(
            tabs: tabs, headers: headers, count: rows.count,
            // The Nice headings exist in English only (the shipped data has no Chinese text): marked as such.
            rows: rows.map { ReferencePage.Row(cells: $0.enumerated().map { ReferencePage.Cell(text: $1, en: kind == "nice-classes" && $0 == 2) }) })
        return views.page("reference", title: views.t("reference.\(kind)", l), model: page, context: context)
    }
}

/// `/reference/{kind}`: one table of reference data, with tabs for the others.
struct ReferencePage: PageModel {
    let tabs: [Tab]
    let headers: [String]
    let count: Int
    let rows: [Row]

    /// A tab naming one kind of reference data.
    struct Tab: Encodable, Sendable {
        let href: String
        let label: String
        let current: Bool
    }

    /// One row of the table.
    struct Row: Encodable, Sendable {
        let cells: [Cell]
    }

    /// One cell; `en` marks text that exists in English only.
    struct Cell: Encodable, Sendable {
        let text: String
        let en: Bool
    }
}
