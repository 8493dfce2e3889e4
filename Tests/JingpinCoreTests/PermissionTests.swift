import Foundation
import Testing
@testable import JingpinCore

/// The whole permission policy as an explicit table, written from the policy text and
/// not from the code: every role × every action × seven representative targets.
@Suite("Permission.decide")
struct PermissionTests {
    static let ownID = UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!
    static let otherID = UUID(uuidString: "00000000-0000-0000-0000-0000000000B2")!
    static let farID = UUID(uuidString: "00000000-0000-0000-0000-0000000000C3")!
    static func code(_ text: String) -> RegionCode { try! RegionCode(text) }

    /// The targets, in the column order of the table below. The city officer's city is
    /// Hangzhou (330100); the county officer's county is Shangcheng (330102); the
    /// enterprise user's own enterprise is registered in Shangcheng.
    static let targets: [AccessTarget] = [
        .region(code("330102")),                                  // 1 in-scope county
        .region(code("330105")),                                  // 2 other county, same city (Gongshu)
        .region(code("330203")),                                  // 3 county of another city (Haishu, Ningbo)
        .enterprise(id: ownID, county: code("330102")),           // 4 own enterprise, in-scope county
        .enterprise(id: otherID, county: code("330105")),         // 5 another enterprise, same city
        .enterprise(id: farID, county: code("330203")),           // 6 another enterprise, another city
        .global,                                                  // 7 global
    ]

    static let principals: [Role: Principal] = [
        .provinceAdmin: Principal(userID: UUID(), role: .provinceAdmin, scope: .province),
        .cityOfficer: Principal(userID: UUID(), role: .cityOfficer, scope: .region(code("330100"))),
        .countyOfficer: Principal(userID: UUID(), role: .countyOfficer, scope: .region(code("330102"))),
        .enterpriseUser: Principal(userID: UUID(), role: .enterpriseUser, scope: .enterprise(ownID)),
        .expert: Principal(userID: UUID(), role: .expert, scope: .none),
        .bankOfficer: Principal(userID: UUID(), role: .bankOfficer, scope: .bank("ICBC-ZJ")),
    ]

