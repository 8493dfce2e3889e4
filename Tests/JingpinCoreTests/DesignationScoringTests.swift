import Foundation
import Testing
@testable import JingpinCore

/// Scorecards, normalisation, aggregation, ranking, conflicts and the notice period. Every
/// expected figure is worked out by hand in the comment beside it.
@Suite("Designation scoring: scorecards, trimmed means, ranking, conflicts, notice periods")
struct DesignationScoringTests {
    static let bands = (0...5).map { BandDescriptor(zh: "档\($0)", en: "band \($0)") }

    /// Quality 60 % (defect rate, linear 500 → 100 ppm, 60 %; expert band, 40 %); technology 40 % (rank in sector).
    static let scorecard = Scorecard(pillars: [
        Pillar(kind: .quality, weightBP: 6000, indicators: [
            ScorecardIndicator(id: "quality.defect_ppm", labelZh: "不良率", labelEn: "Defect rate", weightBP: 6000,
                               source: .data("defect_ppm"), normalisation: .linear(baseline: 500, leading: 100)),
            ScorecardIndicator(id: "quality.system", labelZh: "质量体系", labelEn: "Quality system", weightBP: 4000,
                               source: .expert, normalisation: .banded(bands)),
        ]),
        Pillar(kind: .technology, weightBP: 4000, indicators: [
            ScorecardIndicator(id: "technology.patents", labelZh: "发明专利", labelEn: "Invention patents", weightBP: 10_000,
                               source: .data("invention_patents"), normalisation: .rankWithinSector),
        ]),
    ])

    @Test("a composite worked by hand: 0.6 × 62 + 0.4 × 100 = 77.2")
    func composite() throws {
        #expect(Self.scorecard.problems.isEmpty)
        // Defect 300 ppm: (300 − 500) / (100 − 500) = 1/2. Band 4: 4/5. Patents 20 of [10, 20, 20]: best, 1.
        let defect = try #require(Normalisation.linear(baseline: 500, leading: 100).share(300))
        #expect(defect == ScoreFraction(1, 2))
        let ranks = Normalisation.rankShares([10, 20, 20])
        #expect(ranks == [ScoreFraction(0), ScoreFraction(1), ScoreFraction(1)])
        let score = CompositeScore(Self.scorecard, shares: ["quality.defect_ppm": defect, "quality.system": ScoreFraction(4, 5),
                                                             "technology.patents": ranks[1]])
        // Quality: 0.6 × 0.5 × 100 + 0.4 × 0.8 × 100 = 30 + 32 = 62.
        #expect(score.pillar(.quality) == ScoreFraction(62))
        #expect(score.pillar(.technology) == ScoreFraction(100))
        #expect(score.total == ScoreFraction(772, 10))
        #expect(score.total.description == "77.20")
        #expect(score.missing.isEmpty)
        // Without the expert score: quality 30, composite 0.6 × 30 + 40 = 58, and the gap is named.
        let partial = CompositeScore(Self.scorecard, shares: ["quality.defect_ppm": defect, "technology.patents": ScoreFraction(1)])
        #expect(partial.total == ScoreFraction(58) && partial.missing == ["quality.system"])
    }

    @Test("normalisation: bands 0–5 only, linear clamps both ways, lower-is-better, ranks share ties")
    func normalisation() {
        let banded = Normalisation.banded(Self.bands)
        #expect(banded.share(0) == .zero && banded.share(5) == ScoreFraction(1) && banded.share(6) == nil && banded.share(-1) == nil)
        let higher = Normalisation.linear(baseline: 100, leading: 300)
        #expect(higher.share(50) == .zero && higher.share(200) == ScoreFraction(1, 2) && higher.share(900) == ScoreFraction(1))
        let lower = Normalisation.linear(baseline: 500, leading: 100)
        #expect(lower.share(600) == .zero && lower.share(50) == ScoreFraction(1) && lower.share(400) == ScoreFraction(1, 4))
        // Five values: 9 best (1), two 7s share the second rank (3/4), 5 is fourth (1/4), 1 last (0).
        #expect(Normalisation.rankShares([7, 9, 1, 7, 5]) == [ScoreFraction(3, 4), ScoreFraction(1), .zero, ScoreFraction(3, 4), ScoreFraction(1, 4)])
        #expect(Normalisation.rankShares([42]) == [ScoreFraction(1)])
    }

