import Foundation
import JingpinCore

/// `POST /api/v1/enterprises` and `PATCH /api/v1/enterprises/{id}`: every field optional in the
/// body — a POST's missing ones are named by the domain's validation, a PATCH keeps what it leaves
/// out and clears what it sends as null.
struct EnterpriseRequest: RequestBody {
    var creditCode: Sent<String>
    var name: Sent<String>
    var regionCode: Sent<String>
    var industryCode: Sent<String>
    var address: Sent<String>
    var legalRepresentative: Sent<String>
    var contactPhone: Sent<String>
    var isAboveScale: Sent<Bool>

    enum CodingKeys: String, CodingKey {
        case creditCode, name, regionCode, industryCode, address, legalRepresentative, contactPhone, isAboveScale
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        creditCode = try Sent(c, .creditCode)
        name = try Sent(c, .name)
        regionCode = try Sent(c, .regionCode)
        industryCode = try Sent(c, .industryCode)
        address = try Sent(c, .address)
        legalRepresentative = try Sent(c, .legalRepresentative)
        contactPhone = try Sent(c, .contactPhone)
        isAboveScale = try Sent(c, .isAboveScale)
    }

    /// `base` (empty for a POST, the stored record for a PATCH) with what was sent.
    func draft(over base: EnterpriseDraft) -> EnterpriseDraft {
        var d = base
        d.creditCode = creditCode.applied(to: d.creditCode)
        d.name = name.applied(to: d.name)
        d.regionCode = regionCode.applied(to: d.regionCode)
        d.industryCode = industryCode.applied(to: d.industryCode)
        d.address = address.applied(to: d.address)
        d.legalRepresentative = legalRepresentative.applied(to: d.legalRepresentative)
        d.contactPhone = contactPhone.applied(to: d.contactPhone)
        // The draft keeps the flag as text, as the form sends it.
        d.isAboveScale = isAboveScale.applied(to: d.isAboveScale.map { $0 == "true" }).map { $0 ? "true" : "false" }
        return d
    }
}

/// `POST /api/v1/enterprises/{id}/products` and `PATCH /api/v1/products/{id}`, as for enterprises.
struct ProductRequest: RequestBody {
    var name: Sent<String>
    var category: Sent<String>
    var industryCode: Sent<String>
    var description: Sent<String>

    enum CodingKeys: String, CodingKey { case name, category, industryCode, description }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try Sent(c, .name)
        category = try Sent(c, .category)
        industryCode = try Sent(c, .industryCode)
        description = try Sent(c, .description)
    }

    /// `base` with what was sent.
    func draft(over base: ProductDraft) -> ProductDraft {
        var d = base
        d.name = name.applied(to: d.name)
        d.category = category.applied(to: d.category)
        d.industryCode = industryCode.applied(to: d.industryCode)
        d.description = description.applied(to: d.description)
        return d
    }
}
