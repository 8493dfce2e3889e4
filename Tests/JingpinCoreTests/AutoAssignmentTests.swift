import Foundation
import Testing
@testable import JingpinCore

/// Automatic assignment by expertise and load: the plans below are worked out by hand in the
/// comments, following the rule as `AutoAssignment` declares it (passes, least loaded, then name).
@Suite("Automatic expert assignment: expertise, conflicts, load caps, deterministic tie-breaks")
struct AutoAssignmentTests {
    static let x2 = "91330200MA2AA8XG00"

    /// A (Hangzhou, cap 2), B (Ningbo, cap 1), C (Wenzhou, cap 5, already 1 in the round),
    /// D (Jiaxing, services only), E (Huzhou, has not accepted), F (Shaoxing, shareholder in app2).
    static let experts: [AutoAssignment.Expert] = [
        .init(id: "e-a", name: "A", homeCity: "330100", sectors: ["manufacturing"], affiliations: [], loadCap: 2, load: 0, accepted: true),
        .init(id: "e-b", name: "B", homeCity: "330200", sectors: ["manufacturing"], affiliations: [], loadCap: 1, load: 0, accepted: true),
        .init(id: "e-c", name: "C", homeCity: "330300", sectors: ["manufacturing"], affiliations: [], loadCap: 5, load: 1, accepted: true),
        .init(id: "e-d", name: "D", homeCity: "330400", sectors: ["services"], affiliations: [], loadCap: 5, load: 0, accepted: true),
        .init(id: "e-e", name: "E", homeCity: "330500", sectors: ["manufacturing"], affiliations: [], loadCap: 5, load: 0, accepted: false),
        .init(id: "e-f", name: "F", homeCity: "330600", sectors: ["manufacturing"], affiliations: [.init(creditCode: x2, kind: .shareholding)],
              loadCap: 5, load: 0, accepted: true),
    ]

    /// app1 in Hangzhou, app2 in Ningbo (F's shares), app3 in Wenzhou; all manufacturing.
    static let applications: [AutoAssignment.Application] = [
        .init(id: "app1", sector: "manufacturing", applicantCreditCode: "91330100X1", applicantCity: "330100", assigned: []),
        .init(id: "app2", sector: "manufacturing", applicantCreditCode: x2, applicantCity: "330200", assigned: []),
        .init(id: "app3", sector: "manufacturing", applicantCreditCode: "91330300X3", applicantCity: "330300", assigned: []),
    ]

    static func pairs(_ plan: AutoAssignment.Plan) -> [String] { plan.pairs.map { "\($0.applicationID):\($0.expertID)" } }

    @Test("two experts each: worked by hand, pass by pass")
    func twoEach() {
        // Candidates (same city conflicts): app1 — B, C, F (A same city, D sector, E not accepted);
        // app2 — A, C (B same city, F shares); app3 — A, B, F (C same city).
        // Pass 1, loads A0 B0 C1 F0: app1 → B or F at 0, B by name (B full at 1); app2 → A (0) over C (1);
        //   app3 → A1, F0: F.
        // Pass 2, loads A1 B1 C1 F1: app1 → C or F at 1, C by name (C 2); app2 → only C (C 3);
        //   app3 → A (B is full, C same city) (A 2, full).
        let plan = AutoAssignment.plan(applications: Self.applications, experts: Self.experts, perApplication: 2, sameCityConflicts: true)
        #expect(Self.pairs(plan) == ["app1:e-b", "app2:e-a", "app3:e-f", "app1:e-c", "app2:e-c", "app3:e-a"])
        #expect(plan.shortfalls.isEmpty)
    }

    @Test("three each: two applications fall short, and the plan says why")
    func shortfalls() {
        // After the two passes above, loads A2 (full) B1 (full) C3 F1. Pass 3: app1 (B, C) → F (A same city,
        // D sector, E not accepted); app2 (A, C) → none: B same city, F shares, D sector, E not accepted;
        // app3 (F, A) → none: B at cap, C same city, D sector, E not accepted.
        let plan = AutoAssignment.plan(applications: Self.applications, experts: Self.experts, perApplication: 3, sameCityConflicts: true)
        #expect(Self.pairs(plan) == ["app1:e-b", "app2:e-a", "app3:e-f", "app1:e-c", "app2:e-c", "app3:e-a", "app1:e-f"])
        #expect(plan.shortfalls.map(\.applicationID) == ["app2", "app3"])
        #expect(plan.shortfalls.map(\.has) == [2, 2])
        #expect(plan.shortfalls[0].excluded == [.conflict: 2, .sector: 1, .notAccepted: 1])
        #expect(plan.shortfalls[1].excluded == [.loadCap: 1, .conflict: 1, .sector: 1, .notAccepted: 1])
        #expect(AutoAssignment.Exclusion.loadCap.message(1, .en) == "1 expert(s) have reached their load cap")
    }

    @Test("the same inputs in another order give the same plan")
    func deterministic() {
        let a = AutoAssignment.plan(applications: Self.applications, experts: Self.experts, perApplication: 2, sameCityConflicts: true)
        let b = AutoAssignment.plan(applications: Self.applications, experts: Self.experts.reversed(), perApplication: 2, sameCityConflicts: true)
        #expect(Self.pairs(a) == Self.pairs(b))
    }

    @Test("existing assignments count towards the number wanted and the load; same city allowed when the round says so")
    func existing() {
        // app1 already has C (C's load 1 is that assignment). Without the same-city rule, A may take app1.
        // One wanted, app1 has one: nothing for app1. app2: A0, B0, C1 → A (by name); app3: B0 C1 F0 (A1) → B.
        var apps = Self.applications
        apps[0] = .init(id: "app1", sector: "manufacturing", applicantCreditCode: "91330100X1", applicantCity: "330100", assigned: ["e-c"])
        let plan = AutoAssignment.plan(applications: apps, experts: Self.experts, perApplication: 1, sameCityConflicts: false)
        #expect(Self.pairs(plan) == ["app2:e-a", "app3:e-b"])
        #expect(AutoAssignment.plan(applications: apps, experts: Self.experts, perApplication: 0, sameCityConflicts: true).pairs.isEmpty)
    }
}
