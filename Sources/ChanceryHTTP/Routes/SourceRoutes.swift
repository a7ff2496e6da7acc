import ChanceryCore
import Foundation
import Hummingbird
import ChanceryModel
import ChanceryRendering
import ChanceryRequests

/// `/v1/sources`: the sources records cite, found, read, corrected and removed.
struct SourceRoutes {
    var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/v1/sources", .reader, query: ["text", "kind", "limit", "offset"], list),
            Endpoint(.get, "/v1/sources/{id}", .reader, show),
            Endpoint(.patch, "/v1/sources/{id}", .editor, update),
            Endpoint(.delete, "/v1/sources/{id}", .editor, delete),
        ]
    }

    @Sendable func list(_ request: APIRequest) async throws -> Response {
        let query = request.query
        let page = try await SourceService(database: request.store).list(
            containing: try query.string("text"), kind: try query.choice("kind", SourceKind.self, allowed: SourceKind.allCases),
            limit: try query.int("limit", in: 1...500) ?? 50, offset: try query.int("offset", in: 0...Int(Int32.max)) ?? 0)
        return try JSONResponse.make(page)
    }

    @Sendable func show(_ request: APIRequest) async throws -> Response {
        let id = try Self.number(request)
        let source = try await request.lookingUp { try await SourceService(database: request.store).show(id) }
        // The records citing it change without the source's revision: the tag names the bytes.
        let body = Array(try CompactJSONWriter.apiEncoder().encode(source))
        let etag = ETag.make(revision: source.revision, content: body)
        if let notModified = request.notModified(etag: etag) { return notModified }
        return JSONResponse.written(body, etag: etag)
    }

    @Sendable func update(_ request: APIRequest) async throws -> Response {
        let id = try Self.number(request)
        let patch = try request.decode(SourcePatch.self)
        // A body no source could take is a 422 whatever If-Match says: preconditions are weighed
        // only for a request that is otherwise well formed (RFC 9110, 13.2.1).
        try SourceService.check(patch.changes)
        let revision = try request.requiredRevision(for: "Changing a source")
        let source = try await request.lookingUp(fields: ["source"]) {
            try await SourceService(database: request.store).edit(id, ifRevision: revision, patch.changes)
        }
        let body = Array(try CompactJSONWriter.apiEncoder().encode(source))
        return JSONResponse.written(body, etag: ETag.make(revision: source.revision, content: body))
    }

    @Sendable func delete(_ request: APIRequest) async throws -> Response {
        let id = try Self.number(request)
        let revision = try request.requiredRevision(for: "Removing a source")
        try await request.lookingUp(fields: ["source"]) {
            try await SourceService(database: request.store).delete(id, ifRevision: revision)
        }
        return JSONResponse.noContent()
    }

    /// The path's source number. The services also take a URL or title; a path names a source
    /// by its number only, so that one address is one source.
    private static func number(_ request: APIRequest) throws -> SourceName {
        let text = try request.parameter("id")
        guard let number = Int64(text), number > 0 else {
            throw Problem.notFound("no source '\(text)': a source's address ends in its number (/v1/sources/1)")
        }
        return .number(number)
    }
}
