import Foundation
import JingpinCore

/// A JSON document as a value, so `RequestDecoder` can mend a body where decoding stopped and go
/// on to find the next problem: every missing or mistyped field is reported in one answer.
enum JSONValue: Codable, Sendable, Equatable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case null

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) } else if let i = try? c.decode(Int64.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) { self = .double(d) } else if let s = try? c.decode(String.self) { self = .string(s) } else if
            let a = try? c.decode([JSONValue].self) { self = .array(a) } else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .object(let o): try c.encode(o)
        case .array(let a): try c.encode(a)
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .bool(let b): try c.encode(b)
        case .null: try c.encodeNil()
        }
    }

    /// The document with `value` put at `path` (object keys and array indices); nil when the path
    /// does not lead anywhere a value can be put.
    func replacing(at path: ArraySlice<any CodingKey>, with value: JSONValue) -> JSONValue? {
        guard let key = path.first else { return value }
        switch self {
        case .object(var o):
            let inner = o[key.stringValue] ?? .null
            guard let mended = inner.replacing(at: path.dropFirst(), with: value) else { return nil }
            o[key.stringValue] = mended
            return .object(o)
        case .array(var a):
            guard let i = key.intValue, a.indices.contains(i), let mended = a[i].replacing(at: path.dropFirst(), with: value) else { return nil }
            a[i] = mended
            return .array(a)
        default:
            return nil
        }
    }

    /// A value of `type` that decodes, to stand in for a missing or mistyped one while the rest
    /// of the body is checked; nil when no such value can be made up (it is never stored).
    static func placeholder(for type: Any.Type) -> JSONValue? {
        switch type {
        case is Bool.Type: return .bool(false)
        case is Int.Type, is Int64.Type, is Int32.Type: return .int(0)
        case is Double.Type: return .double(0)
        case is String.Type: return .string("")
        case is UUID.Type: return .string("00000000-0000-0000-0000-000000000000")
        case is LocalDate.Type: return .string("2000-01-01")
        default: break
        }
        if let cases = type as? any CaseIterable.Type, let first = cases.allCases.first as? any RawRepresentable {
            if let raw = first.rawValue as? String { return .string(raw) }
            if let raw = first.rawValue as? Int { return .int(Int64(raw)) }
        }
        let name = String(describing: type)
        if name.hasPrefix("Array<") || name.hasPrefix("[") { return .array([]) }
        // A dictionary, or a nested request type: an empty object, whose own fields are then reported one by one.
        return .object([:])
    }
}
