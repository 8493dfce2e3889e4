/// What a reward formula reads about one enterprise: its filed figures by year (stored units:
/// fen, basis points…) and where it is. The one-enterprise form, for a single trace and for
/// re-running a stored trace; batches use `RewardFigureTable`.
public struct RewardInputs: Sendable, Hashable {
    /// The enterprise's credit code (the trace's subject and the allocation tie-break).
    public let creditCode: String
    /// The county's code.
    public let regionCode: String
    /// Whether the county is one of the 26 mountain counties.
    public let isMountainCounty: Bool
    /// Filed values: year → indicator code → value.
    public let figures: [Int: [String: Int64]]

    /// Creates inputs.
    public init(creditCode: String, regionCode: String, isMountainCounty: Bool, figures: [Int: [String: Int64]]) {
        self.creditCode = creditCode
        self.regionCode = regionCode
        self.isMountainCounty = isMountainCounty
        self.figures = figures
    }

    /// The input name under which traces record the mountain-county flag.
    public static let mountainCounty = "mountain_county"

    /// The filed value of `code` for `year`, if any.
    public func figure(_ code: String, year: Int) -> Int64? { figures[year]?[code] }

    /// The values of `refs` for data year `year`, in order (nil where not filed).
    public func values(_ refs: [FigureRef], year: Int) -> [Int64?] {
        refs.map { figure($0.indicator, year: $0.year(for: year)) }
    }
}

extension EvaluationTrace {
    /// The inputs this trace recorded, as formula inputs again: what an exact re-run needs.
    public var rewardInputs: RewardInputs {
        var figures: [Int: [String: Int64]] = [:]
        var mountain = false
        for input in inputs {
            if input.name == RewardInputs.mountainCounty {
                mountain = (input.value ?? 0) != 0
            } else if let value = input.value {
                figures[input.year, default: [:]][input.name] = value
            }
        }
        return RewardInputs(creditCode: subject, regionCode: "", isMountainCounty: mountain, figures: figures)
    }
}
