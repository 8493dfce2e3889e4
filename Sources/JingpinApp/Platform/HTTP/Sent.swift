import Foundation

/// A field of a partial update (PATCH) as it was sent: left out (keep the stored value), sent as
/// null (clear it), or sent with a value. Decoding an optional cannot tell the first two apart.
enum Sent<Value: Decodable & Sendable>: Sendable {
    case absent
    case null
    case value(Value)

    /// Reads `key` of `container`.
    init<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, _ key: Key) throws {
        if !container.contains(key) {
            self = .absent
        } else if try container.decodeNil(forKey: key) {
            self = .null
        } else {
            self = .value(try container.decode(Value.self, forKey: key))
        }
    }

    /// `current` overlaid with what was sent: unchanged when absent, nil when null.
    func applied(to current: Value?) -> Value? {
        switch self {
        case .absent: current
        case .null: nil
        case .value(let v): v
        }
    }
}
