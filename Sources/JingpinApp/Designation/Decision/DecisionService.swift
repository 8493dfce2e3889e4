import FluentKit
import Foundation
import JingpinCore

/// From scores to designations: ranking the round, the public notice (公示) with objections, the
/// committee's vote, and the decision that designates the proposed products.
struct DecisionService {
    /// The role whose steps ranking and deciding are in the applications' workflow: the province's
    /// (these routes admit only the province; the demo plays its part).
    static let role = Role.provinceAdmin

    let database: DatabaseService
    let rules: RuleBook
    let reference: ReferenceData
    /// The clock; tests pass their own.
    var now: @Sendable () -> Date = { Date() }

    /// One application's place in the ranking.
    struct RankedView: Codable, Sendable {
        let applicationId: UUID
        let rank: Int
        /// The composite (the experts' trimmed-mean points), two decimals.
        let points: String
        let proposed: Bool
        /// Each pillar's trimmed-mean score (out of 100), two decimals, in the scorecard's order.
        let pillars: [PillarPoints]
    }

    /// A pillar's score in the ranking.
    struct PillarPoints: Codable, Sendable {
        let pillar: String
        let points: String
    }

    /// The notice as the public sees it: no scores, no contacts.
    struct NoticeView: Codable, Sendable {
        let roundId: UUID
        let title: String
        let publishedOn: String
        let lastDay: String
        let products: [Item]

        struct Item: Codable, Sendable {
            let applicationId: UUID
            let product: String
            let enterprise: String
            let city: String
        }
    }

    /// An objection as the province sees it (with contacts).
    struct ObjectionView: Codable, Sendable {
        let id: UUID
        let applicationId: UUID
        let text: String
        let contactName: String
        let contactPhone: String
        let filedAt: Date
        let status: ObjectionStatus
        let outcome: String?
    }

    /// The outcome of the decision.
    struct DecisionView: Codable, Sendable {
        let designated: [UUID]
        let notDesignated: [UUID]
    }

    // MARK: Ranking

