import Foundation
import Testing
@testable import JingpinCore

extension SplitMix64: RandomNumberGenerator {}

/// After the decision: verification codes, certificate numbers, the lifecycle's transition table,
/// what a scan answers, and progress toward the programme's targets.
@Suite("Designated products: codes, lifecycle, verification, targets")
struct DesignatedProductTests {
    /// Luhn mod 32 validation as the textbook states it, written apart from the product's code:
    /// from the rightmost symbol (the check symbol, factor 1) leftwards, alternate factors 1 and 2,
    /// add each product's base-32 digits; a valid code's total is a multiple of 32.
    static func textbookValid(_ code: String) -> Bool {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        var factor = 1, sum = 0
        for c in code.reversed() {
            guard let v = alphabet.firstIndex(of: c) else { return false }
            let p = v * factor
            sum += p / 32 + p % 32
            factor = factor == 1 ? 2 : 1
        }
        return sum % 32 == 0
    }

    @Test("codes: 14 symbols of the unambiguous alphabet, at least 60 random bits, unique over 50,000, valid by the textbook check")
    func codes() throws {
        #expect(VerificationCode.randomBits >= 60)
        #expect(!VerificationCode.alphabet.contains { "ILOU".contains($0) })
        var rng = SplitMix64(seed: 2026)
        var seen: Set<String> = []
        for _ in 0..<50_000 {
            let code = VerificationCode.generate(using: &rng)
            #expect(code.value.count == 14)
            #expect(seen.insert(code.value).inserted)
            #expect(Self.textbookValid(code.value))
        }
        // Printed in groups of four; read back in lower case, with spaces, O for 0 and I or L for 1.
        var one = SplitMix64(seed: 7)
        let code = VerificationCode.generate(using: &one)
        #expect(code.description.split(separator: "-").map(\.count) == [4, 4, 4, 2])
        #expect(VerificationCode(code.description.lowercased()) == code)
        #expect(VerificationCode(code.value.replacingOccurrences(of: "0", with: "O").replacingOccurrences(of: "1", with: "l")) == code)
        #expect(VerificationCode("UUUU-UUUU-UUUU-UU") == nil)
        #expect(VerificationCode(String(code.value.dropLast())) == nil)
    }

    @Test("a typo is caught: every single changed symbol, and nearly every swap of neighbours")
    func typos() {
        var rng = SplitMix64(seed: 11)
        let alphabet = VerificationCode.alphabet
        var swaps = 0, caught = 0
        for _ in 0..<200 {
            let code = Array(VerificationCode.generate(using: &rng).value)
            for i in code.indices {
                for c in alphabet where c != code[i] {
                    var typo = code
                    typo[i] = c
                    #expect(VerificationCode(String(typo)) == nil)
                }
                if i + 1 < code.count, code[i] != code[i + 1] {
                    var swapped = code
                    swapped.swapAt(i, i + 1)
                    swaps += 1
                    if VerificationCode(String(swapped)) == nil { caught += 1 }
                }
            }
        }
        // Luhn mod N misses a swap only for one pair of values (0 ↔ 31, i.e. 0 ↔ Z): about 1 in 500 swaps.
        #expect(caught * 100 >= swaps * 99)
    }

    @Test("certificate numbers: ZJJP-year-serial, four digits at least, ordered by year then serial")
    func certificateNumbers() {
        #expect(CertificateNumber(year: 2026, serial: 1).description == "ZJJP-2026-0001")
        #expect(CertificateNumber(year: 2026, serial: 12345).description == "ZJJP-2026-12345")
        #expect(CertificateNumber("ZJJP-2026-0042") == CertificateNumber(year: 2026, serial: 42))
        #expect(CertificateNumber("ZJJP-26-0042") == nil && CertificateNumber("ZJZZ-2026-0001") == nil && CertificateNumber("ZJJP-2026-0000") == nil)
        #expect(CertificateNumber(year: 2025, serial: 99) < CertificateNumber(year: 2026, serial: 1))
    }

    /// The lifecycle's allowed moves, written from the issue's text: "designated → under annual
    /// review → designated again, or suspended (reason, until when) → reinstated, or revoked
    /// (reason, public), or expired → renewed through a new round", plus cancellation on request.
    static let allowed: Set<String> = [
        "designated start_review system", "designated start_review provinceAdmin",
        "under_review pass_review provinceAdmin",
        "designated suspend provinceAdmin", "designated suspend system", "under_review suspend provinceAdmin", "under_review suspend system",
        "suspended reinstate provinceAdmin",
        "designated revoke provinceAdmin", "under_review revoke provinceAdmin", "suspended revoke provinceAdmin",
        "designated cancel provinceAdmin", "under_review cancel provinceAdmin", "suspended cancel provinceAdmin",
        "designated expire system", "under_review expire system", "suspended expire system",
        "designated renew system", "under_review renew system", "suspended renew system", "expired renew system",
    ]

