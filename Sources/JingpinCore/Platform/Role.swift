import Foundation

/// What a user is in the programme; together with a `Scope` it decides what they may do.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// Runs the programme for the whole province (省级管理员).
    case provinceAdmin = "province_admin"
    /// Handles enterprises and applications of one city (设区市经办人).
    case cityOfficer = "city_officer"
    /// Handles enterprises and applications of one county (县级经办人).
    case countyOfficer = "county_officer"
    /// Speaks for one enterprise (企业用户).
    case enterpriseUser = "enterprise_user"
    /// Scores applications in expert review (评审专家).
    case expert
    /// Offers financing products for one bank (银行经办人).
    case bankOfficer = "bank_officer"

    /// The role's name as users see it.
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.provinceAdmin, .zhHans): return "省级管理员"
        case (.cityOfficer, .zhHans): return "设区市经办人"
        case (.countyOfficer, .zhHans): return "县（市、区）经办人"
        case (.enterpriseUser, .zhHans): return "企业用户"
        case (.expert, .zhHans): return "评审专家"
        case (.bankOfficer, .zhHans): return "银行经办人"
        case (.provinceAdmin, .en): return "Province administrator"
        case (.cityOfficer, .en): return "City officer"
        case (.countyOfficer, .en): return "County officer"
        case (.enterpriseUser, .en): return "Enterprise user"
        case (.expert, .en): return "Expert"
        case (.bankOfficer, .en): return "Bank officer"
        }
    }
}
