import Foundation
import Hummingbird
import JingpinCore

/// The expert registry (`/api/v1/experts`), a round's assignments
/// (`/api/v1/rounds/{id}/assignments`, `/conflicts`, `/assignments/publish`), and an expert's
/// own published assignments and score sheets (`/api/v1/my/assignments`), and an application's
/// scoring for the province (`/api/v1/applications/{id}/scores`).
struct ExpertReviewAPI {
    let services: AppServices

    var review: ExpertReviewService { ExpertReviewService(database: services.database, regions: services.reference.regions, rules: services.rules) }
    var scoring: ScoringService { ScoringService(database: services.database, rules: services.rules) }

    func register(_ routes: RouteTable) {
        let manage = Access.permission(.manageRounds)
        routes.api(RouteDoc(method: .get, path: "/api/v1/experts", summary: "The expert registry", tag: "experts", access: manage,
                            success: (200, "ExpertList"))) { _, _ in
            try JSONResponse.make(["items": try await review.experts()])
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/experts",
                            summary: "Register an expert user's profile: home city, sectors, load cap, affiliations", tag: "experts",
                            access: manage, requestSchema: "ExpertInput", success: (201, "Expert"))) { request, context in
            let identity = try context.requireIdentity()
            let input = try await JSONInput.read(request, context: context)
            guard let raw = input.object["userId"] as? String, let userID = UUID(uuidString: raw) else {
                throw AppError.validation([FieldError(field: "userId", code: "required", zh: "请给出专家账号", en: "give the expert's user id")])
            }
            let ties = (input.object["affiliations"] as? [[String: Any]] ?? []).map { ($0["creditCode"] as? String ?? "", $0["kind"] as? String ?? "") }
            let expert = try await review.register(userID: userID, name: input.object["name"] as? String ?? "",
                                                   homeCity: input.object["homeCity"] as? String ?? "", sectors: input.object["sectors"] as? [String] ?? [],
                                                   loadCap: input.object["loadCap"] as? Int ?? 0, affiliations: ties, actor: identity.actor,
                                                   requestID: context.requestID)
            return try JSONResponse.make(expert, status: .created)
        }
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds/{id}/assignments", summary: "A round's review assignments", tag: "experts",
                            access: manage, success: (200, "AssignmentList"))) { _, context in
            try JSONResponse.make(["items": try await review.assignments(roundID: try context.uuid("id"))])
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/assignments",
                            summary: "Assign experts, one or many: {\"assignments\": [{\"applicationId\", \"expertId\", \"dismissConflictReason\"?}]}",
                            tag: "experts", access: manage, requestSchema: "AssignmentInput", success: (201, "AssignmentList"))) { request, context in
            let identity = try context.requireIdentity()
            let input = try await JSONInput.read(request, context: context)
            guard let items = input.object["assignments"] as? [[String: Any]], !items.isEmpty else {
                throw AppError.validation([FieldError(field: "assignments", code: "required", zh: "请给出分配清单", en: "give the assignments")])
            }
            var requests: [ExpertReviewService.Request] = []
            var errors: [FieldError] = []
            for (i, item) in items.enumerated() {
                guard let a = (item["applicationId"] as? String).flatMap(UUID.init(uuidString:)),
                      let e = (item["expertId"] as? String).flatMap(UUID.init(uuidString:)) else {
                    errors.append(FieldError(field: "assignments/\(i)", code: "required", zh: "请给出申报和专家", en: "give applicationId and expertId"))
                    continue
                }
                requests.append(.init(applicationID: a, expertID: e, dismissReason: item["dismissConflictReason"] as? String))
            }
            guard errors.isEmpty else { throw AppError.validation(errors) }
            let made = try await review.assign(roundID: try context.uuid("id"), requests, actor: identity.actor, requestID: context.requestID)
            return try JSONResponse.make(["items": made], status: .created)
        }
        routes.api(RouteDoc(method: .get, path: "/api/v1/rounds/{id}/conflicts",
                            summary: "Check every assignment of the round for conflicts, now", tag: "experts", access: manage,
                            success: (200, "ConflictList"))) { _, context in
            try JSONResponse.make(["items": try await review.conflicts(roundID: try context.uuid("id"))])
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/rounds/{id}/assignments/publish",
                            summary: "Publish the round's assignments: experts see them from now on", tag: "experts", access: manage,
                            success: (200, "PublishResult"))) { _, context in
            let identity = try context.requireIdentity()
            return try JSONResponse.make(["published": try await review.publish(roundID: try context.uuid("id"), actor: identity.actor,
                                                                                 requestID: context.requestID)])
        }
        routes.api(RouteDoc(method: .get, path: "/api/v1/my/assignments", summary: "Your published review assignments (experts)",
                            tag: "experts", access: Access.permission(.viewAssignments), success: (200, "MyAssignmentList"))) { _, context in
            try JSONResponse.make(["items": try await review.mine(userID: try context.requireIdentity().userID)])
        }
        let reminders = ReminderService(database: services.database, rules: services.rules)
        routes.api(RouteDoc(method: .get, path: "/api/v1/my/notifications", summary: "Your notifications (scoring reminders), newest first",
                            tag: "experts", access: .authenticated, success: (200, "NotificationList"))) { _, context in
            try JSONResponse.make(["items": try await reminders.notifications(userID: try context.requireIdentity().userID, language: context.language)])
        }
        routes.api(RouteDoc(method: .post, path: "/api/v1/my/notifications/{id}/read", summary: "Mark one of your notifications read",
                            tag: "experts", access: .authenticated, success: (204, nil))) { _, context in
            let identity = try context.requireIdentity()
            try await reminders.markRead(try context.uuid("id"), userID: identity.userID, actor: identity.actor, requestID: context.requestID)
            return Response(status: .noContent)
        }
        routes.api(RouteDoc(method: .get, path: "/api/v1/my/assignments/{id}/scores", summary: "Your score sheet for an assignment",
                            tag: "experts", access: Access.permission(.viewAssignments), success: (200, "ScoreSheet"))) { _, context in
            try JSONResponse.make(try await scoring.sheet(assignmentID: try context.uuid("id"), userID: try context.requireIdentity().userID))
        }
        routes.api(RouteDoc(method: .put, path: "/api/v1/my/assignments/{id}/scores",
                            summary: "Save bands 0–5 per expert-scored indicator: {\"scores\": [{\"indicatorId\", \"band\", \"comment\"}], \"submit\": true, \"reason\": …}",
                            tag: "experts", access: Access.permission(.viewAssignments), requestSchema: "ScoreInput",
                            success: (200, "ScoreSheet"))) { request, context in
            let identity = try context.requireIdentity()
            let input = try await JSONInput.read(request, context: context)
            guard let items = input.object["scores"] as? [[String: Any]] else {
                throw AppError.validation([FieldError(field: "scores", code: "required", zh: "请给出评分", en: "give the scores")])
            }
            var entries: [ScoringService.Entry] = []
            var errors: [FieldError] = []
            for (i, item) in items.enumerated() {
                guard let id = item["indicatorId"] as? String, let band = item["band"] as? Int else {
                    errors.append(FieldError(field: "scores/\(i)", code: "required", zh: "请给出指标和分档", en: "give indicatorId and band"))
                    continue
                }
                entries.append(.init(indicatorId: id, band: band, comment: item["comment"] as? String))
            }
            guard errors.isEmpty else { throw AppError.validation(errors) }
            let sheet = try await scoring.save(assignmentID: try context.uuid("id"), userID: identity.userID, entries: entries,
                                               submit: input.object["submit"] as? Bool ?? false, reason: input.object["reason"] as? String,
                                               actor: identity.actor, requestID: context.requestID)
            return try JSONResponse.make(sheet)
        }
        routes.api(RouteDoc(method: .get, path: "/api/v1/applications/{id}/scores",
                            summary: "Who has scored, each expert's points, the trimmed mean, the spread and the consensus flag",
                            tag: "experts", access: manage, success: (200, "ScoreSummary"))) { _, context in
            try JSONResponse.make(try await scoring.summary(applicationID: try context.uuid("id")))
        }
    }
}
