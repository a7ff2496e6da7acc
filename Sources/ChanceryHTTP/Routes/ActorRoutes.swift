import ChanceryCore
import Foundation
import Hummingbird
import ChanceryModel
import ChanceryRequests

/// Actors (persons, states, organizations), their other names, the roles they hold and the
/// organizations states belong to.
struct ActorRoutes {
    var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/v1/actors", .reader, query: ["kind"], list),
            Endpoint(.post, "/v1/actors", .editor, create),
            Endpoint(.get, "/v1/actors/{name}", .reader, show),
            Endpoint(.patch, "/v1/actors/{name}", .editor, update),
            Endpoint(.post, "/v1/actors/{name}/merge", .editor, merge),
            Endpoint(.post, "/v1/actors/{name}/aliases", .editor, addAliases),
            Endpoint(.post, "/v1/roles", .editor, addRole),
            Endpoint(.patch, "/v1/roles/{id}", .editor, updateRole),
            Endpoint(.post, "/v1/roles/{id}/end", .editor, endRole),
            Endpoint(.post, "/v1/memberships", .editor, addMembership),
            Endpoint(.patch, "/v1/memberships/{id}", .editor, updateMembership),
            Endpoint(.post, "/v1/memberships/{id}/end", .editor, endMembership),
        ]
    }

    struct AliasList: Codable, Sendable { var aliases: [String] }

    @Sendable func list(_ request: APIRequest) async throws -> Response {
        let kind = try request.query.string("kind").map { try ActorKind.parse($0, field: "kind") }
        return try JSONResponse.make(Items(items: try await ActorService(database: request.store).list(kind: kind)))
    }

    @Sendable func create(_ request: APIRequest) async throws -> Response {
        let draft = try request.decode(ActorDraft.self)
        let outcome = try await ActorService(database: request.store).create(draft, once: request.idempotencyKey())
        return try JSONResponse.created(outcome, location: Self.location(outcome.value.actor.name))
    }

    @Sendable func show(_ request: APIRequest) async throws -> Response {
        let name = try request.parameter("name")
        return try JSONResponse.make(try await request.lookingUp { try await ActorService(database: request.store).show(name) })
    }

    @Sendable func update(_ request: APIRequest) async throws -> Response {
        let name = try request.parameter("name")
        let patch = try request.decode(ActorPatch.self)
        let outcome = try await request.lookingUp(fields: ["actor"]) {
            try await ActorService(database: request.store).edit(name, patch.changes, once: request.idempotencyKey())
        }
        return try JSONResponse.make(outcome.value)
    }

    @Sendable func merge(_ request: APIRequest) async throws -> Response {
        let name = try request.parameter("name")
        let body = try request.decode(ActorBodies.MergeTarget.self)
        let outcome = try await request.lookingUp(fields: ["actor"]) {
            try await ActorService(database: request.store).merge(name, into: body.into, once: request.idempotencyKey())
        }
        return try JSONResponse.make(outcome.value)
    }

    @Sendable func addAliases(_ request: APIRequest) async throws -> Response {
        let name = try request.parameter("name")
        let body = try request.decode(ActorBodies.NewAliases.self)
        let outcome = try await request.lookingUp {
            try await ActorService(database: request.store).createAliases(to: name, body.aliases, once: request.idempotencyKey())
        }
        return try JSONResponse.created(WriteOutcome(value: AliasList(aliases: outcome.value), replayed: outcome.replayed))
    }

    @Sendable func addRole(_ request: APIRequest) async throws -> Response {
        let body = try request.decode(ActorBodies.NewRole.self)
        let outcome = try await ActorService(database: request.store).createRole(
            holder: body.holder, title: body.title, of: body.of, period: body.period, once: request.idempotencyKey())
        return try JSONResponse.created(outcome)
    }

    @Sendable func addMembership(_ request: APIRequest) async throws -> Response {
        let body = try request.decode(ActorBodies.NewMembership.self)
        let outcome = try await ActorService(database: request.store).createMembership(
            member: body.member, organization: body.organization, period: body.period, once: request.idempotencyKey())
        return try JSONResponse.created(outcome)
    }

    @Sendable func updateRole(_ request: APIRequest) async throws -> Response {
        let id = try Self.roleID(request)
        let patch = try request.decode(RolePatch.self)
        return try JSONResponse.make(try await request.lookingUp(fields: ["id"]) {
            try await ActorService(database: request.store).editRole(RoleSelector(id: id), patch.changes)
        })
    }

    @Sendable func endRole(_ request: APIRequest) async throws -> Response {
        let id = try Self.roleID(request)
        let body = try request.decode(ActorBodies.EndDate.self)
        return try JSONResponse.make(try await request.lookingUp(fields: ["id"]) {
            try await ActorService(database: request.store).endRole(RoleSelector(id: id), on: body.on)
        })
    }

    @Sendable func updateMembership(_ request: APIRequest) async throws -> Response {
        let id = try Self.numericID(request, what: "membership")
        let body = try request.decode(ActorBodies.MembershipPeriod.self)
        return try JSONResponse.make(try await request.lookingUp(fields: ["id"]) {
            try await ActorService(database: request.store).editMembership(MembershipSelector(id: id), period: body.period)
        })
    }

    @Sendable func endMembership(_ request: APIRequest) async throws -> Response {
        let id = try Self.numericID(request, what: "membership")
        let body = try request.decode(ActorBodies.EndDate.self)
        return try JSONResponse.make(try await request.lookingUp(fields: ["id"]) {
            try await ActorService(database: request.store).endMembership(MembershipSelector(id: id), on: body.on)
        })
    }

    static func roleID(_ request: APIRequest) throws -> Int64 { try numericID(request, what: "role") }

    /// A role's or membership's id, as `GET /v1/actors/{name}` lists them.
    static func numericID(_ request: APIRequest, what: String) throws -> Int64 {
        let text = try request.parameter("id")
        guard let id = Int64(text), id > 0 else {
            throw Problem.badRequest("a \(what) id is a positive number, not '\(text)'", field: "id",
                                     hint: "GET /v1/actors/{name} lists an actor's roles and memberships with their ids.")
        }
        return id
    }

    static func location(_ name: String) -> String {
        "/v1/actors/" + (name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? name)
    }
}
