import ChanceryCore
import ChanceryRendering
import Foundation
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
        JSONResponse.written(Self.health)
    }

    /// The same for the life of the process: encoded once, not per probe (JSONEncoder cost more
    /// than the rest of the request).
    private static let health: [UInt8] = Array(try! CompactJSONWriter.apiEncoder().encode(Health()))

    /// The database answers and has this build's schema: safe to send traffic.
    @Sendable func ready(_ request: APIRequest) async throws -> Response {
        try await request.database.requireCurrentSchema()
        return try JSONResponse.make(Status(status: "ready"))
    }

    @Sendable func metrics(_ request: APIRequest) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        var text = api.metrics.registry.emitToBuffer()
        if let targets = request.database.readTargets { text += Array(Self.readTargetMetrics(targets).utf8) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: text)))
    }

    /// Reads per target and each standby's replay lag, in Prometheus' text format (-1: the standby
    /// was unusable at its last check: unreachable, promoted, or not yet checked).
    static func readTargetMetrics(_ targets: (primaryReads: Int, standbys: [(name: String, reads: Int, lagSeconds: Double?)])) -> String {
        var lines = ["# HELP chancery_database_reads_total Reads a standby may serve, by the server that served them.",
                     "# TYPE chancery_database_reads_total counter",
                     "chancery_database_reads_total{target=\"primary\"} \(targets.primaryReads)"]
        lines += targets.standbys.map { "chancery_database_reads_total{target=\"\($0.name)\"} \($0.reads)" }
        lines += ["# HELP chancery_standby_replay_lag_seconds Replay lag of each standby at its last check (-1: unusable).",
                  "# TYPE chancery_standby_replay_lag_seconds gauge"]
        lines += targets.standbys.map { standby in
            let lag = standby.lagSeconds.map { $0.isFinite ? String($0) : "+Inf" } ?? "-1"
            return "chancery_standby_replay_lag_seconds{target=\"\(standby.name)\"} " + lag
        }
        return lines.joined(separator: "\n") + "\n"
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
