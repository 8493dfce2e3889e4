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
        let l = context.language
        switch self {
        case .verification:
            let n = services.settings.publicVerificationsPerMinute
            try services.verificationLimiter.admit(address) { seconds in
                l == .en ? "Too many verifications from your connection: at most \(n) a minute. Please try again in \(seconds) seconds."
                         : "您的网络连接验证过于频繁：每分钟最多 \(n) 次。请在 \(seconds) 秒后再试。"
            }
        case .objection:
            let n = services.settings.publicObjectionsPerHour
            try services.objectionLimiter.admit(address) { seconds in
                let minutes = (seconds + 59) / 60
                return l == .en
                    ? "Too many objections from your connection: at most \(n) an hour. Please try again in \(minutes) minutes; what you wrote is kept below."
                    : "您的网络连接提交异议过于频繁：每小时最多 \(n) 次。请在 \(minutes) 分钟后再试，您填写的内容保留在下方。"
            }
        case .counterfeitReport:
            let n = services.settings.publicObjectionsPerHour
            try services.objectionLimiter.admit("fake:" + address) { _ in
                l == .en ? "Too many reports from your connection: at most \(n) an hour. Please try again later; what you wrote is kept below."
                         : "您的网络连接提交举报过于频繁：每小时最多 \(n) 次。请稍后再试，您填写的内容保留在下方。"
            }
        }
    }
}
