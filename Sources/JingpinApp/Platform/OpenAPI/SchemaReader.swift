import Foundation

/// A type the OpenAPI document names by a name of its own (any `Decodable` request or answer type
/// is documented; this only names it).
protocol Documented: Decodable {
    /// The name under `components/schemas`; by default the type's name with its enclosing types
    /// (`ApplicationService.View` → `ApplicationServiceView`).
    static var schemaName: String { get }
}

extension Documented {
    static var schemaName: String { SchemaName.written(Self.self) }
}

/// A type's name as the document spells it.
enum SchemaName {
    /// `Documented` types' own names; others by their name within the module, enclosing types
    /// included (`ApplicationService.View` → `ApplicationServiceView`).
    static func of(_ type: Any.Type) -> String {
        if let documented = type as? any Documented.Type { return documented.schemaName }
        return written(type)
    }

    /// The type's name within the module, enclosing types included.
    static func written(_ type: Any.Type) -> String {
        String(reflecting: type).split(separator: ".").dropFirst().joined()
    }
}

/// A type whose decoder says less than its validation: it narrows the schema read from it
/// (ranges, lengths, patterns), so the document states the limits `validate()` enforces.
protocol SchemaRefined: Decodable {
    static func refine(_ schema: inout JSONSchema)
}

/// A value type that states its own schema, where reading its decoder would not tell: a text
/// with a format (a date, a credit code), a value sent as text or number. `schemaSample` is a
/// value the reader hands back in its place.
protocol SchemaLeaf: Decodable {
    static var jsonSchema: JSONSchema { get }
    static var schemaSample: Self { get }
}

/// Builds a type's JSON Schema from its `Decodable` conformance, without reflection: a decoder
/// that records which fields the type asks for, of what type, and whether it checks for their
/// absence first (`decodeIfPresent`, `contains`), and answers each with a sample value so decoding
/// goes on. So the document says what the decoder really requires.
enum SchemaReader {
    /// Why a type's schema could not be read.
    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    /// The schema of `type`.
    static func schema<T: Decodable>(of type: T.Type) throws -> JSONSchema {
        try read(type, depth: 0).schema
    }

    /// The schema of `type` and a sample value of it.
    static func read<T: Decodable>(_ type: T.Type, depth: Int) throws -> (schema: JSONSchema, sample: T) {
        guard depth < 24 else { throw Unreadable(description: "\(T.self) nests too deep (a recursive type?)") }
        if let primitive = primitive(T.self) { return primitive }
        if let leaf = T.self as? any SchemaLeaf.Type, let sample = leaf.schemaSample as? T { return (leaf.jsonSchema, sample) }
        if let wrapper = T.self as? any SchemaContainer.Type, let (schema, sample) = try wrapper.readContents(depth: depth + 1) as? (JSONSchema, T) {
            return (schema, sample)
        }
        if let enumeration = T.self as? any CaseIterable.Type, let found = cases(of: enumeration) as? (JSONSchema, T) { return found }
        let recorder = Recorder(depth: depth + 1)
        do {
            let value = try T(from: recorder)
            var schema = recorder.node.schema
            (T.self as? any SchemaRefined.Type)?.refine(&schema)
            return (schema, value)
        } catch let error as Unreadable {
            throw error
        } catch {
            // A type whose decoder refuses every sample (a text it parses itself): it should state
            // its schema as a `SchemaLeaf`.
            throw Unreadable(description: "\(T.self) refused the schema reader's sample: \(error)")
        }
    }

    private static func primitive<T>(_ type: T.Type) -> (schema: JSONSchema, sample: T)? {
        let found: (JSONSchema, Any)? = switch type {
        case is String.Type: (.string, "")
        case is Bool.Type: (.boolean, false)
        case is Int.Type: (.integer, 0 as Int)
        case is Int64.Type: (.integer, 0 as Int64)
        case is Int32.Type: (.integer, 0 as Int32)
        case is Int16.Type: (.integer, 0 as Int16)
        case is Int8.Type: (.integer, 0 as Int8)
        case is UInt.Type: (.integer, 0 as UInt)
        case is UInt64.Type: (.integer, 0 as UInt64)
        case is UInt32.Type: (.integer, 0 as UInt32)
        case is UInt16.Type: (.integer, 0 as UInt16)
        case is UInt8.Type: (.integer, 0 as UInt8)
        case is Double.Type: (.number, 0 as Double)
        case is Float.Type: (.number, 0 as Float)
        case is Decimal.Type: (.number, Decimal(0))
        case is UUID.Type: (.uuid, UUID())
        case is Date.Type: (.dateTime, Date(timeIntervalSince1970: 0))
        case is URL.Type: (JSONSchema([.string], format: "uri"), URL(string: "https://example.org")!)
        case is JSONValue.Type: (.any, JSONValue.null)
        default: nil
        }
        guard let (schema, sample) = found, let typed = sample as? T else { return nil }
        return (schema, typed)
    }

    /// An enumeration's values as its raw texts or numbers, and its first case as the sample.
    private static func cases<C: CaseIterable>(of type: C.Type) -> (JSONSchema, C)? {
        guard let first = C.allCases.first else { return nil }
        let raw = C.allCases.compactMap { ($0 as? any RawRepresentable)?.rawValue }
        if let texts = raw as? [String], texts.count == C.allCases.count { return (.oneOf(texts), first) }
        if let numbers = raw as? [Int], numbers.count == C.allCases.count {
            var s = JSONSchema.integer
            s.values = numbers.map(String.init)
            return (s, first)
        }
        return nil
    }

