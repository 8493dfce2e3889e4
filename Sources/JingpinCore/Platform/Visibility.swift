import Foundation

/// Which enterprises a principal may list: the query-side twin of `Permission.decide`
/// for `.viewEnterprise`, so a list never shows what a detail page would refuse.
public enum EnterpriseVisibility: Sendable, Equatable {
    /// Every enterprise (province admin).
    case all
    /// Enterprises registered in this city.
    case city(RegionCode)
    /// Enterprises registered in this county.
    case county(RegionCode)
    /// Only this enterprise.
    case enterprise(UUID)
    /// None at all.
    case nothing

    /// The visibility of a principal, derived from its role and scope (fail closed on a mismatch).
    public static func of(_ principal: Principal) -> EnterpriseVisibility {
        switch (principal.role, principal.scope) {
        case (.provinceAdmin, .province): .all
        case (.cityOfficer, .region(let code)) where code.level == .city: .city(code)
        case (.countyOfficer, .region(let code)) where code.level == .county: .county(code)
        case (.enterpriseUser, .enterprise(let id)): .enterprise(id)
        default: .nothing
        }
    }

    /// Whether an enterprise in the given county with the given id is visible.
    public func includes(enterprise id: UUID, county: RegionCode) -> Bool {
        switch self {
        case .all: true
        case .city(let city): city.contains(county)
        case .county(let c): c == county
        case .enterprise(let own): own == id
        case .nothing: false
        }
    }
}
