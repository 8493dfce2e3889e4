import Crypto
import FluentKit
import Foundation

/// A small, valid one-page PDF attached to each demo application as its test report, so a
/// newcomer can open an evidence file.
enum DemoEvidence {
    /// A one-page PDF saying `text` (ASCII), with a correct cross-reference table.
    static func pdf(_ text: String) -> [UInt8] {
        let stream = "BT /F1 18 Tf 72 720 Td (\(text)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, body) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(body)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { out += String(format: "%010d 00000 n \n", o) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }

    /// Attaches the demo test report to application `id`, in `tx`.
    static func attach(to id: UUID, at: Date, _ tx: any Database) async throws {
        let bytes = pdf("Zhejiang Quality demo - product test report")
        let fileID = UUID()
        let content = FileContentModel()
        content.id = fileID
        content.bytes = Data(bytes)
        try await content.create(on: tx)
        let f = ApplicationFileModel()
        f.id = fileID
        f.applicationID = id
        f.name = "产品检测报告.pdf"
        f.kind = "pdf"
        f.size = Int64(bytes.count)
        f.sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        f.uploadedBy = "system:demo"
        f.uploadedAt = at
        try await f.create(on: tx)
    }
}
