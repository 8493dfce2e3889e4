import Foundation
import Hummingbird
import JingpinCore
import Mustache

/// Server-rendered pages: Mustache templates from the bundle, the strings table for both
/// languages, and the chrome every page shares (header, navigation, language switch).
public struct Views: Sendable {
    let library: MustacheLibrary
    let strings: Strings
    let regions: RegionDirectory

    /// Loads templates and strings from the bundle; a broken template fails at start, not on a user.
    static func load(regions: RegionDirectory) async throws -> Views {
        guard let dir = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources") else {
            throw Settings.Invalid(description: "templates are missing from the bundle")
        }
        let library = try await MustacheLibrary(directory: dir.path)
        return Views(library: library, strings: try Strings.load(), regions: regions)
    }

    /// Renders a page from its typed model inside the layout.
    func page(_ template: String, title: String, model: some PageModel, context: AppRequestContext,
              status: HTTPResponse.Status = .ok) -> Response {
        render(template, PageContext(page: model, chrome: chrome(title: title, context: context)), status: status)
    }

    private func render(_ template: String, _ context: PageContext, status: HTTPResponse.Status) -> Response {
        let html = library.render(context, withTemplate: template) ?? "template \(template) missing"
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self'; frame-ancestors 'none'"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The page for 404, 403, 500 and friends: says what happened and where to go next.
    func errorPage(status: HTTPResponse.Status, title: String, detail: String, context: AppRequestContext) -> Response {
        page("error", title: title, model: ErrorPage(status: Int(status.code), heading: title, detail: detail), context: context, status: status)
    }

    /// The error page's values.
    struct ErrorPage: PageModel {
        let status: Int
        let heading: String
        let detail: String
    }

    /// The strings for a language, for use in handlers.
    func t(_ key: String, _ language: Language) -> String { strings.text(key, language) }

    /// A message in a language, for use in handlers.
    func t(_ message: Message, _ language: Language) -> String { strings.text(message, language) }

    func chrome(title: String, context: AppRequestContext) -> Chrome {
        let l = context.language
        let identity = context.identity
        return Chrome(t: strings.table(l), lang: l.rawValue, isEn: l == .en, title: title, csrf: context.csrfToken,
                      // The switch names the other language in that language.
                      switchLang: l.pick(zh: Language.en, en: Language.zhHans).rawValue, switchLabel: strings.text("lang.other", l),
                      user: identity.map { Chrome.User(displayName: $0.displayName, role: $0.role.name(l),
                                                        scope: ScopeLabel.text($0.scope, regions: regions, strings: strings, language: l)) },
                      nav: identity.map { Navigation.items(for: $0, language: l, strings: strings) } ?? [], hasNav: identity != nil)
    }
}

/// The navigation: every link shows exactly when the permission function (or, for a workflow's
/// own pages, its table) lets the user follow it — no list per role to keep in step with the routes.
enum Navigation {
    /// A link, its label's key, and whether `identity` gets it.
    struct Link {
        let href: String
        let label: String
        let shows: @Sendable (Identity) -> Bool
    }

    /// Lists over regions are the officials' (the province, cities, counties); an enterprise reaches
    /// its own records from its page.
    static func seesRegions(_ identity: Identity) -> Bool {
        switch EnterpriseVisibility.of(identity.principal) {
        case .all, .city, .county: true
        case .enterprise, .nothing: false
        }
    }

    static let links: [Link] = [
        Link(href: "/enterprises", label: "nav.enterprises") { seesRegions($0) && $0.mayEver(.viewEnterprise) },
        Link(href: "/enterprises", label: "nav.myEnterprise") { !seesRegions($0) && $0.mayEver(.viewEnterprise) },
        Link(href: "/filings", label: "nav.filings") { seesRegions($0) && $0.mayEver(.viewFiling) },
        Link(href: "/applications", label: "nav.applications") { $0.mayEver(.viewApplication) },
        Link(href: "/annual-reviews", label: "nav.annualReviews") { $0.mayEver(.editAnnualReview) },
        Link(href: "/filings/import", label: "nav.import") { $0.mayEver(.importFilings) },
        Link(href: "/rounds", label: "nav.rounds") { seesRegions($0) && $0.mayEver(.viewRounds) },
        Link(href: "/expert-review", label: "nav.expertReview") { $0.mayEver(.manageRounds) },
        // Those who score in the review's workflow: the experts.
        Link(href: "/my/reviews", label: "nav.myReviews") { ScoreSheetStep.submit.isTaken(by: Workflow.actor($0)) },
        Link(href: "/targets", label: "nav.targets") { $0.mayEver(.viewDashboard) },
        Link(href: "/designations", label: "nav.designations") { $0.mayEver(.manageRounds) },
        Link(href: "/rewards", label: "nav.rewards") { $0.mayEver(.manageRewards) },
        Link(href: "/reference/regions", label: "nav.reference") { $0.mayEver(.viewReferenceData) },
        Link(href: "/rules", label: "nav.rules") { $0.mayEver(.viewRules) },
        Link(href: "/audit", label: "nav.audit") { $0.mayEver(.viewAudit) },
    ]

    /// The links `identity` gets: home first, their API tokens last.
    static func items(for identity: Identity, language l: Language, strings: Strings) -> [NavLink] {
        [NavLink(href: "/", label: strings.text("nav.home", l))]
            + links.filter { $0.shows(identity) }.map { NavLink(href: $0.href, label: strings.text($0.label, l)) }
            + [NavLink(href: "/account/tokens", label: strings.text("nav.tokens", l))]
    }
}

/// A scope in words, e.g. "杭州市" or "Xihu District".
enum ScopeLabel {
    static func text(_ scope: Scope, regions: RegionDirectory, strings: Strings, language l: Language) -> String {
        switch scope {
        case .province: strings.text("scope.province", l)
        case .region(let code): regions.region(code)?.name(l) ?? code.value
        case .enterprise: strings.text("scope.enterprise", l)
        case .bank(let bank): bank
        case .none: strings.text("scope.none", l)
        }
    }
}
