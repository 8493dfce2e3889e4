import Foundation

/// Where an import's bytes come from, one chunk at a time, so no file is ever read whole.
protocol ImportByteSource {
    /// The next chunk, or nil at the end.
    mutating func next() throws -> [UInt8]?
}

/// A file on disk, read in 1 MB chunks.
struct FileByteSource: ImportByteSource {
    let handle: FileHandle
    var chunkSize = 1 << 20
    private var closed = false

    /// Opens the file for reading.
    init(path: String) throws {
        guard let h = FileHandle(forReadingAtPath: path) else { throw ImportFileError(path: path) }
        handle = h
    }

    /// The next chunk read from the file; the file is closed at its end.
    mutating func next() throws -> [UInt8]? {
        if closed { return nil }
        guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else {
            try? handle.close()
            closed = true
            return nil
        }
        return [UInt8](data)
    }
}

/// Bytes already in memory (an uploaded file), handed out in chunks like a file.
struct MemoryByteSource: ImportByteSource {
    let bytes: [UInt8]
    var position = 0
    var chunkSize = 1 << 20

    /// The next slice of the bytes.
    mutating func next() throws -> [UInt8]? {
        guard position < bytes.count else { return nil }
        let end = min(bytes.count, position + chunkSize)
        defer { position = end }
        return Array(bytes[position..<end])
    }
}

/// The import file could not be opened.
struct ImportFileError: Error, CustomStringConvertible {
    /// The path given.
    let path: String
    /// The reason in words.
    var description: String { "cannot read the file \(path)" }
}
