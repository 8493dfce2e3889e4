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

    /// Renders a page inside the layout.
    func page(_ template: String, title: String, data: [String: Any], context: AppRequestContext,
              status: HTTPResponse.Status = .ok) -> Response {
        var all = chrome(title: title, context: context)
        for (k, v) in data { all[k] = v }
        // Mustache cannot test an array for emptiness, so wrappers get explicit flags.
        all["hasErrors"] = (all["errorSummary"] as? [Any])?.isEmpty == false
        all["hasCityOptions"] = (all["cityOptions"] as? [Any])?.isEmpty == false
        let html = library.render(all, withTemplate: template) ?? "template \(template) missing"
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.init("Content-Security-Policy")!] = "default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self'; frame-ancestors 'none'"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The page for 404, 403, 500 and friends: says what happened and where to go next.
    func errorPage(status: HTTPResponse.Status, title: String, detail: String, context: AppRequestContext) -> Response {
        page("error", title: title, data: ["status": Int(status.code), "heading": title, "detail": detail], context: context, status: status)
    }

    /// The strings for a language, for use in handlers.
    func t(_ key: String, _ language: Language) -> String { strings.text(key, language) }

    func chrome(title: String, context: AppRequestContext) -> [String: Any] {
        let l = context.language
        var data: [String: Any] = [
            "t": strings.table(l),
            "lang": l.rawValue,
            "isEn": l == .en,
            "title": title,
            "csrf": context.csrfToken,
            "switchLang": l == .en ? "zh-Hans" : "en",
            "switchLabel": l == .en ? "中文" : "English",
        ]
        if let identity = context.identity {
            data["user"] = ["displayName": identity.displayName, "role": identity.role.name(l),
                            "scope": ScopeLabel.text(identity.scope, regions: regions, language: l)] as [String: Any]
            data["nav"] = Navigation.items(for: identity.role, language: l, strings: strings)
            data["hasNav"] = true
        }
        return data
    }
}

/// The navigation each role sees. Only links the role may follow are shown.
enum Navigation {
    static func items(for role: Role, language l: Language, strings: Strings) -> [[String: String]] {
        var items = [["href": "/", "label": strings.text("nav.home", l)]]
        switch role {
        case .provinceAdmin:
            items += [["href": "/enterprises", "label": strings.text("nav.enterprises", l)],
                      ["href": "/filings", "label": strings.text("nav.filings", l)],
                      ["href": "/applications", "label": strings.text("nav.applications", l)],
                      ["href": "/filings/import", "label": strings.text("nav.import", l)],
                      ["href": "/reference/regions", "label": strings.text("nav.reference", l)],
                      ["href": "/rules", "label": strings.text("nav.rules", l)],
                      ["href": "/rewards", "label": strings.text("nav.rewards", l)],
                      ["href": "/rounds", "label": strings.text("nav.rounds", l)],
                      ["href": "/expert-review", "label": strings.text("nav.expertReview", l)],
                      ["href": "/targets", "label": strings.text("nav.targets", l)],
                      ["href": "/designations", "label": strings.text("nav.designations", l)],
                      ["href": "/audit", "label": strings.text("nav.audit", l)]]
        case .cityOfficer, .countyOfficer:
            items += [["href": "/enterprises", "label": strings.text("nav.enterprises", l)],
                      ["href": "/filings", "label": strings.text("nav.filings", l)],
                      ["href": "/rounds", "label": strings.text("nav.rounds", l)],
                      ["href": "/applications", "label": strings.text("nav.applications", l)],
                      ["href": "/targets", "label": strings.text("nav.targets", l)],
                      ["href": "/reference/regions", "label": strings.text("nav.reference", l)],
                      ["href": "/rules", "label": strings.text("nav.rules", l)]]
        case .enterpriseUser:
            items += [["href": "/enterprises", "label": strings.text("nav.myEnterprise", l)],
                      ["href": "/applications", "label": strings.text("nav.applications", l)],
                      ["href": "/annual-reviews", "label": strings.text("nav.annualReviews", l)],
                      ["href": "/rules", "label": strings.text("nav.rules", l)]]
        case .expert:
            items += [["href": "/my/reviews", "label": strings.text("nav.myReviews", l)],
                      ["href": "/rules", "label": strings.text("nav.rules", l)]]
        case .bankOfficer:
            items.append(["href": "/rules", "label": strings.text("nav.rules", l)])
        }
        items.append(["href": "/account/tokens", "label": strings.text("nav.tokens", l)])
        return items
    }
}

/// A scope in words, e.g. "杭州市" or "Xihu District".
enum ScopeLabel {
    static func text(_ scope: Scope, regions: RegionDirectory, language l: Language) -> String {
        switch scope {
        case .province: l == .en ? "Zhejiang Province" : "浙江省"
        case .region(let code): regions.region(code)?.name(l) ?? code.value
        case .enterprise: l == .en ? "Own enterprise" : "本企业"
        case .bank(let bank): bank
        case .none: l == .en ? "Assigned work only" : "仅限分配的任务"
        }
    }
}
