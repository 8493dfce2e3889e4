import Foundation
import JingpinCore
import Hummingbird

/// Builds `/openapi.json` (OpenAPI 3.1) from the route table, so the document lists exactly
/// the routes the server answers.
enum OpenAPIDocument {
    static func json(_ docs: [RouteDoc]) -> Data {
        var paths: [String: [String: Any]] = [:]
        for doc in docs {
            var op: [String: Any] = [
                "summary": doc.summary, "tags": [doc.tag],
                "operationId": doc.method.rawValue.lowercased() + doc.path.replacingOccurrences(of: "/api/v1", with: "")
                    .split(separator: "/").map { $0.replacingOccurrences(of: "{", with: "By").replacingOccurrences(of: "}", with: "").capitalized }.joined(),
                "x-jingpin-access": describe(doc.access),
            ]
            var parameters: [[String: Any]] = doc.path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                ["name": String($0.dropFirst().dropLast()), "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]
            }
            parameters += doc.query.map { ["name": $0.0, "in": "query", "required": false, "description": $0.1, "schema": ["type": "string"]] }
            if !parameters.isEmpty { op["parameters"] = parameters }
            if let body = doc.requestSchema {
                op["requestBody"] = ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(body)"]]]]
            }
            var success: [String: Any] = ["description": "Success"]
            if let schema = doc.success.1 {
                success["content"] = ["application/json": ["schema": ["$ref": "#/components/schemas/\(schema)"]]]
            }
            var responses: [String: Any] = [String(doc.success.0): success]
            let problem: [String: Any] = ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]]
            if doc.access != .anyone { responses["401"] = ["description": "Not logged in", "content": problem] }
            if case .permission = doc.access { responses["403"] = ["description": "The role may not do this", "content": problem] }
            if doc.path.contains("{") { responses["404"] = ["description": "Not found, or outside your scope", "content": problem] }
            if doc.requestSchema != nil {
                responses["400"] = ["description": "Malformed JSON", "content": problem]
                responses["422"] = ["description": "Invalid fields", "content": problem]
            }
            if !doc.query.isEmpty { responses["422"] = ["description": "Invalid query parameters", "content": problem] }
            op["responses"] = responses
            if doc.access != .anyone { op["security"] = [["bearer": []], ["session": []]] }
            paths[doc.path, default: [:]][doc.method.rawValue.lowercased()] = op
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "Jingpin (浙江精品) API", "version": "1.0.0",
                     "description": "The API of the Zhejiang Quality programme platform. Errors are RFC 9457 problem+json."],
            "servers": [["url": "/"]],
            "paths": paths,
            "components": ["schemas": schemas,
                           "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"],
                                               "session": ["type": "apiKey", "in": "cookie", "name": "jp_session"]]],
        ]
        return (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
    }

    static func describe(_ access: Access) -> String {
        switch access {
        case .anyone: "anyone"
        case .authenticated: "authenticated"
        case .permission(let a): a.rawValue
        }
    }

    static func object(_ properties: [String: Any], required: [String] = []) -> [String: Any] {
        var o: [String: Any] = ["type": "object", "properties": properties]
        if !required.isEmpty { o["required"] = required }
        return o
    }

    nonisolated(unsafe) static let string: [String: Any] = ["type": "string"]
    nonisolated(unsafe) static let uuid: [String: Any] = ["type": "string", "format": "uuid"]
    nonisolated(unsafe) static let dateTime: [String: Any] = ["type": "string", "format": "date-time"]
    static func page(of item: String) -> [String: Any] {
        object(["items": ["type": "array", "items": ["$ref": "#/components/schemas/\(item)"]], "page": ["type": "integer"],
                "perPage": ["type": "integer"], "total": ["type": "integer"], "totalPages": ["type": "integer"]])
    }
    static func list(of item: String) -> [String: Any] {
        object(["items": ["type": "array", "items": ["$ref": "#/components/schemas/\(item)"]]])
    }

    nonisolated(unsafe) static let enterpriseFields: [String: Any] = [
        "creditCode": ["type": "string", "description": "18-character unified social credit code (GB 32100-2015)"],
        "name": ["type": "string", "maxLength": 100], "regionCode": ["type": "string", "description": "County-level region code"],
        "industryCode": ["type": "string", "description": "GB/T 4754-2017 code"], "address": ["type": "string", "maxLength": 200],
        "legalRepresentative": ["type": "string", "maxLength": 50], "contactPhone": ["type": "string", "maxLength": 30],
        "isAboveScale": ["type": "boolean"],
    ]

    static var schemas: [String: Any] {
        var enterprise = enterpriseFields
        enterprise["id"] = uuid
        enterprise["cityCode"] = string
        enterprise["sector"] = string
        enterprise["createdAt"] = dateTime
        enterprise["updatedAt"] = dateTime
        let productFields: [String: Any] = ["name": ["type": "string", "maxLength": 100], "category": string,
                                            "industryCode": string, "description": ["type": "string", "maxLength": 2000]]
        var product = productFields
        product["id"] = uuid
        product["enterpriseId"] = uuid
        product["sector"] = string
        product["createdAt"] = dateTime
        product["updatedAt"] = dateTime
        let token: [String: Any] = object(["id": uuid, "name": string, "prefix": string, "createdAt": dateTime,
                                           "lastUsedAt": dateTime, "revokedAt": dateTime])
        return [
            "Problem": object(["type": string, "title": string, "status": ["type": "integer"], "detail": string, "instance": string,
                               "requestId": string,
                               "errors": ["type": "array", "items": object(["pointer": string, "field": string, "code": string, "detail": string])]],
                              required: ["type", "title", "status"]),
            "EnterpriseInput": object(enterpriseFields, required: ["creditCode", "name", "regionCode", "industryCode"]),
            "Enterprise": object(enterprise),
            "EnterprisePage": page(of: "Enterprise"),
            "ProductInput": object(productFields, required: ["name", "category"]),
            "Product": object(product),
            "ProductList": list(of: "Product"),
            "Me": object(["id": uuid, "username": string, "displayName": string, "role": string, "scope": string]),
            "Token": token,
            "TokenList": list(of: "Token"),
            "TokenInput": object(["name": ["type": "string", "maxLength": 60]], required: ["name"]),
            "NewToken": object(["token": ["$ref": "#/components/schemas/Token"], "secret": string]),
            "Region": object(["code": string, "nameZh": string, "nameEn": string, "level": string, "parentCode": string,
                              "kind": string, "isMountain26": ["type": "boolean"], "isIsland": ["type": "boolean"]]),
            "RegionList": list(of: "Region"),
            "Industry": object(["code": string, "level": string, "nameZh": string, "nameEn": string, "sector": string]),
            "IndustryList": list(of: "Industry"),
            "NiceClass": object(["number": ["type": "integer"], "kind": string, "headingEn": string]),
            "NiceClassList": list(of: "NiceClass"),
            "CalendarDay": object(["date": string, "kind": string, "nameZh": string, "nameEn": string, "confidence": string]),
            "CalendarList": list(of: "CalendarDay"),
            "AuditEntry": object(["seq": ["type": "integer"], "at": string, "actor": string, "action": string, "entityType": string,
                                  "entityId": string, "oldValue": string, "newValue": string, "requestId": string, "hash": string]),
            "AuditPage": page(of: "AuditEntry"),
            "Indicator": object(["code": string, "nameZh": string, "nameEn": string, "section": string,
                                 "type": ["type": "string", "enum": ["money", "integer", "rate", "quantity", "boolean", "enum"]],
                                 "unit": string, "options": ["type": "array", "items": string], "minimum": ["type": "integer"],
                                 "maximum": ["type": "integer"], "storedUnit": string, "requiredFor": ["type": "array", "items": string]]),
            "IndicatorList": object(["year": ["type": "integer"], "items": ["type": "array", "items": ["$ref": "#/components/schemas/Indicator"]]]),
            "FilingListItem": object(["enterpriseId": uuid, "enterpriseName": string, "creditCode": string, "regionCode": string,
                                      "year": ["type": "integer"], "status": string, "valueCount": ["type": "integer"]]),
            "FilingPage": page(of: "FilingListItem"),
            "FilingInput": object(["values": ["type": "object", "additionalProperties": ["type": ["string", "null"]],
                                              "description": "Indicator code → value as typed (yuan, percent, …); empty clears"]],
                                  required: ["values"]),
            "ReturnInput": object(["reason": ["type": "string", "maxLength": 500]], required: ["reason"]),
            "Filing": object(["filing": object(["id": uuid, "enterpriseId": uuid, "year": ["type": "integer"],
                                                "status": ["type": "string", "enum": ["draft", "submitted", "returned", "accepted"]],
                                                "submittedAt": dateTime, "reviewedAt": dateTime, "reviewReason": string,
                                                "values": ["type": "object", "additionalProperties": ["type": "integer"]]]),
                              "display": ["type": "object", "additionalProperties": string],
                              "previousYear": ["type": "object", "additionalProperties": string],
                              "missingRequired": ["type": "array", "items": string]]),
            "FilingHistory": object(["items": ["type": "array", "items": object(["at": dateTime, "actor": string, "action": string,
                                                                                  "reason": string, "changes": ["type": "object"]])]]),
        ].merging(rewardSchemas) { a, _ in a }.merging(roundSchemas) { a, _ in a }.merging(expertSchemas) { a, _ in a }
    }

    /// The rule catalogue and reward runs. Amounts are integers in fen.
    /// Designation rounds: the configuration as the API takes it, and a round version.
    static var roundSchemas: [String: Any] {
        let int: [String: Any] = ["type": "integer"]
        let bool: [String: Any] = ["type": "boolean"]
        let strings: [String: Any] = ["type": "array", "items": string]
        let stage = object(["kind": ["type": "string", "enum": RoundStage.Kind.allCases.map(\.rawValue)], "opens": string, "deadline": string],
                           required: ["kind", "opens", "deadline"])
        let indicator = object(["id": string, "labelZh": string, "labelEn": string, "weightBP": int,
                                "source": ["type": "string", "enum": ["expert", "data"]], "dataIndicator": string,
                                "normalisation": ["type": "string", "enum": ["banded", "linear", "rank_within_sector"]],
                                "bands": ["type": "array", "items": object(["zh": string, "en": string])], "baseline": int, "leading": int],
                               required: ["id", "labelZh", "labelEn", "weightBP", "source", "normalisation"])
        let pillar = object(["kind": ["type": "string", "enum": PillarKind.allCases.map(\.rawValue)], "weightBP": int,
                             "indicators": ["type": "array", "items": indicator]], required: ["kind", "weightBP", "indicators"])
        let input = object(["year": int, "titleZh": string, "titleEn": string, "sectors": strings, "categories": strings,
                            "stages": ["type": "array", "items": stage], "eligibilityRuleSet": string,
                            "scorecard": object(["pillars": ["type": "array", "items": pillar]], required: ["pillars"]),
                            "quota": int, "noticeWorkingDays": int,
                            "voteThreshold": object(["numerator": int, "denominator": int], required: ["numerator", "denominator"]),
                            "tieBreaks": strings, "sameCityConflicts": bool, "divergenceThresholdPoints": int],
                           required: ["year", "titleZh", "titleEn", "sectors", "categories", "stages", "eligibilityRuleSet", "scorecard", "quota",
                                      "noticeWorkingDays", "voteThreshold", "tieBreaks", "sameCityConflicts", "divergenceThresholdPoints"])
        return [
            "RoundInput": input,
            "Round": object(["id": uuid, "seriesId": uuid, "version": int, "year": int, "titleZh": string, "titleEn": string,
                             "status": ["type": "string", "enum": ["draft", "open", "superseded"]], "configuration": ["$ref": "#/components/schemas/RoundInput"],
                             "createdBy": string, "createdAt": dateTime, "openedBy": string, "openedAt": dateTime, "newVersion": bool]),
            "RoundList": list(of: "Round"),
            "ApplicationInput": object(["productId": uuid, "productSalesFen": ["type": ["string", "integer"], "description": "whole fen"],
                                        "launchDate": string, "declaresTruthful": bool, "declaresNoVeto": bool]),
            "ApplicationStepInput": object(["step": ["type": "string", "enum": ApplicationStep.allCases.map(\.rawValue)], "reason": string],
                                           required: ["step"]),
            "Application": object(["id": uuid, "roundId": uuid, "roundSeriesId": uuid, "enterpriseId": uuid, "productId": uuid,
                                   "countyCode": string, "cityCode": string, "category": string,
                                   "status": ["type": "string", "enum": ApplicationStatus.allCases.map(\.rawValue)], "statusName": string,
                                   "productSalesFen": int, "launchDate": string, "declaresTruthful": bool, "declaresNoVeto": bool,
                                   "createdAt": dateTime, "updatedAt": dateTime, "submittedAt": dateTime,
                                   "events": ["type": "array", "items": object(["step": string, "from": string, "to": string, "actor": string,
                                                                               "reason": string, "at": dateTime])]]),
            "ApplicationList": list(of: "Application"),
            "FeedbackReport": object(["applicationId": uuid, "round": string, "enterprise": string, "product": string, "status": string, "statusName": string,
                                      "pillars": ["type": "array", "items": object(["pillar": string, "name": string, "score": string, "roundMedian": string])],
                                      "strengths": ["type": "array", "items": object(["indicator": string, "band": int, "text": string])],
                                      "weaknesses": ["type": "array", "items": object(["indicator": string, "band": int, "text": string])],
                                      "reasons": strings]),
            "ExpertInput": object(["userId": uuid, "name": string, "homeCity": string, "sectors": strings, "loadCap": int,
                                   "affiliations": ["type": "array", "items": object(["creditCode": string,
                                                                                      "kind": ["type": "string", "enum": ["employer", "consultancy", "shareholding"]]])]],
                                  required: ["userId", "name", "homeCity", "sectors", "loadCap"]),
            "Expert": object(["id": uuid, "userId": uuid, "name": string, "homeCityCode": string, "sectors": strings, "loadCap": int,
                              "affiliations": ["type": "array", "items": object(["creditCode": string, "kind": string])]]),
            "ExpertList": list(of: "Expert"),
            "AssignmentInput": object(["assignments": ["type": "array", "items": object(["applicationId": uuid, "expertId": uuid, "dismissConflictReason": string],
                                                                                        required: ["applicationId", "expertId"])]],
                                      required: ["assignments"]),
            "Assignment": object(["id": uuid, "applicationId": uuid, "expertId": uuid, "published": bool, "dismissedConflicts": strings,
                                  "dismissalReason": string]),
            "AssignmentList": list(of: "Assignment"),
            "ConflictList": object(["items": ["type": "array", "items": object(["assignmentId": uuid, "applicationId": uuid, "expertId": uuid, "conflicts": strings, "dismissed": bool])]]),
            "PublishResult": object(["published": int]),
            "NotificationList": object(["items": ["type": "array", "items": object(["id": uuid, "kind": string, "subject": string, "link": string,
                                                                                   "read": string])]]),
            "RankingList": object(["items": ["type": "array", "items": object(["applicationId": uuid, "rank": int, "points": string, "proposed": bool])]]),
            "Notice": object(["roundId": uuid, "title": string, "publishedOn": string, "lastDay": string,
                              "products": ["type": "array", "items": object(["applicationId": uuid, "product": string, "enterprise": string, "city": string])]]),
            "ObjectionReceipt": object(["id": uuid, "status": string]),
            "Objection": object(["id": uuid, "applicationId": uuid, "text": string, "contactName": string, "contactPhone": string,
                                 "filedAt": dateTime, "status": ["type": "string", "enum": ["open", "upheld", "dismissed"]], "outcome": string]),
            "ObjectionList": list(of: "Objection"),
            "CommitteeVote": object(["members": int, "votesFor": int, "carries": bool, "threshold": string]),
            "RankingInput": object(["apply": bool]),
            "NoticeInput": object(["publishedOn": ["type": "string", "format": "date"]], required: ["publishedOn"]),
            "ObjectionInput": object(["applicationId": uuid, "text": string, "contactName": string, "contactPhone": string],
                                     required: ["applicationId", "text", "contactName", "contactPhone"]),
            "ObjectionOutcomeInput": object(["upheld": bool, "outcome": string], required: ["upheld", "outcome"]),
            "CommitteeVoteInput": object(["members": int, "votesFor": int], required: ["members", "votesFor"]),
            "Decision": object(["designated": ["type": "array", "items": uuid], "notDesignated": ["type": "array", "items": uuid]]),
            "ScoreInput": object(["scores": ["type": "array", "items": object(["indicatorId": string, "band": int, "comment": string],
                                                                              required: ["indicatorId", "band"])],
                                  "submit": bool, "reason": string], required: ["scores"]),
            "ScoreSheet": object(["assignmentId": uuid, "applicationId": uuid, "status": ["type": "string", "enum": ["draft", "submitted"]],
                                  "entries": ["type": "array", "items": object(["indicatorId": string, "band": int, "comment": string])],
                                  "points": string, "submittedAt": dateTime,
                                  "changes": ["type": "array", "items": object(["indicatorId": string, "oldBand": int, "newBand": int, "reason": string,
                                                                               "actor": string, "at": dateTime])]]),
            "ScoreSummary": object(["applicationId": uuid, "scored": int, "assigned": int,
                                    "experts": ["type": "array", "items": object(["expertId": uuid, "status": string, "points": string, "submittedAt": dateTime])],
                                    "trimmedMean": string, "spread": string, "needsConsensus": bool, "leadExpertId": uuid,
                                    "consensusPoints": string, "consensusReason": string,
                                    "points": ["type": "string", "description": "the consensus score when recorded, else the trimmed mean"]]),
            "MyAssignmentList": object(["items": ["type": "array", "items": object(["assignmentId": uuid, "applicationId": uuid, "category": string, "status": string])]]),
            "EligibilityCheck": object(["eligible": bool, "checks": ["type": "array", "items": object(["rule": string, "passed": bool, "message": string])],
                                        "parameters": ["type": "array"]]),
        ]
    }

    static var rewardSchemas: [String: Any] {
        let int: [String: Any] = ["type": "integer"]
        let fen: [String: Any] = ["type": "integer", "description": "fen (¥1 = 100)"]
        let label = object(["zh": string, "en": string])
        let reference = object(["document": string, "article": string, "url": string, "note": string], required: ["document"])
        return [
            "RuleSet": object(["id": string, "kind": string, "version": string, "title": label, "formula": string, "scope": string,
                               "rounding": string, "file": string, "contentHash": string,
                               "parameters": ["type": "array", "items": object(["id": string, "unit": string, "label": label, "ends": string,
                                                                               "values": ["type": "array", "items": object(["from": string, "value": int,
                                                                                                                           "reference": reference])]])],
                               "scales": ["type": "array", "items": object(["id": string, "type": ["type": "string", "enum": ["single_amount", "marginal_rate"]],
                                                                           "baseUnit": string, "label": label,
                                                                           "versions": ["type": "array", "items": object(["from": string, "brackets": ["type": "array"],
                                                                                                                         "reference": reference])]])]]),
            "RuleSetList": list(of: "RuleSet"),
            "RewardRunInput": object(["year": int, "scheme": string], required: ["year", "scheme"]),
            "RewardTrialInput": object(["budgetFen": ["type": ["string", "integer"], "description": "whole, non-negative fen"],
                                        "strategy": ["type": "string", "enum": ["pro-rata", "cap-level", "rank-order"]]],
                                       required: ["budgetFen", "strategy"]),
            "RewardRun": object(["id": uuid, "year": int, "schemeId": string, "schemeVersion": string, "rulesHash": string,
                                 "status": ["type": "string", "enum": ["open", "approved"]], "budgetFen": fen, "strategy": string,
                                 "createdBy": string, "createdAt": dateTime, "trialAt": dateTime, "approvedBy": string, "approvedAt": dateTime,
                                 "awards": int, "eligibleFen": fen, "authorisedFen": fen]),
            "RewardRunList": list(of: "RewardRun"),
            "RewardAward": object(["enterpriseId": uuid, "creditCode": string, "cityCode": string, "requestedFen": fen, "eligibleFen": fen,
                                   "authorisedFen": fen]),
            "RewardAwardList": list(of: "RewardAward"),
            "RewardComparison": object(["items": ["type": "array", "items": object(["strategy": string, "funded": int, "totalFen": fen,
                                                                                     "medianFen": fen, "largestFen": fen, "unspentFen": fen,
                                                                                     "byCity": ["type": "object", "additionalProperties": fen]])]]),
            "RewardVerification": object(["reproduced": ["type": "boolean"], "rulesUnchanged": ["type": "boolean"],
                                          "differences": ["type": "array", "items": string]]),
            "Award": object(["runId": uuid, "year": int, "scheme": string, "status": string, "requestedFen": fen, "eligibleFen": fen,
                             "authorisedFen": fen, "explanation": string,
                             "trace": ["type": "object", "description": "jingpin.trace.v1: inputs, parameters with dates and references, steps, result"]]),
            "AwardList": list(of: "Award"),
            "RegionAward": object(["enterpriseId": uuid, "enterpriseName": string, "creditCode": string, "regionCode": string, "runId": uuid,
                                   "year": int, "schemeId": string, "status": string, "eligibleFen": fen, "authorisedFen": fen]),
            "RegionAwardList": list(of: "RegionAward"),
        ]
    }
}