    /// What one decoder call has learnt so far: a shared box, since containers are values.
    final class Node {
        var schema = JSONSchema()
    }

    /// The decoder handed to `init(from:)`.
    final class Recorder: Decoder {
        let node = Node()
        let depth: Int
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]

        init(depth: Int) { self.depth = depth }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            node.schema.kinds = [.object]
            node.schema.closed = true
            return KeyedDecodingContainer(Keyed<Key>(node: node, depth: depth))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            node.schema.kinds = [.array]
            return Unkeyed(node: node, depth: depth)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(node: node, depth: depth) }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let node: Node
        let depth: Int
        var codingPath: [any CodingKey] = []
        var allKeys: [Key] { [] }
        /// Keys the type looked for before reading (`contains`, `decodeNil`): optional, may be null.
        private let probed = Node()

        init(node: Node, depth: Int) {
            self.node = node
            self.depth = depth
        }

        func contains(_ key: Key) -> Bool {
            probed.schema.required.insert(key.stringValue)
            return true
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            probed.schema.required.insert(key.stringValue)
            return false
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let (schema, sample) = try SchemaReader.read(T.self, depth: depth)
            record(schema, for: key)
            return sample
        }

        private func record(_ schema: JSONSchema, for key: Key) {
            let name = key.stringValue
            if probed.schema.required.contains(name) {
                node.schema.properties[name] = schema.orNull
            } else {
                node.schema.properties[name] = schema
                node.schema.required.insert(name)
            }
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            let inner = Recorder(depth: depth + 1)
            let container = try inner.container(keyedBy: type)
            record(inner.node.schema, for: key)
            // The nested fields are read after this point; keep the box so they land in the property.
            return KeyedDecodingContainer(Forwarding(inner: container, parent: node, key: key.stringValue, innerNode: inner.node))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw Unreadable(description: "nested unkeyed containers are not documented (\(key.stringValue))")
        }

        func superDecoder() throws -> any Decoder { Recorder(depth: depth + 1) }
        func superDecoder(forKey key: Key) throws -> any Decoder { Recorder(depth: depth + 1) }
    }

    /// A nested keyed container whose fields are copied into the parent's property as they are read.
    struct Forwarding<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let inner: KeyedDecodingContainer<Key>
        let parent: Node
        let key: String
        let innerNode: Node
        var codingPath: [any CodingKey] { inner.codingPath }
        var allKeys: [Key] { [] }

        private func sync() { parent.schema.properties[key] = innerNode.schema }
        func contains(_ key: Key) -> Bool { inner.contains(key) }
        func decodeNil(forKey key: Key) throws -> Bool { try inner.decodeNil(forKey: key) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            defer { sync() }
            return try inner.decode(type, forKey: key)
        }
        func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
            throw Unreadable(description: "containers nested two deep are not documented")
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw Unreadable(description: "nested unkeyed containers are not documented")
        }
        func superDecoder() throws -> any Decoder { try inner.superDecoder() }
        func superDecoder(forKey key: Key) throws -> any Decoder { try inner.superDecoder(forKey: key) }
    }

    /// An array: one element is read, which tells the item schema.
    struct Unkeyed: UnkeyedDecodingContainer {
        let node: Node
        let depth: Int
        var codingPath: [any CodingKey] = []
        var count: Int? { 1 }
        var currentIndex = 0
        var isAtEnd: Bool { currentIndex >= 1 }

        init(node: Node, depth: Int) {
            self.node = node
            self.depth = depth
        }

        mutating func decodeNil() throws -> Bool { false }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let (schema, sample) = try SchemaReader.read(T.self, depth: depth)
            node.schema.items = schema
            currentIndex += 1
            return sample
        }

        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) throws -> KeyedDecodingContainer<N> {
            throw Unreadable(description: "arrays of nested containers are not documented")
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw Unreadable(description: "arrays of arrays are not documented")
        }
        mutating func superDecoder() throws -> any Decoder { Recorder(depth: depth + 1) }
    }

    /// A single value: its type is the schema.
    struct Single: SingleValueDecodingContainer {
        let node: Node
        let depth: Int
        var codingPath: [any CodingKey] = []

        func decodeNil() -> Bool { false }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let (schema, sample) = try SchemaReader.read(T.self, depth: depth)
            node.schema = schema
            return sample
        }
    }
}

/// The standard library's containers, read through their element's schema.
protocol SchemaContainer {
    static func readContents(depth: Int) throws -> Any
}

extension Array: SchemaContainer where Element: Decodable {
    static func readContents(depth: Int) throws -> Any {
        let (item, sample) = try SchemaReader.read(Element.self, depth: depth)
        return (JSONSchema.array(of: item), [sample])
    }
}

extension Optional: SchemaContainer where Wrapped: Decodable {
    static func readContents(depth: Int) throws -> Any {
        let (schema, sample) = try SchemaReader.read(Wrapped.self, depth: depth)
        return (schema.orNull, Optional(sample))
    }
}

extension Dictionary: SchemaContainer where Key == String, Value: Decodable {
    static func readContents(depth: Int) throws -> Any {
        var schema = JSONSchema([.object])
        schema.additional = try SchemaReader.read(Value.self, depth: depth).schema
        return (schema, [String: Value]())
    }
}
