import Foundation
import JingpinCore

// The domain's value types that travel as text or numbers with a format of their own: each says
// what it looks like on the wire, which its decoder alone cannot tell the schema reader.

extension LocalDate: SchemaLeaf {
    static var jsonSchema: JSONSchema { .date }
    static var schemaSample: LocalDate { LocalDate(daysSinceEpoch: 0) }
}

extension Money: SchemaLeaf {
    static var jsonSchema: JSONSchema { JSONSchema([.integer], description: "fen (¥1 = 100)") }
    static var schemaSample: Money { Money(fen: 0) }
}

extension RegionCode: SchemaLeaf {
    static var jsonSchema: JSONSchema {
        var s = JSONSchema([.string], description: "six-digit region code (GB/T 2260)")
        s.pattern = "^[0-9]{6}$"
        return s
    }
    static var schemaSample: RegionCode { try! RegionCode("330000") }
}

extension CreditCode: SchemaLeaf {
    static var jsonSchema: JSONSchema {
        var s = JSONSchema([.string], description: "18-character unified social credit code (GB 32100-2015)")
        s.pattern = "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"
        return s
    }
    static var schemaSample: CreditCode { try! CreditCode("91350100M000100Y44") }
}

extension Scope: SchemaLeaf {
    static var jsonSchema: JSONSchema { JSONSchema([.string], description: "province, region:<code>, enterprise:<id> or bank:<name>") }
    static var schemaSample: Scope { .province }
}

extension ValueText: SchemaLeaf {
    static var jsonSchema: JSONSchema { JSONSchema([.string, .integer, .number], description: "exact text or a JSON number") }
    static var schemaSample: ValueText { ValueText("0") }
}
