import Foundation
import JingpinCore

extension Commands {
    /// `jingpin import filings FILE --year Y`: streams the file, prints the report, and returns
    /// whether the import was accepted (false when refused, so the command exits non-zero).
    public static func importFilings(settings: Settings, path: String, year: Int, dryRun: Bool, skipInvalid: Bool,
                                     rejectsPath: String?) async throws -> Bool {
        let services = try await services(settings, logger: makeLogger(label: "jingpin", level: settings.logLevel))
        do {
            guard !services.catalogue.indicators(for: year).isEmpty else {
                throw Settings.Invalid(description: "the indicator catalogue has no indicators for \(year)")
            }
            let importer = FilingImporter(database: services.database, catalogue: services.catalogue)
            let report = try await importer.run(try FileByteSource(path: path),
                                                options: FilingImportOptions(year: year, dryRun: dryRun, skipInvalid: skipInvalid),
                                                actor: .cli(ProcessInfo.processInfo.userName),
                                                requestID: "cli-\(UUID().uuidString.prefix(8))",
                                                rejectsPath: skipInvalid ? rejectsPath : nil,
                                                progress: { say("… \($0) rows read") })
            for line in report.lines() { say(line) }
            await services.database.shutdown()
            return !report.refused
        } catch {
            await services.database.shutdown()
            if let e = error as? ImportFileError { throw Settings.Invalid(description: e.description) }
            throw error
        }
    }
}
