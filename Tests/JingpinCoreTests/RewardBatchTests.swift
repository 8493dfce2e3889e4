import Foundation
import Testing
@testable import JingpinCore

/// The batch path (`RewardProgram.eligibleFen`) and the pieces that make it fast, each checked
/// against a second, plainer method.
@Suite("Reward batches: the fast path agrees with the trace, an independent formula and the standard library")
struct RewardBatchTests {
    /// The province scheme of `RewardFixture.province()` written out again, plainly: half up as
    /// ⌊(2A + D) / 2D⌋ on the whole numerator, instead of the engine's quotient and remainder.
    static func provinceByHand(rd: Int64?, revenue: Int64?, mountain: Bool, year: Int, cap: Int64 = 200_000_000) -> Int64 {
        guard let rd, let revenue, revenue > 0 else { return 0 }
        let threshold: Int128 = year >= 2025 ? 315 : 300
        let excess = Int128(rd) * 10_000 - Int128(revenue) * threshold  // fen × 10⁴
        guard excess > 0 else { return 0 }
        let firstBracket: Int128 = 500_000_000 * 10_000
        var a = min(excess, firstBracket) * 1000 + max(excess - firstBracket, 0) * 500  // fen × 10⁸
        var d: Int128 = 100_000_000
        if mountain {
            a *= 12_000
            d *= 10_000
        }
        return min(Int64((2 * a + d) / (2 * d)), cap)
    }

    static func randomFirm(_ random: inout SplitMix64, year: Int, number: Int) -> RewardInputs {
        // Revenue from ¥0 to ¥10bn, R&D intensity 0–8 %, sometimes a figure missing, some exactly on the threshold.
        let revenue = Int64(random.below(1_000_000_000_000))
        var rd = Int64(random.below(UInt64(revenue / 12 + 1)))
        if random.below(10) == 0, revenue % 10_000 == 0 { rd = revenue / 10_000 * 315 }  // 3.15 % exactly
        let previous = Int64(random.below(UInt64(rd + 1))) + (random.below(3) == 0 ? rd : 0)
        let missing = random.below(40)
        var figures: [Int: [String: Int64]] = [year: [:], year - 1: [:]]
        if missing != 0 { figures[year]!["rd_spending"] = rd }
        if missing != 1 { figures[year]!["main_business_revenue"] = revenue }
        if missing != 2 { figures[year - 1]!["rd_spending"] = previous }
        return RewardInputs(creditCode: String(format: "913301%012dX", number), regionCode: "330106",
                            isMountainCounty: random.below(5) == 0, figures: figures)
    }

    @Test("province batch amounts equal a plain re-derivation, and each row's trace", arguments: [2024, 2025])
    func provinceBatch(year: Int) throws {
        var random = SplitMix64(seed: UInt64(year))
        let program = try RewardProgram(ruleSet: RewardFixture.province(), year: year)
        var table = program.table()
        let firms = (0..<3000).map { Self.randomFirm(&random, year: year, number: $0) }
        for firm in firms { table.append(firm) }
        let batch = program.eligibleFen(table)
        let byHand = firms.map {
            Self.provinceByHand(rd: $0.figure("rd_spending", year: year), revenue: $0.figure("main_business_revenue", year: year),
                                mountain: $0.isMountainCounty, year: year)
        }
        #expect(batch == byHand)
        #expect(batch.contains { $0 == 200_000_000 } && batch.contains { $0 == 0 } && batch.contains { $0 > 0 && $0 < 200_000_000 })
        for row in stride(from: 0, to: firms.count, by: 7) {
            #expect(program.trace(table, row: row).result.eligibleFen == batch[row])
            #expect(program.trace(table, row: row) == program.trace(firms[row]))
        }
    }

    @Test("city batch amounts equal each row's trace (growth, bands, no growth, missing last year)")
    func cityBatch() throws {
        var random = SplitMix64(seed: 330_100)
        let program = try RewardProgram(ruleSet: RewardFixture.hangzhou(), year: 2025)
        var table = program.table()
        let firms = (0..<2000).map { Self.randomFirm(&random, year: 2025, number: $0) }
        for firm in firms { table.append(firm) }
        let batch = program.eligibleFen(table)
        let traced = firms.map { program.trace($0) }
        #expect(batch == traced.map(\.result.eligibleFen))
        let notes = Set(traced.flatMap(\.result.notes))
        #expect(notes.isSuperset(of: ["missing_figure", "below_threshold", "no_growth", "mountain_uplift", "capped"]))
    }

