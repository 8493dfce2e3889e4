import Foundation

/// One administrative division of Zhejiang: the province, a city (设区市) or a
/// county-level division (县、县级市、区), with the policy flags attached to it.
public struct Region: Sendable, Hashable, Codable {
    /// Its administrative code.
    public let code: RegionCode
    /// The official Chinese name, e.g. "西湖区".
    public let nameZh: String
    /// The English name, e.g. "Xihu District".
    public let nameEn: String
    /// Province, city or county.
    public let level: RegionLevel
    /// The region directly above it; nil only for the province.
    public let parentCode: RegionCode?
    /// The finer kind as the data file says: "province", "city", "district", "county_city" or "county".
    public let kind: String
    /// One of the 26 mountain counties (山区26县) that many policies favour.
    public let isMountain26: Bool
    /// An island county (海岛县).
    public let isIsland: Bool

    /// A region from its parts.
    public init(
        code: RegionCode, nameZh: String, nameEn: String, level: RegionLevel,
        parentCode: RegionCode?, kind: String, isMountain26: Bool = false, isIsland: Bool = false
    ) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.level = level
        self.parentCode = parentCode
        self.kind = kind
        self.isMountain26 = isMountain26
        self.isIsland = isIsland
    }

    /// The region's name in `language`.
    public func name(_ language: Language) -> String {
        language == .zhHans ? nameZh : nameEn
    }
}
