/// The shares (0–1) of a scorecard's data-derived indicators for a set of applications: what
/// the experts do not score, taken from the values each application carries (prefilled from
/// its filings). Linear indicators are normalised one application at a time; rank within
/// sector compares the applications of the same sector with each other, so the shares depend on
/// who else is being ranked and are computed for the whole set at once.
public enum DataShares {
    /// One application's inputs.
    public struct Applicant<ID: Hashable>: Sendable where ID: Sendable {
        /// The application.
        public let id: ID
        /// Its product's sector: rank-within-sector indicators compare within it.
        public let sector: Sector
        /// Its values by filed indicator code; an indicator without a value has no share (0).
        public let values: [String: Int64]

        /// Creates the inputs of one application.
        public init(id: ID, sector: Sector, values: [String: Int64]) {
            self.id = id
            self.sector = sector
            self.values = values
        }
    }

    /// Each applicant's shares of `scorecard`'s data-derived indicators, by indicator id.
    /// An applicant missing a value gets no share for it (it counts 0 in the composite and is
    /// listed as missing); for rank within sector it is left out of that indicator's ranking.
    /// A lower-is-better indicator ranked within sector should be declared linear instead:
    /// ranking treats higher values as better.
    public static func shares<ID: Hashable & Sendable>(_ scorecard: Scorecard, _ applicants: [Applicant<ID>]) -> [ID: [String: ScoreFraction]] {
        var out: [ID: [String: ScoreFraction]] = Dictionary(uniqueKeysWithValues: applicants.map { ($0.id, [:]) })
        for (_, indicator) in scorecard.indicators {
            guard case .data(let code) = indicator.source else { continue }
            switch indicator.normalisation {
            case .rankWithinSector:
                let bySector = Dictionary(grouping: applicants.filter { $0.values[code] != nil }, by: \.sector)
                for group in bySector.values {
                    let shares = Normalisation.rankShares(group.map { $0.values[code]! })
                    for (a, share) in zip(group, shares) { out[a.id]?[indicator.id] = share }
                }
            case .linear, .banded:
                for a in applicants {
                    if let v = a.values[code], let share = indicator.normalisation.share(v) { out[a.id]?[indicator.id] = share }
                }
            }
        }
        return out
    }
}
