/// The figures of many enterprises for one data year, as one flat table: a row per
/// enterprise, a column per figure a formula reads. What a reward run evaluates in a batch;
/// the flat layout lets a formula read a row without a copy or a dictionary look-up.
public struct RewardFigureTable: Sendable {
    /// The data year.
    public let year: Int
    /// The columns: the figures each row holds, relative to `year`.
    public let figures: [FigureRef]
    /// Each row's credit code.
    public private(set) var creditCodes: [String] = []
    /// Each row's credit code packed for allocation (see `AllocationClaim.claims(codes:eligibleFen:)`).
    public private(set) var claimCodes: [ClaimCode] = []
    /// Each row's county code.
    public private(set) var regionCodes: [String] = []
    /// Whether each row's county is one of the 26 mountain counties.
    public private(set) var mountainCounty: [Bool] = []
    /// The values, row after row, `figures.count` per row; nil where not filed.
    private(set) var values: [Int64?] = []

    /// An empty table of `figures` for data year `year`.
    public init(year: Int, figures: [FigureRef]) {
        self.year = year
        self.figures = figures
    }

    /// The number of rows.
    public var count: Int { creditCodes.count }

    /// Room for `rows` rows without growing.
    public mutating func reserveCapacity(_ rows: Int) {
        creditCodes.reserveCapacity(rows)
        claimCodes.reserveCapacity(rows)
        regionCodes.reserveCapacity(rows)
        mountainCounty.reserveCapacity(rows)
        values.reserveCapacity(rows * figures.count)
    }

    /// Adds a row; `values` holds one value per column, in column order.
    public mutating func append(creditCode: String, regionCode: String, isMountainCounty: Bool, values rowValues: [Int64?]) {
        precondition(rowValues.count == figures.count, "a row needs one value per column")
        creditCodes.append(creditCode)
        claimCodes.append(ClaimCode(creditCode))
        regionCodes.append(regionCode)
        mountainCounty.append(isMountainCounty)
        values.append(contentsOf: rowValues)
    }

    /// Adds an enterprise's inputs, reading the table's columns from them.
    public mutating func append(_ inputs: RewardInputs) {
        append(creditCode: inputs.creditCode, regionCode: inputs.regionCode, isMountainCounty: inputs.isMountainCounty,
               values: inputs.values(figures, year: year))
    }

    /// The value of column `column` in row `row`.
    public func value(row: Int, column: Int) -> Int64? { values[row * figures.count + column] }

    /// Row `row` as one enterprise's inputs.
    public func inputs(row: Int) -> RewardInputs {
        var byYear: [Int: [String: Int64]] = [:]
        for (column, ref) in figures.enumerated() {
            if let v = value(row: row, column: column) { byYear[ref.year(for: year), default: [:]][ref.indicator] = v }
        }
        return RewardInputs(creditCode: creditCodes[row], regionCode: regionCodes[row], isMountainCounty: mountainCounty[row], figures: byYear)
    }

    /// Calls `body` with a reader for every row in turn, in place.
    @inline(__always)
    func forEachRow(_ body: (Int, TableRowReader) -> Void) {
        let width = figures.count
        values.withUnsafeBufferPointer { values in
            mountainCounty.withUnsafeBufferPointer { mountain in
                for row in 0..<mountain.count {
                    body(row, TableRowReader(values: values, base: row * width, isMountainCounty: mountain[row]))
                }
            }
        }
    }
}
