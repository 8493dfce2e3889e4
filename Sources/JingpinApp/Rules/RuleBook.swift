import Crypto
import Foundation
import JingpinCore
import Yams

/// Every rule file the product ships (`Resources/rules/*.yaml`), read and checked at start.
/// A bad file stops the start with each problem's file, path, line and reason: a reward run
/// must never meet a missing or mistyped figure months later.
public struct RuleBook: Sendable {
    /// The rule sets, by id.
    public let ruleSets: [RuleSet]

    /// Loads the shipped rule files.
    public static func shipped() throws -> RuleBook {
        guard let folder = Bundle.module.url(forResource: "Resources/rules", withExtension: nil) else {
            throw RuleFileErrors([RuleFileError(file: "Resources/rules", path: "", line: 0, reason: .missing("rules folder"))])
        }
        return try load(folder: folder)
    }

    /// Loads every `.yaml` file of `folder`; throws every problem of every file at once.
    public static func load(folder: URL) throws -> RuleBook {
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        var sets: [RuleSet] = []
        var errors: [RuleFileError] = []
        for url in files {
            do {
                sets.append(try read(Data(contentsOf: url), file: url.lastPathComponent))
            } catch let e as RuleFileErrors {
                errors += e.errors
            }
        }
        for (id, group) in Dictionary(grouping: sets, by: \.id) where group.count > 1 {
            errors.append(RuleFileError(file: group[1].file, path: "id", line: 0, reason: .duplicateID(id)))
        }
        if !errors.isEmpty { throw RuleFileErrors(errors) }
        return RuleBook(ruleSets: sets.sorted { $0.id < $1.id })
    }

    /// Reads one rule file's bytes.
    public static func read(_ data: Data, file: String) throws(RuleFileErrors) -> RuleSet {
        let hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        guard let text = String(data: data, encoding: .utf8) else {
            throw RuleFileErrors([RuleFileError(file: file, path: "", line: 0, reason: .expected("UTF-8 text"))])
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            let line = (error as? YamlError).flatMap(Self.line(of:)) ?? 0
            throw RuleFileErrors([RuleFileError(file: file, path: "", line: line, reason: .expected("valid YAML (\(error))"))])
        }
        guard let node else { throw RuleFileErrors([RuleFileError(file: file, path: "", line: 1, reason: .expected("a rule set, not an empty file"))]) }
        return try RuleSetReader(formulas: RuleEngine.specs).read(tree(node), file: file, contentHash: hash)
    }

    /// The YAML node as the domain's plain tree. Keys are taken as written; an alias (`*x`)
    /// is not expanded — rule files have no use for them, and the reader reports the node.
    static func tree(_ node: Node) -> RuleNode {
        let line = node.mark?.line ?? 0
        switch node {
        case .scalar(let s): return .scalar(s.string, line: line)
        case .sequence(let items): return .sequence(items.map(tree), line: line)
        case .mapping(let pairs): return .mapping(pairs.map { (key: $0.key.string ?? "", value: tree($0.value)) }, line: line)
        case .alias: return .scalar("*alias", line: line)
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): mark.line
        default: nil
        }
    }

    /// The rule set with `id`.
    public func ruleSet(_ id: String) -> RuleSet? { ruleSets.first { $0.id == id } }

    /// The reward schemes.
    public var rewardSchemes: [RuleSet] { ruleSets.filter { $0.kind == .reward } }
}
