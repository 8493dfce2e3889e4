import Foundation
import Testing
@testable import JingpinCore

/// The review chain's transition table and a round's configuration checks.
@Suite("Designation rounds: the review chain, round configuration, deadlines, committee votes")
struct DesignationRoundTests {
    /// The chain written out again as the policy describes it: (from, step, to, role).
    static let allowed: [(ApplicationStatus, ApplicationStep, ApplicationStatus, Role)] = [
        (.draft, .submit, .submitted, .enterpriseUser), (.returned, .submit, .submitted, .enterpriseUser),
        (.draft, .withdraw, .withdrawn, .enterpriseUser), (.submitted, .withdraw, .withdrawn, .enterpriseUser),
        (.returned, .withdraw, .withdrawn, .enterpriseUser),
        (.submitted, .countyPass, .countyPassed, .countyOfficer), (.submitted, .countyReturn, .returned, .countyOfficer),
        (.submitted, .countyReject, .countyRejected, .countyOfficer),
        (.countyPassed, .cityRecommend, .cityRecommended, .cityOfficer), (.countyPassed, .cityDecline, .cityNotRecommended, .cityOfficer),
        (.cityRecommended, .formalPass, .formalPassed, .provinceAdmin), (.cityRecommended, .formalReject, .formalRejected, .provinceAdmin),
        (.formalPassed, .startExpertReview, .inExpertReview, .provinceAdmin),
        (.inExpertReview, .propose, .proposed, .provinceAdmin), (.inExpertReview, .notPropose, .notProposed, .provinceAdmin),
        (.proposed, .designate, .designated, .provinceAdmin), (.proposed, .notDesignate, .notDesignated, .provinceAdmin),
    ]

    @Test("every status × step × role: exactly the policy's transitions are allowed")
    func transitionTable() throws {
        for status in ApplicationStatus.allCases {
            for step in ApplicationStep.allCases {
                for role in Role.allCases {
                    let expected = Self.allowed.first { $0.0 == status && $0.1 == step && $0.3 == role }?.2
                    let got = try? ApplicationWorkflow.apply(step, to: status, by: role, reason: "because")
                    #expect(got == expected, "\(status) \(step) by \(role)")
                }
            }
        }
        // Final statuses lead nowhere.
        for status in ApplicationStatus.allCases where status.isFinal {
            #expect(!Self.allowed.contains { $0.0 == status })
        }
    }

