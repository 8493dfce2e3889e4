import FluentKit
import Foundation
import JingpinCore

/// Reminds experts of scoring they have not submitted: once in the week before the expert-review
/// deadline, once in the last three days, and once when it is overdue — each an in-app
/// notification and a row in the mail outbox. Run daily (`jingpin reminders run`); a run that
/// is missed or repeated changes nothing, because each reminder is keyed by assignment and kind.
struct ReminderService {
    let database: DatabaseService
    let rules: RuleBook

    /// Which reminder is due for a deadline on `deadline`, seen on `today`.
    enum Kind: String, Sendable {
        case dueInSevenDays = "due_in_7"
        case dueInThreeDays = "due_in_3"
        case overdue

        /// The reminder due on `today`, if any: from 7 days before, from 3 days before, after.
        static func due(today: LocalDate, deadline: LocalDate) -> Kind? {
            let left = deadline.daysSince(today)
            if left < 0 { return .overdue }
            if left <= 3 { return .dueInThreeDays }
            if left <= 7 { return .dueInSevenDays }
            return nil
        }
    }

    /// Sends the reminders due on `today`; returns how many were new. The run is audited.
    func run(today: LocalDate, actor: AuditActor, requestID: String) async throws -> Int {
        var sent = 0
        for round in try await RoundModel.query(on: database.db).filter(\.$status == .open).all() {
            let configuration = try RoundConfigurations.configuration(round, rules)
            guard let deadline = configuration.stage(.expertReview)?.deadline, let kind = Kind.due(today: today, deadline: deadline) else { continue }
            for assignment in try await AssignmentModel.query(on: database.db).filter(\.$roundSeriesID == round.seriesID)
                .filter(\.$published == true).all() {
                let sheet = try await ScoreSheetModel.query(on: database.db).filter(\.$assignmentID == assignment.id!).first()
                guard sheet?.status != .submitted, let expert = try await ExpertModel.find(assignment.expertID, on: database.db) else { continue }
                let key = "\(assignment.id!.uuidString):\(kind.rawValue)"
                if try await NotificationModel.query(on: database.db).filter(\.$userID == expert.userID).filter(\.$dedupeKey == key).first() != nil {
                    continue
                }
                let (zh, en) = Self.subject(kind, round: round.titleZh, roundEn: round.titleEn, deadline: deadline)
                let now = Date()
                try await database.db.transaction { tx in
                    let n = NotificationModel()
                    n.id = UUID()
                    n.userID = expert.userID
                    n.kind = kind.rawValue
                    n.dedupeKey = key
                    n.subjectZh = zh
                    n.subjectEn = en
                    n.link = "/api/v1/my/assignments/\(assignment.id!.uuidString)/scores"
                    n.createdAt = now
                    try await n.create(on: tx)
                    let mail = OutboxModel()
                    mail.id = UUID()
                    mail.notificationID = n.id!
                    mail.toUserID = expert.userID
                    mail.subject = zh
                    mail.body = "\(zh)\n\(en)"
                    mail.createdAt = now
                    try await mail.create(on: tx)
                }
                sent += 1
            }
        }
        try await AuditLog.append(AuditRecord(actor: actor, action: "reminders.run", entityType: "notifications", entityID: today.description,
                                              new: ["sent": "\(sent)"], requestID: requestID), on: database.db)
        return sent
    }

    static func subject(_ kind: Kind, round: String, roundEn: String, deadline: LocalDate) -> (String, String) {
        switch kind {
        case .dueInSevenDays: ("「\(round)」专家评分将于 \(deadline) 截止，请按时提交", "Scoring for \(roundEn) closes on \(deadline): please submit in time")
        case .dueInThreeDays: ("「\(round)」专家评分 3 天内截止（\(deadline)），尚未提交", "Scoring for \(roundEn) closes within 3 days (\(deadline)) and is not submitted")
        case .overdue: ("「\(round)」专家评分已逾期（截止 \(deadline)），请尽快提交", "Scoring for \(roundEn) is overdue (closed \(deadline)): please submit now")
        }
    }

    /// A user's notifications, newest first.
    func notifications(userID: UUID, language: Language) async throws -> [NotificationView] {
        try await NotificationModel.query(on: database.db).filter(\.$userID == userID).sort(\.$createdAt, .descending).all().map {
            NotificationView(id: $0.id!, kind: $0.kind, subject: language.pick(zh: $0.subjectZh, en: $0.subjectEn), link: $0.link, read: $0.readAt != nil)
        }
    }

    /// A notification as its reader sees it.
    struct NotificationView: Codable, Sendable {
        let id: UUID
        /// What it is about, e.g. `deadline_reminder`.
        let kind: String
        /// In the reader's language.
        let subject: String
        /// Where to go about it.
        let link: String?
        /// Whether the reader has marked it read.
        let read: Bool
    }

    /// Marks one of the user's notifications read.
    func markRead(_ id: UUID, userID: UUID, actor: AuditActor, requestID: String) async throws {
        guard let n = try await NotificationModel.find(id, on: database.db), n.userID == userID else { throw AppError.notFound }
        guard n.readAt == nil else { return }
        n.readAt = Date()
        try await database.db.transaction { tx in
            try await n.update(on: tx)
            try await AuditLog.append(AuditRecord(actor: actor, action: "notification.read", entityType: "notification", entityID: id.uuidString,
                                                  new: ["read": "true"], requestID: requestID), on: tx)
        }
    }
}
