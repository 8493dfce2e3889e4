import Foundation
import Mustache

/// A page's own values, typed: one `Encodable` struct per page, rendered by Mustache, which reads
/// its fields by name.
protocol PageModel: Encodable, Sendable {}

/// What every page shows around its content: the strings table, the language switch, the user
/// and the menu.
struct Chrome: Sendable {
    /// The strings table with dots as underscores, for `{{t.nav_home}}`.
    let t: [String: String]
    let lang: String
    let isEn: Bool
    let title: String
    let csrf: String
    let switchLang: String
    let switchLabel: String
    let user: User?
    let nav: [NavLink]
    let hasNav: Bool

    /// The logged-in user, as the header names them.
    struct User: Sendable {
        let displayName: String
        let role: String
        let scope: String
    }
}

/// One menu entry.
struct NavLink: Sendable, Encodable {
    let href: String
    let label: String
}

/// What a template is rendered with: the page's values first, then the chrome's. Mustache asks
/// it for each name the template uses.
struct PageContext: MustacheParent {
    let page: any PageModel
    let chrome: Chrome

    func child(named name: String) -> Any? {
        Self.field(name, of: page) ?? Self.field(name, of: chrome)
    }

    /// The stored property `name` of `value`, an optional one unwrapped (nil when it holds none).
    static func field(_ name: String, of value: Any) -> Any? {
        guard let child = Mirror(reflecting: value).children.first(where: { $0.label == name }) else { return nil }
        let inner = Mirror(reflecting: child.value)
        guard inner.displayStyle == .optional else { return child.value }
        return inner.children.first?.value
    }
}
