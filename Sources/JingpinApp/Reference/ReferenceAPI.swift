import Foundation
import Hummingbird
import JingpinCore

/// `/api/v1/reference/…`: the reference data the product ships, for clients to look up.
struct ReferenceAPI {
    let services: AppServices
    var ref: ReferenceData { services.reference }

    func register(_ routes: RouteTable) {
        let read = Access.permission(.viewReferenceData)
        routes.api(RouteDoc(method: .get, path: "/api/v1/reference/regions", summary: "Zhejiang's regions with mountain-26 and island flags",
                            tag: "reference", access: read, success: (200, ItemList<Region>.self)), regions)
        routes.api(RouteDoc(method: .get, path: "/api/v1/reference/industries", summary: "GB/T 4754-2017 industries and their sectors",
                            tag: "reference", access: read, success: (200, ItemList<Industry>.self)), industries)
        routes.api(RouteDoc(method: .get, path: "/api/v1/reference/nice-classes", summary: "The 45 Nice classes",
                            tag: "reference", access: read, success: (200, ItemList<NiceClass>.self)), niceClasses)
        routes.api(RouteDoc(method: .get, path: "/api/v1/reference/calendar", summary: "Public holidays and adjusted working days",
                            tag: "reference", access: read, success: (200, ItemList<HolidayEntry>.self)), calendar)
    }

    @Sendable func regions(_ request: Request, _ context: AppRequestContext) async throws -> Response { try JSONResponse.make(ItemList(ref.regions.all)) }
    @Sendable func industries(_ request: Request, _ context: AppRequestContext) async throws -> Response { try JSONResponse.make(ItemList(ref.industries.all)) }
    @Sendable func niceClasses(_ request: Request, _ context: AppRequestContext) async throws -> Response { try JSONResponse.make(ItemList(ref.niceClasses)) }
    @Sendable func calendar(_ request: Request, _ context: AppRequestContext) async throws -> Response { try JSONResponse.make(ItemList(ref.holidays)) }
}
