/// Builds a trace while a formula runs: reading a parameter through it records the value
/// used, so a trace cannot leave out a parameter the result depended on.
public struct TraceRecorder: Sendable {
    /// The rule set being applied.
    public let ruleSet: RuleSet
    /// The day parameters are read at.
    public let date: LocalDate
    /// The trace so far.
    public private(set) var trace: EvaluationTrace

    /// Starts a trace for `subject`'s figures of `year`; parameters are read as of the year's last day.
    public init(ruleSet: RuleSet, subject: String, year: Int) {
        self.ruleSet = ruleSet
        // Rules in force at the end of the data year apply to the whole year's figures.
        date = (try? LocalDate(year: year, month: 12, day: 31)) ?? LocalDate(daysSinceEpoch: 0)
        trace = EvaluationTrace(engineVersion: RuleEngine.version,
                                ruleSet: .init(id: ruleSet.id, version: ruleSet.version, contentHash: ruleSet.contentHash),
                                subject: subject, year: year, parametersOn: date.isoText, result: .init(eligibleFen: 0, notes: []))
        // Every path records a few of each; room for them up front saves regrowing the arrays.
        trace.inputs.reserveCapacity(4)
        trace.parameters.reserveCapacity(4)
        trace.steps.reserveCapacity(6)
    }

    /// The value of parameter `name` (relative to the rule set's id), recorded once.
    public mutating func parameter(_ name: String) throws(RuleEvaluationError) -> Int64 {
        guard let p = ruleSet.parameter(name) else { throw .unknownParameter("\(ruleSet.id).\(name)") }
        guard let v = p.value(on: date) else { throw .noValue(p.id, date.description) }
        if !trace.parameters.contains(where: { $0.id == p.id }) {
            trace.parameters.append(.init(id: p.id, from: v.from.isoText, value: v.value, unit: p.unit, reference: v.reference))
        }
        return v.value
    }

    /// The brackets of table `name` in force, recorded once.
    public mutating func scale(_ name: String) throws(RuleEvaluationError) -> (BracketScale.Kind, [BracketScale.Bracket]) {
        guard let s = ruleSet.scale(name) else { throw .unknownParameter("\(ruleSet.id).\(name)") }
        guard let v = s.version(on: date) else { throw .noValue(s.id, date.description) }
        if !trace.scales.contains(where: { $0.id == s.id }) {
            trace.scales.append(.init(id: s.id, from: v.from.isoText, kind: s.kind, baseUnit: s.baseUnit,
                                      brackets: v.brackets.map { [$0.threshold, $0.value] }, reference: v.reference))
        }
        return (s.kind, v.brackets)
    }

    /// Records a figure read.
    public mutating func input(_ name: String, year: Int, _ value: Int64?, _ unit: ParameterUnit) {
        trace.inputs.append(.init(name: name, year: year, value: value, unit: unit))
    }

    /// Records an exact intermediate value `numerator / denominator` (a power of ten) in `unit`.
    public mutating func step(_ name: String, _ numerator: Int128, over denominator: Int128 = 1, _ unit: ParameterUnit) {
        trace.steps.append(.init(name: name, value: ExactDecimal.text(numerator, over: denominator), unit: unit))
    }

    /// Raises the fraction `n / d` by the parameter `mountain_uplift` (basis points) for an
    /// enterprise in one of the 26 mountain counties, recording the step and the note.
    public mutating func mountainUplift(_ inputs: RewardInputs, _ n: inout Int128, _ d: inout Int128,
                                        _ notes: inout [String]) throws(RuleEvaluationError) {
        let uplift = try parameter("mountain_uplift")
        guard inputs.isMountainCounty && uplift != 0 else { return }
        n *= Int128(10_000 + uplift)
        d *= 10_000
        step("uplifted_amount", n, over: d, .fen)
        notes.append("mountain_uplift")
    }

    /// Finishes with the eligible amount and notes.
    public mutating func finish(eligibleFen: Int64, notes: [String]) -> EvaluationTrace {
        trace.result = .init(eligibleFen: eligibleFen, notes: notes)
        return trace
    }
}

