import Foundation

/// A value a client may send as text or as a JSON number — an indicator's value, an amount in
/// fen — kept as the exact text it stands for (`12.50`, `100000000`), never through a binary
/// float, so the domain's exact parsers read it as a person would have typed it.
struct ValueText: Decodable, Sendable, Equatable {
    /// The text.
    let text: String

    init(_ text: String) { self.text = text }

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            text = s
        } else if let i = try? c.decode(Int64.self) {
            text = String(i)
        } else if let d = try? c.decode(Decimal.self) {
            // Foundation reads a JSON number into Decimal from its digits, so 12.5 stays "12.5".
            text = d.description
        } else {
            throw DecodingError.typeMismatch(String.self, .init(codingPath: decoder.codingPath, debugDescription: "text or a number"))
        }
    }
}
