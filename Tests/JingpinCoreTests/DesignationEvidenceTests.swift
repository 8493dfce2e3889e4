import Foundation
import Testing
@testable import JingpinCore

/// The data-derived part of the composite, the evidence file policy and the city quota. Expected
/// figures are worked by hand beside each check.
@Suite("Designation evidence: data shares, evidence files, city quotas")
struct DesignationEvidenceTests {
    typealias Applicant = DataShares.Applicant<String>

    @Test("data shares: linear per applicant, rank within each sector, a missing value has no share")
    func dataShares() {
        let s = DesignationScoringTests.scorecard
        let shares = DataShares.shares(s, [
            Applicant(id: "a", sector: .manufacturing, values: ["defect_ppm": 300, "invention_patents": 10]),
            Applicant(id: "b", sector: .manufacturing, values: ["defect_ppm": 50, "invention_patents": 4]),
            Applicant(id: "c", sector: .manufacturing, values: ["invention_patents": 7]),
            Applicant(id: "d", sector: .agriculture, values: ["defect_ppm": 900, "invention_patents": 1]),
        ])
        // Linear 500 → 100: a 300 → 1/2; b 50 is past the leading value → clamped to 1; d 900 → below 0 → 0; c has none.
        #expect(shares["a"]?["quality.defect_ppm"] == ScoreFraction(1, 2))
        #expect(shares["b"]?["quality.defect_ppm"] == ScoreFraction(1))
        #expect(shares["d"]?["quality.defect_ppm"] == ScoreFraction(0))
        #expect(shares["c"]?["quality.defect_ppm"] == nil)
        // Manufacturing patents 10, 4, 7: a best (1), c middle (1/2), b last (0); d alone in agriculture → 1.
        #expect(shares["a"]?["technology.patents"] == ScoreFraction(1))
        #expect(shares["c"]?["technology.patents"] == ScoreFraction(1, 2))
        #expect(shares["b"]?["technology.patents"] == ScoreFraction(0))
        #expect(shares["d"]?["technology.patents"] == ScoreFraction(1))
        // Expert-scored indicators are never data shares.
        #expect(shares.values.allSatisfy { $0["quality.system"] == nil })
    }

    @Test("the experts' part plus the data part is the composite of all shares together")
    func adding() {
        let s = DesignationScoringTests.scorecard
        let expert = CompositeScore(s, shares: ["quality.system": ScoreFraction(4, 5)])
        let data = CompositeScore(s, shares: ["quality.defect_ppm": ScoreFraction(1, 2), "technology.patents": ScoreFraction(1)])
        let whole = CompositeScore(s, shares: ["quality.system": ScoreFraction(4, 5), "quality.defect_ppm": ScoreFraction(1, 2),
                                               "technology.patents": ScoreFraction(1)])
        // By hand: expert 0.6 × 0.4 × 0.8 × 100 = 19.2; data 0.6 × 0.6 × 0.5 × 100 + 0.4 × 100 = 18 + 40 = 58; sum 77.2.
        #expect(expert.total == ScoreFraction(192, 10))
        #expect(data.total == ScoreFraction(58))
        #expect(expert.adding(data) == whole)
        #expect(whole.total == ScoreFraction(772, 10))
        // Missing only where both lacked a share.
        #expect(CompositeScore(s, shares: [:]).adding(data).missing == ["quality.system"])
    }

    @Test("evidence files: the type comes from the bytes and must agree with the name; size, emptiness and count are limited")
    func evidencePolicy() {
        let policy = EvidencePolicy(maxBytes: 100, maxFiles: 2)
        let pdf = Array("%PDF-1.4 body".utf8)
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2]
        #expect(policy.check(name: "报告.PDF", bytes: pdf, existing: 0) == .success(.pdf))
        #expect(policy.check(name: "photo.png", bytes: png, existing: 1) == .success(.png))
        #expect(policy.check(name: "photo.jpeg", bytes: jpeg, existing: 0) == .success(.jpeg))
        #expect(policy.check(name: "photo.jpg", bytes: jpeg, existing: 0) == .success(.jpeg))
        #expect(policy.check(name: "photo.png", bytes: jpeg, existing: 0) == .failure(.extensionMismatch(.jpeg)))
        #expect(policy.check(name: "page.pdf", bytes: Array("<html>".utf8), existing: 0) == .failure(.typeNotAllowed))
        #expect(policy.check(name: "a.pdf", bytes: [UInt8](), existing: 0) == .failure(.empty))
        #expect(policy.check(name: "a.pdf", bytes: pdf + [UInt8](repeating: 0, count: 100 - pdf.count), existing: 0) == .success(.pdf))
        #expect(policy.check(name: "a.pdf", bytes: pdf + [UInt8](repeating: 0, count: 101 - pdf.count), existing: 0) == .failure(.tooLarge(limit: 100)))
        #expect(policy.check(name: "a.pdf", bytes: pdf, existing: 2) == .failure(.tooMany(limit: 2)))
        #expect(EvidencePolicy.Refusal.tooLarge(limit: 10 * 1024 * 1024).message == Message("domain.evidence.too_large", "10"))
    }

    @Test("file names: the last path component, no control characters or quotes, at most 120 characters")
    func safeNames() {
        #expect(EvidencePolicy.safeName("../../etc/passwd") == "passwd")
        #expect(EvidencePolicy.safeName("C:\\Users\\张三\\质检报告.pdf") == "质检报告.pdf")
        #expect(EvidencePolicy.safeName("a\"b\r\n.pdf") == "ab.pdf")
        #expect(EvidencePolicy.safeName("..") == "file")
        #expect(EvidencePolicy.safeName("   ") == "file")
        #expect(EvidencePolicy.safeName(String(repeating: "长", count: 200) + ".pdf").count == 120)
    }

    @Test("city quotas: a default, overrides by city, and each must be at least 1")
    func cityQuotas() throws {
        var c = DesignationRoundTests.configuration()
        #expect(c.cityQuota(for: try RegionCode("330100")) == nil)
        c.cityQuota = 3
        c.cityQuotas = [try RegionCode("330200"): 5]
        #expect(c.cityQuota(for: try RegionCode("330100")) == 3)
        #expect(c.cityQuota(for: try RegionCode("330200")) == 5)
        #expect(c.problems.isEmpty)
        c.cityQuota = 0
        c.cityQuotas = [try RegionCode("330200"): 0]
        #expect(c.problems.map(\.path) == ["cityQuota", "cityQuotas.330200"])
    }

    @Test("who acts next: each open status names the stage and the role the workflow gives its next steps; final ones none")
    func next() {
        for status in ApplicationStatus.allCases {
            // Checked against the workflow's own table: some step leaving this status belongs to the named role.
            let leaving = ApplicationStep.allCases.filter { $0.transition.from.contains(status) && $0 != .withdraw }
            if let next = status.next {
                #expect(leaving.contains { $0.role == next.role }, "\(status)")
            } else {
                #expect(status.isFinal, "\(status)")
                #expect(leaving.isEmpty, "\(status)")
            }
        }
        #expect(ApplicationStatus.submitted.next?.stage == .countyReview)
        #expect(ApplicationStatus.returned.next?.stage == .application)
        #expect(ApplicationStatus.countyPassed.next?.stage == .cityRecommendation)
    }
}