    // A = allow, R = deny(.role) → 403, S = deny(.scope) → 404.
    // Columns: 1 in-county, 2 sibling county, 3 other city, 4 own enterprise,
    //          5 other enterprise same city, 6 enterprise other city, 7 global.
    static let table: [Role: [Action: String]] = [
        .provinceAdmin: [
            .viewEnterprise:    "AAAAAAA",
            .createEnterprise:  "AAAAAAA",
            .editEnterprise:    "AAAAAAA",
            .editEnterpriseRegistration: "AAAAAAA",
            .viewProduct:       "AAAAAAA",
            .createProduct:     "AAAAAAA",
            .editProduct:       "AAAAAAA",
            .viewReferenceData: "AAAAAAA",
            .viewAudit:         "AAAAAAA",
            .viewDashboard:     "AAAAAAA",
            .manageUsers:       "AAAAAAA",
            .manageOwnTokens:   "AAAAAAA",
            .viewFiling:        "AAAAAAA",
            .editFiling:        "AAAAAAA",
            .reviewFiling:      "AAAAAAA",
            .importFilings:     "AAAAAAA",
            .viewIndicators:    "AAAAAAA",
            .viewRules:         "AAAAAAA",
            .manageRewards:     "AAAAAAA",
            .viewAward:         "AAAAAAA",
            .viewRounds:        "AAAAAAA",
            .manageRounds:      "AAAAAAA",
            .viewApplication:   "AAAAAAA",
            .editApplication:   "AAAAAAA",
            .reviewApplication: "AAAAAAA",
            .viewAssignments:   "AAAAAAA",
            // The stage-specific actions: drafts, the city's recommendation, scores, site visits, annual reviews.
            .viewRoundDrafts: "AAAAAAA",
            .recommendApplications: "AAAAAAA",
            .viewScores: "AAAAAAA",
            .recordSiteVisit: "AAAAAAA",
            .editAnnualReview: "AAAAAAA",
        ],
        .cityOfficer: [
            // Inside Hangzhou: columns 1, 2, 4, 5. Global is the wrong kind of target.
            .viewEnterprise:    "AASAASS",
            // Creating needs a region (the enterprise has no id yet).
            .createEnterprise:  "AASSSSS",
            .editEnterprise:    "AASAASS",
            .editEnterpriseRegistration: "AASAASS",
            .viewProduct:       "AASAASS",
            .createProduct:     "AASAASS",
            .editProduct:       "AASAASS",
            .viewReferenceData: "AAAAAAA",
            .viewAudit:         "RRRRRRR",
            .viewDashboard:     "AAAAAAA",
            .manageUsers:       "RRRRRRR",
            .manageOwnTokens:   "AAAAAAA",
            .viewFiling:        "AASAASS",
            .editFiling:        "RRRRRRR",
            .reviewFiling:      "RRRRRRR",
            .importFilings:     "RRRRRRR",
            .viewIndicators:    "AAAAAAA",
            .viewRules:         "AAAAAAA",
            .manageRewards:     "RRRRRRR",
            .viewAward:         "AASAASS",
            .viewRounds:        "AAAAAAA",
            .manageRounds:      "RRRRRRR",
            .viewApplication:   "AASAASS",
            .editApplication:   "RRRRRRR",
            .reviewApplication: "AASAASS",
            .viewAssignments:   "RRRRRRR",
            // The stage-specific actions: drafts, the city's recommendation, scores, site visits, annual reviews.
            .viewRoundDrafts: "RRRRRRR",
            .recommendApplications: "AASAASS",
            .viewScores: "RRRRRRR",
            .recordSiteVisit: "RRRRRRR",
            .editAnnualReview: "RRRRRRR",
        ],
        .countyOfficer: [
            // Only Shangcheng: columns 1 and 4.
            .viewEnterprise:    "ASSASSS",
            .createEnterprise:  "ASSSSSS",
            .editEnterprise:    "ASSASSS",
            .editEnterpriseRegistration: "ASSASSS",
            .viewProduct:       "ASSASSS",
            .createProduct:     "ASSASSS",
            .editProduct:       "ASSASSS",
            .viewReferenceData: "AAAAAAA",
            .viewAudit:         "RRRRRRR",
            .viewDashboard:     "AAAAAAA",
            .manageUsers:       "RRRRRRR",
            .manageOwnTokens:   "AAAAAAA",
            .viewFiling:        "ASSASSS",
            .editFiling:        "RRRRRRR",
            .reviewFiling:      "ASSASSS",
            .importFilings:     "RRRRRRR",
            .viewIndicators:    "AAAAAAA",
            .viewRules:         "AAAAAAA",
            .manageRewards:     "RRRRRRR",
            .viewAward:         "ASSASSS",
            .viewRounds:        "AAAAAAA",
            .manageRounds:      "RRRRRRR",
            .viewApplication:   "ASSASSS",
            .editApplication:   "RRRRRRR",
            .reviewApplication: "ASSASSS",
            .viewAssignments:   "RRRRRRR",
            // The stage-specific actions: drafts, the city's recommendation, scores, site visits, annual reviews.
            .viewRoundDrafts: "RRRRRRR",
            .recommendApplications: "RRRRRRR",
            .viewScores: "RRRRRRR",
            .recordSiteVisit: "RRRRRRR",
            .editAnnualReview: "RRRRRRR",
        ],
        .enterpriseUser: [
            // Only its own enterprise: column 4.
            .viewEnterprise:    "SSSASSS",
            .createEnterprise:  "RRRRRRR",
            .editEnterprise:    "SSSASSS",
            // Its registration (identity, region, statistical status) is the officers' to change.
            .editEnterpriseRegistration: "RRRRRRR",
            .viewProduct:       "SSSASSS",
            .createProduct:     "SSSASSS",
            .editProduct:       "SSSASSS",
            .viewReferenceData: "RRRRRRR",
            .viewAudit:         "RRRRRRR",
            .viewDashboard:     "RRRRRRR",
            .manageUsers:       "RRRRRRR",
            .manageOwnTokens:   "AAAAAAA",
            .viewFiling:        "SSSASSS",
            .editFiling:        "SSSASSS",
            .reviewFiling:      "RRRRRRR",
            .importFilings:     "RRRRRRR",
            .viewIndicators:    "AAAAAAA",
            .viewRules:         "AAAAAAA",
            .manageRewards:     "RRRRRRR",
            .viewAward:         "SSSASSS",
            .viewRounds:        "AAAAAAA",
            .manageRounds:      "RRRRRRR",
            .viewApplication:   "SSSASSS",
            .editApplication:   "SSSASSS",
            .reviewApplication: "RRRRRRR",
            .viewAssignments:   "RRRRRRR",
            // The stage-specific actions: drafts, the city's recommendation, scores, site visits, annual reviews.
            .viewRoundDrafts: "RRRRRRR",
            .recommendApplications: "RRRRRRR",
            .viewScores: "RRRRRRR",
            .recordSiteVisit: "RRRRRRR",
            .editAnnualReview: "SSSASSS",
        ],
        .expert: [
            .viewEnterprise:    "RRRRRRR",
            .createEnterprise:  "RRRRRRR",
            .editEnterprise:    "RRRRRRR",
            .editEnterpriseRegistration: "RRRRRRR",
            .viewProduct:       "RRRRRRR",
            .createProduct:     "RRRRRRR",
            .editProduct:       "RRRRRRR",
            .viewReferenceData: "RRRRRRR",
            .viewAudit:         "RRRRRRR",
            .viewDashboard:     "RRRRRRR",
            .manageUsers:       "RRRRRRR",
            .manageOwnTokens:   "AAAAAAA",
            .viewFiling:        "RRRRRRR",
            .editFiling:        "RRRRRRR",
            .reviewFiling:      "RRRRRRR",
            .importFilings:     "RRRRRRR",
            .viewIndicators:    "AAAAAAA",
            .viewRules:         "AAAAAAA",
            .manageRewards:     "RRRRRRR",
            .viewAward:         "RRRRRRR",
            .viewRounds:        "AAAAAAA",
            .manageRounds:      "RRRRRRR",
            .viewApplication:   "RRRRRRR",
            .editApplication:   "RRRRRRR",
            .reviewApplication: "RRRRRRR",
            .viewAssignments:   "AAAAAAA",
            // The stage-specific actions: drafts, the city's recommendation, scores, site visits, annual reviews.
            .viewRoundDrafts: "RRRRRRR",
            .recommendApplications: "RRRRRRR",
            .viewScores: "RRRRRRR",
            .recordSiteVisit: "AAAAAAA",
            .editAnnualReview: "RRRRRRR",
        ],
        .bankOfficer: [
            .viewEnterprise:    "RRRRRRR",
            .createEnterprise:  "RRRRRRR",
            .editEnterprise:    "RRRRRRR",
            .editEnterpriseRegistration: "RRRRRRR",
            .viewProduct:       "RRRRRRR",
            .createProduct:     "RRRRRRR",
            .editProduct:       "RRRRRRR",
            .viewReferenceData: "RRRRRRR",
            .viewAudit:         "RRRRRRR",
            .viewDashboard:     "RRRRRRR",
            .manageUsers:       "RRRRRRR",
            .manageOwnTokens:   "AAAAAAA",
            .viewFiling:        "RRRRRRR",
            .editFiling:        "RRRRRRR",
            .reviewFiling:      "RRRRRRR",
            .importFilings:     "RRRRRRR",
            .viewIndicators:    "AAAAAAA",
            .viewRules:         "AAAAAAA",
            .manageRewards:     "RRRRRRR",
            .viewAward:         "RRRRRRR",
            .viewRounds:        "RRRRRRR",
            .manageRounds:      "RRRRRRR",
            .viewApplication:   "RRRRRRR",
            .editApplication:   "RRRRRRR",
            .reviewApplication: "RRRRRRR",
            .viewAssignments:   "RRRRRRR",
            // The stage-specific actions: drafts, the city's recommendation, scores, site visits, annual reviews.
            .viewRoundDrafts: "RRRRRRR",
            .recommendApplications: "RRRRRRR",
            .viewScores: "RRRRRRR",
            .recordSiteVisit: "RRRRRRR",
            .editAnnualReview: "RRRRRRR",
        ],
    ]

