import Foundation

/// The programme's four sectors, to which every GB/T 4754 industry is mapped.
public enum Sector: String, Sendable, Hashable, Codable, CaseIterable {
    case manufacturing
    case agriculture
    case services
    case construction

    /// The sector's name in `language`.
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.manufacturing, .zhHans): return "制造业"
        case (.agriculture, .zhHans): return "农业"
        case (.services, .zhHans): return "服务业"
        case (.construction, .zhHans): return "建筑业"
        case (.manufacturing, .en): return "Manufacturing"
        case (.agriculture, .en): return "Agriculture"
        case (.services, .en): return "Services"
        case (.construction, .en): return "Construction"
        }
    }
}
