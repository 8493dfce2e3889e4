import Foundation

/// The schemas of invitations, automatic assignment, consensus and site visits.
extension OpenAPIDocument {
    static var expertSchemas: [String: Any] {
        let int: [String: Any] = ["type": "integer"]
        let bool: [String: Any] = ["type": "boolean"]
        let status: [String: Any] = ["type": "string", "enum": ["pending", "accepted", "declined"]]
        return [
            "InvitationInput": object(["expertIds": ["type": "array", "items": uuid]], required: ["expertIds"]),
            "Invitation": object(["id": uuid, "roundSeriesId": uuid, "expertId": uuid, "expertName": string, "status": status,
                                  "declineReason": string, "invitedAt": dateTime, "answeredAt": dateTime]),
            "InvitationList": list(of: "Invitation"),
            "MyInvitationList": object(["items": ["type": "array", "items": object(["id": uuid, "roundId": uuid, "roundTitle": string, "year": int,
                                                                                   "status": status, "declineReason": string,
                                                                                   "invitedAt": dateTime, "answeredAt": dateTime])]]),
            "DeclineInput": object(["reason": string]),
            "ConflictDismissInput": object(["assignmentId": uuid, "reason": string], required: ["assignmentId", "reason"]),
            "AutoAssignInput": object(["perApplication": ["type": "integer", "minimum": 1, "maximum": 10], "commit": bool], required: ["perApplication"]),
            "AutoAssignPlan": object(["perApplication": int, "committed": bool,
                                      "assignments": ["type": "array", "items": object(["applicationId": uuid, "expertId": uuid, "expertName": string])],
                                      "shortfalls": ["type": "array", "items": object([
                                          "applicationId": uuid, "has": int, "wanted": int,
                                          "reasons": ["type": "array", "items": object([
                                              "code": ["type": "string", "enum": ["not_accepted", "sector", "conflict", "load_cap"]],
                                              "count": int, "message": string])]])]]),
            "ConsensusLeadInput": object(["expertId": uuid], required: ["expertId"]),
            "ConsensusInput": object(["points": ["type": "string", "description": "two decimals at most, e.g. \"18.50\""], "reason": string],
                                     required: ["points", "reason"]),
            "Consensus": object(["applicationId": uuid, "leadExpertId": uuid, "leadName": string, "namedBy": string, "namedAt": dateTime,
                                 "points": string, "reason": string, "recordedBy": string, "recordedAt": dateTime]),
            "ConsensusLead": object(["assignmentId": uuid, "applicationId": uuid, "points": ["type": "array", "items": string], "trimmedMean": string,
                                     "spread": string, "threshold": string, "maxPoints": string, "consensus": ["$ref": "#/components/schemas/Consensus"]]),
            "SiteVisitInput": object(["visitedOn": ["type": "string", "format": "date"], "participants": string, "findings": string],
                                     required: ["visitedOn", "participants", "findings"]),
            "SiteVisit": object(["applicationId": uuid, "visitedOn": ["type": "string", "format": "date"], "participants": string, "findings": string,
                                 "recordedBy": string, "recordedAt": dateTime]),
        ]
    }
}
