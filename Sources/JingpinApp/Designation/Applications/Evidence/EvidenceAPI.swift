import Foundation
import Hummingbird
import JingpinCore

/// An application's data-derived indicator values and evidence files under
/// `/api/v1/applications/{id}/values` and `/files`.
struct EvidenceAPI: UsesApplications {
    let services: AppServices

    func register(_ routes: RouteTable) {
        let view = Access.permission(.viewApplication)
        let edit = Access.permission(.editApplication)
        typealias Values = ItemList<ApplicationEvidence.ValueView>
        routes.api(RouteDoc(method: .get, path: "/api/v1/applications/{id}/values",
                            summary: "The scorecard's data-derived indicator values on the application, beside the filing's", tag: "applications",
                            access: view, success: (200, Values.self)), values)
        routes.api(RouteDoc(method: .put, path: "/api/v1/applications/{id}/values",
                            summary: "Change values: {\"values\": {\"defect_rate\": \"0.35\", …}} as a person types them; \"\" clears one",
                            tag: "applications", access: edit, request: ApplicationValuesRequest.self, success: (200, Values.self)), saveValues)
        routes.api(RouteDoc(method: .get, path: "/api/v1/applications/{id}/files", summary: "The application's evidence files",
                            tag: "applications", access: view, success: (200, ItemList<ApplicationEvidence.FileView>.self)), files)
        routes.api(RouteDoc(method: .post, path: "/api/v1/applications/{id}/files",
                            summary: "Add an evidence file (PDF, PNG or JPEG, 10 MB at most, 20 per application): multipart part `file`, or the raw bytes with ?name=",
                            tag: "applications", access: edit, query: [QueryParameter("name", "The file's name, when the body is the raw file")],
                            success: (201, ApplicationEvidence.FileView.self)), upload)
        routes.api(RouteDoc(method: .get, path: "/api/v1/applications/{id}/files/{fileId}", summary: "Download an evidence file",
                            tag: "applications", access: view, success: (200, nil)), download)
        routes.api(RouteDoc(method: .delete, path: "/api/v1/applications/{id}/files/{fileId}", summary: "Delete an evidence file",
                            tag: "applications", access: edit, success: (204, nil)), delete)
    }

    // The route checked the role; the service checks the region or the enterprise of each record.

    /// The data-derived values.
    @Sendable func values(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        return try JSONResponse.make(ItemList(try await evidence.values(try context.uuid("id"), identity: identity, language: context.language)))
    }

    /// Changes values as typed.
    @Sendable func saveValues(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await RequestDecoder.decode(ApplicationValuesRequest.self, from: request, context: context)
        let typed = body.values.mapValues(\.text)
        let id = try context.uuid("id")
        try await evidence.saveValues(id, typed: typed, identity: identity, requestID: context.requestID, language: context.language)
        return try JSONResponse.make(ItemList(try await evidence.values(id, identity: identity, language: context.language)))
    }

    /// The evidence files.
    @Sendable func files(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        return try JSONResponse.make(ItemList(try await evidence.files(try context.uuid("id"), identity: identity)))
    }

    /// Adds an evidence file.
    @Sendable func upload(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let (name, bytes) = try await Self.readUpload(request, context)
        let stored = try await evidence.upload(try context.uuid("id"), name: name, bytes: bytes, identity: identity, requestID: context.requestID)
        return try JSONResponse.make(stored, status: .created)
    }

    /// Sends an evidence file.
    @Sendable func download(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let (file, bytes) = try await evidence.download(try context.uuid("id"), fileID: try context.uuid("fileId"), identity: identity)
        return Self.download(file, bytes)
    }

    /// Deletes an evidence file.
    @Sendable func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        try await evidence.delete(try context.uuid("id"), fileID: try context.uuid("fileId"), identity: identity, requestID: context.requestID)
        return Response(status: .noContent)
    }

    /// The uploaded file's name and bytes: the `file` part of a multipart form, or the raw body
    /// named by `?name=`. Read up to a little over the policy's limit, so a file just too large
    /// gets the policy's message rather than a bare 413.
    static func readUpload(_ request: Request, _ context: AppRequestContext) async throws -> (String, [UInt8]) {
        var request = request
        let limit = EvidencePolicy.standard.maxBytes + 256 * 1024
        let missing = FieldError(field: "file", code: "required", "applications.error.required.4")
        if let boundary = MultipartForm.boundary(contentType: request.headers[.contentType]) {
            let buffer = try await request.collectBody(upTo: limit)
            guard let form = MultipartForm(body: Array(buffer.readableBytesView), boundary: boundary) else {
                throw AppError.malformed(Message("problem.upload-unreadable"))
            }
            guard let part = form["file"], let name = part.filename, !name.isEmpty else { throw AppError.validation([missing]) }
            return (name, Array(part.body))
        }
        guard let name = request.uri.queryParameters["name"].map(String.init), !name.isEmpty else {
            throw AppError.validation([FieldError(field: "name", code: "required", "applications.error.required.3")])
        }
        let buffer = try await request.collectBody(upTo: limit)
        return (name, Array(buffer.readableBytesView))
    }

    /// A stored file as a download: its sniffed type, never rendered inline, never cached.
    static func download(_ file: ApplicationEvidence.FileView, _ bytes: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = EvidencePolicy.Kind(rawValue: file.kind)?.mediaType ?? "application/octet-stream"
        let ascii = String(file.name.unicodeScalars.map { $0.isASCII && $0 != "\"" ? Character($0) : "_" })
        let encoded = file.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? ascii
        headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: bytes)))
    }
}
