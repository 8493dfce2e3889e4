import Foundation

/// A JSON Schema, the subset OpenAPI 3.1 documents need: built from the API's request and answer
/// types by `SchemaReader`, written into `/openapi.json`, and used by the tests to check every
/// answer the API actually sends against what the document promises.
struct JSONSchema: Sendable, Equatable {
    /// The JSON types a value may take.
    enum Kind: String, Sendable, Comparable {
        case string, integer, number, boolean, object, array, null
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    /// The types allowed; empty means any JSON value.
    var kinds: Set<Kind> = []
    /// A named format: `uuid`, `date`, `date-time`.
    var format: String?
    /// The allowed values of a text or number, as the JSON text of each.
    var values: [String]?
    /// An object's fields.
    var properties: [String: JSONSchema] = [:]
    /// The fields an object always has.
    var required: Set<String> = []
    /// The schema of an array's items, or of a dictionary's values (in `additional`).
    private var nested: [String: JSONSchema] = [:]
    /// Whether an object may have fields beyond `properties`; a dictionary has no properties and
    /// an `additional` schema instead.
    var closed = false
    /// A named schema of the document's components, standing for this one.
    var ref: String?
    /// Words for a reader of the document.
    var description: String?
    /// Bounds of a number.
    var minimum: Int64?
    var maximum: Int64?
    /// The fewest and the most characters a text may have.
    var minLength: Int?
    var maxLength: Int?
    /// A regular expression a text must match (documented; not checked by `problems(in:)`).
    var pattern: String?

    /// An array's item schema.
    var items: JSONSchema? {
        get { nested["items"] }
        set { nested["items"] = newValue }
    }

    /// A dictionary's value schema.
    var additional: JSONSchema? {
        get { nested["additional"] }
        set { nested["additional"] = newValue }
    }

    init(_ kinds: Set<Kind> = [], format: String? = nil, description: String? = nil) {
        self.kinds = kinds
        self.format = format
        self.description = description
    }

    static let string = JSONSchema([.string])
    static let integer = JSONSchema([.integer])
    static let number = JSONSchema([.number])
    static let boolean = JSONSchema([.boolean])
    static let uuid = JSONSchema([.string], format: "uuid")
    static let date = JSONSchema([.string], format: "date")
    static let dateTime = JSONSchema([.string], format: "date-time")
    /// A reference to `name` under `components/schemas`.
    static func reference(_ name: String) -> JSONSchema {
        var s = JSONSchema()
        s.ref = "#/components/schemas/" + name
        return s
    }

    /// Any JSON value.
    static let any = JSONSchema()

    /// A text with a fixed set of values.
    static func oneOf(_ values: [String]) -> JSONSchema {
        var s = JSONSchema.string
        s.values = values.map(JSONSchema.quoted)
        return s
    }

    /// An array of `item`.
    static func array(of item: JSONSchema) -> JSONSchema {
        var s = JSONSchema([.array])
        s.items = item
        return s
    }

    /// A whole number within `range`.
    static func integer(_ range: ClosedRange<Int>) -> JSONSchema {
        var s = JSONSchema.integer
        s.minimum = Int64(range.lowerBound)
        s.maximum = Int64(range.upperBound)
        return s
    }

    /// A text of `range` characters.
    static func text(_ range: ClosedRange<Int>) -> JSONSchema {
        var s = JSONSchema.string
        s.minLength = range.lowerBound
        s.maxLength = range.upperBound
        return s
    }

    /// Changes the schema of field `name` (keeping whether it may be null).
    mutating func refine(_ name: String, to schema: JSONSchema) {
        var s = schema
        if properties[name]?.kinds.contains(.null) == true { s.kinds.insert(.null) }
        properties[name] = s
    }

    /// This schema with every object open to fields it does not name: request bodies, whose
    /// decoders ignore what they do not read (answers stay closed, so the tests catch an
    /// undocumented field).
    var open: JSONSchema {
        var s = self
        s.closed = false
        s.properties = properties.mapValues(\.open)
        s.nested = nested.mapValues(\.open)
        return s
    }

    /// This schema, also allowing null (an optional field).
    var orNull: JSONSchema {
        guard !kinds.isEmpty else { return self }
        var s = self
        s.kinds.insert(.null)
        return s
    }

    static func quoted(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }
}

extension JSONSchema: Encodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Writes the schema as JSON Schema 2020-12 keywords.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        if let ref {
            try c.encode(ref, forKey: Key("$ref"))
            return
        }
        let sorted = kinds.sorted()
        if sorted.count == 1 { try c.encode(sorted[0].rawValue, forKey: Key("type")) } else if !sorted.isEmpty {
            try c.encode(sorted.map(\.rawValue), forKey: Key("type"))
        }
        try c.encodeIfPresent(format, forKey: Key("format"))
        try c.encodeIfPresent(description, forKey: Key("description"))
        if let values {
            try c.encode(values.map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }, forKey: Key("enum"))
        }
        if kinds.contains(.object) {
            if !properties.isEmpty || closed { try c.encode(properties, forKey: Key("properties")) }
            if !required.isEmpty { try c.encode(required.sorted(), forKey: Key("required")) }
            if let additional { try c.encode(additional, forKey: Key("additionalProperties")) } else if closed {
                try c.encode(false, forKey: Key("additionalProperties"))
            }
        }
        try c.encodeIfPresent(items, forKey: Key("items"))
        try c.encodeIfPresent(minimum, forKey: Key("minimum"))
        try c.encodeIfPresent(maximum, forKey: Key("maximum"))
        try c.encodeIfPresent(minLength, forKey: Key("minLength"))
        try c.encodeIfPresent(maxLength, forKey: Key("maxLength"))
        try c.encodeIfPresent(pattern, forKey: Key("pattern"))
    }
}
