import Foundation
import Hummingbird
import HummingbirdTesting
@testable import JingpinApp
import JingpinCore
import NIOCore
import SQLKit
import Testing

/// The expert-review pages: the expert's reviews, invitations and scoring page; the province's
/// round page with its forms. Errors come back on the page, beside the field, with what was typed.
@Suite("Expert review pages")
struct ExpertPagesTests {
    /// Posts a form as a token holder (token calls need no CSRF token; browsers are tested in AuthTests).
    static func form(_ client: any TestClientProtocol, _ uri: String, token: String?, _ fields: [(String, String)]) async throws -> TestResponse {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test("the expert accepts on the page, sees the published work with its progress, scores it, and changes a submitted score only with a reason")
    func expertPages() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let s = try await ExpertReviewTests.setUp(app, client)
            _ = try await client.api(.post, "/api/v1/rounds/\(s.round)/invitations", token: t["admin"], json: #"{"expertIds": ["\#(s.expert)"]}"#)
            var page = try await client.api(.get, "/my/reviews", token: t["expert"])
            #expect(page.status == .ok && page.text.contains("接受邀请") && page.text.contains("2026年第一批"))
            let invitation = try await ExpertRoundTests.invitationOf(client, t["expert"])
            // The decline page asks on a page of its own; accepting is one button.
            #expect(try await client.api(.get, "/my/invitations/\(invitation)/decline", token: t["expert"]).text.contains("谢绝理由"))
            #expect(try await Self.form(client, "/my/invitations/\(invitation)/accept", token: t["expert"], []).status == .found)
            #expect(try await client.api(.get, "/my/reviews", token: t["expert"]).text.contains("已接受"))

            let made = try await client.api(.post, "/api/v1/rounds/\(s.round)/assignments", token: t["admin"], json: ExpertReviewTests.assign([(s.xihu, s.expert, nil)]))
            let assignment = try #require((made.json["items"] as? [[String: Any]])?.first?["id"] as? String)
            // Unpublished: not listed, and its page is not found.
            #expect(!(try await client.api(.get, "/my/reviews", token: t["expert"]).text.contains("精密数控车床")))
            #expect(try await client.api(.get, "/my/reviews/\(assignment)", token: t["expert"]).status == .notFound)
            _ = try await client.api(.post, "/api/v1/rounds/\(s.round)/assignments/publish", token: t["admin"])
            page = try await client.api(.get, "/my/reviews", token: t["expert"])
            #expect(page.text.contains("精密数控车床") && page.text.contains("西湖精工机械有限公司") && page.text.contains("已评 0 / 1 项指标"))

            // The scoring page: the one expert indicator, its six band descriptors as radio buttons.
            page = try await client.api(.get, "/my/reviews/\(assignment)", token: t["expert"])
            #expect(page.text.contains("质量体系") && page.text.contains(#"type="radio""#) && page.text.contains("档5"))
            #expect(page.text.contains("保存草稿") && page.text.contains("提交评分"))
            // Submitting without a band: the summary and the message beside the indicator, the comment kept.
            let missing = try await Self.form(client, "/my/reviews/\(assignment)", token: t["expert"],
                                              [("comment.quality.system", "体系完善"), ("action", "submit")])
            #expect(missing.status == .unprocessableContent && missing.text.contains("error-summary") && missing.text.contains("请为“质量体系”选择分档"))
            #expect(missing.text.contains("体系完善"))
            #expect(try await app.count("score_sheets") == 0)
            #expect(try await Self.form(client, "/my/reviews/\(assignment)", token: t["expert"],
                                        [("band.quality.system", "4"), ("comment.quality.system", "体系完善"), ("action", "save")]).status == .found)
            #expect(try await client.api(.get, "/my/reviews", token: t["expert"]).text.contains("已评 1 / 1 项指标"))
            #expect(try await Self.form(client, "/my/reviews/\(assignment)", token: t["expert"],
                                        [("band.quality.system", "4"), ("comment.quality.system", "体系完善"), ("action", "submit")]).status == .found)
            // Band 4: 0.6 × 0.4 × 4/5 × 100 = 19.2 points.
            page = try await client.api(.get, "/my/reviews/\(assignment)", token: t["expert"])
            #expect(page.text.contains("19.20") && page.text.contains("修改理由"))
            // A change without a reason is refused beside the reason field, the new band still chosen; with one, kept.
            let noReason = try await Self.form(client, "/my/reviews/\(assignment)", token: t["expert"],
                                               [("band.quality.system", "2"), ("action", "change")])
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("修改已提交的评分须说明理由"))
            #expect(noReason.text.contains(#"value="2" checked"#))
            #expect(try await Self.form(client, "/my/reviews/\(assignment)", token: t["expert"],
                                        [("band.quality.system", "2"), ("action", "change"), ("reason", "复核后下调")]).status == .found)
            #expect(try await client.api(.get, "/my/reviews/\(assignment)", token: t["expert"]).text.contains("复核后下调"))
            #expect(try await app.count("score_changes") == 1)

            // Another expert cannot open it; other roles cannot open the expert's pages at all.
            let token2 = try await ExpertRoundTests.userToken(app, "expert2")
            #expect(try await client.api(.get, "/my/reviews/\(assignment)", token: token2).status == .notFound)
            #expect(try await Self.form(client, "/my/reviews/\(assignment)", token: token2, [("band.quality.system", "5"), ("action", "save")]).status
                == .notFound)
            for name in ["hangzhou", "firm", "bank"] {
                #expect(try await client.api(.get, "/my/reviews", token: t[name]).status == .forbidden, "\(name)")
            }
        }
    }

    @Test("the province's round page: invitations, assignments with progress, conflicts needing a reason, automatic assignment previewed then confirmed")
    func provincePages() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let s = try await ExpertReviewTests.setUp(app, client)
            let base = "/rounds/\(s.round)/expert-review"
            #expect(try await client.api(.get, "/expert-review", token: t["admin"]).text.contains(base))
            var page = try await client.api(.get, base, token: t["admin"])
            #expect(page.status == .ok && page.text.contains("专家一") && page.text.contains("未邀请") && page.text.contains("预览自动分配"))

            // Invite nobody: the message at the invitations.
            let none = try await Self.form(client, "\(base)/invite", token: t["admin"], [])
            #expect(none.status == .unprocessableContent && none.text.contains("请选择要邀请的专家"))
            #expect(try await Self.form(client, "\(base)/invite", token: t["admin"], [("expertId", s.expert), ("expertId", s.expert2)]).status == .found)
            #expect(try await app.count("expert_invitations") == 2)

            // By hand: the Hangzhou expert on the Hangzhou applicant needs a reason; the message is beside the reason field.
            let conflict = try await Self.form(client, "\(base)/assign", token: t["admin"], [("applicationId", s.xihu), ("expertId", s.expert2)])
            #expect(conflict.status == .unprocessableContent && conflict.text.contains("存在利益冲突") && conflict.text.contains(#"id="field-assign-dismissReason-error""#))
            #expect(try await app.count("review_assignments") == 0)
            #expect(try await Self.form(client, "\(base)/assign", token: t["admin"],
                                        [("applicationId", s.xihu), ("expertId", s.expert2), ("dismissReason", "同市不同区")]).status == .found)

            // 专家一 accepts; 专家二 declines on the decline page, with a reason the province sees.
            _ = try await client.api(.post, "/api/v1/my/invitations/\(try await ExpertRoundTests.invitationOf(client, t["expert"]))/accept", token: t["expert"])
            let token2 = try await ExpertRoundTests.userToken(app, "expert2")
            let declineURL = "/my/invitations/\(try await ExpertRoundTests.invitationOf(client, token2))/decline"
            #expect(try await Self.form(client, declineURL, token: token2, [("reason", "评审期间出差")]).status == .found)
            #expect(try await client.api(.get, declineURL, token: token2).status == .conflict)
            page = try await client.api(.get, base, token: t["admin"])
            #expect(page.text.contains("已谢绝") && page.text.contains("（评审期间出差）"))
            // Automatic: the preview stores nothing and asks to confirm.
            let bad = try await Self.form(client, "\(base)/auto", token: t["admin"], [("perApplication", "0")])
            #expect(bad.status == .unprocessableContent && bad.text.contains("每项申报的专家人数应为 1–10") && bad.text.contains(#"value="0""#))
            // Xihu has 专家二; 专家一 (Ningbo, no tie to Xihu) is the one to add; Binjiang has nobody (shares, same city).
            let preview = try await Self.form(client, "\(base)/auto", token: t["admin"], [("perApplication", "2")])
            #expect(preview.status == .ok && preview.text.contains("确认分配这 1 位专家") && preview.text.contains("未能达到人数的申报"))
            #expect(try await app.count("review_assignments") == 1)
            #expect(try await Self.form(client, "\(base)/auto", token: t["admin"], [("perApplication", "2"), ("commit", "true")]).status == .found)
            #expect(try await app.count("review_assignments") == 2)

            // The page shows progress per application and the publish button for both.
            page = try await client.api(.get, base, token: t["admin"])
            #expect(page.text.contains("0 / 2 位专家已提交") && page.text.contains("向专家发布 2 项分配"))
            #expect(try await Self.form(client, "\(base)/publish", token: t["admin"], []).status == .found)
            #expect(try await client.api(.get, base, token: t["admin"]).text.contains("没有未发布的分配"))

            for name in ["hangzhou", "xihu", "firm", "expert", "bank"] {
                #expect(try await client.api(.get, base, token: t[name]).status == .forbidden, "\(name)")
                #expect(try await Self.form(client, "\(base)/publish", token: t[name], []).status == .forbidden, "\(name)")
                #expect(try await Self.form(client, "\(base)/auto", token: t[name], [("perApplication", "2"), ("commit", "true")]).status == .forbidden)
            }
        }
    }

    @Test("the lead's consensus page: the anonymous points, the score and its reason required; the province names the lead on the round page")
    func consensusPages() async throws {
        try await TestApp.run { (app: TestApp, client: any TestClientProtocol) async throws -> Void in
            let t = app.fixtures.tokens
            let s = try await ExpertReviewTests.setUp(app, client)
            let token2 = try await ExpertRoundTests.userToken(app, "expert2")
            let a = try await ExpertRoundTests.scored(app, client, s, token2: token2)
            let base = "/rounds/\(s.round)/expert-review"
            // Xihu's 24 and 0 spread beyond 20: the round page offers the lead form. Per expert: 专家一 submitted
            // 1 of 1, 专家二 2 of 2; per application: Xihu 2 of 2 scored, Binjiang 1 of 1.
            let round = try await client.api(.get, base, token: t["admin"]).text
            #expect(round.contains("指定合议组长") && round.contains("已提交 1 / 1 份评分") && round.contains("已提交 2 / 2 份评分"))
            #expect(round.contains("2 / 2 位专家已提交") && round.contains("1 / 1 位专家已提交"))
            let none = try await Self.form(client, "\(base)/lead", token: t["admin"], [("applicationId", s.xihu), ("expertId", "")])
            #expect(none.status == .unprocessableContent && none.text.contains("请从该申报的评审专家中选择组长"))
            #expect(try await client.api(.get, "/my/reviews/\(a.xihuByExpert)/consensus", token: t["expert"]).status == .notFound)
            #expect(try await Self.form(client, "\(base)/lead", token: t["admin"], [("applicationId", s.xihu), ("expertId", s.expert)]).status == .found)

            #expect(try await client.api(.get, "/my/reviews", token: t["expert"]).text.contains("/my/reviews/\(a.xihuByExpert)/consensus"))
            let page = try await client.api(.get, "/my/reviews/\(a.xihuByExpert)/consensus", token: t["expert"])
            #expect(page.status == .ok && page.text.contains("0.00 24.00") && page.text.contains("0 至 24.00 分"))
            let noReason = try await Self.form(client, "/my/reviews/\(a.xihuByExpert)/consensus", token: t["expert"], [("points", "18.5"), ("reason", "")])
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("请说明合议结论的理由") && noReason.text.contains(#"value="18.5""#))
            #expect(try await Self.form(client, "/my/reviews/\(a.xihuByExpert)/consensus", token: t["expert"],
                                        [("points", "18.5"), ("reason", "合议一致")]).status == .found)
            #expect(try await client.api(.get, base, token: t["admin"]).text.contains("18.50（合议一致）"))
            // The other expert on Xihu is not the lead.
            #expect(try await client.api(.get, "/my/reviews/\(a.xihuByExpert2)/consensus", token: token2).status == .notFound)
        }
    }
}