    @Test("the transition table: every allowed move and every forbidden one, for each actor")
    func transitions() throws {
        let today = try LocalDate("2026-11-30")
        let events: [DesignationEvent] = [.startReview, .passReview, .suspend(reason: "年度复核逾期", until: nil), .reinstate(reason: "已整改"),
                                          .revoke(reason: "质量事故"), .cancel(reason: "产品停产"), .expire, .renew]
        let expected: [DesignationEvent: DesignationStatus] = [
            .startReview: .underReview, .passReview: .designated, events[2]: .suspended, events[3]: .designated,
            events[4]: .revoked, events[5]: .cancelled, .expire: .expired, .renew: .renewed,
        ]
        var allowedSeen = 0
        for status in DesignationStatus.allCases {
            for event in events {
                for (actor, name) in [(LifecycleActor.provinceAdmin, "provinceAdmin"), (.system, "system")] {
                    let key = "\(status.rawValue) \(event.name) \(name)"
                    let result = try? DesignationLifecycle.apply(event, to: status, by: actor, today: today)
                    if Self.allowed.contains(key) {
                        allowedSeen += 1
                        #expect(result == expected[event], "\(key)")
                    } else {
                        #expect(result == nil, "\(key) should be refused")
                    }
                }
            }
        }
        #expect(allowedSeen == Self.allowed.count)
        // Refusals say why.
        #expect(throws: DesignationLifecycle.Refusal.reasonRequired("revoke")) {
            try DesignationLifecycle.apply(.revoke(reason: "  "), to: .designated, by: .provinceAdmin, today: today)
        }
        #expect(throws: DesignationLifecycle.Refusal.untilNotAfter(today)) {
            try DesignationLifecycle.apply(.suspend(reason: "整改", until: today), to: .designated, by: .provinceAdmin, today: today)
        }
        #expect(throws: DesignationLifecycle.Refusal.wrongActor("expire")) {
            try DesignationLifecycle.apply(.expire, to: .designated, by: .provinceAdmin, today: today)
        }
        #expect(throws: DesignationLifecycle.Refusal.notFrom(.revoked, "reinstate")) {
            try DesignationLifecycle.apply(.reinstate(reason: "x"), to: .revoked, by: .provinceAdmin, today: today)
        }
    }

    @Test("what a scan answers in each state, and past the last valid day")
    func verification() throws {
        let until = try LocalDate("2028-12-31")
        let inside = try LocalDate("2027-06-01"), after = try LocalDate("2029-01-01")
        #expect(VerificationOutcome.of(.designated, validUntil: until, today: inside) == .authentic)
        #expect(VerificationOutcome.of(.underReview, validUntil: until, today: until) == .authentic)  // the last day is still valid
        #expect(VerificationOutcome.of(.designated, validUntil: until, today: after) == .expired)
        #expect(VerificationOutcome.of(.suspended, validUntil: until, today: inside) == .suspended)
        #expect(VerificationOutcome.of(.revoked, validUntil: until, today: inside) == .revoked)
        for s in [DesignationStatus.expired, .cancelled, .renewed] { #expect(VerificationOutcome.of(s, validUntil: until, today: inside) == .expired) }
        #expect(VerificationOutcome.notFound.rawValue == "not_found" && VerificationOutcome.authentic.name(.zhHans) == "真品")
    }

    @Test("targets count live designations only, and project the pipeline at the past conversion rate")
    func targets() throws {
        let hz = try RegionCode("330100"), nb = try RegionCode("330200")
        let list: [TargetProgress.Designated] = [
            .init(status: .designated, sector: .manufacturing, city: hz), .init(status: .underReview, sector: .manufacturing, city: nb),
            .init(status: .suspended, sector: .agriculture, city: hz), .init(status: .revoked, sector: .manufacturing, city: hz),
            .init(status: .expired, sector: .manufacturing, city: nb), .init(status: .renewed, sector: .manufacturing, city: hz),
            .init(status: .cancelled, sector: .services, city: hz),
        ]
        // Live: designated, under review, suspended → 3. Past rounds: 12 designated of 40 decided = 3/10;
        // 25 in the pipeline → 7.5 → 7 expected; 3 + 7 = 10.
        let t2027 = ProgrammeTarget(count: 50, deadline: try LocalDate("2027-12-31"))
        let p = TargetProgress(t2027, designations: list, pipeline: 25, history: .init(decided: 40, designated: 12))
        #expect(p.achieved == 3 && p.projected == 10 && !p.onTrack && !p.met)
        // Hangzhou only: designated + suspended = 2; manufacturing in Hangzhou: 1.
        #expect(TargetProgress(ProgrammeTarget(count: 2, deadline: t2027.deadline, city: hz), designations: list, pipeline: 0,
                               history: .init(decided: 0, designated: 0)).achieved == 2)
        let mfgHz = TargetProgress(ProgrammeTarget(count: 1, deadline: t2027.deadline, sector: .manufacturing, city: hz), designations: list,
                                   pipeline: 0, history: .init(decided: 0, designated: 0))
        #expect(mfgHz.achieved == 1 && mfgHz.met && mfgHz.onTrack)
        // With no past rounds the pipeline projects nothing.
        #expect(TargetProgress(t2027, designations: list, pipeline: 100, history: .init(decided: 0, designated: 0)).projected == 3)
    }
}
