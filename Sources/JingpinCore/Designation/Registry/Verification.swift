/// What scanning a product's code answers (验证结果), at a glance: authentic, suspended,
/// revoked (with the public reason), expired or not found.
public enum VerificationOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case authentic
    case suspended
    case revoked
    case expired
    case notFound = "not_found"

    /// The answer for a designation in `status`, valid through `validUntil`, on `today`. A
    /// designation past its last valid day is expired even before the nightly job marks it;
    /// cancelled and renewed records are no longer valid either.
    public static func of(_ status: DesignationStatus, validUntil: LocalDate, today: LocalDate) -> VerificationOutcome {
        switch status {
        case .revoked: return .revoked
        case .expired, .cancelled, .renewed: return .expired
        case .suspended: return today > validUntil ? .expired : .suspended
        case .designated, .underReview: return today > validUntil ? .expired : .authentic
        }
    }

    /// The large status word on the verification page.
    public func name(_ l: Language) -> String {
        let en = l == .en
        switch self {
        case .authentic: return en ? "Authentic" : "真品"
        case .suspended: return en ? "Suspended" : "已暂停"
        case .revoked: return en ? "Revoked" : "已撤销"
        case .expired: return en ? "Expired" : "已过期"
        case .notFound: return en ? "Not found" : "未找到"
        }
    }
}
