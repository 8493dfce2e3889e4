import HTTPTypes
import Hummingbird

/// Header names of ours, parsed once: `HTTPField.Name("…")` validates and lowercases its text,
/// which every answer would otherwise pay again.
extension HTTPField.Name {
    static let requestID = HTTPField.Name("X-Request-ID")!
    static let csrfToken = HTTPField.Name("X-CSRF-Token")!
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!
}

extension Request {
    /// The value of cookie `name`, or nil. Most requests to the API and the public pages carry no
    /// cookie at all, so the header is looked for before any parsing.
    func cookie(_ name: String) -> String? {
        guard headers[.cookie] != nil else { return nil }
        return cookies[name]?.value
    }
}
