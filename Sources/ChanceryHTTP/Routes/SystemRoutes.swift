import ChanceryCore
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus

/// Probes, metrics and the API's own description; none needs a token.
struct SystemRoutes {
    let api: ChanceryAPI

    var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/healthz", nil, health),
            Endpoint(.get, "/readyz", nil, ready),
            Endpoint(.get, "/metrics", nil, metrics),
            Endpoint(.get, "/openapi.json", nil, openAPI),
        ]
    }

    struct Status: Codable { var status: String }

    /// Liveness, and which build answers: an operator sees what runs without a shell on the host.
    struct Health: Codable {
        var status = "ok"
        var version = ChanceryVersion.release
        var schemaVersion = ChanceryVersion.schema
    }

    /// The process answers: nothing else is checked, so an orchestrator restarts only a hung process.
    @Sendable func health(_ request: APIRequest) async throws -> Response {
        try JSONResponse.make(Health())
    }

    /// The database answers and has this build's schema: safe to send traffic.
    @Sendable func ready(_ request: APIRequest) async throws -> Response {
        try await request.database.requireCurrentSchema()
        return try JSONResponse.make(Status(status: "ready"))
    }

    @Sendable func metrics(_ request: APIRequest) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: api.metrics.registry.emitToBuffer())))
    }

    @Sendable func openAPI(_ request: APIRequest) async throws -> Response {
        JSONResponse.document(OpenAPIDocument.json, contentType: "application/json; charset=utf-8")
    }
}

/// The OpenAPI 3.1 document kept at docs/openapi.json, built into the binary.
public enum OpenAPIDocument {
    /// The document's text.
    public static let json: String = EmbeddedResources.openapiJSON
}
