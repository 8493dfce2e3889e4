import Foundation
import Testing
@testable import JingpinCore

@Suite("Roles and scopes")
struct ScopeTests {
    static let enterpriseID = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!

    let regions: RegionDirectory

    init() throws {
        regions = try RegionDirectory(csv: ReferenceDataTests.regions)
    }

    @Test("scopes are stored as one string and read back", arguments: [
        (Scope.province, "province"),
        (.region(try! RegionCode("330106")), "region:330106"),
        (.enterprise(ScopeTests.enterpriseID), "enterprise:6f9619ff-8b86-d011-b42d-00c04fc964ff"),
        (.bank("ICBC-ZJ"), "bank:ICBC-ZJ"),
        (.none, "none"),
    ])
    func storage(scope: Scope, text: String) {
        #expect(scope.storageString == text)
        #expect(Scope(storageString: text) == scope)
    }

    @Test("malformed stored scopes grant nothing", arguments: [
        "", "Province", "galaxy", "region:33010", "region: 330106", "region:", "enterprise:not-a-uuid", "bank:", ":x",
    ])
    func malformed(text: String) {
        #expect(Scope(storageString: text) == nil)
    }

    @Test("upper-case UUIDs are read too")
    func upperCaseUUID() {
        #expect(Scope(storageString: "enterprise:6F9619FF-8B86-D011-B42D-00C04FC964FF") == .enterprise(Self.enterpriseID))
    }

    @Test("each role needs its own kind of scope", arguments: [
        (Role.provinceAdmin, Scope.province, true),
        (.provinceAdmin, .none, false),
        (.provinceAdmin, .region(try! RegionCode("330100")), false),
        (.cityOfficer, .region(try! RegionCode("330100")), true),
        (.cityOfficer, .region(try! RegionCode("330106")), false),   // a county, not a city
        (.cityOfficer, .region(try! RegionCode("330300")), false),   // a city code not in the directory
        (.cityOfficer, .province, false),
        (.countyOfficer, .region(try! RegionCode("330106")), true),
        (.countyOfficer, .region(try! RegionCode("330100")), false), // a city, not a county
        (.countyOfficer, .region(try! RegionCode("330199")), false), // not in the directory
        (.enterpriseUser, .enterprise(ScopeTests.enterpriseID), true),
        (.enterpriseUser, .none, false),
        (.bankOfficer, .bank("ICBC-ZJ"), true),
        (.bankOfficer, .bank(" "), false),
        (.bankOfficer, .none, false),
        (.expert, .none, true),
        (.expert, .province, false),
    ])
    func validation(role: Role, scope: Scope, valid: Bool) {
        let reason = Scope.validate(role: role, scope: scope, regions: regions)
        #expect((reason == nil) == valid, "\(reason ?? "valid")")
        #expect(scope.isValid(for: role, regions: regions) == valid)
    }

    @Test("roles have names in both languages and stable raw values")
    func roleNames() {
        #expect(Role.provinceAdmin.name(.zhHans) == "省级管理员")
        #expect(Role.cityOfficer.name(.zhHans) == "设区市经办人")
        #expect(Role.bankOfficer.name(.en) == "Bank officer")
        #expect(Role.allCases.map(\.rawValue) == [
            "province_admin", "city_officer", "county_officer", "enterprise_user", "expert", "bank_officer",
        ])
        for role in Role.allCases {
            #expect(!role.name(.zhHans).isEmpty && !role.name(.en).isEmpty)
        }
    }

    @Test("scopes and principals encode through the storage string")
    func codable() throws {
        let principal = Principal(userID: Self.enterpriseID, role: .countyOfficer, scope: .region(try RegionCode("330106")))
        let data = try JSONEncoder().encode(principal)
        #expect(String(decoding: data, as: UTF8.self).contains("\"region:330106\""))
        #expect(try JSONDecoder().decode(Principal.self, from: data) == principal)
    }
}
