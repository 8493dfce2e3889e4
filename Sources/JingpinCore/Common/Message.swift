/// Words for a person, as data: a key of the strings table and the values it names. The domain
/// says what happened; the application says it in the reader's language (`Strings.text(_:_:)`),
/// so no prose in one language can reach a page in the other.
public struct Message: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The key, e.g. `decision.error.notice_published`.
    public let key: String
    /// The values for the text's `{0}`, `{1}`, … in order.
    public let args: [MessageArgument]

    /// A message with its arguments.
    public init(_ key: String, _ args: MessageArgument...) {
        self.key = key
        self.args = args
    }

    /// A message with its arguments as a list.
    public init(_ key: String, args: [MessageArgument]) {
        self.key = key
        self.args = args
    }

    /// A text the domain still words itself in both languages (its older errors with a
    /// `message(_ language:)`), carried whole until it has keys of its own; never one language alone.
    public static func bilingual(zh: String, en: String) -> Message {
        Message("text.bilingual", .named(zh: zh, en: en))
    }

    /// The key and arguments, for logs and test failures (never shown to a person).
    public var description: String { args.isEmpty ? key : "\(key)(\(args.map(\.description).joined(separator: ", ")))" }
}

/// One value named by a message.
public enum MessageArgument: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// Data shown as it is: a number, a code, a date, a name someone typed.
    case text(String)
    /// Another entry of the strings table, in the reader's language (a field's label, a status).
    case key(String)
    /// A name from reference data that has both languages (a region, an indicator).
    case named(zh: String, en: String)
    /// Several values, shown one after another (joined with “；” in Chinese, “; ” in English):
    /// each reason of a refusal that has more than one.
    indirect case list([MessageArgument])
    /// A whole message of its own (a reason inside a sentence that names what it is about).
    indirect case message(Message)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(stringInterpolation: DefaultStringInterpolation) { self = .text(String(stringInterpolation: stringInterpolation)) }

    public var description: String {
        switch self {
        case .text(let t): t
        case .key(let k): "@" + k
        case .named(let zh, let en): "\(zh)/\(en)"
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .message(let m): m.description
        }
    }
}
