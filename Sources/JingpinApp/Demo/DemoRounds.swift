import FluentKit
import Foundation
import JingpinCore
import SQLKit

/// Three designation rounds for the demo, so a newcomer sees every stage and every state of a
/// designation: one three years before last year's, decided (four designated: since then one
/// revoked, one cancelled, one expired, one renewed by last year's round); last year's, decided
/// (three products designated — one in good standing, one under annual review, one suspended —
/// one not, one rejected by its county); and this year's, in expert review (the demo expert
/// invited and accepted, five applications assigned to them, two of them scored; one waiting for
/// its county, one for its city). The rounds and the expert's work go through the product's own
/// services; the applications' histories are written as the demo's, dated inside each round's
/// stages.
enum DemoRounds {
    /// The demo plays the province's part in the rounds' workflows (audited as the system "demo").
    static let province = WorkflowActor.role(.provinceAdmin)

    static func load(_ services: AppServices, requestID: String) async throws {
        let today = LocalDate.today()
        let actor = AuditActor.system("demo")
        let rounds = RoundService(database: services.database, rules: services.rules)
        let lastYear = today.year - 1
        let firstYear = lastYear - 3  // its designations' three years end the day before last year's are issued
        @Sendable func day(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { (try? LocalDate(year: y, month: m, day: d)) ?? today }
        /// A round of `year` whose stages run from March to the decision on 10 July.
        func decidedRound(_ year: Int, quota: Int) async throws -> RoundService.View {
            let round = try await rounds.create(input(year: year, title: ("\(year)年浙江精品（第一批）", "Zhejiang Quality \(year), first round"),
                                                      stages: [(day(year, 3, 1), day(year, 3, 31)), (day(year, 4, 1), day(year, 4, 15)),
                                                               (day(year, 4, 16), day(year, 4, 30)), (day(year, 5, 1), day(year, 5, 15)),
                                                               (day(year, 5, 16), day(year, 6, 15)), (day(year, 6, 16), day(year, 6, 24)),
                                                               (day(year, 6, 25), day(year, 7, 10))], quota: quota),
                                                actor: actor, requestID: requestID)
            _ = try await rounds.open(round.id, by: Self.province, actor: actor, requestID: requestID)
            return round
        }
        let first = try await decidedRound(firstYear, quota: 4)
        let past = try await decidedRound(lastYear, quota: 3)
        let offsets = [(-60, -30), (-29, -22), (-21, -15), (-14, -8), (-7, 14), (15, 25), (26, 35)]
        let current = try await rounds.create(input(year: today.year, title: ("\(today.year)年浙江精品（第一批）", "Zhejiang Quality \(today.year), first round"),
                                                    stages: offsets.map { (today.adding(days: $0.0), today.adding(days: $0.1)) }),
                                              actor: actor, requestID: requestID)
        _ = try await rounds.open(current.id, by: Self.province, actor: actor, requestID: requestID)

        // Hangzhou manufacturers with a product in a category the rounds accept, Xihu's first.
        let rows = try await services.database.sql.raw("""
            SELECT p.id AS product_id, p.category AS category, e.id AS enterprise_id, e.region_code AS county, e.city_code AS city
            FROM products p JOIN enterprises e ON e.id = p.enterprise_id
            WHERE e.city_code = '330100' AND p.category IN ('advanced_manufacturing', 'digital_fusion')
            ORDER BY CASE WHEN e.region_code = '330106' THEN 0 ELSE 1 END, e.credit_code, p.name
            """).all()
        var seen: Set<UUID> = []
        var candidates: [(product: UUID, category: String, enterprise: UUID, county: String, city: String)] = []
        for r in rows {
            let enterprise = try r.decode(column: "enterprise_id", as: UUID.self)
            guard seen.insert(enterprise).inserted else { continue }
            candidates.append((try r.decode(column: "product_id", as: UUID.self), try r.decode(column: "category", as: String.self), enterprise,
                               try r.decode(column: "county", as: String.self), try r.decode(column: "city", as: String.self)))
        }
        guard candidates.count >= 14 else { return }  // a tiny demo: no rounds to show
        let chosen = candidates

        let registry = RegistryService(database: services.database, rules: services.rules)
        let terms = try registry.terms(ruleSet: "designation.2025", on: day(lastYear, 7, 10))
        let lastPlan: [ApplicationStatus] = [.designated, .designated, .designated, .notDesignated, .countyRejected]
        let nowPlan: [ApplicationStatus] = [.submitted, .countyPassed, .inExpertReview, .inExpertReview, .inExpertReview, .inExpertReview, .inExpertReview]
        let inReview: [UUID] = try await services.database.db.transaction { tx in
            var inReview: [UUID] = []
            // The first round's four, issued before last year's so that its first product's designation is renewed by it. They
            // take last year's terms: the rule book's parameters start in 2025, and the demo's first round may be older.
            var earlier: [DesignationModel] = []
            for (i, c) in [chosen[0], chosen[3], chosen[12], chosen[13]].enumerated() {
                let id = try await insert(c, round: first, status: .designated, rank: i + 1, at: day(firstYear, 3, 20), stageEnd: day(firstYear, 7, 10), tx)
                if let a = try await ApplicationModel.find(id, on: tx) {
                    earlier.append(try await RegistryService.issue(a, seriesID: first.seriesId, year: firstYear, on: day(firstYear, 7, 10),
                                                                       terms: terms, at: day(firstYear, 7, 10).instant, tx))
                }
            }
            if earlier.count == 4 {
                let province = AuditActor.user("admin")
                try await RegistryService.record(.revoke(reason: "省级监督抽查两批次不合格，不再符合认定条件"), on: earlier[2], actor: province,
                                                     today: day(firstYear + 1, 9, 12), at: day(firstYear + 1, 9, 12).instant, requestID: requestID, tx)
                try await RegistryService.record(.cancel(reason: "企业申请注销：该产品已停产"), on: earlier[3], actor: province,
                                                     today: day(firstYear + 2, 3, 5), at: day(firstYear + 2, 3, 5).instant, requestID: requestID, tx)
                // Its validity ended without a renewal (it applied again last year and was not designated).
                let lapsed = try LocalDate(earlier[1].validUntil ?? "").adding(days: 1)
                try await RegistryService.record(.expire, on: earlier[1], actor: .system("lifecycle"), today: lapsed, at: lapsed.instant,
                                                     requestID: requestID, tx)
            }
            try await decisionRecords(first, year: firstYear, votesFor: 14, actor: actor, tx)
            var issued: [DesignationModel] = []
            for (i, (c, status)) in zip(chosen.prefix(5), lastPlan).enumerated() {
                let id = try await insert(c, round: past, status: status, rank: i + 1, at: day(lastYear, 3, 20), stageEnd: day(lastYear, 7, 10), tx)
                if status == .designated, let a = try await ApplicationModel.find(id, on: tx) {
                    issued.append(try await RegistryService.issue(a, seriesID: past.seriesId, year: lastYear, on: day(lastYear, 7, 10), terms: terms,
                                                                      at: day(lastYear, 7, 10).instant, tx))
                }
            }
            try await decisionRecords(past, year: lastYear, votesFor: 13, actor: actor, tx)
            var recommended = 0  // the city's list: ranks 1, 2, … for those it recommended
            for (c, status) in zip(chosen.dropFirst(5).prefix(7), nowPlan) {
                if ![.submitted, .countyPassed].contains(status) { recommended += 1 }
                let id = try await insert(c, round: current, status: status, rank: recommended, at: today.adding(days: -45), stageEnd: today.adding(days: -8), tx)
                if status == .inExpertReview { inReview.append(id) }
            }
            // The registry shows more than one state: the second in its annual review, the third suspended for a late review.
            if issued.count == 3 {
                try await RegistryService.record(.startReview, on: issued[1], actor: actor, today: today, at: Date(), requestID: requestID, tx)
                try await RegistryService.record(.suspend(reason: "年度复核材料逾期未提交", until: nil), on: issued[2], actor: actor, today: today,
                                                     at: Date(), requestID: requestID, tx)
            }
            try await AuditLog.append(AuditRecord(actor: actor, action: "demo.rounds", entityType: "database", entityID: "demo",
                                                  new: ["rounds": "3", "applications": "16", "designated": "7"], requestID: requestID), on: tx)
            return inReview
        }

        // The demo expert (Ningbo, so no conflict with Hangzhou applicants) on the five in review, published; two scored.
        guard let expertUser = try await UserModel.query(on: services.database.db).filter(\.$username == "expert").first() else { return }
        let review = ExpertReviewService(database: services.database, regions: services.reference.regions, rules: services.rules)
        let expert = try await review.register(userID: expertUser.id!, name: "评审专家", homeCity: "330200", sectors: ["manufacturing"], loadCap: 20,
                                               affiliations: [], actor: actor, requestID: requestID)
        // Invited to this year's round and accepted, as automatic assignment expects.
        let invitations = InvitationService(database: services.database)
        if let invitation = try await invitations.invite(roundID: current.id, expertIDs: [expert.id], actor: actor, requestID: requestID).first {
            _ = try await invitations.answer(invitation.id, userID: expertUser.id!, accept: true, reason: nil, actor: .user("expert"), requestID: requestID)
        }
        let assigned = try await review.assign(roundID: current.id, inReview.map { .init(applicationID: $0, expertID: expert.id, dismissReason: nil) },
                                               actor: actor, requestID: requestID)
        _ = try await review.publish(roundID: current.id, actor: actor, requestID: requestID)
        let scoring = ScoringService(database: services.database, rules: services.rules)
        for (a, bands) in zip(assigned.prefix(2), [[4, 3, 5], [3, 4, 2]]) {
            let entries = zip(["quality.system", "technology.innovation", "brand.reputation"], bands).map {
                ScoringService.Entry(indicatorId: $0, band: $1, comment: "示例评语")
            }
            _ = try await scoring.save(assignmentID: a.id, userID: expertUser.id!, entries: entries, submit: true, reason: nil, actor: .user("expert"),
                                       requestID: requestID)
        }
    }

    /// A decided round's public notice (16–24 June) and the committee's vote on it (15 members).
    private static func decisionRecords(_ round: RoundService.View, year: Int, votesFor: Int, actor: AuditActor, _ tx: any Database) async throws {
        let notice = NoticeModel()
        notice.id = UUID()
        notice.roundSeriesID = round.seriesId
        notice.publishedOn = try LocalDate(year: year, month: 6, day: 16).description
        notice.lastDay = try LocalDate(year: year, month: 6, day: 24).description
        notice.workingDays = 5
        notice.createdBy = actor.stored
        notice.createdAt = Date()
        try await notice.create(on: tx)
        let vote = CommitteeVoteModel()
        vote.id = UUID()
        vote.roundSeriesID = round.seriesId
        vote.members = 15
        vote.votesFor = votesFor
        vote.carries = true
        vote.recordedBy = actor.stored
        vote.recordedAt = Date()
        try await vote.create(on: tx)
    }

    /// The filed indicators the demo scorecard reads, whose values each application starts with.
    static let dataCodes: [String] = {
        var ignored: [FieldError] = []
        return ApplicationEvidence.dataIndicators(input(year: 2025, title: ("", ""), stages: []).scorecard.domain(&ignored)).map(\.code)
    }()

    /// An application in `status`, with the history that led there, dated from `at` through `stageEnd`;
    /// `rank` is its place on its city's recommendation list, if it got that far.
    private static func insert(_ c: (product: UUID, category: String, enterprise: UUID, county: String, city: String), round: RoundService.View,
                               status: ApplicationStatus, rank: Int, at: LocalDate, stageEnd: LocalDate, _ tx: any Database) async throws -> UUID {
        let steps: [ApplicationStep] = switch status {
        case .submitted: [.submit]
        case .countyPassed: [.submit, .countyPass]
        case .countyRejected: [.submit, .countyReject]
        case .inExpertReview: [.submit, .countyPass, .cityRecommend, .formalPass, .startExpertReview]
        case .notDesignated: [.submit, .countyPass, .cityRecommend, .formalPass, .startExpertReview, .propose, .notDesignate]
        default: [.submit, .countyPass, .cityRecommend, .formalPass, .startExpertReview, .propose, .designate]
        }
        let id = UUID()
        let start = at.instant
        let m = ApplicationModel()
        m.id = id
        m.roundID = round.id
        m.roundSeriesID = round.seriesId
        m.enterpriseID = c.enterprise
        m.productID = c.product
        m.countyCode = c.county
        m.cityCode = c.city
        m.category = c.category
        m.status = status.rawValue
        m.productSalesFen = 1_200_000_000
        m.launchDate = at.adding(days: -500).description
        m.declaresTruthful = true
        m.declaresNoVeto = true
        m.createdBy = "system:demo"
        m.createdAt = start
        m.updatedAt = start
        m.submittedAt = start
        if steps.contains(.cityRecommend) { m.cityRank = rank }
        try await m.create(on: tx)
        try await ApplicationEvidence.prefill(applicationID: id, enterpriseID: c.enterprise, codes: dataCodes, year: round.year - 1, at: start, tx)
        try await DemoEvidence.attach(to: id, at: start, tx)
        var from = ApplicationStatus.draft
        let span = max(1, stageEnd.daysSince(at))
        for (i, step) in steps.enumerated() {
            let e = ApplicationEventModel()
            e.id = UUID()
            e.applicationID = id
            e.step = step.rawValue
            e.fromStatus = from.rawValue
            e.toStatus = step.transition.to.rawValue
            e.actor = "system:demo"
            e.reason = step.needsReason ? (step == .countyReject ? "产品检测报告过期，且近三年研发投入强度不足" : "公示期间异议经核实成立") : nil
            e.at = at.adding(days: span * i / max(1, steps.count - 1)).instant
            try await e.create(on: tx)
            from = step.transition.to
        }
        return id
    }

    /// The demo rounds' configuration: quality, technology and brand, with expert and data indicators.
    static func input(year: Int, title: (String, String), stages: [(LocalDate, LocalDate)], quota: Int = 3) -> RoundInput {
        let bands = ["未体现", "初步", "基本", "良好", "优秀", "卓越"].enumerated().map { BandDescriptor(zh: $1, en: "band \($0)") }
        func expert(_ id: String, _ zh: String, _ en: String, _ weight: Int) -> RoundInput.IndicatorInput {
            .init(id: id, labelZh: zh, labelEn: en, weightBP: weight, source: "expert", dataIndicator: nil, normalisation: "banded", bands: bands,
                  baseline: nil, leading: nil)
        }
        return RoundInput(
            year: year, titleZh: title.0, titleEn: title.1, sectors: ["manufacturing"], categories: ["advanced_manufacturing", "digital_fusion"],
            stages: zip(RoundStage.Kind.allCases, stages).map { .init(kind: $0.rawValue, opens: $1.0.description, deadline: $1.1.description) },
            eligibilityRuleSet: "designation.2025",
            scorecard: .init(pillars: [
                .init(kind: "quality", weightBP: 4000, indicators: [
                    expert("quality.system", "质量管理体系", "Quality management system", 6000),
                    .init(id: "quality.defect_rate", labelZh: "产品不良率", labelEn: "Defect rate", weightBP: 4000, source: "data", dataIndicator: "defect_rate",
                          normalisation: "linear", bands: nil, baseline: 300, leading: 10),
                ]),
                .init(kind: "technology_rd", weightBP: 3500, indicators: [
                    expert("technology.innovation", "技术创新能力", "Innovation", 5000),
                    .init(id: "technology.patents", labelZh: "发明专利", labelEn: "Invention patents", weightBP: 5000, source: "data",
                          dataIndicator: "invention_patents", normalisation: "rank_within_sector", bands: nil, baseline: nil, leading: nil),
                ]),
                .init(kind: "brand_influence", weightBP: 2500, indicators: [expert("brand.reputation", "品牌美誉度", "Brand reputation", 10_000)]),
            ]),
            quota: quota, noticeWorkingDays: 5, voteThreshold: .init(numerator: 2, denominator: 3), tieBreaks: ["pillar:quality", "earlier_submission"],
            sameCityConflicts: true, divergenceThresholdPoints: 20, cityQuota: 6)
    }
}

extension LocalDate {
    /// Midday of this day in Asia/Shanghai, as an instant.
    var instant: Date {
        var c = DateComponents()
        c.year = year
        c.month = month
        c.day = day
        c.hour = 12
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .shanghai
        return calendar.date(from: c) ?? Date()
    }
}
