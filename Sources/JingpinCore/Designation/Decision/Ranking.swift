/// Orders scored applications for the proposed list: composite score first, then the round's
/// declared tie-breaks in order, and always the credit code last, so the order never depends
/// on how the rows came out of the database.
public enum Ranking {
    /// One declared tie-break.
    public enum TieBreak: Sendable, Hashable, Codable {
        /// The higher score in this pillar first.
        case pillar(PillarKind)
        /// The earlier submission first.
        case earlierSubmission
    }

    /// What ranking needs of an application.
    public struct Entry: Sendable, Hashable {
        /// The application's id (opaque here).
        public let id: String
        /// The applicant's credit code: the last tie-break.
        public let creditCode: String
        /// When it was submitted, as any increasing number (seconds since the epoch).
        public let submittedAt: Int64
        /// Its score.
        public let score: CompositeScore

        /// Creates an entry.
        public init(id: String, creditCode: String, submittedAt: Int64, score: CompositeScore) {
            self.id = id
            self.creditCode = creditCode
            self.submittedAt = submittedAt
            self.score = score
        }
    }

    /// `entries`, best first.
    public static func order(_ entries: [Entry], tieBreaks: [TieBreak]) -> [Entry] {
        entries.sorted { a, b in
            if a.score.total != b.score.total { return a.score.total > b.score.total }
            for rule in tieBreaks {
                switch rule {
                case .pillar(let kind):
                    let x = a.score.pillar(kind) ?? .zero
                    let y = b.score.pillar(kind) ?? .zero
                    if x != y { return x > y }
                case .earlierSubmission:
                    if a.submittedAt != b.submittedAt { return a.submittedAt < b.submittedAt }
                }
            }
            return a.creditCode.utf8.lexicographicallyPrecedes(b.creditCode.utf8)
        }
    }

    /// The proposed list: the best `quota` of `entries`.
    public static func proposed(_ entries: [Entry], tieBreaks: [TieBreak], quota: Int) -> [Entry] {
        Array(order(entries, tieBreaks: tieBreaks).prefix(max(quota, 0)))
    }
}
