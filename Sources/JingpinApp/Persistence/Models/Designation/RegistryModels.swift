import FluentKit
import Foundation
import JingpinCore

// The rows of designated products: designations, their lifecycle, annual reviews, recognitions and reports of fakes.

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

/// A row of `fake_reports`: a public report of a suspected fake (contacts private).
final class CounterfeitReportModel: Model, @unchecked Sendable {
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
    /// Stored as its raw value; changed only through `CounterfeitReportStep`.
    @Field(key: "status") var status: CounterfeitReportStatus
    @OptionalField(key: "outcome") var outcome: String?
    @Field(key: "filed_at") var filedAt: Date
    @OptionalField(key: "closed_by") var closedBy: String?
    @OptionalField(key: "closed_at") var closedAt: Date?
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
    /// Stored as its raw value; changed only through `AnnualReviewStep`.
    @Field(key: "status") var status: AnnualReviewStatus
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
