import FluentKit
import Foundation
import JingpinCore

/// A row of `reward_runs`: one reward scheme applied to one year's figures.
final class RewardRunModel: Model, @unchecked Sendable {
    static let schema = "reward_runs"
    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "scheme_id") var schemeID: String
    @Field(key: "scheme_version") var schemeVersion: String
    @Field(key: "rules_hash") var rulesHash: String
    /// Stored as its raw value; changed only through `RewardRunStep`.
    @Field(key: "status") var status: RewardRunStatus
    @OptionalField(key: "budget_fen") var budgetFen: Int64?
    @OptionalField(key: "strategy") var strategy: String?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "trial_at") var trialAt: Date?
    @OptionalField(key: "approved_by") var approvedBy: String?
    @OptionalField(key: "approved_at") var approvedAt: Date?
    init() {}
}
