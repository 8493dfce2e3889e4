import Foundation

/// What a user typed for an enterprise, before validation: every field as text, so a
/// page can show it back exactly as typed when something is wrong.
public struct EnterpriseDraft: Sendable, Hashable, Codable {
    /// The unified social credit code as typed.
    public var creditCode: String?
    /// The registered name.
    public var name: String?
    /// The county-level region code where the enterprise is registered.
    public var regionCode: String?
    /// The GB/T 4754-2017 industry code (a section letter or a division).
    public var industryCode: String?
    /// The registered address.
    public var address: String?
    /// The legal representative.
    public var legalRepresentative: String?
    /// A contact telephone.
    public var contactPhone: String?
    /// Whether it is an industrial enterprise above designated size (规上), as "true"/"false".
    public var isAboveScale: String?

    /// Creates a draft.
    public init(creditCode: String? = nil, name: String? = nil, regionCode: String? = nil,
                industryCode: String? = nil, address: String? = nil, legalRepresentative: String? = nil,
                contactPhone: String? = nil, isAboveScale: String? = nil) {
        self.creditCode = creditCode
        self.name = name
        self.regionCode = regionCode
        self.industryCode = industryCode
        self.address = address
        self.legalRepresentative = legalRepresentative
        self.contactPhone = contactPhone
        self.isAboveScale = isAboveScale
    }

    /// Validates every field at once and returns either the clean values or all the errors.
    /// Uniqueness of the credit code needs the database, so the caller checks it.
    public func validate(regions: RegionDirectory, industries: IndustryDirectory) -> Result<EnterpriseFields, FieldErrors> {
        var errors: [FieldError] = []
        var code: CreditCode?
        let rawCode = (creditCode ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if rawCode.isEmpty {
            errors.append(FieldError(field: "creditCode", code: "required",
                                     "domain.enterprises.error.required.3"))
        } else {
            do { code = try CreditCode(rawCode) } catch {
                errors.append(FieldError(field: "creditCode", code: "invalid_credit_code",
                                         message: error.message))
            }
        }
        let cleanName = FieldCheck.requiredText(name, field: "name", labelZh: "企业名称", labelEn: "enterprise name",
                                                maxLength: 100, into: &errors)
        let region = Self.county(regionCode, regions: regions, into: &errors)
        let industry = Self.industry(industryCode, industries: industries, field: "industryCode", required: true, into: &errors)
        let cleanAddress = FieldCheck.optionalText(address, field: "address", labelZh: "注册地址", labelEn: "address",
                                                   maxLength: 200, into: &errors)
        let cleanRep = FieldCheck.optionalText(legalRepresentative, field: "legalRepresentative", labelZh: "法定代表人",
                                               labelEn: "legal representative", maxLength: 50, into: &errors)
        let cleanPhone = FieldCheck.optionalText(contactPhone, field: "contactPhone", labelZh: "联系电话",
                                                 labelEn: "contact telephone", maxLength: 30, into: &errors)
        if let phone = cleanPhone, !phone.allSatisfy({ $0.isASCII && ($0.isNumber || "+- ()".contains($0)) }) {
            errors.append(FieldError(field: "contactPhone", code: "invalid_phone",
                                     "domain.enterprises.error.invalid_phone"))
        }
        let aboveScale = Self.boolean(isAboveScale, field: "isAboveScale", into: &errors)
        guard errors.isEmpty, let code, let region, let industry else { return .failure(FieldErrors(errors)) }
        return .success(EnterpriseFields(creditCode: code, name: cleanName, regionCode: region.code,
                                         industryCode: industry.code, sector: industry.sector,
                                         address: cleanAddress, legalRepresentative: cleanRep,
                                         contactPhone: cleanPhone, isAboveScale: aboveScale ?? false))
    }

    static func county(_ raw: String?, regions: RegionDirectory, into errors: inout [FieldError]) -> Region? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            errors.append(FieldError(field: "regionCode", code: "required",
                                     "domain.enterprises.error.required.2"))
            return nil
        }
        guard let code = try? RegionCode(text), let region = regions.region(code) else {
            errors.append(FieldError(field: "regionCode", code: "unknown_region",
                                     "domain.enterprises.error.unknown_region", "\(text)"))
            return nil
        }
        guard region.level == .county else {
            errors.append(FieldError(field: "regionCode", code: "not_a_county",
                                     "domain.enterprises.error.not_a_county"))
            return nil
        }
        return region
    }

    static func industry(_ raw: String?, industries: IndustryDirectory, field: String, required: Bool,
                         into errors: inout [FieldError]) -> Industry? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            if required {
                errors.append(FieldError(field: field, code: "required",
                                         "domain.enterprises.error.required"))
            }
            return nil
        }
        guard let industry = industries.industry(text.uppercased()) else {
            errors.append(FieldError(field: field, code: "unknown_industry",
                                     "domain.enterprises.error.unknown_industry", "\(text)"))
            return nil
        }
        return industry
    }

    static func boolean(_ raw: String?, field: String, into errors: inout [FieldError]) -> Bool? {
        switch (raw ?? "").trimmingCharacters(in: .whitespaces).lowercased() {
        case "": return nil
        case "true", "1", "on", "yes": return true
        case "false", "0", "off", "no": return false
        default:
            errors.append(FieldError(field: field, code: "invalid_boolean",
                                     "domain.enterprises.error.invalid_boolean"))
            return nil
        }
    }
}

/// A validated enterprise: every value is known good.
public struct EnterpriseFields: Sendable, Hashable {
    /// The credit code (unique across the platform).
    public var creditCode: CreditCode
    /// The registered name.
    public var name: String
    /// The county where it is registered.
    public var regionCode: RegionCode
    /// The industry code.
    public var industryCode: String
    /// The programme sector, derived from the industry.
    public var sector: Sector
    /// The registered address.
    public var address: String?
    /// The legal representative.
    public var legalRepresentative: String?
    /// A contact telephone.
    public var contactPhone: String?
    /// Whether it is above designated size.
    public var isAboveScale: Bool

    /// Creates validated fields (used by the validator and the demo generator).
    public init(creditCode: CreditCode, name: String, regionCode: RegionCode, industryCode: String, sector: Sector,
                address: String?, legalRepresentative: String?, contactPhone: String?, isAboveScale: Bool) {
        self.creditCode = creditCode
        self.name = name
        self.regionCode = regionCode
        self.industryCode = industryCode
        self.sector = sector
        self.address = address
        self.legalRepresentative = legalRepresentative
        self.contactPhone = contactPhone
        self.isAboveScale = isAboveScale
    }
}

/// A non-empty list of field errors, usable as a thrown error.
public struct FieldErrors: Error, Sendable, Hashable {
    /// The errors, in field order.
    public let errors: [FieldError]
    /// Wraps errors.
    public init(_ errors: [FieldError]) { self.errors = errors }
}
