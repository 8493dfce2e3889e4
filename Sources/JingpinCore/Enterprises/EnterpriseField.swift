import Foundation

/// A field of an enterprise's record, as the API names it, with the action that changes it.
///
/// Registration fields say who the enterprise is and how it is counted — they decide which
/// county sees it, which thresholds apply and which statistics it is part of — so they are
/// changed by an officer of its region or by the province. Contact fields are the
/// enterprise's own to keep current.
public enum EnterpriseField: String, Sendable, Hashable, CaseIterable, Codable {
    case creditCode, name, regionCode, industryCode, isAboveScale
    case address, legalRepresentative, contactPhone

    /// The action a change of this field needs.
    public var editAction: Action {
        switch self {
        case .creditCode, .name, .regionCode, .industryCode, .isAboveScale: .editEnterpriseRegistration
        case .address, .legalRepresentative, .contactPhone: .editEnterprise
        }
    }
}

extension EnterpriseFields {
    /// The fields whose value differs from `old`, in declaration order. The sector follows the
    /// industry, so it is not a field of its own.
    public func changedFields(from old: EnterpriseFields) -> [EnterpriseField] {
        EnterpriseField.allCases.filter { field in
            switch field {
            case .creditCode: creditCode != old.creditCode
            case .name: name != old.name
            case .regionCode: regionCode != old.regionCode
            case .industryCode: industryCode != old.industryCode
            case .isAboveScale: isAboveScale != old.isAboveScale
            case .address: address != old.address
            case .legalRepresentative: legalRepresentative != old.legalRepresentative
            case .contactPhone: contactPhone != old.contactPhone
            }
        }
    }
}
