import Foundation
import Hummingbird
import NIOCore

/// Holds every Chinese page the tests render to its language: an English sentence in a page's
/// visible text means a message went round the strings table. The test app turns it on for every
/// page its tests fetch; a page with such a sentence is replaced by a 500 naming it, which fails
/// the test that fetched it.
///
/// "A sentence" is a run of four or more Latin words with at least one English function word
/// (the, is, of, to, …): codes, units, names and acronyms (`ZJRCU`, `GB/T 4754`, `API token`) pass.
/// Text inside `<code>`, `<pre>`, `<script>`, `<style>`, attributes and form values is data, and
/// an element marked `lang="en"` is English on purpose.
struct PageLanguageCheck: Sendable {
    /// The page, unchanged when it has no English sentence (or is not a Chinese HTML page).
    func check(_ response: Response) async throws -> Response {
        guard response.headers[.contentType]?.hasPrefix("text/html") == true else { return response }
        var response = response
        let collector = BodyCollector()
        try await response.body.write(collector)
        let buffer = collector.box.buffer
        response.body = .init(byteBuffer: buffer)
        let html = String(buffer: buffer)
        guard html.contains("<html lang=\"zh-Hans\">") else { return response }
        let sentences = Self.englishSentences(in: html)
        guard !sentences.isEmpty else { return response }
        let text = "a Chinese page shows English (a message not in the strings table?):\n" + sentences.joined(separator: "\n")
        return Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static let functionWords: Set<String> = ["the", "is", "are", "of", "to", "a", "an", "and", "or", "not", "be", "this", "that",
                                             "it", "in", "on", "for", "with", "was", "has", "have", "can", "cannot", "must", "no",
                                             "your", "you", "from", "by", "as", "at", "first", "only"]

    /// The runs of English words in the visible text of `html`.
    static func englishSentences(in html: String) -> [String] {
        var text = html
        for tag in ["script", "style", "code", "pre", "textarea"] {
            text = text.replacingOccurrences(of: "<\(tag)[^>]*>[\\s\\S]*?</\(tag)>", with: " ", options: .regularExpression)
        }
        // Text a template marks as English (a rule file's note, written in English only) is declared, not leaked.
        text = text.replacingOccurrences(of: "<(\\w+)[^>]*lang=\"en\"[^>]*>[\\s\\S]*?</\\1>", with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: "<[^>]*>", with: "\n", options: .regularExpression)
        var found: [String] = []
        for line in text.split(separator: "\n") {
            var run: [Substring] = []
            func close() {
                if run.count >= 4, run.contains(where: { functionWords.contains($0.lowercased()) }) { found.append(run.joined(separator: " ")) }
                run = []
            }
            for token in line.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                let word = token.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?()“”\"'")) 
                if !word.isEmpty, word.unicodeScalars.allSatisfy({ CharacterSet.letters.contains($0) && $0.isASCII }) {
                    run.append(Substring(word))
                } else {
                    close()
                }
            }
            close()
        }
        return found
    }
}

/// Gathers a response body's bytes, to check it and send it on.
struct BodyCollector: ResponseBodyWriter {
    final class Box: @unchecked Sendable { var buffer = ByteBuffer() }
    let box = Box()
    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        box.buffer.writeBuffer(&buffer)
    }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
