/// Automatic assignment of experts to applications by expertise and load (自动分配): a pure plan
/// the server shows as a preview and then stores as it stands.
///
/// The rule, declared so that anyone can work a plan out by hand:
/// - an expert is a candidate for an application when they accepted the round's invitation,
///   their sectors include the application's sector, they have no conflict of interest with the
///   applicant (`Conflict.check`, with the round's same-city rule), they are not already on it,
///   and they are under their load cap;
/// - experts are handed out in passes: in each pass every application still short of
///   `perApplication` gets one expert, applications in their given order (the server gives
///   them by submission time, then id), so scarce experts are spread before anyone gets a second;
/// - the chosen candidate is the least loaded (assignments in the round, those planned so far
///   included), then the first by name, then by id — so the same inputs always give the same plan.
public enum AutoAssignment {
    /// An expert as the planner sees them.
    public struct Expert: Sendable, Hashable {
        public let id: String
        public let name: String
        public let homeCity: String
        public let sectors: Set<String>
        public let affiliations: [Conflict.Affiliation]
        public let loadCap: Int
        /// Assignments they already have in the round.
        public let load: Int
        /// Whether they accepted the round's invitation.
        public let accepted: Bool

        /// Creates an expert.
        public init(id: String, name: String, homeCity: String, sectors: Set<String>, affiliations: [Conflict.Affiliation], loadCap: Int,
                    load: Int, accepted: Bool) {
            self.id = id
            self.name = name
            self.homeCity = homeCity
            self.sectors = sectors
            self.affiliations = affiliations
            self.loadCap = loadCap
            self.load = load
            self.accepted = accepted
        }
    }

    /// An application as the planner sees it.
    public struct Application: Sendable, Hashable {
        public let id: String
        public let sector: String
        public let applicantCreditCode: String
        public let applicantCity: String
        /// Experts already assigned to it.
        public let assigned: Set<String>

        /// Creates an application.
        public init(id: String, sector: String, applicantCreditCode: String, applicantCity: String, assigned: Set<String>) {
            self.id = id
            self.sector = sector
            self.applicantCreditCode = applicantCreditCode
            self.applicantCity = applicantCity
            self.assigned = assigned
        }
    }

    /// Why an expert could not be given to an application, in the order they are checked.
    public enum Exclusion: String, Sendable, Hashable, CaseIterable, Comparable {
        /// They have not accepted the round's invitation (not invited, pending or declined).
        case notAccepted = "not_accepted"
        /// Their sectors do not include the application's.
        case sector
        /// A conflict of interest with the applicant.
        case conflict
        /// They reached their load cap.
        case loadCap = "load_cap"

        public static func < (a: Exclusion, b: Exclusion) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }

        /// "3 experts …" in words.
        public func message(_ count: Int, _ l: Language) -> String {
            switch (self, l) {
            case (.notAccepted, .en): "\(count) expert(s) have not accepted the round's invitation"
            case (.notAccepted, _): "\(count) 位专家未接受本轮邀请"
            case (.sector, .en): "\(count) expert(s) do not cover the application's sector"
            case (.sector, _): "\(count) 位专家的专业领域不含该申报所属行业"
            case (.conflict, .en): "\(count) expert(s) have a conflict of interest with the applicant"
            case (.conflict, _): "\(count) 位专家与申报企业存在利益冲突"
            case (.loadCap, .en): "\(count) expert(s) have reached their load cap"
            case (.loadCap, _): "\(count) 位专家已达评审上限"
            }
        }
    }

    /// An application that could not get `perApplication` experts, and why the others were not chosen.
    public struct Shortfall: Sendable, Hashable {
        public let applicationID: String
        /// Experts it has, already and planned.
        public let has: Int
        public let wanted: Int
        /// Experts not chosen for it, counted by their first exclusion.
        public let excluded: [Exclusion: Int]
    }

    /// A planned pair.
    public struct Pair: Sendable, Hashable {
        public let applicationID: String
        public let expertID: String
    }

    /// The plan: pairs in the order they were chosen, and the applications left short.
    public struct Plan: Sendable {
        public let pairs: [Pair]
        public let shortfalls: [Shortfall]
    }

    /// Plans up to `perApplication` experts per application (counting those it already has).
    public static func plan(applications: [Application], experts: [Expert], perApplication: Int, sameCityConflicts: Bool) -> Plan {
        var load = Dictionary(uniqueKeysWithValues: experts.map { ($0.id, $0.load) })
        var on = Dictionary(uniqueKeysWithValues: applications.map { ($0.id, $0.assigned) })
        var pairs: [Pair] = []
        let ordered = experts.sorted { ($0.name, $0.id) < ($1.name, $1.id) }

        func exclusion(_ e: Expert, _ a: Application) -> Exclusion? {
            if !e.accepted { return .notAccepted }
            if !e.sectors.contains(a.sector) { return .sector }
            if !Conflict.check(expertCity: e.homeCity, affiliations: e.affiliations, applicantCreditCode: a.applicantCreditCode,
                               applicantCity: a.applicantCity, sameCityConflicts: sameCityConflicts).isEmpty { return .conflict }
            if load[e.id, default: 0] >= e.loadCap { return .loadCap }
            return nil
        }

        for _ in 0..<max(0, perApplication) {
            for a in applications where on[a.id, default: []].count < perApplication {
                let candidates = ordered.filter { !on[a.id, default: []].contains($0.id) && exclusion($0, a) == nil }
                // `ordered` is by name then id; `min` keeps the first of equal loads.
                guard let chosen = candidates.min(by: { load[$0.id, default: 0] < load[$1.id, default: 0] }) else { continue }
                load[chosen.id, default: 0] += 1
                on[a.id, default: []].insert(chosen.id)
                pairs.append(Pair(applicationID: a.id, expertID: chosen.id))
            }
        }

        let shortfalls: [Shortfall] = applications.compactMap { a in
            let has = on[a.id, default: []]
            guard has.count < perApplication else { return nil }
            var counts: [Exclusion: Int] = [:]
            for e in experts where !has.contains(e.id) {
                if let x = exclusion(e, a) { counts[x, default: 0] += 1 }
            }
            return Shortfall(applicationID: a.id, has: has.count, wanted: perApplication, excluded: counts)
        }
        return Plan(pairs: pairs, shortfalls: shortfalls)
    }
}
