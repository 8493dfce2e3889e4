import Foundation
import Testing
@testable import JingpinCore

/// Expected amounts here are worked out by hand (in the comments) or by a second,
/// deliberately different method written in this file (Foundation `Decimal`,
/// brute-force search, repeated selection), never copied from the engine's output.
@Suite("Budget allocation strategies")
struct AllocationTests {
    // MARK: - Worked examples

    @Test("the same three claims under each strategy")
    func workedExample() throws {
        // A = 100, B = 200, C = 300 fen; demand 600, budget 300.
        let claims = [
            claim("A", 100, rank: 1),
            claim("B", 200, rank: 3),
            claim("C", 300, rank: 2),
        ]
        let budget = Money(fen: 300)

        // Pro rata: ratio 300/600 = 1/2 → 50, 100, 150, all exact.
        let proRata = try AllocationStrategy.proRata.allocate(claims: claims, budget: budget)
        #expect(fen(proRata) == [50, 100, 150])
        #expect(proRata.finding == .proRata(ratio: ratio(1, 2), leftoverFen: 0))
        #expect(proRata.demand == Money(fen: 600))
        #expect(proRata.allocated == Money(fen: 300))

        // Cap level: C = 100 gives 100 + 100 + 100 = 300; C = 101 would give 302.
        let capLevel = try AllocationStrategy.capLevel.allocate(claims: claims, budget: budget)
        #expect(fen(capLevel) == [100, 100, 100])
        #expect(capLevel.finding == .capLevel(cap: Money(fen: 100), claimsAboveCap: 2, leftoverFen: 0))

        // Rank order B (3), C (2), A (1): B gets 200, 100 is left for C (partial), A nothing.
        let rankOrder = try AllocationStrategy.rankOrder.allocate(claims: claims, budget: budget)
        #expect(fen(rankOrder) == [0, 200, 100])
        #expect(rankOrder.finding == .rankOrder(
            fullyFunded: 1,
            partial: PartialFunding(claimIndex: 2, creditCode: "C", authorised: Money(fen: 100), eligible: Money(fen: 300))
        ))
        #expect(rankOrder.allocations[2].shortfall == Money(fen: 200))
    }

    @Test("a budget of zero authorises nothing", arguments: AllocationStrategy.allCases)
    func zeroBudget(strategy: AllocationStrategy) throws {
        let claims = [claim("A", 100, rank: 1), claim("B", 200, rank: 3), claim("C", 300, rank: 2)]
        let result = try strategy.allocate(claims: claims, budget: .zero)
        #expect(fen(result) == [0, 0, 0])
        #expect(result.allocated == .zero)
        switch result.finding {
        case let .proRata(ratio, leftover):
            #expect(ratio == self.ratio(0, 1))
            #expect(leftover == 0)
        case let .capLevel(cap, above, leftover):
            #expect(cap == .zero)
            #expect(above == 3)
            #expect(leftover == 0)
        case let .rankOrder(fullyFunded, partial):
            #expect(fullyFunded == 0)
            #expect(partial == nil)
        }
    }

    @Test("a budget larger than demand pays every claim in full", arguments: AllocationStrategy.allCases)
    func budgetAboveDemand(strategy: AllocationStrategy) throws {
        let claims = [claim("A", 100, rank: 1), claim("B", 200, rank: 3), claim("C", 300, rank: 2)]
        let result = try strategy.allocate(claims: claims, budget: Money(fen: 1_000))
        #expect(fen(result) == [100, 200, 300])
        #expect(result.allocated == Money(fen: 600))
        #expect(result.unspent == Money(fen: 400))
        switch result.finding {
        case let .proRata(ratio, leftover):
            #expect(ratio == self.ratio(1, 1))
            #expect(leftover == 0)
        case let .capLevel(cap, above, leftover):
            #expect(cap == Money(fen: 300)) // the largest eligible
            #expect(above == 0)
            #expect(leftover == 0)
        case let .rankOrder(fullyFunded, partial):
            #expect(fullyFunded == 3)
            #expect(partial == nil)
        }
    }

    @Test("a budget equal to demand pays every claim in full", arguments: AllocationStrategy.allCases)
    func budgetEqualsDemand(strategy: AllocationStrategy) throws {
        let claims = [claim("A", 100, rank: 1), claim("B", 200, rank: 3), claim("C", 300, rank: 2)]
        let result = try strategy.allocate(claims: claims, budget: Money(fen: 600))
        #expect(fen(result) == [100, 200, 300])
        #expect(result.unspent == .zero)
    }

    @Test("no claims at all is allowed and authorises nothing", arguments: AllocationStrategy.allCases)
    func noClaims(strategy: AllocationStrategy) throws {
        let result = try strategy.allocate(claims: [], budget: Money(fen: 500))
        #expect(result.allocations.isEmpty)
        #expect(result.allocated == .zero)
        #expect(result.unspent == Money(fen: 500))
    }

    // MARK: - Pro rata

    @Test("pro rata: the one leftover fen of an exact three-way tie goes to the smallest credit code")
    func proRataTieBreak() throws {
        // Three claims of 10 fen, budget 10: each exact share is 10 × 10 / 30 = 3⅓.
        // Floors 3 + 3 + 3 = 9, one fen left; all remainders are 10/30, so the
        // smallest code, A, gets it, wherever it stands in the input.
        let claims = [claim("C", 10), claim("A", 10), claim("B", 10)]
        let result = try AllocationStrategy.proRata.allocate(claims: claims, budget: Money(fen: 10))
        #expect(fen(result) == [3, 4, 3])
        #expect(result.finding == .proRata(ratio: ratio(1, 3), leftoverFen: 1))
    }

    @Test("pro rata: leftover fen go to the largest fractional remainders")
    func proRataLargestRemainders() throws {
        // Eligible 1, 2, 4 (total 7), budget 5: exact shares 5/7, 10/7, 20/7
        // = 0 r5, 1 r3, 2 r6 (sevenths). Floors add to 3, so 2 fen are left:
        // they go to C (r6) and A (r5), not B (r3): 1, 1, 3.
        let claims = [claim("A", 1), claim("B", 2), claim("C", 4)]
        let result = try AllocationStrategy.proRata.allocate(claims: claims, budget: Money(fen: 5))
        #expect(fen(result) == [1, 1, 3])
        #expect(result.finding == .proRata(ratio: ratio(5, 7), leftoverFen: 2))
    }

    @Test("pro rata: amounts in the trillions of fen do not overflow")
    func proRataLargeAmounts() throws {
        // 9 × 10¹² and 3 × 10¹² fen (total 1.2 × 10¹³), budget 10¹³: ratio 5/6,
        // so 7.5 × 10¹² and 2.5 × 10¹²; eligible × budget ≈ 9 × 10²⁵ is far past Int64.
        let claims = [claim("A", 9_000_000_000_000), claim("B", 3_000_000_000_000)]
        let result = try AllocationStrategy.proRata.allocate(claims: claims, budget: Money(fen: 10_000_000_000_000))
        #expect(fen(result) == [7_500_000_000_000, 2_500_000_000_000])
        #expect(result.finding == .proRata(ratio: ratio(5, 6), leftoverFen: 0))
    }

    @Test("pro rata and cap level at the very top of the Int64 range")
    func extremeAmounts() throws {
        // T = Int64.max = 2B + 1 with B = 4 611 686 018 427 387 903 as the budget.
        // Claims T − 1 and 1.
        // Pro rata: small share B/T < ½ → 0 r B; big share (T − 1)·B/T = B − B/T → B − 1 r (T − B) = B + 1.
        // Floors add to B − 1, one fen left, and B + 1 > B, so the big claim gets it: B and 0.
        // Cap level: the small claim fits (1 + 1 ≤ B); then 1 + (T − 1) = T > B, so C = B − 1.
        let b: Int64 = 4_611_686_018_427_387_903
        let claims = [claim("A", Int64.max - 1), claim("B", 1)]
        let proRata = try AllocationStrategy.proRata.allocate(claims: claims, budget: Money(fen: b))
        #expect(fen(proRata) == [b, 0])
        let capLevel = try AllocationStrategy.capLevel.allocate(claims: claims, budget: Money(fen: b))
        #expect(fen(capLevel) == [b - 1, 1])
        #expect(capLevel.finding == .capLevel(cap: Money(fen: b - 1), claimsAboveCap: 1, leftoverFen: 0))
    }

    @Test("pro rata: claims of zero stay at zero and do not disturb the others")
    func proRataZeroClaims() throws {
        // 0, 3, 0, 3 with budget 3: the two threes share 1½ each; one fen left,
        // remainders tie, so B (before D) gets it: 0, 2, 0, 1.
        let claims = [claim("A", 0), claim("B", 3), claim("C", 0), claim("D", 3)]
        let result = try AllocationStrategy.proRata.allocate(claims: claims, budget: Money(fen: 3))
        #expect(fen(result) == [0, 2, 0, 1])
    }

    @Test("a repeated credit code is tolerated and tied by input position")
    func duplicateCreditCodes() throws {
        // Two claims of 10 fen under the same code, budget 1: shares ½ each, and the
        // code does not separate them, so the first in the input gets the fen.
        let claims = [claim("A", 10), claim("A", 10)]
        for strategy in AllocationStrategy.allCases {
            let result = try strategy.allocate(claims: claims, budget: Money(fen: 1))
            #expect(fen(result) == [1, 0], "\(strategy)")
        }
    }

    @Test("credit codes tie-break by character order, long codes included")
    func longCodes() throws {
        // Codes that agree on their first 24 characters and differ after them:
        // the one that is a prefix of the other comes first, then by the next character.
        let stem = String(repeating: "9", count: 24)
        let claims = [claim(stem + "B", 10), claim(stem + "A1", 10), claim(stem, 10), claim(stem + "A", 10)]
        // Order: stem, stem+A, stem+A1, stem+B. Budget 2 of 40: each ½; the first two get a fen.
        let result = try AllocationStrategy.proRata.allocate(claims: claims, budget: Money(fen: 2))
        #expect(fen(result) == [0, 0, 1, 1])
    }

    // MARK: - Cap level

    @Test("cap level: leftover fen go to the largest claims above the cap")
    func capLevelLeftover() throws {
        // A 50, B 400, C 300, D 100; budget 701.
        // Σ min(e, 275) = 50 + 275 + 275 + 100 = 700 ≤ 701 < 702 = Σ min(e, 276), so C = 275.
        // One fen left; B and C are above the cap, B is larger: B 276.
        let claims = [claim("A", 50), claim("B", 400), claim("C", 300), claim("D", 100)]
        let result = try AllocationStrategy.capLevel.allocate(claims: claims, budget: Money(fen: 701))
        #expect(fen(result) == [50, 276, 275, 100])
        #expect(result.finding == .capLevel(cap: Money(fen: 275), claimsAboveCap: 2, leftoverFen: 1))
    }

    @Test("cap level: between equal claims above the cap, the smaller credit code gets the fen")
    func capLevelTieBreak() throws {
        // E 400, B 400, A 100; budget 501.
        // Σ min(e, 200) = 200 + 200 + 100 = 500 ≤ 501 < 502, so C = 200 and one fen is
        // left; E and B tie on eligible, so B gets it.
        let claims = [claim("E", 400), claim("B", 400), claim("A", 100)]
        let result = try AllocationStrategy.capLevel.allocate(claims: claims, budget: Money(fen: 501))
        #expect(fen(result) == [200, 201, 100])
    }

    @Test("cap level: three equal claims share evenly, one leftover fen by credit code")
    func capLevelEqualClaims() throws {
        // Three claims of 10, budget 10: C = 3 (9 ≤ 10 < 12), one fen left, all tie → A.
        let claims = [claim("C", 10), claim("A", 10), claim("B", 10)]
        let result = try AllocationStrategy.capLevel.allocate(claims: claims, budget: Money(fen: 10))
        #expect(fen(result) == [3, 4, 3])
    }

    @Test("cap level in the trillions of fen")
    func capLevelLargeAmounts() throws {
        // 9 × 10¹² and 3 × 10¹², budget 10¹³: the smaller fits in full (2 × 3 × 10¹² ≤ 10¹³),
        // the larger is capped at 10¹³ − 3 × 10¹² = 7 × 10¹².
        let claims = [claim("A", 9_000_000_000_000), claim("B", 3_000_000_000_000)]
        let result = try AllocationStrategy.capLevel.allocate(claims: claims, budget: Money(fen: 10_000_000_000_000))
        #expect(fen(result) == [7_000_000_000_000, 3_000_000_000_000])
    }

    // MARK: - Rank order

    @Test("rank order stops at the first claim it cannot pay in full, and never skips ahead")
    func rankOrderPartial() throws {
        // Z and M share rank 5 (M first by code), A has rank 1. Budget 150:
        // M 100, Z gets the 50 left (partial), A nothing — even though A's 50 would
        // have fitted had Z been skipped.
        let claims = [claim("Z", 100, rank: 5), claim("M", 100, rank: 5), claim("A", 50, rank: 1)]
        let result = try AllocationStrategy.rankOrder.allocate(claims: claims, budget: Money(fen: 150))
        #expect(fen(result) == [50, 100, 0])
        #expect(result.finding == .rankOrder(
            fullyFunded: 1,
            partial: PartialFunding(claimIndex: 0, creditCode: "Z", authorised: Money(fen: 50), eligible: Money(fen: 100))
        ))

        // Budget 200: M and Z in full, nothing left, so no partial claim and A gets nothing.
        let exact = try AllocationStrategy.rankOrder.allocate(claims: claims, budget: Money(fen: 200))
        #expect(fen(exact) == [100, 100, 0])
        #expect(exact.finding == .rankOrder(fullyFunded: 2, partial: nil))
    }

    @Test("rank order uses negative and extreme scores as plain integers")
    func rankOrderScores() throws {
        // Scores −5, Int64.max, 0: order B, C, A. Budget 25: B 10, C 10, A 5.
        let claims = [claim("A", 10, rank: -5), claim("B", 10, rank: .max), claim("C", 10, rank: 0)]
        let result = try AllocationStrategy.rankOrder.allocate(claims: claims, budget: Money(fen: 25))
        #expect(fen(result) == [5, 10, 10])
    }

    // MARK: - Order independence

    @Test("the amounts do not depend on the order of the claims", arguments: AllocationStrategy.allCases)
    func orderIndependence(strategy: AllocationStrategy) throws {
        var random = SplitMix64(seed: 7)
        var claims: [AllocationClaim] = []
        for number in 0..<40 {
            // Few distinct amounts and scores, so that ties are common.
            claims.append(claim(String(format: "CODE%03d", number), Int64(random.below(4)) * 25, rank: Int64(random.below(3))))
        }
        let demand = claims.reduce(Int64(0)) { $0 + $1.eligible.fen }
        for budget in [Int64(0), 1, 7, demand / 3, demand - 1, demand] {
            let forward = try strategy.allocate(claims: claims, budget: Money(fen: budget))
            let shuffled = random.shuffled(claims)
            let other = try strategy.allocate(claims: shuffled, budget: Money(fen: budget))
            #expect(byCode(forward) == byCode(other))
        }
    }

    // MARK: - Properties against independent methods

    @Test("random cases: invariants, and agreement with independent methods")
    func randomCases() throws {
        var random = SplitMix64(seed: 20_240_601)
        for caseNumber in 0..<400 {
            let count = Int(random.below(9))
            // Codes from a small pool, so that duplicates sometimes occur.
            let pool = ["91330100A", "91330100B", "91330200C", "91330300D", "91330400E", "91330500F", "91330600G", "91330700H", "91330800J", "9133"]
            let amountLimit: UInt64 = caseNumber.isMultiple(of: 4) ? 8 : 1_000
            let claims = (0..<count).map { _ in
                claim(pool[Int(random.below(UInt64(pool.count)))], Int64(random.below(amountLimit + 1)), rank: Int64(random.below(4)))
            }
            let demand = claims.reduce(Int64(0)) { $0 + $1.eligible.fen }
            let budget: Int64 = switch random.below(6) {
            case 0: 0
            case 1: demand
            case 2: demand + Int64(random.below(50))
            default: Int64(random.below(UInt64(demand) + 1))
            }
            try check(claims, budget: budget, bruteForce: true)
        }
    }

    @Test("random cases with amounts up to 10¹³ fen: invariants and exact pro-rata shares")
    func randomLargeCases() throws {
        var random = SplitMix64(seed: 99)
        for _ in 0..<200 {
            let count = 1 + Int(random.below(12))
            let claims = (0..<count).map { number in
                claim("9133\(number)", Int64(random.below(10_000_000_000_000 + 1)), rank: Int64(random.below(3)))
            }
            let demand = claims.reduce(Int64(0)) { $0 + $1.eligible.fen }
            let budget = Int64(random.below(UInt64(demand) + 1))
            try check(claims, budget: budget, bruteForce: false)
        }
    }

    @Test("sixty thousand claims allocate with every invariant intact", arguments: AllocationStrategy.allCases)
    func manyClaims(strategy: AllocationStrategy) throws {
        var random = SplitMix64(seed: 60_000)
        let claims = (0..<60_000).map { number in
            claim(String(format: "91330%013d", number * 7919 % 60_000), Int64(random.below(50_000_000_000)), rank: Int64(random.below(100)))
        }
        let demand = claims.reduce(Int64(0)) { $0 + $1.eligible.fen }
        let result = try strategy.allocate(claims: claims, budget: Money(fen: demand * 3 / 5))
        checkInvariants(claims, budget: demand * 3 / 5, result)
    }

    // MARK: - Errors

    @Test("a negative budget is refused", arguments: AllocationStrategy.allCases)
    func negativeBudget(strategy: AllocationStrategy) {
        #expect(throws: AllocationError.negativeBudget(Money(fen: -1))) {
            try strategy.allocate(claims: [claim("A", 10)], budget: Money(fen: -1))
        }
    }

    @Test("a negative eligible amount is refused, naming the first such claim", arguments: AllocationStrategy.allCases)
    func negativeEligible(strategy: AllocationStrategy) {
        let claims = [claim("A", 10), claim("B", -5), claim("C", -7)]
        #expect(throws: AllocationError.negativeEligible(creditCode: "B", eligible: Money(fen: -5))) {
            try strategy.allocate(claims: claims, budget: Money(fen: 10))
        }
    }

    @Test("eligible amounts adding up past Int64 are refused, not wrapped")
    func demandTooLarge() {
        let claims = [claim("A", .max), claim("B", 1)]
        #expect(throws: AllocationError.demandTooLarge) {
            try AllocationStrategy.proRata.allocate(claims: claims, budget: Money(fen: 10))
        }
    }

    @Test("error messages are in plain Chinese and English")
    func errorMessages() {
        let negative = AllocationError.negativeEligible(creditCode: "91330100MA27XXXX1A", eligible: Money(fen: -500))
        // The words, in both languages, are checked where the strings table lives (TranslationTests).
        #expect(negative.message == Message("domain.allocation.negative_eligible", "91330100MA27XXXX1A", .named(zh: "-¥5.00", en: "-¥5.00")))
        #expect(AllocationError.negativeBudget(Money(fen: -100)).message == Message("domain.allocation.negative_budget", .named(zh: "-¥1.00", en: "-¥1.00")))
        #expect(AllocationError.demandTooLarge.message == Message("domain.allocation.demand_too_large"))
    }

    // MARK: - Strategy names and summaries

    @Test("strategies are named for the command line")
    func strategyNames() {
        #expect(AllocationStrategy.allCases.map(\.rawValue) == ["pro-rata", "cap-level", "rank-order"])
        #expect(AllocationStrategy(rawValue: "cap-level") == .capLevel)
        #expect(AllocationStrategy(rawValue: "proportional") == nil)
        for strategy in AllocationStrategy.allCases {
            #expect(!strategy.label(.zhHans).isEmpty)
            #expect(!strategy.label(.en).isEmpty)
        }
    }

    @Test("a summary counts funded claims, and its median is the lower middle")
    func summaries() throws {
        // Odd: funded 300, 100, 200 → sorted 100, 200, 300, median 200.
        let odd = AllocationSummary(authorised: [0, 300, 100, 200, 0].map { Money(fen: $0) })
        #expect(figures(odd) == [5, 3, 600, 200, 300])
        // Even: 400, 100, 300, 200 → 100, 200 | 300, 400: the lower middle is 200.
        let even = AllocationSummary(authorised: [400, 100, 300, 200].map { Money(fen: $0) })
        #expect(even.median == Money(fen: 200))
        #expect(even.largest == Money(fen: 400))
        // Nothing funded: no median, no largest.
        let none = AllocationSummary(authorised: [Money.zero, .zero])
        #expect(figures(none) == [2, 0, 0, nil, nil])

        // A subset of a result: the worked example's rank order, claims B and C only.
        let claims = [claim("A", 100, rank: 1), claim("B", 200, rank: 3), claim("C", 300, rank: 2)]
        let result = try AllocationStrategy.rankOrder.allocate(claims: claims, budget: Money(fen: 300))
        let subset = result.summary { $0.creditCode != "A" }
        #expect(figures(subset) == [2, 2, 300, 100, 200])
        #expect(result.summary.claimCount == 3)
        #expect(result.summary.fundedCount == 2)
    }
}

