import ChanceryCore
import Hummingbird
import ChanceryModel
import ChanceryRequests

/// Invitations (to summits, visits) and each invitee's answer.
struct InvitationRoutes {
    var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/v1/invitations", .reader, query: ["pending"], list),
            Endpoint(.post, "/v1/invitations", .editor, create),
            Endpoint(.get, "/v1/invitations/{ref}", .reader, show),
            Endpoint(.patch, "/v1/invitations/{ref}", .editor, update),
            Endpoint(.post, "/v1/invitations/{ref}/responses", .editor, respond),
        ]
    }

    @Sendable func list(_ request: APIRequest) async throws -> Response {
        let invitations = try await InvitationService(database: request.store).list(pendingOnly: try request.query.bool("pending"))
        return try JSONResponse.make(Items(items: invitations))
    }

    @Sendable func create(_ request: APIRequest) async throws -> Response {
        let draft = try request.decode(InvitationDraft.self)
        let outcome = try await InvitationService(database: request.store).create(draft, once: request.idempotencyKey())
        return try JSONResponse.created(outcome, location: "/v1/invitations/" + outcome.value.ref)
    }

    @Sendable func show(_ request: APIRequest) async throws -> Response {
        let ref = try request.parameter("ref")
        return try JSONResponse.make(try await request.lookingUp { try await InvitationService(database: request.store).show(ref) })
    }

    @Sendable func update(_ request: APIRequest) async throws -> Response {
        let ref = try request.parameter("ref")
        let patch = try request.decode(InvitationPatch.self)
        return try JSONResponse.make(try await request.lookingUp(fields: ["ref"]) {
            try await InvitationService(database: request.store).edit(ref, patch.changes)
        })
    }

    @Sendable func respond(_ request: APIRequest) async throws -> Response {
        let ref = try request.parameter("ref")
        let body = try request.decode(InvitationResponseBody.self)
        let draft = ResponseDraft(invitation: ref, invitee: body.invitee, status: body.status, letter: body.letter,
                                  date: body.date, note: body.note)
        let outcome = try await request.lookingUp(fields: ["invitation"]) {
            try await InvitationService(database: request.store).respond(draft, once: request.idempotencyKey())
        }
        return try JSONResponse.created(outcome, location: "/v1/invitations/" + outcome.value.ref)
    }
}
