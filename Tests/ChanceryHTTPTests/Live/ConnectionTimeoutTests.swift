import ChanceryCore
import ChanceryHTTP
import Foundation
import LibPQClient
import Logging
import Testing

/// Connections that hold the service without using it are closed: a request whose headers do not
/// arrive in time (a slowloris), and a keep-alive connection left idle. Real TCP on loopback.
@Suite("Live: connection timeouts")
struct ConnectionTimeoutTests {
    /// Serves the API with the given timeouts on a free port. No test here reaches the database,
    /// so it names one that is never there.
    static func serve(headerTimeout: Double, idleTimeout: Double, bodyTimeout: Double = 20,
                      _ body: (Int) async throws -> Void) async throws {
        let database = ChanceryDatabase(configuration: PostgresConfiguration(conninfo: "host=127.0.0.1 port=1 connect_timeout=2"),
                                        changedBy: "test", maximumConnections: 1)
        var settings = APIConfiguration()
        settings.port = 0
        settings.headerTimeoutSeconds = headerTimeout
        settings.idleTimeoutSeconds = idleTimeout
        settings.bodyTimeoutSeconds = bodyTimeout
        settings.bodyMinimumBytesPerSecond = 1024
        var logger = Logger(label: "chancery-test")
        logger.logLevel = .critical
        let server = try await InProcessServer.start(ChanceryAPI(database: database, configuration: settings), logger: logger)
        do {
            try await body(server.port)
        } catch {
            await server.stop()
            await database.close()
            throw error
        }
        await server.stop()
        await database.close()
    }

    @Test func aRequestWhoseHeadersDoNotArriveIsClosedAfterTheHeaderTimeout() async throws {
        try await Self.serve(headerTimeout: 1, idleTimeout: 60) { port in
            let socket = try RawSocket(port: port)
            // A request line and one header, and then nothing: what a slowloris sends.
            try socket.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            let early = await socket.watch(for: .milliseconds(500))
            #expect(early.closedAfter == nil, "closed before the header timeout: \(early)")
            // Another header trickled in does not move the deadline, which runs from the first byte.
            // (On a loaded machine the service may have closed already; the watch below says so.)
            try? socket.send("X-Slow: 1\r\n")
            let outcome = await socket.watch(for: .seconds(5))
            let closedAfter = try #require(outcome.closedAfter, "still open 5.5 s after the first byte, with a 1 s header timeout")
            #expect(closedAfter < .milliseconds(2500), "closed \(closedAfter) after the second header; the deadline was 0.5 s away")
            #expect(outcome.received.isEmpty, "a half-sent request got an answer: \(outcome.text)")
        }
    }

    @Test func anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeoutNotTheHeaderTimeout() async throws {
        try await Self.serve(headerTimeout: 1, idleTimeout: 4) { port in
            let socket = try RawSocket(port: port)
            try socket.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let response = await socket.watch(for: .seconds(10), until: "}")
            #expect(response.text.hasPrefix("HTTP/1.1 200"), "\(response.text)")
            #expect(response.closedAfter == nil)
            // Idle between requests is not a slow request: the header timeout does not apply.
            let idle = await socket.watch(for: .seconds(2))
            #expect(idle.closedAfter == nil, "an idle keep-alive connection was closed after \(idle.closedAfter ?? .zero), before its idle timeout")
            let later = await socket.watch(for: .seconds(6))
            let closedAfter = try #require(later.closedAfter, "an idle keep-alive connection was still open 8 s after its answer, with a 4 s idle timeout")
            // Due 2 s into this watch; on a loaded 2-core machine the close has come seconds late,
            // so the bound only tells "the idle timeout closed it" from "something much later did".
            #expect(closedAfter < .milliseconds(5800), "closed \(closedAfter) after the first 2 s of idleness; the idle timeout was 4 s")
        }
    }

    @Test func aConnectionThatNeverSendsIsClosedAfterTheIdleTimeout() async throws {
        try await Self.serve(headerTimeout: 60, idleTimeout: 1) { port in
            let socket = try RawSocket(port: port)
            let outcome = await socket.watch(for: .seconds(5))
            let closedAfter = try #require(outcome.closedAfter, "a silent connection was still open after 5 s, with a 1 s idle timeout")
            #expect(closedAfter >= .milliseconds(800), "closed after \(closedAfter), before the idle timeout")
        }
    }

