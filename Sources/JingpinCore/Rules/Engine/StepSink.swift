/// Where a formula reports its intermediate values. A batch passes `NoSteps`, which the
/// compiler removes entirely, values included (they are autoclosures); a trace passes
/// `StepRecorder`. The arithmetic is the same code either way, so the amount a batch computes
/// is the amount its trace explains.
public protocol StepSink {
    /// Reports the exact value `numerator / denominator` (a power of ten) in `unit`.
    mutating func step(_ name: String, _ numerator: @autoclosure () -> Int128, over denominator: Int128, _ unit: ParameterUnit)
}

extension StepSink {
    /// Reports a whole value.
    @inline(__always)
    public mutating func step(_ name: String, _ value: @autoclosure () -> Int128, _ unit: ParameterUnit) {
        step(name, value(), over: 1, unit)
    }
}

/// Discards every step: the batch path.
public struct NoSteps: StepSink {
    /// Creates the sink.
    public init() {}
    @inline(__always)
    public mutating func step(_ name: String, _ numerator: @autoclosure () -> Int128, over denominator: Int128, _ unit: ParameterUnit) {}
}

/// Keeps every step, written as exact decimal text: the trace path.
public struct StepRecorder: StepSink {
    /// The steps so far, in order.
    public private(set) var steps: [EvaluationTrace.Step] = []

    /// Creates an empty recorder.
    public init() { steps.reserveCapacity(6) }

    public mutating func step(_ name: String, _ numerator: @autoclosure () -> Int128, over denominator: Int128, _ unit: ParameterUnit) {
        steps.append(.init(name: name, value: ExactDecimal.text(numerator(), over: denominator), unit: unit))
    }
}
