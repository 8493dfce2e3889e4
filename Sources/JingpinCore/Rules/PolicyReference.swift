/// Where a parameter value comes from: the policy document, its article and a link, so anyone
/// can check the figure against its source. `note` says when the official figure is not known
/// and the value is a plausible one for an administrator to change.
public struct PolicyReference: Sendable, Hashable, Codable {
    /// The document's title or number, e.g. 浙经信产数〔2025〕174号.
    public let document: String
    /// The article or section, e.g. 第三条.
    public let article: String?
    /// A link to the text.
    public let url: String?
    /// A caveat, e.g. "official figure not published; plausible value".
    public let note: String?

    /// Creates a reference.
    public init(document: String, article: String? = nil, url: String? = nil, note: String? = nil) {
        self.document = document
        self.article = article
        self.url = url
        self.note = note
    }
}
