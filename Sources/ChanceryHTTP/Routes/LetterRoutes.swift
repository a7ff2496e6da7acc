import ChanceryCore
import HTTPTypes
import Hummingbird
import ChanceryModel
import ChanceryRendering
import Foundation
import ChanceryRequests

/// `/v1/letters`: list with the CLI's filters, log, read, change and delete letters.
struct LetterRoutes {
    var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/v1/letters", .reader, query: LetterFilterParameters.names.union(["limit", "cursor"]), list),
            Endpoint(.post, "/v1/letters", .editor, create),
            Endpoint(.get, "/v1/letters/{ref}", .reader, show),
            Endpoint(.patch, "/v1/letters/{ref}", .editor, update),
            Endpoint(.delete, "/v1/letters/{ref}", .editor, delete),
            Endpoint(.post, "/v1/letters/{ref}/restore", .editor, restore),
            Endpoint(.get, "/v1/letters/{ref}/thread", .reader, thread),
            Endpoint(.get, "/v1/letters/{ref}/history", .reader, history),
        ]
    }

    @Sendable func list(_ request: APIRequest) async throws -> Response {
        let query = request.query
        var letters = try LetterFilterParameters(query).letterQuery() ?? LetterQuery()
        let pageSize = try query.int("limit", in: 1...500) ?? 50
        let position = try query.string("cursor").map { try ListCursor(decoding: $0, for: request.request.uri.query ?? "") } ?? ListCursor(offset: 0)
        letters.offset = position.offset
        // One more than a page tells whether another page follows, without a count.
        letters.limit = pageSize + 1
        // The API's busiest response, written from the rows without JSONEncoder or summaries
        // (the same bytes as `LetterSummary.pageJSON` of `list`, a fraction of the time).
        return JSONResponse.written(try await LetterService(database: request.store).listPageJSON(letters, pageSize: pageSize) {
            ListCursor(offset: position.offset + pageSize).encoded(for: request.request.uri.query ?? "")
        })
    }

    @Sendable func create(_ request: APIRequest) async throws -> Response {
        let draft = try request.decode(LetterDraft.self)
        let outcome = try await LetterService(database: request.store).create(draft, once: request.idempotencyKey())
        return try JSONResponse.created(outcome)
    }

    @Sendable func show(_ request: APIRequest) async throws -> Response {
        let letter = try await LetterService(database: request.store).show(try request.parameter("ref"))
        let etag = ETag.make(revision: letter.revision)
        if let notModified = request.notModified(etag: etag) { return notModified }
        return JSONResponse.written(letter.compactJSON, etag: etag)
    }

    @Sendable func update(_ request: APIRequest) async throws -> Response {
        let ref = try request.parameter("ref")
        // A malformed body is a 400 whatever If-Match says: preconditions are weighed only for a
        // request that is otherwise well formed (RFC 9110, 13.2.1).
        let patch = try request.decode(LetterPatch.self)
        let revision = try request.requiredRevision(for: "Changing a letter")
        let service = LetterService(database: request.store)
        if !patch.unchangeable.isEmpty {
            // Compared with the revision the client names; a later one fails the update with 412 anyway.
            let stored = try await service.show(ref)
            if stored.revision == revision { try patch.checkUnchangeable(against: stored) }
        }
        let letter = try await service.update(ref, ifRevision: revision, changes: patch.changes)
        return try JSONResponse.make(letter, etag: ETag.make(revision: letter.revision))
    }

    @Sendable func delete(_ request: APIRequest) async throws -> Response {
        let ref = try request.parameter("ref")
        let revision = try request.requiredRevision(for: "Deleting a letter")
        try await LetterService(database: request.store).delete(ref, ifRevision: revision)
        return JSONResponse.noContent()
    }

    @Sendable func restore(_ request: APIRequest) async throws -> Response {
        let ref = try request.parameter("ref")
        let letter = try await LetterService(database: request.store).restore(ref, ifRevision: try request.optionalRevision())
        return try JSONResponse.make(letter, etag: ETag.make(revision: letter.revision))
    }

    @Sendable func thread(_ request: APIRequest) async throws -> Response {
        let thread = try await ThreadService(database: request.store).thread(of: try request.parameter("ref"))
        return try JSONResponse.make(thread.root)
    }

    @Sendable func history(_ request: APIRequest) async throws -> Response {
        let entries = try await LetterService(database: request.store).history(of: try request.parameter("ref"))
        return try JSONResponse.make(Items(items: entries))
    }
}
