import Foundation
import Hummingbird
import JingpinCore

/// The landing page after login: real counts from the database, by city, within the user's scope.
struct HomeController {
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
                let maxCount = max(1, counts.map(\.enterprises).max() ?? 1)
                data["hasCounts"] = true
                data["cities"] = counts.map { c in
                    let name = (try? RegionCode(c.city)).flatMap { regions.region($0) }?.name(l) ?? c.city
                    return ["name": name, "code": c.city, "enterprises": c.enterprises, "products": c.products,
                            "href": "/enterprises?city=\(c.city)"] as [String: Any]
                }
                // A horizontal bar per city, 28 px apart, the largest city 300 px long.
                data["bars"] = counts.enumerated().map { i, c -> [String: Any] in
                    let name = (try? RegionCode(c.city)).flatMap { regions.region($0) }?.name(l) ?? c.city
                    let width = max(1, c.enterprises * 300 / maxCount)
                    return ["label": name, "y": i * 28, "textY": i * 28 + 16, "width": width, "valueX": 110 + width + 6,
                            "value": c.enterprises]
                }
                data["chartHeight"] = max(28, counts.count * 28)
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
