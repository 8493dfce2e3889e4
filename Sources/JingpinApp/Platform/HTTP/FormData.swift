import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body as ordered key–value pairs.
/// Repeated keys keep every value (for multi-selects).
public struct FormData: Sendable {
    /// The pairs in the order they were sent.
    public let pairs: [(String, String)]

    /// Parses a body; `+` is a space and `%XX` is a byte, as browsers send forms.
    public init(_ text: String) {
        pairs = text.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            return (decode(kv[0]), kv.count > 1 ? decode(kv[1]) : "")
        }
    }

    /// The first value for a key.
    public subscript(_ key: String) -> String? { pairs.first { $0.0 == key }?.1 }

    /// Whether the request carries a form body.
    static func isForm(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
    }

    /// Reads a request's form body (after the CSRF middleware collated it).
    static func read(_ request: Request, context: AppRequestContext) async throws -> FormData {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return FormData(String(buffer: buffer))
    }
}
