import Foundation

/// The part of the world a user acts on: the whole province, a region, one
/// enterprise, one bank, or nothing at all (experts see only what is assigned to them).
public enum Scope: Sendable, Hashable, Codable {
    /// Everything in the province.
    case province
    /// Everything registered in this city or county.
    case region(RegionCode)
    /// This one enterprise.
    case enterprise(UUID)
    /// This one bank, by its code.
    case bank(String)
    /// No standing access to records.
    case none

    /// The scope as one database column: "province", "region:330106",
    /// "enterprise:<uuid>", "bank:<code>" or "none".
    public var storageString: String {
        switch self {
        case .province: return "province"
        case let .region(code): return "region:\(code.value)"
        case let .enterprise(id): return "enterprise:\(id.uuidString.lowercased())"
        case let .bank(code): return "bank:\(code)"
        case .none: return "none"
        }
    }

    /// Reads a stored scope; nil for anything malformed, so a corrupted row grants nothing.
    public init?(storageString: String) {
        switch storageString {
        case "province": self = .province
        case "none": self = .none
        default:
            guard let colon = storageString.firstIndex(of: ":") else { return nil }
            let kind = storageString[..<colon]
            let rest = String(storageString[storageString.index(after: colon)...])
            switch kind {
            case "region":
                guard let code = try? RegionCode(rest), code.value == rest else { return nil }
                self = .region(code)
            case "enterprise":
                guard let id = UUID(uuidString: rest) else { return nil }
                self = .enterprise(id)
            case "bank":
                guard !rest.isEmpty else { return nil }
                self = .bank(rest)
            default:
                return nil
            }
        }
    }

    /// Why `scope` does not fit `role`, or nil when it does: a province admin needs the
    /// province, a city officer an existing city, a county officer an existing county, an
    /// enterprise user an enterprise, a bank officer a bank code, and an expert no scope.
    public static func validate(role: Role, scope: Scope, regions: RegionDirectory) -> String? {
        switch (role, scope) {
        case (.provinceAdmin, .province), (.enterpriseUser, .enterprise), (.expert, .none):
            return nil
        case let (.cityOfficer, .region(code)):
            guard let region = regions.region(code) else { return "region \(code) does not exist" }
            return region.level == .city ? nil : "a city officer needs a city, but \(code) is a \(region.level.rawValue)"
        case let (.countyOfficer, .region(code)):
            guard let region = regions.region(code) else { return "region \(code) does not exist" }
            return region.level == .county ? nil : "a county officer needs a county, but \(code) is a \(region.level.rawValue)"
        case let (.bankOfficer, .bank(code)):
            return code.trimmingCharacters(in: .whitespaces).isEmpty ? "a bank officer needs a bank code" : nil
        case (.provinceAdmin, _):
            return "a province administrator must have the province scope"
        case (.cityOfficer, _):
            return "a city officer must have a city region scope"
        case (.countyOfficer, _):
            return "a county officer must have a county region scope"
        case (.enterpriseUser, _):
            return "an enterprise user must have an enterprise scope"
        case (.expert, _):
            return "an expert must have no scope"
        case (.bankOfficer, _):
            return "a bank officer must have a bank scope"
        }
    }

    /// Whether this scope fits `role` (see `validate(role:scope:regions:)`).
    public func isValid(for role: Role, regions: RegionDirectory) -> Bool {
        Self.validate(role: role, scope: self, regions: regions) == nil
    }

    /// Whether this scope has the right shape for `role`, without a directory: the check
    /// `Permission.decide` makes on every request so a misconfigured account fails closed.
    public func fits(_ role: Role) -> Bool {
        switch (role, self) {
        case (.provinceAdmin, .province), (.enterpriseUser, .enterprise), (.expert, .none):
            return true
        case let (.cityOfficer, .region(code)):
            return code.level == .city
        case let (.countyOfficer, .region(code)):
            return code.level == .county
        case let (.bankOfficer, .bank(code)):
            return !code.trimmingCharacters(in: .whitespaces).isEmpty
        default:
            return false
        }
    }

    /// Decodes from the storage string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let scope = Scope(storageString: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a scope: \(text)")
        }
        self = scope
    }

    /// Encodes as the storage string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(storageString)
    }
}