    @Test("refusals say why: wrong role, wrong status, a missing reason")
    func refusals() {
        #expect(throws: ApplicationWorkflow.Refusal.wrongRole(.cityOfficer, .countyPass)) {
            try ApplicationWorkflow.apply(.countyPass, to: .submitted, by: .cityOfficer, reason: nil)
        }
        #expect(throws: ApplicationWorkflow.Refusal.notFrom(.draft, .countyPass)) {
            try ApplicationWorkflow.apply(.countyPass, to: .draft, by: .countyOfficer, reason: nil)
        }
        #expect(throws: ApplicationWorkflow.Refusal.reasonRequired(.countyReturn)) {
            try ApplicationWorkflow.apply(.countyReturn, to: .submitted, by: .countyOfficer, reason: "  ")
        }
        #expect(ApplicationWorkflow.Refusal.reasonRequired(.countyReturn).message == Message("domain.application.reason_required"))
    }

    static func day(_ s: String) -> LocalDate { try! LocalDate(s) }

    static func configuration() -> RoundConfiguration {
        let dates = [("2026-03-01", "2026-03-31"), ("2026-04-01", "2026-04-15"), ("2026-04-16", "2026-04-30"), ("2026-05-01", "2026-05-15"),
                     ("2026-05-16", "2026-06-15"), ("2026-06-16", "2026-06-30"), ("2026-07-01", "2026-07-15")]
        return RoundConfiguration(
            year: 2026, sectors: [.manufacturing], categories: [.advancedManufacturing, .digitalFusion],
            stages: zip(RoundStage.Kind.allCases, dates).map { RoundStage(kind: $0, opens: day($1.0), deadline: day($1.1)) },
            eligibilityRuleSet: "designation.2025", scorecard: DesignationScoringTests.scorecard, quota: 20, noticeWorkingDays: 5,
            voteThreshold: ScoreFraction(2, 3), tieBreaks: [.pillar(.quality)], sameCityConflicts: true, divergenceThreshold: ScoreFraction(20))
    }

    @Test("a sound configuration has no problems; each fault is named at its path")
    func problems() {
        #expect(Self.configuration().problems.isEmpty)
        var c = Self.configuration()
        c.categories.append(.qualityService)
        c.stages.swapAt(1, 2)
        c.stages[0].deadline = Self.day("2026-02-01")
        c.quota = 0
        c.voteThreshold = ScoreFraction(3, 2)
        let paths = Set(c.problems.map(\.path))
        #expect(paths.isSuperset(of: ["categories[2]", "stages", "stages[0].deadline", "quota", "voteThreshold"]))
        var weights = Self.configuration()
        weights.scorecard = Scorecard(pillars: [Pillar(kind: .quality, weightBP: 9000, indicators: DesignationScoringTests.scorecard.pillars[0].indicators)])
        // 9,000 basis points = 90.00 %.
        #expect(weights.problems.map(\.description) == ["scorecard.pillars: domain.scorecard.weights_not_hundred(90.00 %)"])
    }

    @Test("weights a client sent at Int's ends are problems, not a trap: the sum saturates and each weight is named")
    func hugeWeights() {
        let indicators = DesignationScoringTests.scorecard.pillars[0].indicators
        var c = Self.configuration()
        // Int.max + 1 would overflow a plain sum.
        c.scorecard = Scorecard(pillars: [Pillar(kind: .quality, weightBP: Int.max, indicators: indicators),
                                          Pillar(kind: .brand, weightBP: 1, indicators: indicators.map {
                                              ScorecardIndicator(id: $0.id + "-b", labelZh: $0.labelZh, labelEn: $0.labelEn,
                                                                 weightBP: $0.weightBP, source: $0.source, normalisation: $0.normalisation)
                                          })])
        let paths = c.problems.map(\.path)
        #expect(paths.contains("scorecard.pillars"))
        #expect(paths.contains("scorecard.pillars[0].weight"))
        var low = Self.configuration()
        low.scorecard = Scorecard(pillars: [Pillar(kind: .quality, weightBP: Int.min, indicators: indicators),
                                            Pillar(kind: .brand, weightBP: -1, indicators: [])])
        #expect(low.problems.map(\.path).contains("scorecard.pillars"))
        // The saturating sum itself: 5,000 + 5,000 = 10,000; Int.max + 1 stops at Int.max; Int.min − 1 at Int.min.
        #expect(Scorecard.total([5_000, 5_000]) == 10_000)
        #expect(Scorecard.total([Int.max, 1]) == Int.max)
        #expect(Scorecard.total([Int.min, -1]) == Int.min)
    }

    @Test("a stage accepts work through its deadline day in Shanghai, whatever the server's zone")
    func deadline() throws {
        let c = Self.configuration()
        // 2026-03-31 23:59:59 in Shanghai is 15:59:59 UTC; a second later it is 1 April there.
        let lastSecond = Date(timeIntervalSince1970: 1_774_972_799)
        #expect(LocalDate(instant: lastSecond, timeZone: .shanghai) == Self.day("2026-03-31"))
        #expect(c.accepts(.application, at: lastSecond))
        #expect(!c.accepts(.application, at: lastSecond.addingTimeInterval(1)))
        // 2026-02-28 16:00 UTC is already 1 March in Shanghai: open.
        #expect(c.accepts(.application, at: Date(timeIntervalSince1970: 1_772_294_400)))
        #expect(!c.accepts(.application, at: Date(timeIntervalSince1970: 1_772_294_399)))
    }

    @Test("a committee vote carries at two thirds exactly, not below, and never with impossible counts")
    func votes() {
        let c = Self.configuration()
        #expect(c.voteCarries(votesFor: 10, members: 15))   // 2/3 exactly
        #expect(!c.voteCarries(votesFor: 9, members: 15))
        #expect(c.voteCarries(votesFor: 8, members: 11))    // 0.727
        #expect(!c.voteCarries(votesFor: 7, members: 11))   // 0.636
        #expect(!c.voteCarries(votesFor: 12, members: 11) && !c.voteCarries(votesFor: 0, members: 0))
    }
}
