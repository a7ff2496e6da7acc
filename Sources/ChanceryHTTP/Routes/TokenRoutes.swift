import ChanceryCore
import Hummingbird
import ChanceryModel
import ChanceryRequests

/// API tokens, for admins: issue (the secret is returned once), list, revoke.
struct TokenRoutes {
    let authenticator: Authenticator

    var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/v1/tokens", .admin, list),
            Endpoint(.post, "/v1/tokens", .admin, create),
            Endpoint(.delete, "/v1/tokens/{name}", .admin, revoke),
        ]
    }

    struct Issued: Encodable { var token: AccessToken; var secret: String }

    @Sendable func list(_ request: APIRequest) async throws -> Response {
        try JSONResponse.make(Items(items: try await TokenService(database: request.store).list()))
    }

    /// Not idempotent by key: replaying would have to store the secret, which is never stored.
    @Sendable func create(_ request: APIRequest) async throws -> Response {
        let body = try request.decode(NewTokenBody.self)
        let issued = try await TokenService(database: request.store).create(name: body.name, role: body.role)
        var response = try JSONResponse.make(Issued(token: issued.token, secret: issued.secret), status: .created)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func revoke(_ request: APIRequest) async throws -> Response {
        let name = try request.parameter("name")
        let token = try await request.lookingUp { try await TokenService(database: request.store).revoke(name) }
        authenticator.forget(tokenNamed: token.name)
        return try JSONResponse.make(token)
    }
}
