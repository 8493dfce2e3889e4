/// What a user typed for a product, before validation.
public struct ProductDraft: Sendable, Hashable, Codable {
    /// The product's name.
    public var name: String?
    /// The category (a `ProductCategory` raw value); the sector follows from it.
    public var category: String?
    /// The GB/T 4754 industry code; the enterprise's when empty.
    public var industryCode: String?
    /// A description of the product.
    public var description: String?

    /// Creates a draft.
    public init(name: String? = nil, category: String? = nil, industryCode: String? = nil, description: String? = nil) {
        self.name = name
        self.category = category
        self.industryCode = industryCode
        self.description = description
    }

    /// Validates every field at once. `defaultIndustry` is the owning enterprise's industry.
    public func validate(industries: IndustryDirectory, defaultIndustry: String) -> Result<ProductFields, FieldErrors> {
        var errors: [FieldError] = []
        let cleanName = FieldCheck.requiredText(name, field: "name", labelZh: "产品名称", labelEn: "product name",
                                                maxLength: 100, into: &errors)
        var cleanCategory: ProductCategory?
        let rawCategory = (category ?? "").trimmingCharacters(in: .whitespaces)
        if rawCategory.isEmpty {
            errors.append(FieldError(field: "category", code: "required", "domain.enterprises.error.required.4"))
        } else if let c = ProductCategory(rawValue: rawCategory) {
            cleanCategory = c
        } else {
            errors.append(FieldError(field: "category", code: "unknown_category",
                                     "domain.enterprises.error.unknown_category", "\(rawCategory)"))
        }
        let industry = EnterpriseDraft.industry(industryCode, industries: industries, field: "industryCode",
                                                required: false, into: &errors)
        let cleanDescription = FieldCheck.optionalText(description, field: "description", labelZh: "产品介绍",
                                                       labelEn: "description", maxLength: 2000, into: &errors)
        guard errors.isEmpty, let cleanCategory else { return .failure(FieldErrors(errors)) }
        return .success(ProductFields(name: cleanName, category: cleanCategory, sector: cleanCategory.sector,
                                      industryCode: industry?.code ?? defaultIndustry, description: cleanDescription))
    }
}

/// A validated product.
public struct ProductFields: Sendable, Hashable {
    /// The product's name.
    public var name: String
    /// Its category.
    public var category: ProductCategory
    /// Its sector (from the category).
    public var sector: Sector
    /// Its industry code.
    public var industryCode: String
    /// Its description.
    public var description: String?

    /// Creates validated fields.
    public init(name: String, category: ProductCategory, sector: Sector, industryCode: String, description: String?) {
        self.name = name
        self.category = category
        self.sector = sector
        self.industryCode = industryCode
        self.description = description
    }
}
