import Foundation

/// The three tiers of Zhejiang's administration: 省 / 设区市 / 县（市、区）.
public enum RegionLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case province
    case city
    case county

    /// The tier's name as officials write it.
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.province, .zhHans): return "省"
        case (.city, .zhHans): return "设区市"
        case (.county, .zhHans): return "县（市、区）"
        case (.province, .en): return "province"
        case (.city, .en): return "city"
        case (.county, .en): return "county"
        }
    }
}