    @Test("a table row read back as inputs is the inputs it was made from, for the figures the formula reads")
    func tableRoundTrip() throws {
        let program = try RewardProgram(ruleSet: RewardFixture.hangzhou(), year: 2025)
        var table = program.table()
        let firm = RewardFixture.firm(rd: 5, revenue: nil, previousRD: 3, year: 2025, mountain: true)
        table.append(firm)
        #expect(table.figures == [FigureRef("rd_spending"), FigureRef("rd_spending", yearOffset: -1), FigureRef("main_business_revenue")])
        #expect(table.inputs(row: 0) == RewardInputs(creditCode: firm.creditCode, regionCode: firm.regionCode, isMountainCounty: true,
                                                     figures: [2025: ["rd_spending": 5], 2024: ["rd_spending": 3]]))
    }

    @Test("a parameter without a value for the year stops the whole program, naming it")
    func noValue() {
        #expect(throws: RuleEvaluationError.noValue("rewards.rd.province.threshold", "2023-12-31")) {
            try RewardProgram(ruleSet: RewardFixture.province(), year: 2023)
        }
    }

    @Test("notes are written in one fixed order")
    func noteOrder() {
        let all: RewardNotes = [.capped, .mountainUplift, .noGrowth, .belowThreshold, .missingFigure]
        #expect(all.names == ["missing_figure", "below_threshold", "no_growth", "mountain_uplift", "capped"])
        #expect(RewardNotes([.capped, .noGrowth]).names == ["no_growth", "capped"])
    }

    @Test("wide division equals the standard library's, around every fast-path edge")
    func wideDivision() {
        var random = SplitMix64(seed: 128)
        var cases: [(UInt128, UInt64)] = [(0, 1), (UInt128(UInt64.max), 1), (UInt128(UInt64.max) + 1, 2), (1 << 100, 1 << 50),
                                          ((1 << 52) * 1000 - 1, 1000), ((1 << 52) * 1000, 1000), ((1 << 52) * 1000 + 999, 1000),
                                          (UInt128(UInt64.max) * UInt128(UInt64.max - 1), UInt64.max)]
        for _ in 0..<20_000 {
            let d = random.next() >> random.below(64) | 1
            let q = random.next() >> random.below(64)
            let r = random.next() % d
            let (high, low) = d.multipliedFullWidth(by: q)
            let n = (UInt128(high) << 64 | UInt128(low)) + UInt128(r)
            if n >> 64 < UInt128(d) { cases.append((n, d)) }
        }
        for (n, d) in cases {
            let expected = d.dividingFullWidth((high: UInt64(n >> 64), low: UInt64(truncatingIfNeeded: n)))
            let got = WideDivision.quotientAndRemainder(n, d)
            #expect(got.quotient == expected.quotient && got.remainder == expected.remainder, "\(n) / \(d)")
        }
    }

    /// The generic (two-division) rounding, reached from a generic context.
    static func generic<T: FixedWidthInteger & SignedInteger>(_ n: T, _ d: T, _ rule: RoundingRule) -> T {
        RoundingRule.roundedQuotient(n, d, rule)
    }

    @Test("128-bit rounding's fast path equals the generic one, signs and halves included", arguments: RoundingRule.allCases)
    func roundingFastPath(rule: RoundingRule) {
        var random = SplitMix64(seed: 5)
        var cases: [(Int128, Int128)] = [(5, 2), (-5, 2), (5, -2), (7, 2), (-7, 2), (15, 10), (25, 10), (-25, 10), (1, Int128(Int64.max) * 4)]
        for _ in 0..<5000 {
            let d = Int128(random.next() >> (1 + random.below(63))) + 1
            let n = Int128(Int64(bitPattern: random.next())) * Int128(random.next() >> random.below(64))
            cases.append((n, random.below(8) == 0 ? -d : d))
            cases.append((d * Int128(random.below(1000)) + d / 2, d))  // exact halves when d is even
        }
        for (n, d) in cases {
            #expect(RoundingRule.roundedQuotient(n, d, rule) == Self.generic(n, d, rule), "\(n) / \(d)")
        }
    }

    @Test("selection finds the k-th largest as a sort would, with many equal values")
    func selection() {
        var random = SplitMix64(seed: 11)
        for round in 0..<300 {
            let count = 1 + Int(random.below(400))
            let spread = round.isMultiple(of: 3) ? 3 : 1_000_000
            var values = (0..<count).map { _ in Int64(random.below(UInt64(spread))) - Int64(spread / 2) }
            if round.isMultiple(of: 10) { values.sort() }  // already ordered input
            let sorted = values.sorted(by: >)
            let k = Int(random.below(UInt64(count)))
            var work = values
            #expect(Selection.kthLargest(&work, k) == sorted[k])
            #expect(work.sorted(by: >) == sorted)
        }
    }

    @Test("packed credit codes order, compare and print like their UTF-8 text")
    func claimCodes() {
        var random = SplitMix64(seed: 18)
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY\u{0}é中")
        var codes = ["", "9", "91330100MA2CFXXX0X", "91330100MA2CFXXX0", String(repeating: "9", count: 24),
                     String(repeating: "9", count: 24) + "A", String(repeating: "9", count: 24) + "B", String(repeating: "9", count: 30)]
        for _ in 0..<400 {
            let length = Int(random.below(30))
            codes.append(String((0..<length).map { _ in alphabet[Int(random.below(UInt64(alphabet.count)))] }))
        }
        for a in codes {
            #expect(ClaimCode(a).text == a)
            for b in codes.prefix(60) {
                let byText = a.utf8.lexicographicallyPrecedes(b.utf8)
                #expect((ClaimCode(a) < ClaimCode(b)) == byText, "\(a) < \(b)")
                let same = a.utf8.elementsEqual(b.utf8)
                #expect((ClaimCode(a) == ClaimCode(b)) == same)
                if same { #expect(ClaimCode(a).hashValue == ClaimCode(b).hashValue) }
            }
        }
    }

    @Test("claims from a table's packed codes are the claims made one by one from the text")
    func claimsFromCodes() {
        let codes = ["B", "A", "C", "D"]
        let fen: [Int64] = [5, 0, 7, 1]
        let packed = AllocationClaim.claims(codes: codes.map { ClaimCode($0) }, eligibleFen: fen)
        #expect(packed == [AllocationClaim(creditCode: "B", eligible: Money(fen: 5), rankScore: 5),
                           AllocationClaim(creditCode: "C", eligible: Money(fen: 7), rankScore: 7),
                           AllocationClaim(creditCode: "D", eligible: Money(fen: 1), rankScore: 1)])
        #expect(packed.map(\.creditCode) == ["B", "C", "D"])
    }
}
