import FluentKit
import Foundation
import Hummingbird
import JingpinCore

/// National recognitions ("the ladder to Chinese Quality"): the province records those an
/// enterprise or one of its products holds (`POST /api/v1/enterprises/{id}/recognitions`), and the
/// public registry shows them on the product's page and in `GET /api/v1/public/designations/{id}`.
struct RecognitionService {
    let database: DatabaseService

    /// A recognition as shown to anyone.
    struct View: Codable, Sendable {
        let id: UUID
        let kind: String
        let kindName: String
        let title: String
        let year: Int
        let issuer: String
        let productId: UUID?
    }

    /// Records a recognition of enterprise `enterpriseID`; 422 naming each bad field.
    func create(enterpriseID: UUID, input: RecognitionRequest, actor: AuditActor, requestID: String) async throws -> View {
        guard try await EnterpriseModel.find(enterpriseID, on: database.db) != nil else { throw AppError.notFound }
        var errors: [FieldError] = []
        let kind: RecognitionKind? = input.kind
        let title = input.title.trimmingCharacters(in: .whitespaces)
        if title.isEmpty { errors.append(FieldError(field: "title", code: "required", "registry.error.required.7")) }
        let issuer = input.issuer.trimmingCharacters(in: .whitespaces)
        if issuer.isEmpty { errors.append(FieldError(field: "issuer", code: "required", "registry.error.required.6")) }
        let year = input.year
        if !(1990...LocalDate.today().year).contains(year) {
            errors.append(FieldError(field: "year", code: "out_of_range", "registry.error.out_of_range"))
        }
        var productID: UUID?
        if let id = input.productId {
            if let p = try await ProductModel.find(id, on: database.db), p.enterpriseID == enterpriseID { productID = id } else {
                errors.append(FieldError(field: "productId", code: "not_found", "registry.error.not_found"))
            }
        } else if kind?.isOfProduct == true {
            errors.append(FieldError(field: "productId", code: "required", "registry.error.required.5"))
        }
        guard errors.isEmpty, let kind else { throw AppError.validation(errors) }
        let product = productID
        let m = NationalRecognitionModel()
        let id = UUID()
        m.id = id
        m.enterpriseID = enterpriseID
        m.productID = productID
        m.kind = kind.rawValue
        m.title = title
        m.year = year
        m.issuer = issuer
        m.createdBy = actor.stored
        m.createdAt = Date()
        try await database.db.transaction { tx in
            try await m.create(on: tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "recognition.create", entityType: "enterprise", entityID: enterpriseID.uuidString,
                                                  new: ["kind": kind.rawValue, "title": title, "year": "\(year)", "product": product?.uuidString ?? ""],
                                                  requestID: requestID), on: tx)
        }
        return Self.view(m, .zhHans)
    }

    /// The recognitions to show beside product `productID`: its own and its enterprise's, newest first.
    func forProduct(_ productID: UUID, enterpriseID: UUID, language l: Language) async throws -> [View] {
        try await NationalRecognitionModel.query(on: database.db).filter(\.$enterpriseID == enterpriseID).sort(\.$year, .descending).all()
            .filter { $0.productID == nil || $0.productID == productID }.map { Self.view($0, l) }
    }

    static func view(_ m: NationalRecognitionModel, _ l: Language) -> View {
        View(id: m.id!, kind: m.kind, kindName: RecognitionKind(rawValue: m.kind)?.name(l) ?? m.kind, title: m.title, year: m.year, issuer: m.issuer,
             productId: m.productID)
    }
}
