import Foundation
import Hummingbird
import JingpinCore

/// A JSON request body read leniently: any scalar is accepted where text is expected
/// (`true`, `12`), so clients get field errors, not a parse failure, for near-misses.
struct JSONInput {
    let object: [String: Any]

    /// Reads the body; anything but a JSON object is a 400.
    static func read(_ request: Request, context: AppRequestContext) async throws -> JSONInput {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let data = Data(buffer: buffer)
        let l = context.language
        guard !data.isEmpty else {
            throw AppError.malformed(l == .en ? "The request body is empty; send a JSON object." : "请求体为空，请发送 JSON 对象。")
        }
        guard let parsed = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw AppError.malformed(l == .en ? "The request body is not valid JSON." : "请求体不是有效的 JSON。")
        }
        guard let object = parsed as? [String: Any] else {
            throw AppError.malformed(l == .en ? "The request body must be a JSON object." : "请求体必须是 JSON 对象。")
        }
        return JSONInput(object: object)
    }

    /// Whether the key was sent at all (PATCH merges only what was sent).
    func has(_ key: String) -> Bool { object[key] != nil }

    /// A field as text; objects and arrays are refused with a field error.
    func text(_ key: String, errors: inout [FieldError]) -> String? {
        switch object[key] {
        case nil, is NSNull: return nil
        case let s as String: return s
        case let n as NSNumber:
            // JSON booleans arrive as NSNumber with the C type "c" (char); numbers never do.
            if String(cString: n.objCType) == "c" { return n.boolValue ? "true" : "false" }
            return n.stringValue
        default:
            errors.append(FieldError(field: key, code: "wrong_type", zh: "该字段应为文本", en: "\(key) must be a string"))
            return nil
        }
    }
}
