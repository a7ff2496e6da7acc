import ChanceryCore
import Hummingbird
import ChanceryModel
import ChanceryRequests

/// A letter's participants, links and sources, each added or removed on its own. Every change
/// bumps the letter's ETag; removals need `If-Match`, additions honour it when sent.
struct LetterPartRoutes {
    var endpoints: [Endpoint] {
        [
            Endpoint(.post, "/v1/letters/{ref}/participants", .editor, addParticipant),
            Endpoint(.delete, "/v1/letters/{ref}/participants/{role}/{position}", .editor, removeParticipant),
            Endpoint(.post, "/v1/letters/{ref}/links", .editor, addLink),
            Endpoint(.delete, "/v1/letters/{ref}/links/{kind}/{target}", .editor, removeLink),
            Endpoint(.post, "/v1/letters/{ref}/sources", .editor, addSource),
        ]
    }

    @Sendable func addParticipant(_ request: APIRequest) async throws -> Response {
        let ref = try request.parameter("ref")
        let body = try request.decode(LetterPartBodies.NewParticipant.self)
        let outcome = try await LetterService(database: request.store).addParticipant(
            to: ref, ifRevision: try request.optionalRevision(), role: body.role,
            participant: ParticipantDraft(name: body.name, capacity: body.capacity, onBehalfOf: body.onBehalfOf,
                                          nameAsWritten: body.nameAsWritten, nameSupplied: body.nameSupplied ?? false,
                                          nameUncertain: body.nameUncertain ?? false),
            once: request.idempotencyKey())
        return try JSONResponse.created(outcome)
    }

    @Sendable func removeParticipant(_ request: APIRequest) async throws -> Response {
        let ref = try request.parameter("ref")
        let role = try ParticipantRole.parse(try request.parameter("role"), field: "role")
        guard let position = Int(try request.parameter("position")), position >= 1 else {
            throw Problem.notFound("no participant at position \(try request.parameter("position"))", field: "position")
        }
        let letter = try await LetterService(database: request.store).removeParticipant(
            from: ref, ifRevision: try request.requiredRevision(for: "Removing a participant"), role: role, position: position)
        return try JSONResponse.make(letter, etag: ETag.make(revision: letter.revision))
    }

    @Sendable func addLink(_ request: APIRequest) async throws -> Response {
        let ref = try request.parameter("ref")
        let body = try request.decode(LetterPartBodies.NewLink.self)
        let outcome = try await LetterService(database: request.store).addLink(
            from: ref, ifRevision: try request.optionalRevision(), kind: body.kind, to: body.target, once: request.idempotencyKey())
        return try JSONResponse.created(outcome)
    }

    @Sendable func removeLink(_ request: APIRequest) async throws -> Response {
        let ref = try request.parameter("ref")
        let kind = try LetterLinkKind.parse(try request.parameter("kind"), field: "kind")
        let letter = try await LetterService(database: request.store).removeLink(
            from: ref, ifRevision: try request.requiredRevision(for: "Removing a link"), kind: kind,
            to: try request.parameter("target"))
        return try JSONResponse.make(letter, etag: ETag.make(revision: letter.revision))
    }

    @Sendable func addSource(_ request: APIRequest) async throws -> Response {
        let ref = try request.parameter("ref")
        let source = try request.decode(SourceDraft.self)
        let outcome = try await LetterService(database: request.store).addSource(
            to: ref, ifRevision: try request.optionalRevision(), source: source, once: request.idempotencyKey())
        return try JSONResponse.created(outcome)
    }
}
