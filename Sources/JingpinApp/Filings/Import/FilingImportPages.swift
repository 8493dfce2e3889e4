import Foundation
import Hummingbird
import JingpinCore

/// The upload page for province admins: choose a CSV file and a year, see the report.
struct FilingImportPages {
    let services: AppServices
    var views: Views { services.views }

    /// The largest upload: a province-wide wide file (60,000 enterprises × 50 values) is about 30 MB.
    static let maxUpload = 64 * 1024 * 1024

    /// Registers `GET` and `POST /filings/import`.
    func register(_ routes: RouteTable) {
        routes.add(.get, "/filings/import", .permission(.importFilings), uploadForm)
        routes.add(.post, "/filings/import", .permission(.importFilings), upload)
    }

    /// The empty upload form.
    @Sendable func uploadForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        page(year: Self.defaultYear, dryRun: false, skipInvalid: false, report: nil, errors: [], context: context)
    }

    /// Last year: the year enterprises report on.
    static var defaultYear: Int { Calendar(identifier: .gregorian).component(.year, from: Date()) - 1 }

    /// Reads the form, runs the import and shows its report on the same page.
    @Sendable func upload(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.require(.importFilings)
        let l = context.language
        guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType]) else {
            throw AppError.malformed(Message("problem.upload-form-only"))
        }
        var request = request
        let buffer = try await request.collectBody(upTo: Self.maxUpload)
        guard let form = MultipartForm(body: Array(buffer.readableBytesView), boundary: boundary) else {
            throw AppError.malformed(Message("problem.upload-unreadable"))
        }
        let dryRun = form["dryRun"] != nil
        let skipInvalid = form["skipInvalid"] != nil
        let yearText = form["year"]?.text.trimmingCharacters(in: .whitespaces) ?? ""
        var errors: [FieldError] = []
        let typedYear = try? InputBounds.parse(yearText, in: InputBounds.year).get()
        let year = typedYear.flatMap { services.catalogue.indicators(for: $0).isEmpty ? nil : $0 }
        if year == nil {
            errors.append(FieldError(field: "year", code: "invalid_year", "filings.error.invalid_year"))
        }
        let file = form["file"]
        if file == nil || file!.body.isEmpty {
            errors.append(FieldError(field: "file", code: "required", "filings.error.required.2"))
        }
        guard let year, let file, errors.isEmpty else {
            return page(year: typedYear ?? Self.defaultYear, dryRun: dryRun, skipInvalid: skipInvalid, report: nil, errors: errors,
                        context: context, status: .unprocessableContent)
        }
        let importer = FilingImporter(database: services.database, catalogue: services.catalogue)
        let report = try await importer.run(MemoryByteSource(bytes: Array(file.body)),
                                            options: FilingImportOptions(year: year, dryRun: dryRun, skipInvalid: skipInvalid),
                                            actor: identity.actor, requestID: context.requestID)
        return page(year: year, dryRun: dryRun, skipInvalid: skipInvalid, report: report, errors: [], context: context,
                    status: report.refused ? .unprocessableContent : .ok, filename: file.filename)
    }

    /// The form, with the report of the last upload when there is one.
    func page(year: Int, dryRun: Bool, skipInvalid: Bool, report: FilingImportReport?, errors: [FieldError],
              context: AppRequestContext, status: HTTPResponse.Status = .ok, filename: String? = nil) -> Response {
        let l = context.language
        let importReport = report.map { r in
            let outcome: String
            if r.refused {
                outcome = views.t(r.counts.fileRefused ? "import.refusedFile" : (r.dryRun ? "import.dryRunBad" : "import.refused"), l)
            } else if r.dryRun {
                outcome = views.t(r.counts.rowsRejected > 0 ? "import.dryRunBad" : "import.dryRunOk", l)
            } else {
                outcome = views.t(r.counts.rowsRejected > 0 ? "import.doneWithRejects" : "import.done", l)
            }
            return FilingImportPage.Report(
                outcome: outcome, refused: r.refused, filename: filename?.nilIfEmpty, sha256: r.sha256,
                encoding: r.encoding.rawValue + (r.hadBOM ? " (BOM)" : ""), layout: r.layout ?? "-",
                rowsRead: r.counts.rowsRead, rowsRejected: r.counts.rowsRejected, valuesAccepted: r.counts.valuesAccepted,
                valuesWritten: r.valuesWritten, problemCount: r.counts.problemCount,
                hasProblems: !r.problems.isEmpty, truncated: r.counts.problemCount > r.problems.count, shown: r.problems.count,
                problems: r.problems.map { FilingImportPage.Problem(line: $0.line, column: $0.column, value: $0.value, reason: $0.reason(l)) })
        }
        let page = FilingImportPage(
            year: year, dryRun: dryRun, skipInvalid: skipInvalid,
            yearError: errors.first { $0.field == "year" }.map { views.t($0.message, l) },
            fileError: errors.first { $0.field == "file" }.map { views.t($0.message, l) },
            report: importReport, errors: ErrorSummary(errors, strings: views.strings, language: l))
        return views.page("filings/import", title: views.t("import.title", l), model: page, context: context, status: status)
    }
}

/// `/filings/import`: the upload form, with the report of the last upload when there is one.
struct FilingImportPage: PageModel {
    let year: Int
    let dryRun: Bool
    let skipInvalid: Bool
    /// Each field's own error; nil when it has none (an empty string would still mark the field as wrong).
    let yearError: String?
    let fileError: String?
    let report: Report?
    let errors: ErrorSummary

    /// What the import did: its outcome in words, the file and the counts.
    struct Report: Encodable, Sendable {
        let outcome: String
        let refused: Bool
        let filename: String?
        let sha256: String
        let encoding: String
        let layout: String
        let rowsRead: Int
        let rowsRejected: Int
        let valuesAccepted: Int
        let valuesWritten: Int
        let problemCount: Int
        let hasProblems: Bool
        let truncated: Bool
        let shown: Int
        let problems: [Problem]
    }

    /// One problem with the file, where it is and why.
    struct Problem: Encodable, Sendable {
        let line: Int
        let column: String
        let value: String
        let reason: String
    }
}
