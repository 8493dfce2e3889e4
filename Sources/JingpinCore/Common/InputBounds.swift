import Foundation

/// The range every kind of number a client may send must fall in, named once.
///
/// A number from a request is checked against its bound where it is parsed, so no
/// arithmetic downstream (an offset, a sum of weights, a count of working days) can
/// overflow or run for ever on a value a client chose. Each bound is wide enough for
/// any real use of the platform and narrow enough that products and sums of a few such
/// numbers stay far inside `Int` (Int64 on every platform Jingpin runs on).
public enum InputBounds {
    /// A page number: 100,000 pages of 100 rows each is ten million rows, more than any list holds.
    public static let page: ClosedRange<Int> = 1...100_000
    /// Rows per page.
    public static let perPage: ClosedRange<Int> = 1...100
    /// A business year: filings, rounds, reward runs, registry filters.
    public static let year: ClosedRange<Int> = 2000...2100
    /// A count of things a person enters: committee members, votes, complaints, quotas, targets,
    /// experts per application, load caps, ranks.
    public static let count: ClosedRange<Int> = 0...100_000
    /// A weight in basis points (10,000 = 100 %).
    public static let weightBP: ClosedRange<Int> = 0...10_000
    /// An amount of money in fen a person types (a budget, a sales figure): up to ¥1 trillion (10^12 yuan).
    public static let amountFen: ClosedRange<Int64> = 0...100_000_000_000_000
    /// A measured value typed on a scorecard (a linear indicator's baseline or leading value),
    /// in the indicator's stored unit: ±10^15, so a difference of two still fits many times over.
    public static let measure: ClosedRange<Int64> = -1_000_000_000_000_000...1_000_000_000_000_000
    /// Slots of a repeated form section (indicators of a pillar): more than any scorecard uses.
    public static let formSlots: ClosedRange<Int> = 0...99

    /// Parses a whole number typed or sent as text, checking it against `range`.
    ///
    /// Empty text is `.missing`; anything that is not a plain whole number (or does not fit
    /// `Int`) is `.notANumber`; a number outside the range is `.outOfRange`, never clamped.
    public static func parse(_ text: String, in range: ClosedRange<Int>) -> Result<Int, BoundedNumberError> {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return .failure(.missing) }
        guard let value = Int(t) else { return .failure(.notANumber) }
        return range.contains(value) ? .success(value) : .failure(.outOfRange(Int64(range.lowerBound), Int64(range.upperBound)))
    }

    /// Parses a whole 64-bit number typed or sent as text, checking it against `range`.
    public static func parse(_ text: String, in range: ClosedRange<Int64>) -> Result<Int64, BoundedNumberError> {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return .failure(.missing) }
        guard let value = Int64(t) else { return .failure(.notANumber) }
        return range.contains(value) ? .success(value) : .failure(.outOfRange(range.lowerBound, range.upperBound))
    }

    /// Reads field `field` from text, appending its field error and answering nil when it is
    /// missing, not a whole number or outside `range`.
    public static func read(_ text: String?, field: String, in range: ClosedRange<Int>, errors: inout [FieldError]) -> Int? {
        switch parse(text ?? "", in: range) {
        case .success(let v): return v
        case .failure(let e): errors.append(e.fieldError(field)); return nil
        }
    }

    /// A number that already arrived as a number (a JSON integer), checked against `range`.
    public static func check(_ value: Int, in range: ClosedRange<Int>) -> BoundedNumberError? {
        range.contains(value) ? nil : .outOfRange(Int64(range.lowerBound), Int64(range.upperBound))
    }

    /// The first row of a page: `(page - 1) × perPage`, or nil when it would overflow.
    /// With both numbers inside their bounds it never does; the check keeps that true by
    /// construction rather than by the bounds' good behaviour.
    public static func offset(page: Int, perPage: Int) -> Int? {
        let (pages, o1) = page.subtractingReportingOverflow(1)
        let (rows, o2) = pages.multipliedReportingOverflow(by: perPage)
        return o1 || o2 || rows < 0 ? nil : rows
    }
}

/// Why a number from a request was refused.
public enum BoundedNumberError: Error, Sendable, Hashable {
    /// Nothing was given where a number is needed.
    case missing
    /// Not a plain whole number.
    case notANumber
    /// A whole number outside the allowed range (both ends inclusive).
    case outOfRange(Int64, Int64)

    /// The field error for `field`, in both languages.
    public func fieldError(_ field: String) -> FieldError {
        switch self {
        case .missing:
            return FieldError(field: field, code: "required", "domain.common.error.required.2")
        case .notANumber:
            return FieldError(field: field, code: "not_a_number", "domain.common.error.not_a_number")
        case .outOfRange(let lo, let hi):
            return FieldError(field: field, code: "out_of_range", "domain.common.error.out_of_range", "\(lo)", "\(hi)")
        }
    }
}
