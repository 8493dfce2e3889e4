/// A target for the programme (目标): about 50 designated products by 2027-12-31 and 100 by
/// 2030-12-31, optionally for one sector or one city.
public struct ProgrammeTarget: Sendable, Hashable {
    /// The number of live designations aimed at.
    public let count: Int
    /// The day by which.
    public let deadline: LocalDate
    /// Only designations in this sector count, if set.
    public let sector: Sector?
    /// Only designations in this city count, if set.
    public let city: RegionCode?

    /// Creates a target.
    public init(count: Int, deadline: LocalDate, sector: Sector? = nil, city: RegionCode? = nil) {
        self.count = count
        self.deadline = deadline
        self.sector = sector
        self.city = city
    }
}

/// How far a target is met and whether it will be: live designations today, plus the pipeline
/// (applications in rounds still running) times the conversion rate of past rounds.
public struct TargetProgress: Sendable, Hashable {
    /// One designation as the target counts it.
    public struct Designated: Sendable, Hashable {
        public let status: DesignationStatus
        public let sector: Sector
        public let city: RegionCode

        public init(status: DesignationStatus, sector: Sector, city: RegionCode) {
            self.status = status
            self.sector = sector
            self.city = city
        }
    }

    /// Past rounds' outcome: how many applications were decided and how many designated.
    public struct History: Sendable, Hashable {
        public let decided: Int
        public let designated: Int

        public init(decided: Int, designated: Int) {
            self.decided = decided
            self.designated = designated
        }

        /// designated / decided, exactly; nil with no history.
        public var conversion: ScoreFraction? {
            decided > 0 ? ScoreFraction(Int128(designated), Int128(decided)) : nil
        }
    }

    /// The target.
    public let target: ProgrammeTarget
    /// Live designations that count (revoked, cancelled, expired and renewed records do not).
    public let achieved: Int
    /// achieved + pipeline × conversion, rounded down: what the programme can expect.
    public let projected: Int
    /// Whether the projection reaches the target.
    public var onTrack: Bool { projected >= target.count }
    /// Whether the target is already met.
    public var met: Bool { achieved >= target.count }

    /// Counts `designations` against `target`, projecting `pipeline` applications with `history`'s rate.
    public init(_ target: ProgrammeTarget, designations: [Designated], pipeline: Int, history: History) {
        self.target = target
        let counted = designations.filter { d in
            d.status.isLive && (target.sector.map { $0 == d.sector } ?? true) && (target.city.map { $0 == d.city } ?? true)
        }
        achieved = counted.count
        let expected = history.conversion.map { ScoreFraction(Int128(pipeline)) * $0 } ?? .zero
        projected = achieved + Int(expected.numerator / expected.denominator)  // non-negative: truncation is the floor
    }
}
