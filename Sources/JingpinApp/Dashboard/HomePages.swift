import Foundation
import Hummingbird
import JingpinCore

/// The landing page after login: real counts from the database, by city, within the user's scope.
struct HomePages {
    let services: AppServices
    var views: Views { services.views }

    func register(_ routes: RouteTable) {
        routes.add(.get, "/", .authenticated, home)
    }

    /// The landing page: the user's work waiting and the counts by city.
    @Sendable func home(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let l = context.language
        let visibility = EnterpriseVisibility.of(identity.principal)
        var page = HomePage(roleName: identity.role.name(l))
        if visibility != .nothing {
            let counts = try await services.enterprises.countsByCity(visibility: visibility)
            let regions = services.reference.regions
            func name(_ city: String) -> String { (try? RegionCode(city)).flatMap { regions.region($0) }?.name(l) ?? city }
            page.hasCounts = true
            page.cities = counts.map { c in
                HomePage.City(name: name(c.city), code: c.city, enterprises: c.enterprises, products: c.products,
                              href: "/enterprises?city=\(c.city)")
            }
            page.chart = BarChart(title: views.t("home.chartTitle", l), bars: counts.map { c in (name(c.city), c.enterprises) }).drawing
            page.totalEnterprises = counts.map(\.enterprises).reduce(0, +)
            page.totalProducts = counts.map(\.products).reduce(0, +)
            if case .enterprise(let id) = visibility { page.ownEnterpriseHref = "/enterprises/\(id)" }
        }
        page.work = try await ApplicationWork(database: services.database, views: views).items(identity, l)
        page.hasWork = !page.work.isEmpty
        return views.page("home", title: views.t("home.title", l), model: page, context: context)
    }
}

/// `/`: the user's role, their work waiting, and the enterprises and products they see by city.
struct HomePage: PageModel {
    let roleName: String
    /// Whether the user sees any enterprises; the counts below are left at nothing when not.
    var hasCounts = false
    var cities: [City] = []
    var chart: BarChart.Drawing?
    var totalEnterprises = 0
    var totalProducts = 0
    /// An enterprise user's own page.
    var ownEnterpriseHref: String?
    var work: [ApplicationWork.Item] = []
    var hasWork = false

    /// One city's counts.
    struct City: Encodable, Sendable {
        let name: String
        let code: String
        let enterprises: Int
        let products: Int
        let href: String
    }
}