    static func decision(_ symbol: Character) -> AccessDecision {
        switch symbol {
        case "A": return .allow
        case "R": return .deny(.role)
        default: return .deny(.scope)
        }
    }

    @Test("the table names every role and every action")
    func tableIsComplete() {
        #expect(Set(Self.table.keys) == Set(Role.allCases))
        for role in Role.allCases {
            #expect(Set(Self.table[role]?.keys.map { $0 } ?? []) == Set(Action.allCases), "\(role)")
            for (_, row) in Self.table[role] ?? [:] { #expect(row.count == Self.targets.count) }
        }
    }

    @Test("every role × action × target decides as the table says", arguments: Role.allCases)
    func fullTable(role: Role) throws {
        let principal = try #require(Self.principals[role])
        for action in Action.allCases {
            let row = Array(try #require(Self.table[role]?[action]))
            for (column, target) in Self.targets.enumerated() {
                #expect(
                    Permission.decide(principal, action, on: target) == Self.decision(row[column]),
                    "\(role) \(action.rawValue) on column \(column + 1)"
                )
            }
        }
    }

    @Test("a scope that does not fit the role fails closed, except for one's own tokens", arguments: [
        // (role, mismatched scope, action, target, expected)
        (Role.cityOfficer, Scope.enterprise(PermissionTests.ownID), Action.viewEnterprise,
         AccessTarget.enterprise(id: PermissionTests.ownID, county: PermissionTests.code("330102")), AccessDecision.deny(.scope)),
        (.cityOfficer, .enterprise(PermissionTests.ownID), .viewDashboard, .global, .deny(.scope)),
        (.cityOfficer, .enterprise(PermissionTests.ownID), .viewAudit, .global, .deny(.role)),
        (.cityOfficer, .enterprise(PermissionTests.ownID), .manageOwnTokens, .global, .allow),
        (.cityOfficer, .region(PermissionTests.code("330102")), .viewEnterprise,        // a county, not a city
         .region(PermissionTests.code("330102")), .deny(.scope)),
        (.cityOfficer, .region(PermissionTests.code("330000")), .viewEnterprise,        // the province, not a city
         .region(PermissionTests.code("330102")), .deny(.scope)),
        (.countyOfficer, .region(PermissionTests.code("330100")), .viewEnterprise,      // a city, not a county
         .region(PermissionTests.code("330102")), .deny(.scope)),
        (.countyOfficer, .province, .viewReferenceData, .global, .deny(.scope)),
        (.provinceAdmin, .region(PermissionTests.code("330100")), .viewEnterprise,
         .region(PermissionTests.code("330102")), .deny(.scope)),
        (.provinceAdmin, .none, .manageUsers, .global, .deny(.scope)),
        (.provinceAdmin, .none, .manageOwnTokens, .global, .allow),
        (.enterpriseUser, .region(PermissionTests.code("330102")), .viewEnterprise,
         .enterprise(id: PermissionTests.ownID, county: PermissionTests.code("330102")), .deny(.scope)),
        (.enterpriseUser, .region(PermissionTests.code("330102")), .createEnterprise,
         .region(PermissionTests.code("330102")), .deny(.role)),
        (.expert, .province, .viewEnterprise,
         .enterprise(id: PermissionTests.ownID, county: PermissionTests.code("330102")), .deny(.role)),
        (.expert, .province, .manageOwnTokens, .global, .allow),
        (.bankOfficer, .bank(""), .manageOwnTokens, .global, .allow),
        (.bankOfficer, .bank(""), .viewDashboard, .global, .deny(.role)),
    ])
    func mismatchedScopes(role: Role, scope: Scope, action: Action, target: AccessTarget, expected: AccessDecision) {
        let principal = Principal(userID: UUID(), role: role, scope: scope)
        #expect(Permission.decide(principal, action, on: target) == expected)
    }

    @Test("officers may list a region inside their scope, not a wider one")
    func regionLists() {
        let city = Self.principals[.cityOfficer]!
        let county = Self.principals[.countyOfficer]!
        #expect(Permission.decide(city, .viewEnterprise, on: .region(Self.code("330100"))) == .allow)
        #expect(Permission.decide(city, .viewEnterprise, on: .region(Self.code("330000"))) == .deny(.scope))
        #expect(Permission.decide(county, .viewEnterprise, on: .region(Self.code("330100"))) == .deny(.scope))
    }

    @Test("action raw values are the stable names used in audits")
    func actionNames() {
        #expect(Action.viewEnterprise.rawValue == "enterprise.view")
        #expect(Action.manageOwnTokens.rawValue == "tokens.manage")
        #expect(Action.manageRewards.rawValue == "reward.manage")
        #expect(Action.manageRounds.rawValue == "round.manage" && Action.viewRounds.rawValue == "round.view")
        #expect(Action.editEnterpriseRegistration.rawValue == "enterprise.edit_registration")
        #expect(Action.allCases.count == 31)
    }
}