    /// Ranks the round's applications in expert review by their composite — the experts'
    /// trimmed-mean points on the expert-scored indicators (or the lead's consensus score where
    /// one is recorded) plus the data-derived indicators' points from the applications' values
    /// (`ApplicationEvidence.dataScores`) — then the round's tie-breaks; the first `quota` are
    /// proposed. With `apply`, each is moved
    /// to proposed or not proposed (recorded and audited); otherwise nothing changes.
    func rank(roundID: UUID, apply: Bool, actor: AuditActor, requestID: String) async throws -> [RankedView] {
        let (round, configuration) = try await openVersion(of: roundID)
        let applications = try await ApplicationModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID)
            .filter(\.$status == ApplicationStatus.inExpertReview.rawValue).all()
        guard !applications.isEmpty else { throw AppError.conflict(Message("decision.conflict.none_in_review")) }
        let (views, unscored) = try await ranked(applications, configuration)
        guard unscored.isEmpty else { throw AppError.conflict(Message("decision.conflict.unscored", "\(unscored.map(\.uuidString).joined(separator: ", "))")) }
        if apply {
            let byID = Dictionary(uniqueKeysWithValues: applications.map { ($0.id!, $0) })
            let at = now()
            try await database.db.transaction { tx in
                // A second ranking or a decision at the same time waits here; each application is read
                // again under the lock, so the workflow's from-state check sees what the other wrote.
                try await RowLock.lock(RoundModel.schema, where: "series_id", equals: round.seriesID, on: tx)
                for v in views {
                    guard byID[v.applicationId] != nil, let m = try await ApplicationModel.find(v.applicationId, on: tx) else { continue }
                    let step: ApplicationStep = v.proposed ? .propose : .notPropose
                    try await ApplicationService.record(step, on: m, by: Self.role,
                                                        reason: v.proposed ? nil : "rank \(v.rank) of \(views.count), quota \(configuration.quota)",
                                                        actor: actor, at: at, requestID: requestID, tx)
                }
            }
        }
        return views
    }

    /// The standing ranking of every scored application that reached expert review (in review,
    /// proposed or not, designated or not), for the pages and exports after the proposal was
    /// applied; changes nothing. `unscored` lists those without a submitted sheet.
    func standings(roundID: UUID) async throws -> (ranked: [RankedView], unscored: [UUID], quota: Int) {
        let (round, configuration) = try await openVersion(of: roundID)
        let reached: [ApplicationStatus] = [.inExpertReview, .proposed, .notProposed, .designated, .notDesignated]
        let applications = try await ApplicationModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID)
            .filter(\.$status ~~ reached.map(\.rawValue)).all()
        let (views, unscored) = try await ranked(applications, configuration)
        return (views, unscored, configuration.quota)
    }

    /// Ranks `applications` by their experts' trimmed-mean points and the round's tie-breaks;
    /// the first `quota` are proposed. Applications without a submitted sheet are left out and named.
    private func ranked(_ applications: [ApplicationModel], _ configuration: RoundConfiguration) async throws -> ([RankedView], [UUID]) {
        var entries: [Ranking.Entry] = []
        var unscored: [UUID] = []
        let scoring = ScoringService(database: database, rules: rules)
        let dataScores = try await ApplicationEvidence.dataScores(applications, configuration.scorecard, on: database.db)
        // A recorded consensus score counts instead of the trimmed mean; the pillars (for the
        // tie-breaks) stay the trimmed means of the sheets, as a consensus is one figure.
        let agreed = try await ConsensusService(database: database, rules: rules).scores(applications.map { $0.id! })
        for a in applications {
            let scores = try await scoring.submittedSheets(applicationID: a.id!, scorecard: configuration.scorecard).map(\.score)
            guard let total = agreed[a.id!] ?? ScoreAggregation.trimmedMean(scores.map(\.total)) else {
                unscored.append(a.id!)
                continue
            }
            let pillars = configuration.scorecard.pillars.map { p in
                (kind: p.kind, score: ScoreAggregation.trimmedMean(scores.compactMap { $0.pillar(p.kind) }) ?? .zero)
            }
            let code = try await EnterpriseModel.find(a.enterpriseID, on: database.db)?.creditCode ?? ""
            entries.append(Ranking.Entry(id: a.id!.uuidString, creditCode: code, submittedAt: Int64((a.submittedAt ?? a.createdAt).timeIntervalSince1970),
                                         score: CompositeScore(total: total, pillars: pillars).adding(dataScores[a.id!] ?? CompositeScore(total: .zero, pillars: []))))
        }
        let ordered = Ranking.order(entries, tieBreaks: configuration.tieBreaks)
        let views = ordered.enumerated().map { i, e in
            RankedView(applicationId: UUID(uuidString: e.id)!, rank: i + 1, points: e.score.total.description, proposed: i < configuration.quota,
                       pillars: e.score.pillars.map { PillarPoints(pillar: $0.kind.rawValue, points: $0.score.description) })
        }
        return (views, unscored)
    }

    // MARK: Notice and objections

    /// Publishes the notice of the proposed list on `publishedOn`; it runs the round's number of
    /// working days, counted with the holiday calendar.
    func publishNotice(roundID: UUID, publishedOn: LocalDate, actor: AuditActor, requestID: String) async throws -> NoticeView {
        let (round, configuration) = try await openVersion(of: roundID)
        if try await NoticeModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).first() != nil {
            throw AppError.conflict(Message("decision.conflict.notice_published"))
        }
        guard try await ApplicationModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID)
            .filter(\.$status == ApplicationStatus.proposed.rawValue).count() > 0 else {
            throw AppError.conflict(Message("decision.conflict.none_proposed"))
        }
        let lastDay: LocalDate
        do {
            lastDay = try PublicNotice.lastDay(publishedOn: publishedOn, workingDays: configuration.noticeWorkingDays, calendar: reference.calendar)
        } catch {
            throw AppError.validation([FieldError(field: "publishedOn", code: "calendar", message: error.message)])
        }
        let m = NoticeModel()
        m.id = UUID()
        m.roundSeriesID = round.seriesID
        m.publishedOn = publishedOn.description
        m.lastDay = lastDay.description
        m.workingDays = configuration.noticeWorkingDays
        m.createdBy = actor.stored
        m.createdAt = now()
        try await database.db.transaction { tx in
            try await m.create(on: tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "notice.publish", entityType: "designation_round", entityID: roundID.uuidString,
                                                  new: ["publishedOn": m.publishedOn, "lastDay": m.lastDay, "workingDays": "\(m.workingDays)"],
                                                  requestID: requestID), on: tx)
        }
        return try await notice(roundID: roundID)
    }

    /// The published notice of the round, for anyone.
    func notice(roundID: UUID) async throws -> NoticeView {
        guard let round = try await RoundModel.find(roundID, on: database.db),
              let notice = try await NoticeModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).first() else {
            throw AppError.notFound
        }
        var items: [NoticeView.Item] = []
        for a in try await ApplicationModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID)
            .filter(\.$status ~~ [ApplicationStatus.proposed.rawValue, ApplicationStatus.designated.rawValue, ApplicationStatus.notDesignated.rawValue])
            .sort(\.$createdAt).all() {
            let product = try await ProductModel.find(a.productID, on: database.db)
            let enterprise = try await EnterpriseModel.find(a.enterpriseID, on: database.db)
            let city = (try? RegionCode(a.cityCode)).flatMap { reference.regions.region($0) }?.nameZh ?? a.cityCode
            items.append(.init(applicationId: a.id!, product: product?.name ?? "", enterprise: enterprise?.name ?? "", city: city))
        }
        return NoticeView(roundId: roundID, title: round.titleZh, publishedOn: notice.publishedOn, lastDay: notice.lastDay, products: items)
    }

    /// Files an objection to a proposed product during the notice period; anyone may, with a
    /// name and a phone number that only the province sees.
    func object(roundID: UUID, applicationID: UUID, text: String, contactName: String, contactPhone: String, requestID: String) async throws -> UUID {
        guard let round = try await RoundModel.find(roundID, on: database.db),
              let notice = try await NoticeModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).first() else {
            throw AppError.notFound
        }
        let today = LocalDate(instant: now(), timeZone: .shanghai).description
        guard notice.publishedOn <= today && today <= notice.lastDay else {
            throw AppError.conflict(Message("decision.conflict.outside_notice", "\(notice.publishedOn)", "\(notice.lastDay)"))
        }
        var errors: [FieldError] = []
        let application = try await ApplicationModel.find(applicationID, on: database.db)
        if application?.roundSeriesID != round.seriesID || application?.status != ApplicationStatus.proposed.rawValue {
            errors.append(FieldError(field: "applicationId", code: "not_on_notice", "decision.error.not_on_notice"))
        }
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if body.isEmpty || body.count > 2000 {
            errors.append(FieldError(field: "text", code: "invalid_text", "decision.error.invalid_text"))
        }
        let name = contactName.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 100 { errors.append(FieldError(field: "contactName", code: "required", "decision.error.required.2")) }
        let phone = contactPhone.trimmingCharacters(in: .whitespacesAndNewlines)
        if phone.count < 7 || phone.count > 20 || !phone.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == " " }) {
            errors.append(FieldError(field: "contactPhone", code: "invalid_phone", "decision.error.invalid_phone"))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let m = ObjectionModel()
        let id = UUID()
        m.id = id
        m.roundSeriesID = round.seriesID
        m.applicationID = applicationID
        m.text = body
        m.contactName = name
        m.contactPhone = phone
        m.filedAt = now()
        m.status = .open
        try await database.db.transaction { tx in
            try await m.create(on: tx)
            // The audit log records that an objection was filed, not who filed it.
            try await AuditLog.append(AuditRecord(actor: .system("public"), action: "objection.file", entityType: "objection", entityID: id.uuidString,
                                                  new: ["applicationId": applicationID.uuidString], requestID: requestID), on: tx)
        }
        return id
    }

    /// The round's objections, with contacts (the province).
    func objections(roundID: UUID) async throws -> [ObjectionView] {
        guard let round = try await RoundModel.find(roundID, on: database.db) else { throw AppError.notFound }
        return try await ObjectionModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).sort(\.$filedAt).all().map {
            ObjectionView(id: $0.id!, applicationId: $0.applicationID, text: $0.text, contactName: $0.contactName, contactPhone: $0.contactPhone,
                          filedAt: $0.filedAt, status: $0.status, outcome: $0.outcome)
        }
    }

    /// Records the investigation's outcome of an objection: upheld (the product will not be
    /// designated) or dismissed, with what was found.
    func decideObjection(_ id: UUID, upheld: Bool, outcome: String, identity: Identity, requestID: String) async throws -> ObjectionView {
        guard try await ObjectionModel.find(id, on: database.db) != nil else { throw AppError.notFound }
        let text = outcome.trimmingCharacters(in: .whitespacesAndNewlines)
        let m: ObjectionModel = try await database.db.transaction { tx in
            // Read under the lock, so two findings at once cannot both start from `open`.
            try await RowLock.lock(ObjectionModel.schema, where: "id", equals: id, on: tx)
            guard let m = try await ObjectionModel.find(id, on: tx) else { throw AppError.notFound }
            let old = m.status
            m.status = try Workflow.take(upheld ? ObjectionStep.uphold : .dismiss, from: old, by: Workflow.actor(identity),
                                         reason: text, reasonField: "outcome")
            m.outcome = text
            m.decidedBy = identity.actor.stored
            m.decidedAt = now()
            try await m.update(on: tx)
            try await AuditLog.append(AuditRecord(actor: identity.actor, action: "objection.\(m.status.rawValue)", entityType: "objection",
                                                  entityID: id.uuidString, old: ["status": old.rawValue],
                                                  new: ["status": m.status.rawValue, "outcome": text], requestID: requestID), on: tx)
            return m
        }
        return ObjectionView(id: id, applicationId: m.applicationID, text: m.text, contactName: m.contactName, contactPhone: m.contactPhone,
                             filedAt: m.filedAt, status: m.status, outcome: m.outcome)
    }

    // MARK: Committee and decision

    /// Records the committee's vote; whether it carries is checked against the round's threshold.
    func recordVote(roundID: UUID, members: Int, votesFor: Int, actor: AuditActor, requestID: String) async throws -> CommitteeVote {
        let (round, configuration) = try await openVersion(of: roundID)
        var errors: [FieldError] = []
        if !(1...99).contains(members) { errors.append(FieldError(field: "members", code: "out_of_range", "decision.error.out_of_range.2")) }
        if votesFor < 0 || votesFor > members {
            errors.append(FieldError(field: "votesFor", code: "out_of_range", "decision.error.out_of_range"))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        if try await CommitteeVoteModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).first() != nil {
            throw AppError.conflict(Message("decision.conflict.vote_recorded"))
        }
        let m = CommitteeVoteModel()
        m.id = UUID()
        m.roundSeriesID = round.seriesID
        m.members = members
        m.votesFor = votesFor
        m.carries = configuration.voteCarries(votesFor: votesFor, members: members)
        m.recordedBy = actor.stored
        m.recordedAt = now()
        let vote = CommitteeVote(members: members, votesFor: votesFor, carries: m.carries,
                                 threshold: "\(configuration.voteThreshold.numerator)/\(configuration.voteThreshold.denominator)")
        let record = ["members": "\(members)", "votesFor": "\(votesFor)", "carries": "\(m.carries)", "threshold": vote.threshold]
        try await database.db.transaction { tx in
            try await m.create(on: tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "committee.vote", entityType: "designation_round", entityID: roundID.uuidString,
                                                  new: record, requestID: requestID), on: tx)
        }
        return vote
    }

    /// The decision: after the notice has ended, every objection is decided and the committee's
    /// vote carries, each proposed product is designated — unless an objection to it was upheld —
    /// and gets its designation record.
    func decide(roundID: UUID, actor: AuditActor, requestID: String) async throws -> DecisionView {
        let (round, configuration) = try await openVersion(of: roundID)
        guard let notice = try await NoticeModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).first() else {
            throw AppError.conflict(Message("decision.conflict.notice_first"))
        }
        let today = LocalDate(instant: now(), timeZone: .shanghai)
        guard today.description > notice.lastDay else { throw AppError.conflict(Message("decision.conflict.notice_running", "\(notice.lastDay)")) }
        let objections = try await ObjectionModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).all()
        guard !objections.contains(where: { $0.status == .open }) else { throw AppError.conflict(Message("decision.conflict.objections_open")) }
        guard let vote = try await CommitteeVoteModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).first() else {
            throw AppError.conflict(Message("decision.conflict.vote_first"))
        }
        guard vote.carries else { throw AppError.conflict(Message("decision.conflict.vote_fails", "\(vote.votesFor)", "\(vote.members)")) }
        let upheld = Dictionary(grouping: objections.filter { $0.status == .upheld }, by: \.applicationID)
        let proposed = try await ApplicationModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID)
            .filter(\.$status == ApplicationStatus.proposed.rawValue).all()
        guard !proposed.isEmpty else { throw AppError.conflict(Message("decision.conflict.decided")) }
        // Validity and review grace from the round's rule set as in force on the decision day.
        let terms = try RegistryService(database: database, rules: rules).terms(ruleSet: configuration.eligibilityRuleSet, on: today)
        let at = now()
        return try await database.db.transaction { tx in
            // Two decisions at once: the second waits, then finds the applications no longer proposed.
            try await RowLock.lock(RoundModel.schema, where: "series_id", equals: round.seriesID, on: tx)
            var designated: [UUID] = []
            var refused: [UUID] = []
            for read in proposed {
                guard let a = try await ApplicationModel.find(read.id!, on: tx) else { continue }
                if let found = upheld[a.id!] {
                    try await ApplicationService.record(.notDesignate, on: a, by: Self.role,
                                                        reason: "objection upheld: \(found.compactMap(\.outcome).joined(separator: "; "))",
                                                        actor: actor, at: at, requestID: requestID, tx)
                    refused.append(a.id!)
                } else {
                    try await ApplicationService.record(.designate, on: a, by: Self.role, reason: nil, actor: actor, at: at, requestID: requestID, tx)
                    _ = try await RegistryService.issue(a, seriesID: round.seriesID, year: round.year, on: today, terms: terms, at: at, tx)
                    designated.append(a.id!)
                }
            }
            try await AuditLog.append(AuditRecord(actor: actor, action: "round.decide", entityType: "designation_round", entityID: roundID.uuidString,
                                                  new: ["designated": "\(designated.count)", "notDesignated": "\(refused.count)"], requestID: requestID), on: tx)
            return DecisionView(designated: designated, notDesignated: refused)
        }
    }

    // MARK: Where the decision stands

    /// The round's notice, vote and designations as they stand, for the pages and exports.
    struct Progress: Sendable {
        let notice: (publishedOn: String, lastDay: String, workingDays: Int)?
        let vote: (members: Int, votesFor: Int, carries: Bool)?
        /// Designation record id by application id.
        let designations: [UUID: UUID]
        let openObjections: Int
    }

    /// What has been done so far towards the round's decision (any version of the round).
    func progress(roundID: UUID) async throws -> Progress {
        guard let round = try await RoundModel.find(roundID, on: database.db) else { throw AppError.notFound }
        let notice = try await NoticeModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).first()
        let vote = try await CommitteeVoteModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).first()
        let designations = try await DesignationModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).all()
        let open = try await ObjectionModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID).filter(\.$status == .open).count()
        return Progress(notice: notice.map { ($0.publishedOn, $0.lastDay, $0.workingDays) },
                        vote: vote.map { ($0.members, $0.votesFor, $0.carries) },
                        designations: Dictionary(designations.map { ($0.applicationID, $0.id!) }, uniquingKeysWith: { a, _ in a }),
                        openObjections: open)
    }

    private func openVersion(of roundID: UUID) async throws -> (RoundModel, RoundConfiguration) {
        guard let given = try await RoundModel.find(roundID, on: database.db),
              let round = try await RoundConfigurations.openVersion(of: given.seriesID, on: database.db) else {
            throw AppError.notFound
        }
        return (round, try RoundConfigurations.configuration(round, rules))
    }
}
