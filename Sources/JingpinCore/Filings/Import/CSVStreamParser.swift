import Foundation

/// One CSV record read from a stream, with the physical line it starts on.
public struct CSVStreamRecord: Sendable, Hashable {
    /// The 1-based physical line where the record starts.
    public let line: Int
    /// The fields, unquoted (as far as they could be read when the quoting is broken).
    public let fields: [String]
    /// Broken quoting in this record, if any; the record is still returned so the report can show it.
    public let quoting: CSVQuotingProblem?

    /// Creates a record.
    public init(line: Int, fields: [String], quoting: CSVQuotingProblem? = nil) {
        self.line = line
        self.fields = fields
        self.quoting = quoting
    }
}

/// Quoting that RFC 4180 does not allow, found in one record.
public struct CSVQuotingProblem: Sendable, Hashable {
    /// What is wrong.
    public enum Kind: Sendable, Hashable {
        /// A quoted field is still open at the end of the file.
        case unterminatedQuote
        /// Something other than a comma or a line end follows a closing quote.
        case textAfterClosingQuote
    }
    /// What is wrong.
    public let kind: Kind
    /// The 1-based field where it happens.
    public let field: Int

    /// Creates a problem.
    public init(kind: Kind, field: Int) {
        self.kind = kind
        self.field = field
    }
}

/// An incremental RFC 4180 reader over UTF-8 bytes: chunks may end anywhere (inside a quoted
/// field, between CR and LF, inside a multi-byte character), and memory stays bounded by one
/// record, so a file of any size can be streamed.
///
/// It works on bytes rather than characters because the delimiters (`,` `"` CR LF) are ASCII
/// and never occur inside a UTF-8 multi-byte sequence, and because byte loops are an order of
/// magnitude faster than `Character` iteration on a 100 MB file.
public struct CSVStreamParser: Sendable {
    /// The longest field kept; longer text is cut, so an unterminated quote cannot swallow the
    /// rest of a large file into memory. No valid cell of an import file comes near it.
    public static let maxFieldBytes = 4096

    private enum State: Sendable { case fieldStart, unquoted, quoted, quoteInQuoted, afterClosingQuote }

    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var fieldWasQuoted = false
    private var pendingCR = false
    private var line = 1
    private var recordLine = 1
    private var problem: CSVQuotingProblem?

    /// A parser at the start of a file.
    public init() {}

    /// The physical line the parser has reached (1-based).
    public var currentLine: Int { line }

    /// Reads one chunk and calls `emit` for every record completed in it.
    public mutating func feed(_ chunk: [UInt8], _ emit: (CSVStreamRecord) throws -> Void) rethrows {
        try chunk.withUnsafeBufferPointer { try feed($0, emit) }
    }

    /// Reads one chunk and calls `emit` for every record completed in it.
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ emit: (CSVStreamRecord) throws -> Void) rethrows {
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        for b in chunk {
            let afterCR = pendingCR
            pendingCR = false
            if afterCR && b == lf {
                // The second half of a CRLF: the line was already counted at the CR.
                if state == .quoted { append(b) }
                continue
            }
            if state == .quoteInQuoted {
                if b == quote {
                    append(quote)
                    state = .quoted
                    continue
                }
                state = .afterClosingQuote
            }
            switch state {
            case .quoted:
                if b == quote {
                    state = .quoteInQuoted
                } else {
                    if b == lf || b == cr { line += 1 }
                    if b == cr { pendingCR = true }
                    append(b)
                }
            case .fieldStart, .unquoted, .afterClosingQuote:
                if b == comma {
                    endField()
                } else if b == cr || b == lf {
                    if b == cr { pendingCR = true }
                    try endRecord(emit)
                    line += 1
                    recordLine = line
                } else if b == quote && state == .fieldStart {
                    state = .quoted
                    fieldWasQuoted = true
                } else if state == .afterClosingQuote {
                    if problem == nil { problem = CSVQuotingProblem(kind: .textAfterClosingQuote, field: fields.count + 1) }
                    append(b)
                } else {
                    // A quote inside an unquoted field is kept as it is, as spreadsheets do.
                    state = .unquoted
                    append(b)
                }
            case .quoteInQuoted:
                break // handled above
            }
        }
    }

    /// Ends the file: emits the last record (one without a final line end) and reports a
    /// quoted field left open.
    public mutating func finish(_ emit: (CSVStreamRecord) throws -> Void) rethrows {
        if state == .quoted, problem == nil {
            problem = CSVQuotingProblem(kind: .unterminatedQuote, field: fields.count + 1)
        }
        try endRecord(emit)
        state = .fieldStart
    }

    private mutating func append(_ b: UInt8) {
        if field.count < Self.maxFieldBytes { field.append(b) }
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        fieldWasQuoted = false
        state = .fieldStart
    }

    private mutating func endRecord(_ emit: (CSVStreamRecord) throws -> Void) rethrows {
        // A blank line is one empty, unquoted field: skip it, as the whole-text reader does.
        let blank = fields.isEmpty && field.isEmpty && !fieldWasQuoted && problem == nil
        if blank {
            state = .fieldStart
            return
        }
        endField()
        let record = CSVStreamRecord(line: recordLine, fields: fields, quoting: problem)
        fields.removeAll(keepingCapacity: true)
        problem = nil
        try emit(record)
    }
}
