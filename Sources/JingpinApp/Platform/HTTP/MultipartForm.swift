import Foundation

/// A `multipart/form-data` body (RFC 7578) split into its parts: enough for a plain HTML
/// upload form, which is the only way to send a file without JavaScript.
struct MultipartForm {
    /// One part: its field name, the file name when it is a file, and its bytes.
    struct Part {
        let name: String
        let filename: String?
        let body: ArraySlice<UInt8>

        /// The part as text (for ordinary fields).
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// The parts in the order sent.
    let parts: [Part]

    /// The first part named `name`.
    subscript(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// The boundary from a `Content-Type: multipart/form-data; boundary=…` header, or nil.
    static func boundary(contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for param in contentType.split(separator: ";").dropFirst() {
            let kv = param.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            var value = kv[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Splits `body` at `--boundary` lines; nil when the body is not well-formed multipart.
    init?(body: [UInt8], boundary: String) {
        let delimiter = Array(("\r\n--" + boundary).utf8)
        // The first delimiter has no CRLF before it; a virtual one makes every delimiter alike.
        let data = Array("\r\n".utf8) + body
        var parts: [Part] = []
        guard var position = Self.find(delimiter, in: data, from: 0) else { return nil }
        while true {
            var cursor = position + delimiter.count
            if data.count >= cursor + 2, data[cursor] == 0x2D, data[cursor + 1] == 0x2D { break } // "--": the end
            // Skip any transport padding up to the CRLF that ends the delimiter line.
            while cursor < data.count, data[cursor] != 0x0A { cursor += 1 }
            cursor += 1
            guard cursor <= data.count, let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: data, from: cursor) else { return nil }
            let headers = String(decoding: data[cursor..<headerEnd], as: UTF8.self)
            let bodyStart = headerEnd + 4
            guard let next = Self.find(delimiter, in: data, from: bodyStart) else { return nil }
            guard let (name, filename) = Self.disposition(headers) else { return nil }
            parts.append(Part(name: name, filename: filename, body: data[bodyStart..<next]))
            position = next
        }
        self.parts = parts
    }

    /// `name` and `filename` from the part's Content-Disposition header.
    static func disposition(_ headers: String) -> (String, String?)? {
        for line in headers.split(separator: "\r\n") {
            let kv = line.split(separator: ":", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            var name: String?
            var filename: String?
            for param in kv[1].split(separator: ";").dropFirst() {
                let p = param.split(separator: "=", maxSplits: 1)
                guard p.count == 2 else { continue }
                var value = p[1].trimmingCharacters(in: .whitespaces)
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                switch p[0].trimmingCharacters(in: .whitespaces).lowercased() {
                case "name": name = value
                case "filename": filename = value
                default: break
                }
            }
            return name.map { ($0, filename) }
        }
        return nil
    }

    /// The first index of `needle` in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var i = from
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
