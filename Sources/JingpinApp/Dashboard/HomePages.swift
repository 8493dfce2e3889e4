import Foundation
import Hummingbird
import JingpinCore

/// The landing page after login: real counts from the database, by city, within the user's scope.
struct HomePages {
    let services: AppServices
    var views: Views { services.views }

    func register(_ routes: RouteTable) {
        routes.add(.get, "/", .authenticated) { _, context in
            let identity = try context.requireIdentity()
            let l = context.language
            let visibility = EnterpriseVisibility.of(identity.principal)
            var data: [String: Any] = ["roleName": identity.role.name(l)]
            if visibility != .nothing {
                let counts = try await services.enterprises.countsByCity(visibility: visibility)
                let regions = services.reference.regions
                data["hasCounts"] = true
                data["cities"] = counts.map { c in
                    let name = (try? RegionCode(c.city)).flatMap { regions.region($0) }?.name(l) ?? c.city
                    return ["name": name, "code": c.city, "enterprises": c.enterprises, "products": c.products,
                            "href": "/enterprises?city=\(c.city)"] as [String: Any]
                }
                let chart = BarChart(title: views.t("home.chartTitle", l), bars: counts.map { c in
                    ((try? RegionCode(c.city)).flatMap { regions.region($0) }?.name(l) ?? c.city, c.enterprises)
                })
                data["chart"] = chart.data
                data["totalEnterprises"] = counts.map(\.enterprises).reduce(0, +)
                data["totalProducts"] = counts.map(\.products).reduce(0, +)
                if case .enterprise(let id) = visibility { data["ownEnterpriseHref"] = "/enterprises/\(id)" }
            }
            let work = try await ApplicationWork(database: services.database, views: views).items(identity, l)
            if !work.isEmpty { data["work"] = work; data["hasWork"] = true }
            return views.page("home", title: views.t("home.title", l), data: data, context: context)
        }
    }
}
