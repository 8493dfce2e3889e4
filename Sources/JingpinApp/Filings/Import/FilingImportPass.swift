import Crypto
import Foundation
import JingpinCore

/// One pass over an import file: hashes the bytes, decodes them to UTF-8, splits records,
/// validates rows and hands accepted values to a sink in batches. It holds the pass's state,
/// used by one task at a time (the engine writers call it from inside their transaction).
final class FilingImportPass: @unchecked Sendable {
    /// Values handed to the sink at a time: large enough to amortise a statement, small enough
    /// to keep memory flat.
    static let batchSize = 5000

    private var source: any ImportByteSource
    private var hasher = SHA256()
    private let decoder = ImportTextDecoder()
    private var parser = CSVStreamParser()
    private(set) var validator: FilingImportValidator
    private let rejects: ImportRejectsWriter?
    private let skipInvalid: Bool
    private let dryRun: Bool
    private let progress: (@Sendable (Int) -> Void)?
    private(set) var sha256 = ""
    private(set) var valuesSent = 0
    /// Values handed to the sink per enterprise, by the validator's enterprise index.
    private(set) var valuesPerEnterprise: [Int32]
    private var isHeader = true

    init(source: any ImportByteSource, validator: FilingImportValidator, enterpriseCount: Int, skipInvalid: Bool, dryRun: Bool,
         rejects: ImportRejectsWriter?, progress: (@Sendable (Int) -> Void)?) {
        self.source = source
        valuesPerEnterprise = Array(repeating: 0, count: enterpriseCount)
        self.validator = validator
        self.skipInvalid = skipInvalid
        self.dryRun = dryRun
        self.rejects = rejects
        self.progress = progress
    }

    /// Whether values may still reach the database: never in a dry run or after a file-level
    /// problem, and in all-or-nothing mode only while no problem has been found (the
    /// transaction is rolled back anyway, so sending more would only waste time).
    var shouldWrite: Bool {
        !dryRun && !validator.counts.fileRefused && (skipInvalid || validator.counts.problemCount == 0)
    }

    /// Whether the import must be rolled back.
    var refused: Bool { validator.counts.fileRefused || (!skipInvalid && validator.counts.problemCount > 0) }

    /// The encoding found.
    var encoding: ImportTextEncoding { decoder.encoding }
    /// Whether the file had a byte-order mark.
    var hadBOM: Bool { decoder.hadBOM }

    /// Reads the whole source, calling `sink` with batches of accepted values while writing is allowed.
    func pump(_ sink: ([ImportedValue]) async throws -> Void) async throws {
        var pending: [ImportedValue] = []
        pending.reserveCapacity(Self.batchSize + 64)
        var nextProgress = 50_000
        var finished = false
        while !finished {
            let chunk = try source.next()
            finished = chunk == nil
            if let chunk { hasher.update(data: chunk) }
            let text: [UInt8]
            do {
                text = try decoder.decode(chunk ?? [], final: finished)
            } catch {
                validator.fileProblem(FilingImportProblem(line: error.line, column: "-", value: "", kind: .encoding))
                break
            }
            parser.feed(text) { record in consume(record, into: &pending) }
            if finished {
                parser.finish { record in consume(record, into: &pending) }
                validator.finish()
            }
            if !shouldWrite { pending.removeAll(keepingCapacity: true) }
            if pending.count >= Self.batchSize || (finished && !pending.isEmpty) {
                try await sink(pending)
                valuesSent += pending.count
                for v in pending { valuesPerEnterprise[Int(v.enterprise)] += 1 }
                pending.removeAll(keepingCapacity: true)
            }
            try rejects?.flush()
            if validator.counts.rowsRead >= nextProgress {
                progress?(validator.counts.rowsRead)
                nextProgress = (validator.counts.rowsRead / 50_000 + 1) * 50_000
            }
        }
        // Hash whatever was not read when an encoding failure stopped the pass, so the digest is the file's.
        while let chunk = try source.next() { hasher.update(data: chunk) }
        sha256 = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        try rejects?.close()
    }

    /// Validates one record and sets a refused row aside.
    private func consume(_ record: CSVStreamRecord, into pending: inout [ImportedValue]) {
        let problems = validator.read(record, into: &pending)
        if isHeader {
            isHeader = false
            rejects?.header(record.fields)
        } else if !problems.isEmpty {
            rejects?.reject(record.fields, problems: problems)
        }
    }

    /// The report of the pass.
    func report(year: Int, layout: String?, valuesWritten: Int) -> FilingImportReport {
        FilingImportReport(year: year, sha256: sha256, encoding: encoding, hadBOM: hadBOM, layout: layout,
                           counts: validator.counts, problems: validator.problems, valuesWritten: valuesWritten,
                           dryRun: dryRun, skipInvalid: skipInvalid)
    }
}

/// Writes refused rows, as they were read, to a CSV file with an added `reason` column, so
/// they can be corrected and imported on their own.
final class ImportRejectsWriter {
    private let handle: FileHandle
    private var buffer = Data()

    /// Creates (or empties) the file at `path`.
    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data([0xEF, 0xBB, 0xBF])),
              let h = FileHandle(forWritingAtPath: path) else { throw ImportFileError(path: path) }
        handle = h
        handle.seekToEndOfFile()
    }

    /// Writes the file's header with the added `reason` column.
    func header(_ fields: [String]) { line(fields + ["reason"]) }

    /// Writes one refused row with its reasons.
    func reject(_ fields: [String], problems: [FilingImportProblem]) {
        line(fields + [problems.map { "\($0.column): \($0.reason(.en))" }.joined(separator: "; ")])
    }

    /// Writes what is buffered.
    func flush() throws {
        if buffer.isEmpty { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and closes the file.
    func close() throws {
        try flush()
        try handle.close()
    }

    /// Plain RFC 4180 quoting, without the spreadsheet-formula guard of exports, so a row
    /// written here reads back exactly as it was.
    private func line(_ fields: [String]) {
        let text = fields.map { f in
            f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",")
        buffer.append(contentsOf: Array((text + "\r\n").utf8))
    }
}
