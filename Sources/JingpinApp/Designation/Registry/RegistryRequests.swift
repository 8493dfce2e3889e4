import Foundation
import JingpinCore

/// `POST /api/v1/designations/{id}/events`: a lifecycle step the province takes. Expiry and
/// renewal are the daily job's and the decision's, never a request's, so they are not values here.
struct LifecycleRequest: RequestBody {
    enum Event: String, Decodable, Sendable, CaseIterable {
        case startReview = "start_review", passReview = "pass_review", suspend, reinstate, revoke, cancel
    }
    var event: Event
    /// Why (required for every step but the review's start and pass; the lifecycle checks).
    var reason: String?
    /// For a suspension: until when (absent: until reinstated).
    var until: LocalDate?

    /// The same request from the lifecycle form's fields, with the form's messages beside them.
    init(form event: String, reason: String, until: String) throws {
        var errors: [FieldError] = []
        let kind = Event(rawValue: event)
        if kind == nil {
            errors.append(FieldError(field: "event", code: "unknown_event", "registry.error.unknown_event"))
        }
        let day = until.isEmpty ? nil : try? LocalDate(until)
        if !until.isEmpty, day == nil {
            errors.append(FieldError(field: "until", code: "invalid_date", "registry.error.invalid_date"))
        }
        guard errors.isEmpty, let kind else { throw AppError.validation(errors) }
        self.event = kind
        self.reason = reason
        self.until = day
    }

    /// The domain's event.
    var designationEvent: DesignationEvent {
        let why = reason ?? ""
        switch event {
        case .startReview: return .startReview
        case .passReview: return .passReview
        case .suspend: return .suspend(reason: why, until: until)
        case .reinstate: return .reinstate(reason: why)
        case .revoke: return .revoke(reason: why)
        case .cancel: return .cancel(reason: why)
        }
    }
}

/// `PUT /api/v1/annual-reviews/{id}`: the enterprise's update.
struct AnnualReviewUpdateRequest: RequestBody {
    /// Last year's sales of the product, in fen.
    var salesFen: Int64
    /// Complaints received about it.
    var complaints: Int
    /// Incidents, in words (absent: none).
    var incidents: String?
}

/// `POST /api/v1/annual-reviews/{id}/decision`.
struct AnnualReviewDecisionRequest: RequestBody {
    var accept: Bool
    /// Required to refuse (the workflow checks).
    var note: String?
}

/// `POST /api/v1/enterprises/{id}/recognitions`: a national recognition.
struct RecognitionRequest: RequestBody {
    var kind: RecognitionKind
    var title: String
    var issuer: String
    /// The year granted (1990 to this year; the service checks).
    var year: Int
    /// The product, for a product's recognition.
    var productId: UUID?
}

/// `POST /api/v1/public/fake-reports`: anyone, no login; contacts stay private.
struct CounterfeitReportRequest: RequestBody {
    /// The code on the product, as seen (may be absent when there was none).
    var code: String?
    var whereBought: String
    var description: String?
    var contactName: String?
    var contactPhone: String?

    /// The service's input.
    var input: CounterfeitReportService.Input {
        CounterfeitReportService.Input(code: code ?? "", whereBought: whereBought, description: description ?? "",
                                       contactName: contactName ?? "", contactPhone: contactPhone ?? "")
    }
}

/// `POST /api/v1/fake-reports/{id}/outcome`.
struct CounterfeitOutcomeRequest: RequestBody {
    /// What the check found (required; the workflow checks it is not blank).
    var outcome: String
}
