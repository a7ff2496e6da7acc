import ChanceryCore
import Hummingbird
import ChanceryModel
import ChanceryRequests

/// Summits, visits and meetings.
struct EventRoutes {
    var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/v1/events", .reader, list),
            Endpoint(.post, "/v1/events", .editor, create),
            Endpoint(.get, "/v1/events/{ref}", .reader, show),
            Endpoint(.patch, "/v1/events/{ref}", .editor, update),
        ]
    }

    @Sendable func list(_ request: APIRequest) async throws -> Response {
        try JSONResponse.make(Items(items: try await EventService(database: request.store).list()))
    }

    @Sendable func create(_ request: APIRequest) async throws -> Response {
        let draft = try request.decode(EventDraft.self)
        let outcome = try await EventService(database: request.store).create(draft, once: request.idempotencyKey())
        return try JSONResponse.created(outcome, location: "/v1/events/" + outcome.value.ref)
    }

    @Sendable func show(_ request: APIRequest) async throws -> Response {
        let ref = try request.parameter("ref")
        return try JSONResponse.make(try await request.lookingUp { try await EventService(database: request.store).show(ref) })
    }

    @Sendable func update(_ request: APIRequest) async throws -> Response {
        let ref = try request.parameter("ref")
        let patch = try request.decode(EventPatch.self)
        return try JSONResponse.make(try await request.lookingUp(fields: ["event"]) {
            try await EventService(database: request.store).edit(ref, patch.changes)
        })
    }
}
