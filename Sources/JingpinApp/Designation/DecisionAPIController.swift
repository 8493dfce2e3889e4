import Foundation
import Hummingbird
import JingpinCore

/// Ranking, the public notice with objections, the committee's vote and the decision:
/// `/api/v1/rounds/{id}/ranking|notice|objections|committee|decision` for the province, and
/// `/api/v1/public/rounds/{id}/notice|objections` for anyone, without logging in.
struct DecisionAPIController {
    let services: AppServices

    var decisions: Decisions { Decisions(database: services.database, rules: services.rules, reference: services.reference) }

    func register(_ routes: RouteTable) {
        let manage = Access.permission(.manageRounds)
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/ranking",
                            summary: "Rank the applications in expert review; {\"apply\": true} proposes the first `quota`", tag: "decisions",
                            access: manage, success: (200, "RankingList"))) { request, context in
            let identity = try context.requireIdentity()
            let input = try await JSONInput.read(request, context: context)
            let ranked = try await decisions.rank(roundID: try context.uuid("id"), apply: input.object["apply"] as? Bool ?? false, actor: identity.actor,
                                                  requestID: context.requestID)
            return try JSONResponse.make(["items": ranked])
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/notice",
                            summary: "Publish the notice of the proposed list: {\"publishedOn\": \"YYYY-MM-DD\"}", tag: "decisions", access: manage,
                            success: (201, "Notice"))) { request, context in
            let identity = try context.requireIdentity()
            let input = try await JSONInput.read(request, context: context)
            guard let raw = input.object["publishedOn"] as? String, let day = try? LocalDate(raw) else {
                throw AppError.validation([FieldError(field: "publishedOn", code: "invalid_date", zh: "日期格式应为 YYYY-MM-DD", en: "a date as YYYY-MM-DD")])
            }
            return try JSONResponse.make(try await decisions.publishNotice(roundID: try context.uuid("id"), publishedOn: day, actor: identity.actor,
                                                                          requestID: context.requestID), status: .created)
        }
        routes.api(RouteDoc(method: .get, path: "/api/v1/public/rounds/{id}/notice", summary: "The public notice of a round's proposed products",
                            tag: "public", access: .anyone, success: (200, "Notice"))) { _, context in
            try JSONResponse.make(try await decisions.notice(roundID: try context.uuid("id")))
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/public/rounds/{id}/objections",
                            summary: "Object to a proposed product during the notice: {\"applicationId\", \"text\", \"contactName\", \"contactPhone\"} (contacts stay private; at most PUBLIC_OBJECTIONS_PER_HOUR per client, then 429)",
                            tag: "public", access: .anyone, success: (201, "ObjectionReceipt"))) { request, context in
            try PublicNoticeWebController.checkLimit(services, context)
            let input = try await JSONInput.read(request, context: context)
            guard let raw = input.object["applicationId"] as? String, let applicationID = UUID(uuidString: raw) else {
                throw AppError.validation([FieldError(field: "applicationId", code: "required", zh: "请选择公示产品", en: "choose the product")])
            }
            let id = try await decisions.object(roundID: try context.uuid("id"), applicationID: applicationID, text: input.object["text"] as? String ?? "",
                                                contactName: input.object["contactName"] as? String ?? "",
                                                contactPhone: input.object["contactPhone"] as? String ?? "", requestID: context.requestID)
            return try JSONResponse.make(["id": id.uuidString, "status": "open"], status: .created)
        }
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds/{id}/objections", summary: "The round's objections, with contacts",
                            tag: "decisions", access: manage, success: (200, "ObjectionList"))) { _, context in
            try JSONResponse.make(["items": try await decisions.objections(roundID: try context.uuid("id"))])
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/objections/{id}/outcome",
                            summary: "Record an objection's outcome: {\"upheld\": true|false, \"outcome\": …}", tag: "decisions", access: manage,
                            success: (200, "Objection"))) { request, context in
            let identity = try context.requireIdentity()
            let input = try await JSONInput.read(request, context: context)
            guard let upheld = input.object["upheld"] as? Bool else {
                throw AppError.validation([FieldError(field: "upheld", code: "required", zh: "请选择是否成立", en: "say whether it is upheld")])
            }
            return try JSONResponse.make(try await decisions.decideObjection(try context.uuid("id"), upheld: upheld, outcome: input.object["outcome"] as? String ?? "",
                                                                            actor: identity.actor, requestID: context.requestID))
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/committee",
                            summary: "Record the committee's vote: {\"members\", \"votesFor\"}", tag: "decisions", access: manage,
                            success: (201, "CommitteeVote"))) { request, context in
            let identity = try context.requireIdentity()
            let input = try await JSONInput.read(request, context: context)
            let vote = try await decisions.recordVote(roundID: try context.uuid("id"), members: input.object["members"] as? Int ?? 0,
                                                      votesFor: input.object["votesFor"] as? Int ?? -1, actor: identity.actor, requestID: context.requestID)
            return try JSONResponse.make(vote, status: .created)
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/decision",
                            summary: "Designate the proposed products (after the notice, the objections and a carrying vote)", tag: "decisions",
                            access: manage, success: (200, "Decision"))) { _, context in
            let identity = try context.requireIdentity()
            return try JSONResponse.make(try await decisions.decide(roundID: try context.uuid("id"), actor: identity.actor, requestID: context.requestID))
        }
    }
}
