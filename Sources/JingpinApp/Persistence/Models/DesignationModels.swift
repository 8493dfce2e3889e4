import FluentKit
import Foundation

/// A row of `designation_rounds`: one version of a designation round's configuration.
final class RoundModel: Model, @unchecked Sendable {
    static let schema = "designation_rounds"
    @ID(key: .id) var id: UUID?
    @Field(key: "series_id") var seriesID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "year") var year: Int
    @Field(key: "title_zh") var titleZh: String
    @Field(key: "title_en") var titleEn: String
    /// `draft`, `open` or `superseded`.
    @Field(key: "status") var status: String
    /// The configuration as `RoundInput` JSON, keys sorted.
    @Field(key: "configuration") var configuration: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "opened_by") var openedBy: String?
    @OptionalField(key: "opened_at") var openedAt: Date?
    init() {}
}

/// A row of `designation_applications`: one product's application in one round.
final class ApplicationModel: Model, @unchecked Sendable {
    static let schema = "designation_applications"
    @ID(key: .id) var id: UUID?
    /// The round version applied to (the open one at the time).
    @Field(key: "round_id") var roundID: UUID
    @Field(key: "round_series_id") var roundSeriesID: UUID
    @Field(key: "enterprise_id") var enterpriseID: UUID
    @Field(key: "product_id") var productID: UUID
    @Field(key: "county_code") var countyCode: String
    @Field(key: "city_code") var cityCode: String
    @Field(key: "category") var category: String
    /// An `ApplicationStatus` raw value.
    @Field(key: "status") var status: String
    @OptionalField(key: "product_sales_fen") var productSalesFen: Int64?
    @OptionalField(key: "launch_date") var launchDate: String?
    @Field(key: "declares_truthful") var declaresTruthful: Bool
    @Field(key: "declares_no_veto") var declaresNoVeto: Bool
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    /// The city's recommendation order (1 = first), once the city has recommended it.
    @OptionalField(key: "city_rank") var cityRank: Int?
    init() {}
}

/// A row of `application_values`: an application's value of one filed indicator the
/// scorecard scores from data (in the indicator's stored unit).
final class ApplicationValueModel: Model, @unchecked Sendable {
    static let schema = "application_values"
    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    /// The filed indicator's code.
    @Field(key: "indicator") var indicator: String
    @Field(key: "value") var value: Int64
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// A row of `application_files`: an evidence file's metadata (its bytes are in `file_contents`).
final class ApplicationFileModel: Model, @unchecked Sendable {
    static let schema = "application_files"
    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    /// The uploader's file name, made safe (`EvidencePolicy.safeName`).
    @Field(key: "name") var name: String
    /// An `EvidencePolicy.Kind` raw value, read from the bytes.
    @Field(key: "kind") var kind: String
    @Field(key: "size") var size: Int64
    @Field(key: "sha256") var sha256: String
    @Field(key: "uploaded_by") var uploadedBy: String
    @Field(key: "uploaded_at") var uploadedAt: Date
    init() {}
}

/// A row of `file_contents`: a stored file's bytes, under the id of its metadata row.
final class FileContentModel: Model, @unchecked Sendable {
    static let schema = "file_contents"
    @ID(key: .id) var id: UUID?
    @Field(key: "bytes") var bytes: Data
    init() {}
}

/// A row of `application_events`: one step taken on an application.
final class ApplicationEventModel: Model, @unchecked Sendable {
    static let schema = "application_events"
    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "step") var step: String
    @Field(key: "from_status") var fromStatus: String
    @Field(key: "to_status") var toStatus: String
    @Field(key: "actor") var actor: String
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "at") var at: Date
    init() {}
}

/// A row of `experts`: an expert user's profile for assignment.
final class ExpertModel: Model, @unchecked Sendable {
    static let schema = "experts"
    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "name") var name: String
    @Field(key: "home_city_code") var homeCityCode: String
    /// Sector raw values, comma-separated.
    @Field(key: "sectors") var sectors: String
    @Field(key: "load_cap") var loadCap: Int
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A row of `expert_affiliations`.
final class ExpertAffiliationModel: Model, @unchecked Sendable {
    static let schema = "expert_affiliations"
    @ID(key: .id) var id: UUID?
    @Field(key: "expert_id") var expertID: UUID
    @Field(key: "credit_code") var creditCode: String
    @Field(key: "kind") var kind: String
    init() {}
}

