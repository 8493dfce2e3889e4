/// Conflicts of interest (回避) between an expert and an application, checked by the server
/// on every assignment, one at a time or in bulk.
public enum Conflict {
    /// An expert's tie to an enterprise.
    public struct Affiliation: Sendable, Hashable, Codable {
        /// The kind of tie.
        public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
            case employer
            case consultancy
            case shareholding
        }

        /// The enterprise's credit code.
        public let creditCode: String
        /// The kind of tie.
        public let kind: Kind

        /// Creates an affiliation.
        public init(creditCode: String, kind: Kind) {
            self.creditCode = creditCode
            self.kind = kind
        }
    }

    /// Why an expert may not review an application.
    public enum Reason: Sendable, Hashable {
        /// The expert works for the applicant.
        case sameEnterprise
        /// The expert consults for, or holds shares in, the applicant.
        case affiliation(Affiliation.Kind)
        /// The expert's home city is the applicant's (when the round says that conflicts).
        case sameCity

        /// A stable code for the API and the audit log.
        public var code: String {
            switch self {
            case .sameEnterprise: "same_enterprise"
            case .affiliation(let kind): "affiliation_\(kind.rawValue)"
            case .sameCity: "same_city"
            }
        }

        /// The reason's entry in the strings table (`experts.conflict.<code>`).
        public var key: String { "experts.conflict.\(code)" }
    }

    /// Every conflict between an expert (home city, affiliations) and an applicant; empty
    /// when the expert may review it.
    public static func check(expertCity: String, affiliations: [Affiliation], applicantCreditCode: String, applicantCity: String,
                             sameCityConflicts: Bool) -> [Reason] {
        var reasons: [Reason] = []
        for a in affiliations where a.creditCode == applicantCreditCode {
            let reason: Reason = a.kind == .employer ? .sameEnterprise : .affiliation(a.kind)
            if !reasons.contains(reason) { reasons.append(reason) }
        }
        if sameCityConflicts && expertCity == applicantCity { reasons.append(.sameCity) }
        return reasons
    }
}
