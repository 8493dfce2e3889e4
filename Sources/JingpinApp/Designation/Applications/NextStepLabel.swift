import Foundation
import JingpinCore

/// "Who acts next, by when": the stage an application waits on, its deadline, and the working
/// days left (counted with the holiday calendar) or overdue — so the status is never just a word.
struct NextStepLabel {
    let views: Views
    let calendar: WorkingDayCalendar

    /// The label for an application in `status` under `configuration` on `today`; empty once final.
    func text(_ status: ApplicationStatus, _ configuration: RoundConfiguration, today: LocalDate, _ l: Language) -> String {
        guard let next = status.next else { return "" }
        let who = views.t("application.next.\(next.stage.rawValue)", l)
        guard let deadline = configuration.stage(next.stage)?.deadline else { return who }
        var out = who + " · " + String(format: views.t("application.nextBy", l), deadline.description)
        if deadline < today {
            out += " · " + views.t("application.overdue", l)
        } else if let left = try? calendar.workingDays(after: today, through: deadline) {
            out += " · " + String(format: views.t("application.workingDaysLeft", l), "\(left)")
        }
        return out
    }
}
