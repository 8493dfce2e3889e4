import Foundation

/// A GB/T 4754-2017 industry: a section ("C", manufacturing) or a division ("13").
public struct Industry: Sendable, Hashable, Codable {
    /// The code: one capital letter for a section, two digits for a division.
    public let code: String
    /// "section" or "division", as in the data file.
    public let level: String
    /// The official Chinese name.
    public let nameZh: String
    /// The English name.
    public let nameEn: String
    /// The programme sector it counts towards.
    public let sector: Sector

    /// An industry from its parts.
    public init(code: String, level: String, nameZh: String, nameEn: String, sector: Sector) {
        self.code = code
        self.level = level
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.sector = sector
    }

    /// The industry's name in `language`.
    public func name(_ language: Language) -> String {
        language == .zhHans ? nameZh : nameEn
    }
}
