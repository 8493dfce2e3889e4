import Foundation
import JingpinCore

/// Turns typed values (text per indicator code) into stored values, checking each against
/// the year's catalogue: unknown codes and bad values become field errors at `/values/<code>`.
enum FilingInput {
    static func changes(_ typed: [String: String?], catalogue: IndicatorCatalogue, year: Int,
                        language: Language) -> Result<[String: Int64?], FieldErrors> {
        var errors: [FieldError] = []
        var out: [String: Int64?] = [:]
        for (code, raw) in typed.sorted(by: { $0.key < $1.key }) {
            guard let indicator = catalogue.indicator(code, year: year) else {
                errors.append(FieldError(field: "values/\(code)", code: "unknown_indicator",
                                         "filings.error.unknown_indicator", "\(year)", "\(code)"))
                continue
            }
            let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                out[code] = .some(nil)
                continue
            }
            switch IndicatorValue.parse(text, indicator) {
            case .success(let v): out[code] = v
            case .failure(let e):
                errors.append(FieldError(field: "values/\(code)", code: e.code,
                                         "filings.error.message", .named(zh: "\(indicator.nameZh)", en: "\(indicator.nameEn)"), .message(e.message(indicator: indicator))))
            }
        }
        return errors.isEmpty ? .success(out) : .failure(FieldErrors(errors))
    }

    /// The year a filing may be for: a completed year the catalogue defines.
    static func checkYear(_ raw: String?, catalogue: IndicatorCatalogue, today: LocalDate = .today()) throws -> Int {
        guard let raw, case .success(let year) = InputBounds.parse(raw, in: InputBounds.year), year < today.year, !catalogue.indicators(for: year).isEmpty else { throw AppError.notFound }
        return year
    }
}