    @Test("weights that do not add up to 100 %, and other faults, are named with their path")
    func scorecardProblems() {
        let bad = Scorecard(pillars: [
            Pillar(kind: .quality, weightBP: 6000, indicators: [
                ScorecardIndicator(id: "q", labelZh: "q", labelEn: "q", weightBP: 5000, source: .expert, normalisation: .banded(Array(Self.bands.prefix(3)))),
                ScorecardIndicator(id: "q", labelZh: "q", labelEn: "q", weightBP: 4000, source: .data("x"), normalisation: .linear(baseline: 1, leading: 1)),
            ]),
            Pillar(kind: .quality, weightBP: 3000, indicators: []),
        ])
        // Each problem is its path and its message's key with the values (the words are the strings table's,
        // checked in both languages by the application's TranslationTests).
        let problems = bad.problems.map(\.description)
        #expect(problems.contains("pillars: domain.scorecard.weights_not_hundred(90.00 %)"))
        #expect(problems.contains("pillars[0].indicators: domain.scorecard.weights_not_hundred(90.00 %)"))
        #expect(problems.contains("pillars[0].indicators[0].bands: domain.scorecard.band_count(3)"))
        #expect(problems.contains("pillars[0].indicators[1].id: domain.scorecard.duplicate(q)"))
        #expect(problems.contains("pillars[0].indicators[1].linear: domain.scorecard.baseline_equals_leading"))
        #expect(problems.contains("pillars[1].kind: domain.scorecard.duplicate(quality)"))
        #expect(problems.contains("pillars[1].indicators: domain.scorecard.empty"))
        // 9,000 basis points = 90.00 %: the key and the sum as the message shows it (the words are the strings table's).
        #expect(bad.problems.first?.message == Message("domain.scorecard.weights_not_hundred", "90.00 %"))
    }

    @Test("trimmed mean: 4 scores plain, 5 and 7 drop the highest and lowest; divergence flags a spread above the threshold")
    func trimmedMean() {
        func f(_ xs: [Int]) -> [ScoreFraction] { xs.map { ScoreFraction(Int128($0)) } }
        // (70 + 80 + 90 + 100) / 4 = 85.
        #expect(ScoreAggregation.trimmedMean(f([100, 70, 90, 80])) == ScoreFraction(85))
        // Drop 60 and 100: (70 + 80 + 90) / 3 = 80.
        #expect(ScoreAggregation.trimmedMean(f([60, 100, 80, 70, 90])) == ScoreFraction(80))
        // Drop 50 and 99: (71 + 72 + 73 + 74 + 75) / 5 = 73.
        #expect(ScoreAggregation.trimmedMean(f([99, 71, 50, 72, 73, 74, 75])) == ScoreFraction(73))
        // Only one of two equal highest is dropped: [80, 90, 90, 90, 60] → (80 + 90 + 90) / 3 = 260/3.
        #expect(ScoreAggregation.trimmedMean(f([80, 90, 90, 90, 60])) == ScoreFraction(260, 3))
        #expect(ScoreAggregation.trimmedMean([]) == nil)
        #expect(ScoreAggregation.needsConsensus(f([60, 70, 80, 90, 100]), threshold: ScoreFraction(20)))
        #expect(!ScoreAggregation.needsConsensus(f([80, 90, 100]), threshold: ScoreFraction(20)))  // 20 is not above 20
    }

