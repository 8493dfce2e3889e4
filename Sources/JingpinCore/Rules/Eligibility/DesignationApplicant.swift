/// What the 2025 designation eligibility rules read about an application: the product's
/// category and sales, where the enterprise is, its R&D record, and any veto records.
public struct DesignationApplicant: Sendable, Hashable {
    /// The product's category.
    public var category: ProductCategory
    /// Whether the enterprise's county is one of the 26 mountain counties.
    public var isMountainCounty: Bool
    /// The product's sales in the last full year, in fen (nil when not given).
    public var productSalesFen: Int64?
    /// R&D spending by year, in fen.
    public var rdSpendingFen: [Int: Int64]
    /// Main-business revenue by year, in fen.
    public var mainBusinessRevenueFen: [Int: Int64]
    /// When the product was launched.
    public var launchDate: LocalDate?
    /// Incidents and records that veto an application within the look-back period.
    public var vetoRecords: [VetoRecord]

    /// Creates an applicant.
    public init(category: ProductCategory, isMountainCounty: Bool, productSalesFen: Int64?, rdSpendingFen: [Int: Int64],
                mainBusinessRevenueFen: [Int: Int64], launchDate: LocalDate?, vetoRecords: [VetoRecord] = []) {
        self.category = category
        self.isMountainCounty = isMountainCounty
        self.productSalesFen = productSalesFen
        self.rdSpendingFen = rdSpendingFen
        self.mainBusinessRevenueFen = mainBusinessRevenueFen
        self.launchDate = launchDate
        self.vetoRecords = vetoRecords
    }
}

/// A record that vetoes an application (一票否决) while it is within the look-back period.
public struct VetoRecord: Sendable, Hashable, Codable {
    /// What kind of record.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A major quality incident.
        case quality
        /// A major safety incident.
        case safety
        /// A major environmental incident.
        case environment
        /// A dishonesty (失信) record.
        case dishonesty

        /// The kind in words.
        public func name(_ l: Language) -> String {
            switch (self, l) {
            case (.quality, .en): "major quality incident"
            case (.quality, _): "重大质量事故"
            case (.safety, .en): "major safety incident"
            case (.safety, _): "重大安全事故"
            case (.environment, .en): "major environmental incident"
            case (.environment, _): "重大环境事故"
            case (.dishonesty, .en): "dishonesty record"
            case (.dishonesty, _): "失信记录"
            }
        }
    }

    /// What kind.
    public let kind: Kind
    /// When it happened or was recorded.
    public let date: LocalDate

    /// Creates a record.
    public init(kind: Kind, date: LocalDate) {
        self.kind = kind
        self.date = date
    }
}
