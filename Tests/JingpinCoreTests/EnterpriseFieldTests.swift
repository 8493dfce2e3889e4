import Foundation
import Testing
@testable import JingpinCore

@Suite("Enterprise fields: which changed, and who may change them")
struct EnterpriseFieldTests {
    static let own = UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!
    static let xihu = try! RegionCode("330106")

    static func fields(region: String = "330106", phone: String? = nil, aboveScale: Bool = false) -> EnterpriseFields {
        EnterpriseFields(creditCode: CreditCode.make(region: "330106", organisationBody: "MA27XM2B")!, name: "西湖精工", regionCode: try! RegionCode(region),
                         industryCode: "34", sector: .manufacturing, address: nil, legalRepresentative: nil,
                         contactPhone: phone, isAboveScale: aboveScale)
    }

    @Test("only the fields whose values differ are changes")
    func changed() {
        let old = Self.fields()
        #expect(old.changedFields(from: old).isEmpty)
        #expect(Self.fields(phone: "0571-1").changedFields(from: old) == [.contactPhone])
        #expect(Self.fields(region: "330105", aboveScale: true).changedFields(from: old) == [.regionCode, .isAboveScale])
    }

    @Test("registration fields need the registration action; contact fields the edit action")
    func actions() {
        #expect(Set(EnterpriseField.allCases.filter { $0.editAction == .editEnterpriseRegistration })
                == [.creditCode, .name, .regionCode, .industryCode, .isAboveScale])
        #expect(Set(EnterpriseField.allCases.filter { $0.editAction == .editEnterprise }) == [.address, .legalRepresentative, .contactPhone])
    }

    @Test("an enterprise user is refused each registration field by role; its county officer none")
    func refusals() {
        let target = AccessTarget.enterprise(id: Self.own, county: Self.xihu)
        let user = Principal(userID: UUID(), role: .enterpriseUser, scope: .enterprise(Self.own))
        let refused = Permission.refusedFields(user, changing: EnterpriseField.allCases, on: target)
        #expect(refused.map(\.0) == [.creditCode, .name, .regionCode, .industryCode, .isAboveScale])
        #expect(refused.allSatisfy { $0.1 == .role })
        let officer = Principal(userID: UUID(), role: .countyOfficer, scope: .region(Self.xihu))
        #expect(Permission.refusedFields(officer, changing: EnterpriseField.allCases, on: target).isEmpty)
        // Another county's officer: refused for scope, every field.
        let other = Principal(userID: UUID(), role: .countyOfficer, scope: .region(try! RegionCode("330108")))
        #expect(Permission.refusedFields(other, changing: EnterpriseField.allCases, on: target).allSatisfy { $0.1 == .scope })
    }
}