/// A row of `review_assignments`.
final class AssignmentModel: Model, @unchecked Sendable {
    static let schema = "review_assignments"
    @ID(key: .id) var id: UUID?
    @Field(key: "round_series_id") var roundSeriesID: UUID
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "expert_id") var expertID: UUID
    @Field(key: "published") var published: Bool
    /// Conflict codes dismissed, comma-separated.
    @OptionalField(key: "dismissed_conflicts") var dismissedConflicts: String?
    @OptionalField(key: "dismissal_reason") var dismissalReason: String?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A row of `score_sheets`: one expert's scores of one application.
final class ScoreSheetModel: Model, @unchecked Sendable {
    static let schema = "score_sheets"
    @ID(key: .id) var id: UUID?
    @Field(key: "assignment_id") var assignmentID: UUID
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "expert_id") var expertID: UUID
    /// `draft` or `submitted`.
    @Field(key: "status") var status: String
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// A row of `score_entries`: one indicator's band on a sheet.
final class ScoreEntryModel: Model, @unchecked Sendable {
    static let schema = "score_entries"
    @ID(key: .id) var id: UUID?
    @Field(key: "sheet_id") var sheetID: UUID
    @Field(key: "indicator_id") var indicatorID: String
    @Field(key: "band") var band: Int
    @OptionalField(key: "comment") var comment: String?
    init() {}
}

/// A row of `score_changes`: a change to a submitted sheet.
final class ScoreChangeModel: Model, @unchecked Sendable {
    static let schema = "score_changes"
    @ID(key: .id) var id: UUID?
    @Field(key: "sheet_id") var sheetID: UUID
    @Field(key: "indicator_id") var indicatorID: String
    @Field(key: "old_band") var oldBand: Int
    @Field(key: "new_band") var newBand: Int
    @Field(key: "reason") var reason: String
    @Field(key: "actor") var actor: String
    @Field(key: "at") var at: Date
    init() {}
}

/// A row of `public_notices`.
final class NoticeModel: Model, @unchecked Sendable {
    static let schema = "public_notices"
    @ID(key: .id) var id: UUID?
    @Field(key: "round_series_id") var roundSeriesID: UUID
    @Field(key: "published_on") var publishedOn: String
    @Field(key: "last_day") var lastDay: String
    @Field(key: "working_days") var workingDays: Int
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A row of `objections`.
final class ObjectionModel: Model, @unchecked Sendable {
    static let schema = "objections"
    @ID(key: .id) var id: UUID?
    @Field(key: "round_series_id") var roundSeriesID: UUID
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "text") var text: String
    @Field(key: "contact_name") var contactName: String
    @Field(key: "contact_phone") var contactPhone: String
    @Field(key: "filed_at") var filedAt: Date
    /// `open`, `upheld` or `dismissed`.
    @Field(key: "status") var status: String
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "decided_by") var decidedBy: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    init() {}
}

/// A row of `committee_votes`.
final class CommitteeVoteModel: Model, @unchecked Sendable {
    static let schema = "committee_votes"
    @ID(key: .id) var id: UUID?
    @Field(key: "round_series_id") var roundSeriesID: UUID
    @Field(key: "members") var members: Int
    @Field(key: "votes_for") var votesFor: Int
    @Field(key: "carries") var carries: Bool
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "recorded_at") var recordedAt: Date
    init() {}
}

/// A row of `designations`: a designated product.
final class DesignationModel: Model, @unchecked Sendable {
    static let schema = "designations"
    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "round_series_id") var roundSeriesID: UUID
    @Field(key: "enterprise_id") var enterpriseID: UUID
    @Field(key: "product_id") var productID: UUID
    @Field(key: "year") var year: Int
    @Field(key: "designated_on") var designatedOn: String
    @Field(key: "created_at") var createdAt: Date
    /// `ZJJP-2026-0001` (`CertificateNumber`).
    @OptionalField(key: "certificate_number") var certificateNumber: String?
    /// The 14 symbols of its `VerificationCode`, without separators.
    @OptionalField(key: "verification_code") var verificationCode: String?
    /// The last valid day, YYYY-MM-DD.
    @OptionalField(key: "valid_until") var validUntil: String?
    /// A `DesignationStatus` raw value.
    @OptionalField(key: "status") var status: String?
    /// Why it was last suspended, revoked or cancelled (a revocation's reason is public).
    @OptionalField(key: "status_reason") var statusReason: String?
    /// The day a suspension ends, if it was given one.
    @OptionalField(key: "suspended_until") var suspendedUntil: String?
    @OptionalField(key: "updated_at") var updatedAt: Date?
    init() {}
}