    @Test func aBodySentAByteAtATimeIsClosedAfterTheBodyTimeout() async throws {
        try await Self.serve(headerTimeout: 60, idleTimeout: 60, bodyTimeout: 1) { port in
            let socket = try RawSocket(port: port)
            try socket.send("POST /v1/letters HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n")
            // A byte every 200 ms is never idle, and earns a millisecond each at 1 KiB/s.
            let started = ContinuousClock.now
            var closedAfter: Duration?
            while closedAfter == nil, ContinuousClock.now - started < .seconds(8) {
                try? socket.send("{")
                closedAfter = await socket.watch(for: .milliseconds(200)).closedAfter.map { _ in ContinuousClock.now - started }
            }
            let closed = try #require(closedAfter, "a body trickling a byte at a time was still being read 8 s after its head, with a 1 s body timeout")
            #expect(closed >= .milliseconds(800), "closed after \(closed), before the body timeout")
        }
    }

    @Test func aBodyAtAFairRateIsReadWholeThoughItTakesLongerThanTheBodyTimeout() async throws {
        try await Self.serve(headerTimeout: 60, idleTimeout: 60, bodyTimeout: 1) { port in
            let socket = try RawSocket(port: port)
            let body = String(repeating: " ", count: 6 * 1024) + "{}"
            let head = "POST /v1/letters HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
            // 6 KiB over about 2 s: 3 KiB/s, above the 1 KiB/s minimum, and longer than the 1 s
            // allowed up front. Each KiB earns a second, so a sleep stretched by a loaded machine
            // still leaves the body seconds ahead of its deadline; the first KiB goes with the
            // head, so a stall before it cannot use up the first second alone.
            for chunk in stride(from: 0, to: body.utf8.count, by: 1024) {
                let end = min(chunk + 1024, body.utf8.count)
                try socket.send((chunk == 0 ? head : "") + String(body.utf8.dropFirst(chunk).prefix(end - chunk))!)
                try await Task.sleep(for: .milliseconds(300))
            }
            // The connection outlived the 1 s: the next request on it is answered too.
            try socket.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let answer = await socket.watch(for: .seconds(10), until: "schemaVersion")
            #expect(answer.text.components(separatedBy: "HTTP/1.1 ").count == 3,
                    "not both requests answered on a body sent at 3 KiB/s (closed after \(String(describing: answer.closedAfter))): \(answer.text)")
        }
    }

    @Test func requestsOnAKeepAliveConnectionStillWorkAndNameTheVersion() async throws {
        try await Self.serve(headerTimeout: 1, idleTimeout: 5) { port in
            let connection = LiveConnection(port: port)
            for _ in 0..<3 {
                let health = try await connection.send(.get, "/healthz")
                #expect(health.status == 200, "\(health.summary)")
                #expect(health.header("Server") == "chancery/" + ChanceryVersion.release)
                #expect(health.object["version"] as? String == ChanceryVersion.release)
                #expect(health.object["schemaVersion"] as? Int == ChanceryVersion.schema)
                // Longer than the header timeout: a pause between requests is not a slow request.
                try await Task.sleep(for: .milliseconds(1500))
            }
            await connection.close()
        }
    }

    @Test func chanceryServeTakesTheHeaderTimeoutFromItsOptionAndLogsTheClosing() async throws {
        let executable = try #require(ChanceryExecutable.url, "the chancery binary was not found next to the tests; build it first")
        var environment = Subprocess.neutralEnvironment
        // Unreachable: the service starts anyway (503 until the database is back), and /healthz needs none.
        environment["DATABASE_URL"] = "host=127.0.0.1 port=1 connect_timeout=2"
        let server = try ServeProcess(executable: executable, arguments: [
            "serve", "--port", "0", "--header-timeout", "1", "--idle-timeout", "60",
        ], environment: environment)
        do {
            let port = try await server.waitForPort(timeout: .seconds(60))
            let socket = try RawSocket(port: port)
            try socket.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            let outcome = await socket.watch(for: .seconds(6))
            let closedAfter = try #require(outcome.closedAfter, "chancery serve --header-timeout 1 kept a half-sent request 6 s\n\(server.outputs)")
            #expect(closedAfter >= .milliseconds(800), "closed after \(closedAfter), before the header timeout")
            let logged = await eventually(timeout: .seconds(10)) {
                server.stderr.contains("closing a connection whose request headers did not arrive in time")
            }
            #expect(logged, "no log line for the closed connection\n\(server.outputs)")
        } catch {
            await server.cleanUp()
            throw error
        }
        await server.cleanUp()
    }
}