/// Why a formula could not run (a configuration fault, not an enterprise's ineligibility).
public enum RuleEvaluationError: Error, Sendable, Hashable {
    /// The rule set has no such parameter.
    case unknownParameter(String)
    /// The parameter has no value on that day (not yet in force, or ended).
    case noValue(String, String)
    /// The rule set names a formula the engine does not have.
    case unknownFormula(String)

    /// The problem in words.
    public func message(_ l: Language) -> String {
        switch (self, l) {
        case (.unknownParameter(let id), .en): "the rule set has no parameter \(id)"
        case (.unknownParameter(let id), _): "规则集中没有参数 \(id)"
        case (.noValue(let id, let date), .en): "parameter \(id) has no value on \(date)"
        case (.noValue(let id, let date), _): "参数 \(id) 在 \(date) 没有有效取值"
        case (.unknownFormula(let f), .en): "unknown formula \(f)"
        case (.unknownFormula(let f), _): "无法识别的计算公式 \(f)"
        }
    }
}

/// Exact decimal text of a fraction whose denominator is a power of ten.
public enum ExactDecimal {
    /// `numerator / denominator` written out exactly, trailing zeros dropped: 12345/100 → "123.45".
    public static func text(_ numerator: Int128, over denominator: Int128) -> String {
        precondition(denominator > 0)
        // Almost every value a formula records fits in 64 bits, where division is cheap.
        if let m = UInt64(exactly: numerator.magnitude), let d = UInt64(exactly: denominator) {
            return text(negative: numerator < 0, m, over: d)
        }
        var places = 0
        var d = denominator
        while d > 1 {
            precondition(d % 10 == 0, "denominator must be a power of ten")
            d /= 10
            places += 1
        }
        let sign = numerator < 0 ? "-" : ""
        let m = numerator.magnitude
        let whole = m / UInt128(denominator)
        var frac = String(m % UInt128(denominator))
        if places == 0 { return sign + String(whole) }
        frac = String(repeating: "0", count: places - frac.count) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        return sign + String(whole) + (frac.isEmpty ? "" : "." + frac)
    }

    /// The same for a magnitude and denominator that fit in 64 bits, written digit by digit
    /// into the string's storage (no intermediate strings).
    private static func text(negative: Bool, _ magnitude: UInt64, over denominator: UInt64) -> String {
        var places = 0
        var d = denominator
        while d > 1 {
            precondition(d % 10 == 0, "denominator must be a power of ten")
            d /= 10
            places += 1
        }
        var whole = magnitude / denominator
        var frac = magnitude % denominator
        // Trailing zeros of the fraction are dropped; none at all leaves no point.
        if frac == 0 {
            places = 0
        } else {
            while frac % 10 == 0 {
                frac /= 10
                places -= 1
            }
        }
        var wholeDigits = 1
        var w = whole
        while w >= 10 {
            w /= 10
            wholeDigits += 1
        }
        let count = (negative ? 1 : 0) + wholeDigits + (places > 0 ? 1 + places : 0)
        return String(unsafeUninitializedCapacity: count) { buffer in
            var i = count
            for _ in 0..<places {
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(frac % 10)
                frac /= 10
            }
            if places > 0 {
                i -= 1
                buffer[i] = UInt8(ascii: ".")
            }
            repeat {
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(whole % 10)
                whole /= 10
            } while whole > 0
            if negative {
                i -= 1
                buffer[i] = UInt8(ascii: "-")
            }
            return count
        }
    }
}

extension LocalDate {
    /// The same text as `description` ("2025-12-31"), written as ten bytes, without the
    /// interpolation and padding strings: traces record a date for every parameter used.
    var isoText: String {
        guard (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else { return description }
        return String(unsafeUninitializedCapacity: 10) { b in
            func put(_ value: Int, _ at: Int, _ width: Int) {
                var v = value
                for i in stride(from: at + width - 1, through: at, by: -1) {
                    b[i] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                }
            }
            put(year, 0, 4)
            b[4] = UInt8(ascii: "-")
            put(month, 5, 2)
            b[7] = UInt8(ascii: "-")
            put(day, 8, 2)
            return 10
        }
    }
}