// MARK: - Checks

extension AllocationTests {
    /// Runs every strategy on `claims` and checks its invariants; with `bruteForce`
    /// (small amounts only) also compares each with an independent computation.
    private func check(_ claims: [AllocationClaim], budget: Int64, bruteForce: Bool) throws {
        let proRata = try AllocationStrategy.proRata.allocate(claims: claims, budget: Money(fen: budget))
        let capLevel = try AllocationStrategy.capLevel.allocate(claims: claims, budget: Money(fen: budget))
        let rankOrder = try AllocationStrategy.rankOrder.allocate(claims: claims, budget: Money(fen: budget))
        for result in [proRata, capLevel, rankOrder] {
            checkInvariants(claims, budget: budget, result)
        }
        #expect(fen(proRata) == decimalProRata(claims, budget: budget), "pro rata \(claims) budget \(budget)")
        #expect(fen(rankOrder) == referenceRankOrder(claims, budget: budget), "rank order \(claims) budget \(budget)")
        if bruteForce {
            #expect(fen(capLevel) == bruteForceCapLevel(claims, budget: budget), "cap level \(claims) budget \(budget)")
        }
    }

    /// What every strategy promises, plus each strategy's own shape.
    private func checkInvariants(_ claims: [AllocationClaim], budget: Int64, _ result: AllocationResult) {
        let eligible = claims.map(\.eligible.fen)
        let amounts = fen(result)
        let demand = eligible.reduce(0, +)
        let target = min(budget, demand)
        #expect(amounts.count == claims.count)
        #expect(amounts.reduce(0, +) == target)
        #expect(result.allocated.fen == target)
        #expect(zip(amounts, eligible).allSatisfy { $0 >= 0 && $0 <= $1 })

        switch result.finding {
        case .proRata:
            // Proportional within a fen: |authorised × T − eligible × B| < T
            // (with nothing claimed there is nothing to be proportional to).
            for (amount, claimed) in zip(amounts, eligible) where demand > 0 {
                let gap = Int128(amount) * Int128(demand) - Int128(claimed) * Int128(target)
                #expect(gap.magnitude < UInt128(demand))
            }
        case let .capLevel(cap, above, leftover):
            // Everyone at min(eligible, C), except `leftover` claims above C at C + 1.
            var raised: Int64 = 0
            for (amount, claimed) in zip(amounts, eligible) {
                if amount == cap.fen + 1 && claimed > cap.fen { raised += 1 } else { #expect(amount == min(claimed, cap.fen)) }
            }
            #expect(raised == leftover)
            #expect(above == eligible.filter { $0 > cap.fen }.count)
            if target < demand {
                let atCap = eligible.reduce(Int64(0)) { $0 + min($1, cap.fen) }
                let aboveIt = eligible.reduce(Int64(0)) { $0 + min($1, cap.fen + 1) }
                #expect(atCap <= target && target < aboveIt)
            } else {
                #expect(cap.fen == eligible.max() ?? 0)
            }
        case let .rankOrder(fullyFunded, partial):
            // In rank order: a prefix paid in full, then at most one partial claim, then nothing.
            let order = claims.indices.sorted { referencePrecedes(claims, $0, $1, by: \.rankScore) }
            for (position, index) in order.enumerated() {
                if position < fullyFunded {
                    #expect(amounts[index] == eligible[index])
                } else if position == fullyFunded, let partial {
                    #expect(partial.claimIndex == index)
                    #expect(amounts[index] == partial.authorised.fen)
                    #expect(amounts[index] > 0 && amounts[index] < eligible[index])
                } else {
                    #expect(amounts[index] == 0)
                }
            }
        }
    }

    /// Pro rata by a different method: exact shares in Foundation `Decimal` (38
    /// digits, exact for these sizes), floors by `NSDecimalRound`, and the leftover
    /// fen handed out one at a time to the largest remaining remainder.
    private func decimalProRata(_ claims: [AllocationClaim], budget: Int64) -> [Int64] {
        let total = claims.reduce(Decimal(0)) { $0 + Decimal($1.eligible.fen) }
        let paid = min(Decimal(budget), total)
        if total == 0 { return claims.map { _ in 0 } }
        var amounts: [Decimal] = []
        var remainders: [Decimal] = []
        for claim in claims {
            let product = Decimal(claim.eligible.fen) * paid
            var share = product / total
            var floor = Decimal()
            NSDecimalRound(&floor, &share, 0, .down)
            amounts.append(floor)
            remainders.append(product - floor * total) // the remainder's numerator over `total`
        }
        var leftover = paid - amounts.reduce(Decimal(0), +)
        var given = Set<Int>()
        while leftover > 0 {
            var best: Int?
            for index in claims.indices where !given.contains(index) && remainders[index] > 0 {
                guard let current = best else { best = index; continue }
                if remainders[index] > remainders[current]
                    || (remainders[index] == remainders[current] && claims[index].creditCode < claims[current].creditCode) {
                    best = index
                }
            }
            guard let best else { Issue.record("no remainder left for a leftover fen"); break }
            amounts[best] += 1
            given.insert(best)
            leftover -= 1
        }
        // Whole numbers print as plain digits, so the text converts exactly.
        return amounts.map { Int64($0.description) ?? -1 }
    }

    /// Cap level by brute force: try every cap from 0 up, keep the largest that
    /// stays within budget, then give leftover fen one at a time to the largest claim
    /// above the cap that has not had one.
    private func bruteForceCapLevel(_ claims: [AllocationClaim], budget: Int64) -> [Int64] {
        let eligible = claims.map(\.eligible.fen)
        let largest = eligible.max() ?? 0
        var cap: Int64 = 0
        for candidate in 0...largest where eligible.reduce(0, { $0 + min($1, candidate) }) <= budget {
            cap = candidate
        }
        var amounts = eligible.map { min($0, cap) }
        var leftover = min(budget, eligible.reduce(0, +)) - amounts.reduce(0, +)
        var given = Set<Int>()
        while leftover > 0 {
            let open = claims.indices.filter { eligible[$0] > cap && !given.contains($0) }
            guard let best = open.min(by: { referencePrecedes(claims, $0, $1, by: \.eligible.fen) }) else {
                Issue.record("no claim above the cap for a leftover fen"); break
            }
            amounts[best] += 1
            given.insert(best)
            leftover -= 1
        }
        return amounts
    }

    /// Rank order by repeated selection: take the best-ranked claim not yet
    /// considered, pay it in full if the money allows, otherwise pay what is left and stop.
    private func referenceRankOrder(_ claims: [AllocationClaim], budget: Int64) -> [Int64] {
        var amounts = claims.map { _ in Int64(0) }
        var remaining = budget
        var waiting = Set(claims.indices)
        while let next = waiting.min(by: { referencePrecedes(claims, $0, $1, by: \.rankScore) }) {
            waiting.remove(next)
            let eligible = claims[next].eligible.fen
            if eligible <= remaining {
                amounts[next] = eligible
                remaining -= eligible
            } else {
                amounts[next] = remaining
                break
            }
        }
        return amounts
    }

    /// Larger key first, then smaller credit code, then earlier position.
    private func referencePrecedes(_ claims: [AllocationClaim], _ lhs: Int, _ rhs: Int, by key: KeyPath<AllocationClaim, Int64>) -> Bool {
        let (left, right) = (claims[lhs], claims[rhs])
        if left[keyPath: key] != right[keyPath: key] { return left[keyPath: key] > right[keyPath: key] }
        if left.creditCode != right.creditCode { return left.creditCode < right.creditCode }
        return lhs < rhs
    }
}

// MARK: - Helpers

extension AllocationTests {
    private func claim(_ code: String, _ eligible: Int64, rank: Int64 = 0) -> AllocationClaim {
        AllocationClaim(creditCode: code, eligible: Money(fen: eligible), rankScore: rank)
    }

    private func fen(_ result: AllocationResult) -> [Int64] {
        result.authorised.map(\.fen)
    }

    private func byCode(_ result: AllocationResult) -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: result.allocations.map { ($0.claim.creditCode, $0.authorised.fen) })
    }

    /// Claim count, funded count, total, median and largest, in that order.
    private func figures(_ summary: AllocationSummary) -> [Int64?] {
        [Int64(summary.claimCount), Int64(summary.fundedCount), summary.total.fen, summary.median?.fen, summary.largest?.fen]
    }

    private func ratio(_ numerator: Int64, _ denominator: Int64) -> AllocationRatio {
        AllocationRatio(allocated: numerator, demand: denominator)
    }
}
