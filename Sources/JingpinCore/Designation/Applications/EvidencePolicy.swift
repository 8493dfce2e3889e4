import Foundation

/// What an application's evidence files (证明材料) may be: PDF, PNG or JPEG, each up to
/// `maxBytes`, at most `maxFiles` per application. The type is read from the file's first bytes,
/// not from what the browser claims, and the name's extension must agree with it — so a
/// renamed executable or HTML page is refused rather than served back to an officer.
public struct EvidencePolicy: Sendable {
    /// A type of file the platform accepts.
    public enum Kind: String, Sendable, CaseIterable {
        case pdf
        case png
        case jpeg

        /// The media type it is served with.
        public var mediaType: String {
            switch self {
            case .pdf: "application/pdf"
            case .png: "image/png"
            case .jpeg: "image/jpeg"
            }
        }

        /// The name extensions that go with it.
        public var extensions: [String] {
            switch self {
            case .pdf: ["pdf"]
            case .png: ["png"]
            case .jpeg: ["jpg", "jpeg"]
            }
        }

        /// The kind whose signature `bytes` start with, if any.
        public static func sniff(_ bytes: some Collection<UInt8>) -> Kind? {
            let head = Array(bytes.prefix(8))
            if head.starts(with: [0x25, 0x50, 0x44, 0x46, 0x2D]) { return .pdf }  // "%PDF-"
            if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
            if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
            return nil
        }
    }

    /// Why a file is refused.
    public enum Refusal: Error, Sendable, Equatable {
        case empty
        case tooLarge(limit: Int)
        case typeNotAllowed
        case extensionMismatch(Kind)
        case tooMany(limit: Int)

        /// The refusal in plain words, saying how to fix it.
        public var message: Message {
            switch self {
            case .empty: Message("domain.evidence.empty")
            case .tooLarge(let limit): Message("domain.evidence.too_large", "\(limit / (1024 * 1024))")
            case .typeNotAllowed: Message("domain.evidence.type_not_allowed")
            case .extensionMismatch(let kind):
                Message("domain.evidence.extension_mismatch", "\(kind.rawValue.uppercased())", "\(kind.extensions.map { "." + $0 }.joined(separator: " / "))")
            case .tooMany(let limit): Message("domain.evidence.too_many", "\(limit)")
            }
        }
    }

    /// The largest file accepted, in bytes.
    public let maxBytes: Int
    /// The most files one application may carry.
    public let maxFiles: Int

    /// The platform's policy: 10 MB a file, 20 files an application.
    public static let standard = EvidencePolicy(maxBytes: 10 * 1024 * 1024, maxFiles: 20)

    /// Creates a policy.
    public init(maxBytes: Int, maxFiles: Int) {
        self.maxBytes = maxBytes
        self.maxFiles = maxFiles
    }

    /// The kind of a file named `name` with content `bytes`, when the application already has
    /// `existing` files; the refusal otherwise.
    public func check(name: String, bytes: some Collection<UInt8>, existing: Int) -> Result<Kind, Refusal> {
        if existing >= maxFiles { return .failure(.tooMany(limit: maxFiles)) }
        if bytes.isEmpty { return .failure(.empty) }
        if bytes.count > maxBytes { return .failure(.tooLarge(limit: maxBytes)) }
        guard let kind = Kind.sniff(bytes) else { return .failure(.typeNotAllowed) }
        let ext = Self.safeName(name).split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard kind.extensions.contains(ext) else { return .failure(.extensionMismatch(kind)) }
        return .success(kind)
    }

    /// A name safe to show and to put in a download header: the last path component only, no
    /// control characters, quotes or backslashes, at most 120 characters; "file" when nothing is left.
    public static func safeName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(last.unicodeScalars.filter { s in
            !(s.properties.generalCategory == .control || s.properties.generalCategory == .format || s == "\"" || s == "\\")
        }.map(Character.init)).trimmingCharacters(in: .whitespaces)
        let short = String(cleaned.prefix(120))
        return short.isEmpty || short == "." || short == ".." ? "file" : short
    }
}
