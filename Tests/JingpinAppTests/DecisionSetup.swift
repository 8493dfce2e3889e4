import Foundation
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import SQLKit
import Testing

/// A round (quota 2) with three applications in expert review, each scored by two Wenzhou experts
/// (no conflict with Hangzhou or Ningbo applicants) on the one expert-scored indicator,
/// quality.system (40 % of quality, which is 60 % of the composite):
///
/// points = band / 5 × 40 % × 60 % × 100 = 4.8 × band; quality pillar = band / 5 × 40 % × 100 = 8 × band.
/// - Xihu (Hangzhou), bands 5 and 4: points 24.00 and 19.20, mean 21.60; quality 40 and 32, mean 36.00.
/// - Haishu (Ningbo), bands 4 and 3: 19.20 and 14.40, mean 16.80; quality 32 and 24, mean 28.00.
/// - Binjiang (Hangzhou), bands 3 and 3: 14.40 each, mean 14.40; quality 24.00.
/// So the ranking is Xihu, Haishu | quota line | Binjiang; technology has no expert indicator: 0.00.
struct DecisionSetup {
    let round: String
    let xihu: String
    let haishu: String
    let binjiang: String

    static let products = (xihu: "精密数控车床", haishu: "港口起重机", binjiang: "智能传感器")

    static func make(_ app: TestApp, _ client: any TestClientProtocol) async throws -> DecisionSetup {
        let t = app.fixtures.tokens
        let f = app.fixtures
        let round = try await ApplicationAPITests.openRound(client, t["admin"], quota: 2)
        let xihuProduct = try await ApplicationAPITests.product(app, client)
        func product(_ e: EnterpriseRecord, _ name: String) async throws -> String {
            try #require(try await client.api(.post, "/api/v1/enterprises/\(e.id)/products", token: t["admin"],
                                              json: #"{"name":"\#(name)","category":"advanced_manufacturing"}"#).json["id"] as? String)
        }
        let haishuProduct = try await product(f.haishuEnterprise, products.haishu)
        let binjiangProduct = try await product(f.binjiangEnterprise, products.binjiang)
        func apply(_ product: String, _ token: String?) async throws -> String {
            try #require(try await client.api(.post, "/api/v1/rounds/\(round)/applications", token: token,
                                              json: ApplicationAPITests.applicationBody(product)).json["id"] as? String)
        }
        let xihu = try await apply(xihuProduct, t["firm"])
        let haishu = try await apply(haishuProduct, t["admin"])
        let binjiang = try await apply(binjiangProduct, t["admin"])
        // The review chain is tested elsewhere; here all three have reached the experts.
        try await app.services.database.sql.raw("UPDATE designation_applications SET status = 'in_expert_review'").run()

        let expertUser = try #require(try await app.services.database.sql.raw("SELECT id FROM users WHERE username = 'expert'").first())
            .decode(column: "id", as: UUID.self)
        let second = try await app.services.accounts.createUser(username: "expert2", displayName: "专家乙", role: .expert, scope: .none,
                                                                password: TestApp.password, actor: .system("test"), requestID: "test")
        let token2 = try await app.services.tokens.issue(userID: second.id, name: "t", actor: .system("test"), requestID: "test").1
        var experts: [String] = []
        for (user, name) in [(expertUser, "专家甲"), (second.id, "专家乙")] {
            let r = try await client.api(.post, "/api/v1/experts", token: t["admin"], json: #"""
                {"userId": "\#(user)", "name": "\#(name)", "homeCity": "330300", "sectors": ["manufacturing"], "loadCap": 5, "affiliations": []}
                """#)
            experts.append(try #require(r.json["id"] as? String))
        }
        let pairs = [(xihu, 0, 5), (xihu, 1, 4), (haishu, 0, 4), (haishu, 1, 3), (binjiang, 0, 3), (binjiang, 1, 3)]
        let assigned = try await client.api(.post, "/api/v1/rounds/\(round)/assignments", token: t["admin"],
                                            json: ExpertReviewTests.assign(pairs.map { ($0.0, experts[$0.1], nil) }))
        let ids = (assigned.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        try #require(ids.count == 6)
        #expect(try await client.api(.post, "/api/v1/rounds/\(round)/assignments/publish", token: t["admin"]).status == .ok)
        for (i, pair) in pairs.enumerated() {
            let r = try await client.api(.put, "/api/v1/my/assignments/\(ids[i])/scores", token: pair.1 == 0 ? t["expert"] : token2,
                                         json: #"{"scores": [{"indicatorId": "quality.system", "band": \#(pair.2), "comment": "意见"}], "submit": true}"#)
            #expect(r.json["status"] as? String == "submitted")
        }
        return DecisionSetup(round: round, xihu: xihu, haishu: haishu, binjiang: binjiang)
    }

    /// Applies the proposal and publishes the notice `daysAgo` days before today, through the API.
    func proposeAndNotice(_ app: TestApp, _ client: any TestClientProtocol, daysAgo: Int = 0) async throws {
        let admin = app.fixtures.tokens["admin"]
        #expect(try await client.api(.post, "/api/v1/rounds/\(round)/ranking", token: admin, json: #"{"apply": true}"#).status == .ok)
        let day = LocalDate.today().adding(days: -daysAgo)
        #expect(try await client.api(.post, "/api/v1/rounds/\(round)/notice", token: admin, json: #"{"publishedOn": "\#(day)"}"#).status == .created)
    }

    func status(_ app: TestApp, _ id: String) async throws -> String {
        try #require(try await app.services.database.sql.raw("SELECT status FROM designation_applications WHERE id = \(bind: UUID(uuidString: id)!)").first())
            .decode(column: "status", as: String.self)
    }
}
