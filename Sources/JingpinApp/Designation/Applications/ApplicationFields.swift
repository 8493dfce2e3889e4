import Foundation
import JingpinCore

/// What an enterprise fills in on its application, read from a JSON body with an error per field.
struct ApplicationFields: Sendable {
    var productSalesFen: Int64?
    var launchDate: LocalDate?
    var declaresTruthful: Bool
    var declaresNoVeto: Bool

    /// Reads the fields; every one is optional while the application is a draft (submitting
    /// checks completeness), but what is given must be valid.
    static func read(_ input: JSONInput) throws -> ApplicationFields {
        var errors: [FieldError] = []
        var fields = ApplicationFields(productSalesFen: nil, launchDate: nil, declaresTruthful: false, declaresNoVeto: false)
        if let raw = input.object["productSalesFen"], !(raw is NSNull) {
            let text = (raw as? String) ?? (raw as? NSNumber).map { "\($0)" } ?? ""
            if let money = Money.wholeFen(text), InputBounds.amountFen.contains(money.fen) { fields.productSalesFen = money.fen } else {
                errors.append(FieldError(field: "productSalesFen", code: "invalid_amount", zh: "产品销售额应为非负整数（单位：分）",
                                         en: "product sales are a whole, non-negative number of fen"))
            }
        }
        if let raw = input.object["launchDate"], !(raw is NSNull) {
            if let text = raw as? String, let date = try? LocalDate(text) { fields.launchDate = date } else {
                errors.append(FieldError(field: "launchDate", code: "invalid_date", zh: "日期格式应为 YYYY-MM-DD", en: "a date as YYYY-MM-DD"))
            }
        }
        for (key, set) in [("declaresTruthful", { (f: inout ApplicationFields, v: Bool) in f.declaresTruthful = v }),
                           ("declaresNoVeto", { (f: inout ApplicationFields, v: Bool) in f.declaresNoVeto = v })] {
            guard let raw = input.object[key], !(raw is NSNull) else { continue }
            if let b = raw as? Bool { set(&fields, b) } else {
                errors.append(FieldError(field: key, code: "invalid_type", zh: "应为 true 或 false", en: "true or false"))
            }
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        return fields
    }
}
