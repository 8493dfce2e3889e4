/// A table of brackets over a base (an amount, a rate), with dated versions like a parameter.
///
/// The kind is always declared: the same rows mean very different money read one way or the
/// other, and OpenFisca's silent default (an untyped scale is marginal) is a known trap.
public struct BracketScale: Sendable, Hashable {
    /// How the brackets turn a base into an amount.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The amount of the highest bracket whose threshold the base reaches (a tiered grant).
        case singleAmount = "single_amount"
        /// Each bracket's rate applies to the part of the base inside it; the parts add up (a tax).
        case marginalRate = "marginal_rate"
    }

    /// One bracket: from `threshold` (inclusive) up to the next bracket's threshold.
    public struct Bracket: Sendable, Hashable {
        /// Where the bracket starts, in the scale's base unit.
        public let threshold: Int64
        /// The bracket's amount (fen) for a single-amount scale, or its rate (basis points) for a marginal one.
        public let value: Int64

        /// Creates a bracket.
        public init(threshold: Int64, value: Int64) {
            self.threshold = threshold
            self.value = value
        }
    }

    /// One version of the brackets and the day it starts to apply.
    public struct DatedBrackets: Sendable, Hashable {
        /// The first day this version applies.
        public let from: LocalDate
        /// The brackets, by strictly increasing threshold.
        public let brackets: [Bracket]
        /// Where the figures come from.
        public let reference: PolicyReference

        /// Creates a version.
        public init(from: LocalDate, brackets: [Bracket], reference: PolicyReference) {
            self.from = from
            self.brackets = brackets
            self.reference = reference
        }
    }

    /// The dotted id.
    public let id: String
    /// Single amount or marginal rate.
    public let kind: Kind
    /// The unit of the base the thresholds are in.
    public let baseUnit: ParameterUnit
    /// The Chinese label.
    public let labelZh: String
    /// The English label.
    public let labelEn: String
    /// The versions, oldest first.
    public let versions: [DatedBrackets]

    /// Creates a scale; versions must be sorted by date and brackets by threshold.
    public init(id: String, kind: Kind, baseUnit: ParameterUnit, labelZh: String, labelEn: String, versions: [DatedBrackets]) {
        self.id = id
        self.kind = kind
        self.baseUnit = baseUnit
        self.labelZh = labelZh
        self.labelEn = labelEn
        self.versions = versions
    }

    /// The unit of the brackets' values: fen for single amounts, basis points for marginal rates.
    public var valueUnit: ParameterUnit { kind == .singleAmount ? .fen : .basisPoints }

    /// The version that applies on `date`.
    public func version(on date: LocalDate) -> DatedBrackets? { versions.last { $0.from <= date } }

    /// The label in a language.
    public func label(_ language: Language) -> String { language == .en ? labelEn : labelZh }

    /// Applies `brackets` to the base `numerator / denominator` (denominator > 0), exactly.
    /// A single-amount scale gives the amount of the highest bracket whose threshold the base
    /// reaches (0 below the first). A marginal scale gives Σ rateᵢ × the part of the base inside
    /// bracket i. The result is an unrounded fraction, so the caller rounds once, at the end.
    public static func apply(_ kind: Kind, brackets: [Bracket], to base: (numerator: Int128, denominator: Int128))
        -> (numerator: Int128, denominator: Int128) {
        let (n, d) = base
        switch kind {
        case .singleAmount:
            // base ≥ t  ⟺  n ≥ t × d, compared on integers.
            let reached = brackets.last { n >= Int128($0.threshold) * d }
            return (Int128(reached?.value ?? 0), 1)
        case .marginalRate:
            var total: Int128 = 0
            for (i, b) in brackets.enumerated() {
                let lower = Int128(b.threshold) * d
                guard n > lower else { break }
                let upper = i + 1 < brackets.count ? min(n, Int128(brackets[i + 1].threshold) * d) : n
                total += (upper - lower) * Int128(b.value)
            }
            return (total, 10_000 * d)
        }
    }
}
