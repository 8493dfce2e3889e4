import Foundation
import Hummingbird
import JingpinCore

/// The limits per client on what anyone may do without logging in — each defined once. An API
/// route declares its limit where it is registered (`RouteDoc.limit`): the route table checks it
/// before the handler and the OpenAPI document lists the 429. A form page checks the same limit
/// inside its handler, so a refused form comes back with what was typed.
enum PublicLimit: Sendable {
    /// Verifications of a product's code, per minute.
    case verification
    /// Objections to a public notice, per hour.
    case objection
    /// Reports of suspected fakes, per hour (counted beside objections, with their limit).
    case counterfeitReport

    /// Counts one attempt for the caller's address; 429 (`AppError.tooManyRequests`) when the
    /// address has used up its window.
    func admit(_ services: AppServices, _ context: AppRequestContext) throws {
        let address = context.remoteAddress ?? "unknown"
        switch self {
        case .verification:
            let n = services.settings.publicVerificationsPerMinute
            try services.verificationLimiter.admit(address) { seconds in Message("limit.verification", "\(n)", "\(seconds)") }
        case .objection:
            let n = services.settings.publicObjectionsPerHour
            try services.objectionLimiter.admit(address) { seconds in Message("limit.objection", "\(n)", "\((seconds + 59) / 60)") }
        case .counterfeitReport:
            let n = services.settings.publicObjectionsPerHour
            try services.objectionLimiter.admit("fake:" + address) { _ in Message("limit.counterfeit_report", "\(n)") }
        }
    }
}
