import Foundation
import JingpinCore
import Testing

@Suite("Enterprise and product validation")
struct EnterpriseDraftTests {
    static let regions = try! RegionDirectory(csv: """
        code,name_zh,name_en,level,parent_code,kind,mountain26,island
        330000,浙江省,Zhejiang Province,province,,province,0,0
        330100,杭州市,Hangzhou,city,330000,city,0,0
        330106,西湖区,Xihu District,county,330100,district,0,0
        """)
    static let industries = try! IndustryDirectory(csv: """
        code,level,name_zh,name_en,sector
        C,section,制造业,Manufacturing,manufacturing
        34,division,通用设备制造业,General-purpose equipment,manufacturing
        E,section,建筑业,Construction,construction
        """)

    func validate(_ d: EnterpriseDraft) -> Result<EnterpriseFields, FieldErrors> {
        d.validate(regions: Self.regions, industries: Self.industries)
    }

    @Test("a good draft becomes clean fields, with the sector taken from the industry")
    func valid() throws {
        let fields = try validate(EnterpriseDraft(creditCode: " 91350100m000100y43 ", name: "  示例企业 ", regionCode: "330106",
                                                  industryCode: "e", isAboveScale: "on")).get()
        #expect(fields.creditCode.value == "91350100M000100Y43")
        #expect(fields.name == "示例企业")
        #expect(fields.sector == .construction)
        #expect(fields.industryCode == "E")
        #expect(fields.isAboveScale)
    }

    @Test("every bad field is reported at once, each with its own code")
    func allErrorsAtOnce() {
        let draft = EnterpriseDraft(creditCode: "91350100M000100Y44", name: String(repeating: "名", count: 101), regionCode: "330100",
                                    industryCode: "99", contactPhone: "call me", isAboveScale: "maybe")
        guard case .failure(let e) = validate(draft) else { Issue.record("expected errors"); return }
        #expect(e.errors.map(\.code) == ["invalid_credit_code", "too_long", "not_a_county", "unknown_industry", "invalid_phone", "invalid_boolean"])
        #expect(e.errors.map(\.pointer) == ["/creditCode", "/name", "/regionCode", "/industryCode", "/contactPhone", "/isAboveScale"])
        // Each says what to do through a key of the strings table (the application checks both languages exist).
        #expect(e.errors.allSatisfy { !$0.message.key.isEmpty })
    }

    @Test("missing required fields each say what to enter")
    func required() {
        guard case .failure(let e) = validate(EnterpriseDraft()) else { Issue.record("expected errors"); return }
        #expect(e.errors.map(\.field) == ["creditCode", "name", "regionCode", "industryCode"])
        #expect(e.errors.allSatisfy { $0.code == "required" })
    }

    @Test("an unknown region code is named in the message")
    func unknownRegion() {
        guard case .failure(let e) = validate(EnterpriseDraft(creditCode: "91350100M000100Y43", name: "x", regionCode: "110101", industryCode: "34"))
        else { Issue.record("expected errors"); return }
        #expect(e.errors.map(\.code) == ["unknown_region"])
        #expect(e.errors[0].message.args.contains(.text("110101")))
    }

    @Test("a product's sector follows its category and its industry defaults to the enterprise's")
    func product() throws {
        let p = try ProductDraft(name: "精密轴承", category: "advanced_manufacturing").validate(industries: Self.industries, defaultIndustry: "34").get()
        #expect(p.sector == .manufacturing)
        #expect(p.industryCode == "34")
        guard case .failure(let e) = ProductDraft(name: "", category: "gadgets", industryCode: "ZZ").validate(industries: Self.industries, defaultIndustry: "34")
        else { Issue.record("expected errors"); return }
        #expect(e.errors.map(\.code) == ["required", "unknown_category", "unknown_industry"])
        #expect(ProductCategory.allCases.filter { $0.sector == .manufacturing }.count == 3)
    }
}

@Suite("List visibility agrees with the permission function")
struct VisibilityTests {
    @Test("for every role, a list includes exactly the enterprises a detail page would show")
    func agreesWithPermission() throws {
        let own = UUID(), other = UUID()
        let principals: [Principal] = [
            Principal(userID: UUID(), role: .provinceAdmin, scope: .province),
            Principal(userID: UUID(), role: .cityOfficer, scope: .region(try RegionCode("330100"))),
            Principal(userID: UUID(), role: .countyOfficer, scope: .region(try RegionCode("330106"))),
            Principal(userID: UUID(), role: .enterpriseUser, scope: .enterprise(own)),
            Principal(userID: UUID(), role: .expert, scope: .none),
            Principal(userID: UUID(), role: .bankOfficer, scope: .bank("ZJRCU")),
            Principal(userID: UUID(), role: .cityOfficer, scope: .enterprise(own)),  // mismatched: fails closed
        ]
        let targets: [(UUID, RegionCode)] = [(own, try RegionCode("330106")), (other, try RegionCode("330108")),
                                             (other, try RegionCode("330203")), (own, try RegionCode("330203"))]
        for p in principals {
            let visibility = EnterpriseVisibility.of(p)
            for (id, county) in targets {
                let allowed = Permission.decide(p, .viewEnterprise, on: .enterprise(id: id, county: county)) == .allow
                #expect(visibility.includes(enterprise: id, county: county) == allowed, "\(p.role) \(county)")
            }
        }
    }
}
