import Foundation
import JingpinCore

/// What an enterprise fills in on its application, read from a JSON body with an error per field.
struct ApplicationFields: Sendable {
    var productSalesFen: Int64?
    var launchDate: LocalDate?
    var declaresTruthful: Bool
    var declaresNoVeto: Bool

    /// The fields of a body; every one is optional while the application is a draft (submitting
    /// checks completeness), but what is given must be valid.
    static func read(_ body: ApplicationRequest) throws -> ApplicationFields {
        var errors: [FieldError] = []
        var fields = ApplicationFields(productSalesFen: nil, launchDate: body.launchDate,
                                       declaresTruthful: body.declaresTruthful ?? false, declaresNoVeto: body.declaresNoVeto ?? false)
        if let raw = body.productSalesFen {
            if let money = Money.wholeFen(raw.text), InputBounds.amountFen.contains(money.fen) { fields.productSalesFen = money.fen } else {
                errors.append(FieldError(field: "productSalesFen", code: "invalid_amount", "applications.error.invalid_amount"))
            }
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        return fields
    }
}

/// `POST /api/v1/rounds/{id}/applications` (with `productId`) and `PUT /api/v1/applications/{id}`.
struct ApplicationRequest: RequestBody {
    /// The product applied for (creating only; a change of product is a new application).
    var productId: UUID?
    /// The product's sales last year, whole fen, as a number or digits.
    var productSalesFen: ValueText?
    /// When the product was launched.
    var launchDate: LocalDate?
    /// The applicant declares its answers true.
    var declaresTruthful: Bool?
    /// The applicant declares no veto condition applies.
    var declaresNoVeto: Bool?
}

/// `POST /api/v1/applications/{id}/steps`.
struct ApplicationStepRequest: RequestBody {
    var step: ApplicationStep
    /// Why (required by the steps that tell the applicant; the workflow checks).
    var reason: String?
}

/// `PUT /api/v1/applications/{id}/values`: `{"values": {"code": value}}`, text or numbers.
struct ApplicationValuesRequest: RequestBody {
    var values: [String: ValueText]
}
