import Foundation

/// The sections of the annual filing form, in the order the task list shows them.
public enum FilingSection: String, Sendable, Codable, CaseIterable {
    /// 经营情况 — revenue, sales, exports, investment.
    case business
    /// 创新投入 — R&D spending, staff, patents, standards.
    case innovation
    /// 质量与生产 — output, defect rate, employees.
    case production
    /// 能源与资源 — energy by type and water.
    case energy
    /// 信用与合规 — credit rating, incidents, dishonesty records.
    case compliance

    /// The section's title.
    public func name(_ l: Language) -> String {
        switch (self, l) {
        case (.business, .en): "Business"
        case (.business, _): "经营情况"
        case (.innovation, .en): "Innovation"
        case (.innovation, _): "创新投入"
        case (.production, .en): "Production and quality"
        case (.production, _): "生产与质量"
        case (.energy, .en): "Energy and resources"
        case (.energy, _): "能源与资源"
        case (.compliance, .en): "Credit and compliance"
        case (.compliance, _): "信用与合规"
        }
    }
}

/// How an indicator's value is written and stored. Every value is stored as one Int64,
/// so arithmetic stays exact and bulk loads stay simple.
public enum IndicatorType: Sendable, Hashable, Codable {
    /// Money, stored in fen; typed in yuan ("1234.56").
    case money
    /// A whole number (people, patents, standards).
    case integer
    /// A rate, stored in basis points; typed as a percentage ("3.25" or "3.25%").
    case rate
    /// A measured quantity in `unit`, stored in thousandths so "12.345 t" is exact.
    case quantity(unit: String)
    /// Yes or no, stored as 1 or 0.
    case boolean
    /// One of a fixed list of options, stored as the option's position.
    case enumeration(options: [String])

    /// The name used in the catalogue file.
    public var storageName: String {
        switch self {
        case .money: "money"
        case .integer: "integer"
        case .rate: "rate"
        case .quantity: "quantity"
        case .boolean: "boolean"
        case .enumeration: "enum"
        }
    }
}

/// One indicator of the annual filing: what is asked, in which unit, within which range,
/// and which sectors must answer it.
public struct Indicator: Sendable, Hashable, Codable {
    /// Stable code used in files and the API, e.g. `rd_spending`.
    public let code: String
    /// Chinese name.
    public let nameZh: String
    /// English name.
    public let nameEn: String
    /// The form section it belongs to.
    public let section: FilingSection
    /// How it is written and stored.
    public let type: IndicatorType
    /// The smallest stored value allowed, if any (in stored units: fen, basis points, thousandths…).
    public let minimum: Int64?
    /// The largest stored value allowed, if any.
    public let maximum: Int64?
    /// Sectors that must report it; others may leave it empty.
    public let requiredFor: Set<Sector>
    /// Years the definition applies to (the catalogue is versioned by year).
    public let years: ClosedRange<Int>

    /// Creates an indicator.
    public init(code: String, nameZh: String, nameEn: String, section: FilingSection, type: IndicatorType,
                minimum: Int64?, maximum: Int64?, requiredFor: Set<Sector>, years: ClosedRange<Int>) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.section = section
        self.type = type
        self.minimum = minimum
        self.maximum = maximum
        self.requiredFor = requiredFor
        self.years = years
    }

    /// The name in a language.
    public func name(_ l: Language) -> String { l == .en ? nameEn : nameZh }

    /// The unit as shown beside the field.
    public func unit(_ l: Language) -> String {
        switch type {
        case .money: l == .en ? "yuan" : "元"
        case .integer: ""
        case .rate: "%"
        case .quantity(let unit): unit
        case .boolean, .enumeration: ""
        }
    }
}