    @Test("ranking: composite first, then the declared tie-breaks in order, then the credit code")
    func ranking() {
        func entry(_ id: String, _ code: String, total: Int, technology: Int, at: Int64) -> Ranking.Entry {
            // Technology pillar as given, quality chosen so that 0.6 q + 0.4 t = total.
            let quality = (ScoreFraction(Int128(total)) - ScoreFraction(Int128(technology) * 4, 10)) * ScoreFraction(10, 6)
            let shares = ["quality.defect_ppm": quality / 100, "quality.system": quality / 100, "technology.patents": ScoreFraction(Int128(technology), 100)]
            return Ranking.Entry(id: id, creditCode: code, submittedAt: at, score: CompositeScore(Self.scorecard, shares: shares))
        }
        let a = entry("A", "91330100000000000A", total: 80, technology: 90, at: 10)
        let b = entry("B", "91330100000000000B", total: 80, technology: 95, at: 20)
        let c = entry("C", "91330100000000000C", total: 70, technology: 70, at: 100)
        let d = entry("D", "91330100000000000D", total: 70, technology: 70, at: 50)
        let e = entry("E", "91330100000000000E", total: 90, technology: 10, at: 999)
        #expect(a.score.total == ScoreFraction(80) && b.score.pillar(.technology) == ScoreFraction(95))
        let entries = [c, a, d, e, b]
        #expect(Ranking.order(entries, tieBreaks: [.pillar(.technology), .earlierSubmission]).map(\.id) == ["E", "B", "A", "D", "C"])
        #expect(Ranking.order(entries, tieBreaks: [.earlierSubmission]).map(\.id) == ["E", "A", "B", "D", "C"])
        #expect(Ranking.order(entries, tieBreaks: []).map(\.id) == ["E", "A", "B", "C", "D"])
        #expect(Ranking.proposed(entries, tieBreaks: [.pillar(.technology)], quota: 2).map(\.id) == ["E", "B"])
    }

    @Test("conflicts: employer, consultancy and shareholding ties, the same city when the round says so")
    func conflicts() {
        let applicant = "91330100000000000A"
        let ties = [Conflict.Affiliation(creditCode: applicant, kind: .shareholding), Conflict.Affiliation(creditCode: "913302000000000000", kind: .employer)]
        #expect(Conflict.check(expertCity: "330200", affiliations: ties, applicantCreditCode: applicant, applicantCity: "330100", sameCityConflicts: true)
            == [.affiliation(.shareholding)])
        #expect(Conflict.check(expertCity: "330100", affiliations: [.init(creditCode: applicant, kind: .employer)], applicantCreditCode: applicant,
                               applicantCity: "330100", sameCityConflicts: true) == [.sameEnterprise, .sameCity])
        #expect(Conflict.check(expertCity: "330100", affiliations: [], applicantCreditCode: applicant, applicantCity: "330100", sameCityConflicts: false).isEmpty)
        #expect(Conflict.Reason.affiliation(.consultancy).code == "affiliation_consultancy")
    }

    @Test("a five-working-day notice across the 2025 National Day holiday, with its make-up Sunday")
    func noticePeriod() throws {
        // 2025: 1–8 October off; Sunday 28 September and Saturday 11 October are working days.
        var entries = (1...8).map { HolidayEntry(date: try! LocalDate(year: 2025, month: 10, day: $0), kind: .holiday, nameZh: "国庆", nameEn: "National Day", confidence: "test") }
        entries.append(HolidayEntry(date: try LocalDate("2025-09-28"), kind: .workday, nameZh: "调休", nameEn: "make-up", confidence: "test"))
        entries.append(HolidayEntry(date: try LocalDate("2025-10-11"), kind: .workday, nameZh: "调休", nameEn: "make-up", confidence: "test"))
        let calendar = WorkingDayCalendar(entries: entries)
        // Published Friday 26 Sep: 26 (1), Sun 28 (2), 29 (3), 30 (4), then Thu 9 Oct (5).
        #expect(try PublicNotice.lastDay(publishedOn: LocalDate("2025-09-26"), workingDays: 5, calendar: calendar) == LocalDate("2025-10-09"))
        // Published on holiday 3 Oct: counting starts 9 Oct (1), 10 (2), Sat 11 (3), 13 (4), 14 (5).
        #expect(try PublicNotice.lastDay(publishedOn: LocalDate("2025-10-03"), workingDays: 5, calendar: calendar) == LocalDate("2025-10-14"))
    }

    @Test("scores print to hundredths, half up")
    func printing() {
        #expect(ScoreFraction(2, 3).description == "0.67")
        #expect(ScoreFraction(1, 8).description == "0.13")  // 0.125 → 0.13
        #expect(ScoreFraction(100).description == "100.00")
        #expect(ScoreFraction(-1, 200).description == "-0.01")  // −0.005 → −0.01, away from zero
    }
}
