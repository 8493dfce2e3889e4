/// A reward rule set made ready for one data year: the formula chosen and every parameter
/// read once, as of the year's last day. It computes amounts in two ways that share one
/// piece of arithmetic — a batch over a `RewardFigureTable` with no trace (a run's thousands
/// of enterprises), and one enterprise with its full trace (what is stored and shown). The
/// engine is deterministic, so a trace made later for a row equals the one the batch skipped.
public struct RewardProgram: Sendable {
    /// The rule set.
    public let ruleSet: RuleSet
    /// The data year.
    public let year: Int
    /// The day parameters were read at.
    public let date: LocalDate
    /// The per-enterprise cap in fen.
    public let capFen: Int64
    /// The parameter values every trace of this program records.
    public let parameters: [EvaluationTrace.ParameterUse]
    /// The bracket tables every trace of this program records.
    public let scales: [EvaluationTrace.ScaleUse]
    private let kernel: RewardKernel

    /// Prepares `ruleSet` (a reward rule set) for the figures of `year`; fails when its
    /// formula is unknown or a parameter it needs has no value on the year's last day.
    public init(ruleSet: RuleSet, year: Int) throws(RuleEvaluationError) {
        guard let formula = RuleEngine.rewardFormulas[ruleSet.formula] else { throw .unknownFormula(ruleSet.formula) }
        // Rules in force at the end of the data year apply to the whole year's figures.
        let date = (try? LocalDate(year: year, month: 12, day: 31)) ?? LocalDate(daysSinceEpoch: 0)
        var reader = ParameterReader(ruleSet: ruleSet, date: date)
        kernel = try formula.compile(&reader)
        capFen = try reader.parameter("cap")
        self.ruleSet = ruleSet
        self.year = year
        self.date = date
        parameters = reader.parameters
        scales = reader.scales
    }

    /// The figures the formula reads: the columns a table for this program needs.
    public var figures: [FigureRef] { kernel.spec.figures }

    /// An empty table for this program's figures and year.
    public func table() -> RewardFigureTable { RewardFigureTable(year: year, figures: figures) }

    /// The eligible amount of every row of `table`, in fen, in row order (0 when not eligible).
    public func eligibleFen(_ table: RewardFigureTable) -> [Int64] {
        precondition(table.figures == figures && table.year == year, "the table was made for another program")
        return kernel.eligibleFen(table, ruleSet.rounding, capFen)
    }

    /// The trace of row `row` of `table`.
    public func trace(_ table: RewardFigureTable, row: Int) -> EvaluationTrace {
        precondition(table.figures == figures && table.year == year, "the table was made for another program")
        return table.values.withUnsafeBufferPointer { values in
            trace(subject: table.creditCodes[row],
                  TableRowReader(values: values, base: row * figures.count, isMountainCounty: table.mountainCounty[row]))
        }
    }

    /// The trace of one enterprise's inputs.
    public func trace(_ inputs: RewardInputs) -> EvaluationTrace {
        var table = table()
        table.append(inputs)
        return trace(table, row: 0)
    }

    private func trace(subject: String, _ reader: TableRowReader) -> EvaluationTrace {
        var trace = EvaluationTrace(engineVersion: RuleEngine.version,
                                    ruleSet: .init(id: ruleSet.id, version: ruleSet.version, contentHash: ruleSet.contentHash),
                                    subject: subject, year: year, parametersOn: date.isoText, result: .init(eligibleFen: 0, notes: []))
        trace.inputs = figures.enumerated().map { slot, ref in
            .init(name: ref.indicator, year: ref.year(for: year), value: reader.figure(slot), unit: .fen)
        }
        trace.inputs.append(.init(name: RewardInputs.mountainCounty, year: year, value: reader.isMountainCounty ? 1 : 0, unit: .boolean))
        trace.parameters = parameters
        trace.scales = scales
        var steps = StepRecorder()
        let amount = kernel.amount(reader, &steps)
        let (eligible, notes) = Self.settle(amount, rounding: ruleSet.rounding, capFen: capFen, &steps)
        trace.steps = steps.steps
        trace.result = .init(eligibleFen: eligible, notes: notes.names)
        return trace
    }

    /// The formula's exact amount rounded once by `rounding` (negative amounts are nothing),
    /// then limited to `capFen`.
    @inline(__always)
    static func settle<S: StepSink>(_ amount: RewardAmount, rounding: RoundingRule, capFen: Int64, _ steps: inout S)
        -> (Int64, RewardNotes) {
        let rounded = Int64(RoundingRule.roundedQuotient(max(amount.numerator, 0), amount.denominator, rounding))
        steps.step("rounded", Int128(rounded), .fen)
        guard rounded > capFen else { return (rounded, amount.notes) }
        return (capFen, amount.notes.union(.capped))
    }
}

/// A formula registered with the engine: its spec, and how to make its kernel from a rule set.
public struct RewardFormulaEntry: Sendable {
    /// What the formula needs.
    public let spec: RuleFormulaSpec
    let compile: @Sendable (inout ParameterReader) throws(RuleEvaluationError) -> RewardKernel

    /// Registers formula `F`. Called with a concrete type (the engine's table of formulas), so
    /// the compiler specialises the batch loop for it: calls through a formula's protocol
    /// would cost more than its arithmetic.
    public init<F: RewardFormula>(_ formula: F.Type) {
        spec = F.spec
        compile = { (reader: inout ParameterReader) throws(RuleEvaluationError) in
            RewardKernel(F.self, parameters: try F.parameters(&reader))
        }
    }
}

/// A formula with its parameters, as closures, so a program can hold any formula.
struct RewardKernel: Sendable {
    let spec: RuleFormulaSpec
    let eligibleFen: @Sendable (_ table: RewardFigureTable, _ rounding: RoundingRule, _ capFen: Int64) -> [Int64]
    let amount: @Sendable (_ reader: TableRowReader, _ steps: inout StepRecorder) -> RewardAmount

    init<F: RewardFormula>(_ formula: F.Type, parameters: F.Parameters) {
        spec = F.spec
        eligibleFen = { table, rounding, capFen in
            [Int64](unsafeUninitializedCapacity: table.count) { buffer, initialised in
                var none = NoSteps()
                table.forEachRow { row, reader in
                    let amount = F.evaluate(reader, parameters, &none)
                    buffer[row] = RewardProgram.settle(amount, rounding: rounding, capFen: capFen, &none).0
                }
                initialised = table.count
            }
        }
        amount = { reader, steps in F.evaluate(reader, parameters, &steps) }
    }
}
