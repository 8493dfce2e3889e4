/// A rule file as a plain tree — scalars, sequences and mappings with their line numbers — so
/// the reader and its precise errors live in the pure domain; the YAML library that builds the
/// tree stays in the app.
public indirect enum RuleNode: Sendable, Hashable {
    /// A scalar as written, with its line.
    case scalar(String, line: Int)
    /// A sequence, with its line.
    case sequence([RuleNode], line: Int)
    /// A mapping in file order, with its line.
    case mapping([(key: String, value: RuleNode)], line: Int)

    /// The line the node starts on (1-based).
    public var line: Int {
        switch self {
        case .scalar(_, let line), .sequence(_, let line), .mapping(_, let line): line
        }
    }

    public static func == (a: RuleNode, b: RuleNode) -> Bool {
        switch (a, b) {
        case let (.scalar(x, l1), .scalar(y, l2)): x == y && l1 == l2
        case let (.sequence(x, l1), .sequence(y, l2)): x == y && l1 == l2
        case let (.mapping(x, l1), .mapping(y, l2)):
            l1 == l2 && x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .scalar(let s, let l): hasher.combine(0); hasher.combine(s); hasher.combine(l)
        case .sequence(let items, let l): hasher.combine(1); hasher.combine(items); hasher.combine(l)
        case .mapping(let pairs, let l):
            hasher.combine(2); hasher.combine(l)
            for p in pairs { hasher.combine(p.key); hasher.combine(p.value) }
        }
    }
}
