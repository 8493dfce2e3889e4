import Foundation
import JingpinCore

extension JSONSchema {
    /// Where `value` disagrees with this schema, each as "pointer: what", empty when it conforms.
    /// Checks types, formats, enumerations, required fields, undocumented fields of a closed
    /// object, items and dictionary values; `pattern` is left to the domain's own parsers.
    func problems(in value: JSONValue, at pointer: String = "") -> [String] {
        let here = pointer.isEmpty ? "/" : pointer
        guard kinds.isEmpty || kinds.contains(value.kind) || (value.kind == .integer && kinds.contains(.number)) else {
            return ["\(here): \(value.kind.rawValue), documented as \(kinds.sorted().map(\.rawValue).joined(separator: " or "))"]
        }
        switch value {
        case .string(let text):
            var out: [String] = []
            if let values, !values.contains(Self.quoted(text)) { out.append("\(here): \"\(text)\" is not one of \(values.joined(separator: ", "))") }
            if let format, !Self.conforms(text, to: format) { out.append("\(here): \"\(text)\" is not a \(format)") }
            return out
        case .int(let n):
            if let values, !values.contains(String(n)) { return ["\(here): \(n) is not one of \(values.joined(separator: ", "))"] }
            return []
        case .object(let fields):
            var out = required.subtracting(fields.keys).sorted().map { "\(pointer)/\($0): required but absent" }
            for (key, field) in fields.sorted(by: { $0.key < $1.key }) {
                let at = pointer + "/" + key
                if let schema = properties[key] {
                    out += schema.problems(in: field, at: at)
                } else if let additional {
                    out += additional.problems(in: field, at: at)
                } else if closed {
                    out.append("\(at): not documented")
                }
            }
            return out
        case .array(let elements):
            guard let items else { return [] }
            return elements.enumerated().flatMap { items.problems(in: $0.element, at: "\(pointer)/\($0.offset)") }
        case .double, .bool, .null:
            return []
        }
    }

    /// Whether `text` is written in `format`.
    static func conforms(_ text: String, to format: String) -> Bool {
        switch format {
        case "uuid": UUID(uuidString: text) != nil
        case "date": (try? LocalDate(text)) != nil
        case "date-time": (try? Date.ISO8601FormatStyle().parse(text)) != nil
        default: true
        }
    }
}

extension JSONValue {
    /// The JSON type of the value.
    var kind: JSONSchema.Kind {
        switch self {
        case .object: .object
        case .array: .array
        case .string: .string
        case .int: .integer
        case .double: .number
        case .bool: .boolean
        case .null: .null
        }
    }
}