/// A row of `designation_events`: one lifecycle step of a designation.
final class DesignationEventModel: Model, @unchecked Sendable {
    static let schema = "designation_events"
    @ID(key: .id) var id: UUID?
    @Field(key: "designation_id") var designationID: UUID
    @Field(key: "event") var event: String
    @Field(key: "from_status") var fromStatus: String
    @Field(key: "to_status") var toStatus: String
    @Field(key: "actor") var actor: String
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "until") var until: String?
    @Field(key: "at") var at: Date
    init() {}
}

/// A row of `notifications`: an in-app message to one user.
final class NotificationModel: Model, @unchecked Sendable {
    static let schema = "notifications"
    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "kind") var kind: String
    /// What makes it the same message: it is sent once per user and key.
    @Field(key: "dedupe_key") var dedupeKey: String
    @Field(key: "subject_zh") var subjectZh: String
    @Field(key: "subject_en") var subjectEn: String
    @OptionalField(key: "link") var link: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?
    init() {}
}

/// A row of `mail_outbox`: a message for the mail gateway.
final class OutboxModel: Model, @unchecked Sendable {
    static let schema = "mail_outbox"
    @ID(key: .id) var id: UUID?
    @Field(key: "notification_id") var notificationID: UUID
    @Field(key: "to_user_id") var toUserID: UUID
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    init() {}
}

/// A row of `fake_reports`: a public report of a suspected fake (contacts private).
final class FakeReportModel: Model, @unchecked Sendable {
    static let schema = "fake_reports"
    @ID(key: .id) var id: UUID?
    /// What the reporter typed or scanned, as given.
    @Field(key: "code_text") var codeText: String
    /// The designation the code belongs to, when it is one.
    @OptionalField(key: "designation_id") var designationID: UUID?
    @Field(key: "where_bought") var whereBought: String
    @Field(key: "description") var description: String
    @OptionalField(key: "contact_name") var contactName: String?
    @OptionalField(key: "contact_phone") var contactPhone: String?
    /// `open` or `closed`.
    @Field(key: "status") var status: String
    @OptionalField(key: "outcome") var outcome: String?
    @Field(key: "filed_at") var filedAt: Date
    @OptionalField(key: "closed_by") var closedBy: String?
    @OptionalField(key: "closed_at") var closedAt: Date?
    init() {}
}

/// A row of `programme_targets`: live designations aimed at by a day, optionally for one sector or city.
final class ProgrammeTargetModel: Model, @unchecked Sendable {
    static let schema = "programme_targets"
    @ID(key: .id) var id: UUID?
    @Field(key: "label_zh") var labelZh: String
    @Field(key: "label_en") var labelEn: String
    @Field(key: "count") var count: Int
    /// YYYY-MM-DD.
    @Field(key: "deadline") var deadline: String
    @OptionalField(key: "sector") var sector: String?
    @OptionalField(key: "city_code") var cityCode: String?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A row of `annual_reviews`: one designation's review for one year.
final class AnnualReviewModel: Model, @unchecked Sendable {
    static let schema = "annual_reviews"
    @ID(key: .id) var id: UUID?
    @Field(key: "designation_id") var designationID: UUID
    @Field(key: "year") var year: Int
    /// YYYY-MM-DD: the enterprise's update is due by this day.
    @Field(key: "due_on") var dueOn: String
    /// `open`, `submitted`, `accepted`, `not_accepted` or `overdue`.
    @Field(key: "status") var status: String
    /// The product's sales over the past year, fen.
    @OptionalField(key: "sales_fen") var salesFen: Int64?
    @OptionalField(key: "incidents") var incidents: String?
    @OptionalField(key: "complaints") var complaints: Int?
    @OptionalField(key: "submitted_by") var submittedBy: String?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "decided_by") var decidedBy: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalField(key: "decision_note") var decisionNote: String?
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A row of `national_recognitions`: a national recognition held by an enterprise or one of its products.
final class NationalRecognitionModel: Model, @unchecked Sendable {
    static let schema = "national_recognitions"
    @ID(key: .id) var id: UUID?
    @Field(key: "enterprise_id") var enterpriseID: UUID
    /// The product, when the recognition is of one product rather than the enterprise.
    @OptionalField(key: "product_id") var productID: UUID?
    /// A `RecognitionKind` raw value.
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "year") var year: Int
    @Field(key: "issuer") var issuer: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}
