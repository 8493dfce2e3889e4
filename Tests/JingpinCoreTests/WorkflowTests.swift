import Foundation
import Testing
@testable import JingpinCore

/// Every workflow's table checked cell by cell against an expectation written out here from the
/// programme's rules: for each step, the one status it may start from → where it leads, and who.
@Suite("Workflows: every status × step × actor")
struct WorkflowTests {
    static let actors: [WorkflowActor] = Role.allCases.map { .role($0) } + [.system]

    /// Checks `Step`'s table against `expected` (step → (from, to, actor)) over every status and actor:
    /// exactly the listed moves are allowed, everything else is refused for the right reason.
    func check<Step: WorkflowStep>(_: Step.Type, statuses: [Step.Status],
                                   _ expected: [Step: (from: Set<Step.Status>, to: Step.Status, by: WorkflowActor)]) throws {
        #expect(Set(expected.keys) == Set(Step.allCases), "the expectation names every step")
        for step in Step.allCases {
            let e = expected[step]!
            for status in statuses {
                for actor in Self.actors {
                    let result = Result { () throws(TransitionRefusal) in try Workflow.apply(step, to: status, by: actor, reason: "why") }
                    if actor != e.by {
                        #expect(throws: TransitionRefusal.wrongActor(step: step.rawValue)) { try result.get() }
                    } else if !e.from.contains(status) {
                        #expect(throws: TransitionRefusal.notFrom(status: status.rawValue, step: step.rawValue)) { try result.get() }
                    } else {
                        #expect(try result.get() == e.to, "\(step.rawValue) from \(status.rawValue)")
                    }
                }
            }
        }
    }

    @Test("a round version: the province opens a draft; opening a newer one supersedes it")
    func rounds() throws {
        try check(RoundStep.self, statuses: RoundStatus.allCases, [
            .open: ([.draft], .open, .role(.provinceAdmin)),
            .supersede: ([.open], .superseded, .system),
        ])
    }

    @Test("an invitation is answered once, by the expert")
    func invitations() throws {
        try check(InvitationStep.self, statuses: InvitationStatus.allCases, [
            .accept: ([.pending], .accepted, .role(.expert)),
            .decline: ([.pending], .declined, .role(.expert)),
        ])
    }

    @Test("a score sheet: drafts are saved and submitted; a submitted one is only amended")
    func scoreSheets() throws {
        try check(ScoreSheetStep.self, statuses: ScoreSheetStatus.allCases, [
            .save: ([.draft], .draft, .role(.expert)),
            .submit: ([.draft], .submitted, .role(.expert)),
            .amend: ([.submitted], .submitted, .role(.expert)),
            .comment: ([.submitted], .submitted, .role(.expert)),
        ])
    }

    @Test("an objection is upheld or dismissed once, by the province")
    func objections() throws {
        try check(ObjectionStep.self, statuses: ObjectionStatus.allCases, [
            .uphold: ([.open], .upheld, .role(.provinceAdmin)),
            .dismiss: ([.open], .dismissed, .role(.provinceAdmin)),
        ])
    }

    @Test("an annual review: overdue by the tick, submitted by the enterprise (late too), decided by the province")
    func annualReviews() throws {
        try check(AnnualReviewStep.self, statuses: AnnualReviewStatus.allCases, [
            .markOverdue: ([.open], .overdue, .system),
            .submit: ([.open, .overdue], .submitted, .role(.enterpriseUser)),
            .accept: ([.submitted], .accepted, .role(.provinceAdmin)),
            .refuse: ([.submitted], .notAccepted, .role(.provinceAdmin)),
        ])
    }

    @Test("a counterfeit report is closed by the province; a reward run approved by it")
    func reportsAndRuns() throws {
        try check(CounterfeitReportStep.self, statuses: CounterfeitReportStatus.allCases, [.close: ([.open], .closed, .role(.provinceAdmin))])
        try check(RewardRunStep.self, statuses: RewardRunStatus.allCases, [.approve: ([.open], .approved, .role(.provinceAdmin))])
    }

    @Test("steps that must say why refuse a blank reason; the others need none")
    func reasons() throws {
        let needing: [String] = [ScoreSheetStep.amend.rawValue, ObjectionStep.uphold.rawValue, ObjectionStep.dismiss.rawValue,
                                 AnnualReviewStep.refuse.rawValue, CounterfeitReportStep.close.rawValue]
        #expect(throws: TransitionRefusal.reasonRequired(step: "uphold")) {
            try Workflow.apply(ObjectionStep.uphold, to: .open, by: .role(.provinceAdmin), reason: "  \n")
        }
        #expect(throws: TransitionRefusal.reasonRequired(step: "amend")) {
            try Workflow.apply(ScoreSheetStep.amend, to: .submitted, by: .role(.expert), reason: nil)
        }
        #expect(try Workflow.apply(RoundStep.open, to: .draft, by: .role(.provinceAdmin), reason: nil) == .open)
        #expect(Set(ObjectionStep.allCases.filter { $0.rule.needsReason }.map(\.rawValue)).isSubset(of: needing))
        #expect(!AnnualReviewStep.accept.rule.needsReason && AnnualReviewStep.refuse.rule.needsReason)
    }
}
