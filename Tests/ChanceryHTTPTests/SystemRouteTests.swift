import ChanceryCore
import ChanceryHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LibPQClient
import Logging
import Testing

/// Request ids, metrics, unknown paths and an unreachable database.
@Suite("HTTP service") struct SystemRouteTests {
    @Test func requestIDsAreEchoedOrMade() async throws {
        try await APIHarness.run(seed: false) { harness, client in
            let given = try await client.call(.get, "/healthz", headers: ["X-Request-ID": "desk-42.7"])
            #expect(given.headers[HTTPField.Name("X-Request-ID")!] == "desk-42.7")
            let made = try await client.call(.get, "/healthz", headers: ["X-Request-ID": "has spaces"])
            // A new id is a random UUID in lower case, different each time.
            let madeID = try #require(made.headers[HTTPField.Name("X-Request-ID")!])
            let parsed = try #require(UUID(uuidString: madeID))
            #expect(madeID == parsed.uuidString.lowercased())
            #expect(Array(madeID)[14] == "4")
            let again = try await client.call(.get, "/healthz", headers: ["X-Request-ID": "has spaces"])
            #expect(again.headers[HTTPField.Name("X-Request-ID")!] != madeID)
            #expect(made.text == #"{"schemaVersion":\#(ChanceryVersion.schema),"status":"ok","version":"\#(ChanceryVersion.release)"}"#)
            let failed = try await client.call(.get, "/v1/letters/NOPE-XX-2000-001", token: harness.reader, headers: ["X-Request-ID": "trace-1"])
            #expect(failed.object["requestID"] as? String == "trace-1")
            #expect(failed.object["instance"] as? String == "/v1/letters/NOPE-XX-2000-001")
        }
    }

    @Test func metricsCountRequestsByRouteAndStatus() async throws {
        try await APIHarness.run(seed: false) { harness, client in
            try await client.call(.get, "/v1/letters", token: harness.reader)
            try await client.call(.get, "/v1/letters", token: harness.reader)
            try await client.call(.get, "/v1/letters")
            let metrics = try await client.call(.get, "/metrics").text
            #expect(metrics.contains(#"chancery_http_requests_total{route="/v1/letters",method="GET",status="200"} 2"#))
            #expect(metrics.contains(#"chancery_http_requests_total{route="/v1/letters",method="GET",status="401"} 1"#))
            #expect(metrics.contains("chancery_http_request_duration_seconds_bucket{route=\"/v1/letters\""))
        }
    }

    @Test func unknownPathsAreProblems() async throws {
        try await APIHarness.run(seed: false) { _, client in
            let response = try await client.call(.get, "/v1/nothing-here", conforming: false)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func aWrongMethodIs405WithAllowAndUnknownParametersAre400() async throws {
        try await APIHarness.run { harness, client in
            let wrongMethod = try await client.call(.put, "/v1/letters/KH-US-2022-001", token: harness.editor, json: [:], conforming: false)
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "GET, PATCH, DELETE")
            #expect(wrongMethod.headers[.contentType] == "application/problem+json")
            let typo = try await client.call(.get, "/v1/letters/KH-US-2022-001?fields=subject", token: harness.reader)
            #expect(typo.status == .badRequest)
            #expect(typo.object["field"] as? String == "fields")
            let unknownToken = try await client.call(.delete, "/v1/tokens/nobody", token: harness.admin)
            #expect(unknownToken.status == .notFound)
        }
    }

    @Test func anUnreachableDatabaseAnswers503WithRetryAfter() async throws {
        // Port 1 on loopback refuses at once: the database is "down".
        let database = ChanceryDatabase(configuration: PostgresConfiguration(conninfo: "host=127.0.0.1 port=1 connect_timeout=2"),
                                        changedBy: "test", maximumConnections: 2)
        let api = ChanceryAPI(database: database, configuration: { var c = APIConfiguration(); c.allowsAnonymousReads = true; return c }())
        try await Application(router: api.router(), logger: { var l = Logger(label: "test"); l.logLevel = .critical; return l }()).test(.router) { client in
            let letters = try await client.call(.get, "/v1/letters")
            #expect(letters.status == .serviceUnavailable)
            #expect(letters.headers[.retryAfter] == "2")
            #expect(letters.headers[.contentType] == "application/problem+json")
            #expect(!letters.text.contains("127.0.0.1"))
            #expect(try await client.call(.get, "/readyz").status == .serviceUnavailable)
            #expect(try await client.call(.get, "/healthz").status == .ok)
            let write = try await client.call(.post, "/v1/letters", token: "chancery_" + String(repeating: "a", count: 43), json: AccessTests.newLetter)
            #expect(write.status == .serviceUnavailable)
        }
        await database.close()
    }
}
