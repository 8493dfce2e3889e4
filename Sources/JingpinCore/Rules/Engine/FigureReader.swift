/// Where a formula reads one enterprise's figures from. Slot i is the formula's i-th declared
/// figure (`RuleFormulaSpec.figures`), so the same formula code runs over a column table in a
/// batch and over one enterprise's inputs when a trace is made.
public protocol FigureReader {
    /// The value of declared figure `slot`, nil when not filed.
    func figure(_ slot: Int) -> Int64?
    /// Whether the enterprise's county is one of the 26 mountain counties.
    var isMountainCounty: Bool { get }
}

/// One row of a `RewardFigureTable`, read in place (no copy, no reference counting).
struct TableRowReader: FigureReader {
    let values: UnsafeBufferPointer<Int64?>
    let base: Int
    let isMountainCounty: Bool

    @inline(__always) func figure(_ slot: Int) -> Int64? { values[base + slot] }
}
