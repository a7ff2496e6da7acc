import ChanceryCore
import Foundation
import LibPQClient
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM drains: the real `chancery serve` process, sent SIGTERM while requests are in flight,
/// stops taking connections, answers every request it had accepted in full, and exits 0.
@Suite("Live: SIGTERM drains requests in flight")
struct GracefulShutdownTests {
    static let burst = 50
    static let path = "/v1/timeline?all=true&format=html"

    // No `.timeLimit`: Swift Testing's limit counts the wait for a scratch database too, behind
    // every other test that needs one (ScratchDatabaseLimit), and in the whole suite on two cores
    // that wait alone passed ten minutes while the test took three seconds. Every step below
    // has a timeout of its own (the port, the requests reaching the lock, the refusal, each
    // response, the exit), so a hang still ends the test.
    @Test("every accepted request gets a complete 200, then the process exits 0")
    func sigtermDrainsInFlightRequests() async throws {
        let executable = try #require(ChanceryExecutable.url, "the chancery binary was not found next to the tests; build it first")
        try await TestDatabase.withScratchDatabase { configuration in
            let database = ChanceryDatabase(configuration: configuration, changedBy: "live-test", maximumConnections: 1)
            do {
                _ = try await database.migrate()
                _ = try await FoundingExample.load(into: database)
            } catch {
                await database.close()
                throw error
            }
            await database.close()

            var environment = Subprocess.neutralEnvironment
            environment["DATABASE_URL"] = try selfContainedConninfo(configuration)
            // A pool as large as the burst, so every request holds a session of its own and can be
            // seen waiting in pg_stat_activity; a statement timeout longer than the test.
            let server = try ServeProcess(executable: executable, arguments: [
                "serve", "--port", "0", "--anonymous-reads", "--pool-size", "64", "--statement-timeout", "120000",
                "--log-level", "warning",
            ], environment: environment)
            do {
                try await Self.drain(server, configuration: configuration)
            } catch {
                await server.cleanUp()
                throw error
            }
            await server.cleanUp()
        }
    }

    private static func drain(_ server: ServeProcess, configuration: PostgresConfiguration) async throws {
        var timings = Timings()
        let port = try await server.waitForPort(timeout: .seconds(60))
        timings.mark("listening")
        let warmUp = LiveConnection(port: port)
        let first = try await warmUp.send(.get, path)
        await warmUp.close()
        try #require(first.status == 200, "GET \(path) before the test: \(first.summary)\n\(server.outputs)")

        // Holding every table of the scratch database locked keeps the requests in flight: each one
        // waits for the lock inside the service until the test lets go.
        let locker = try await PostgresConnection.connect(configuration)
        defer { locker.close() }
        let monitor = try await PostgresConnection.connect(configuration)
        defer { monitor.close() }
        let database = try await monitor.query("SELECT current_database() AS name").rows[0].decode("name", as: String.self)
        let tables = try await locker.query("""
            SELECT string_agg(format('%I.%I', n.nspname, c.relname), ', ') AS tables
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            """).rows[0].decode("tables", as: String.self)
        try await locker.execute("BEGIN")
        // Table names cannot be parameters: these come from the catalogue, quoted by format('%I').
        try await locker.execute("LOCK TABLE \(unescaped: tables) IN ACCESS EXCLUSIVE MODE")
        var released = false

        let results = try await withThrowingTaskGroup(of: Outcome.self, returning: [Outcome].self) { group in
            for _ in 0..<burst {
                group.addTask {
                    let connection = LiveConnection(port: port, readTimeout: .seconds(90))
                    let outcome: Outcome
                    do {
                        try await connection.connected()
                        do {
                            outcome = .answered(try await connection.send(.get, path))
                        } catch {
                            outcome = .failed("\(error)")
                        }
                    } catch {
                        outcome = .notConnected("\(error)")
                    }
                    await connection.close()
                    return outcome
                }
            }
            do {
                // All requests are inside the service, each waiting on the lock with a session of its own.
                var waiting = 0
                let inFlight = try await eventually(timeout: .seconds(60), every: .milliseconds(100)) {
                    waiting = try await monitor.query("""
                        SELECT count(*)::int AS n FROM pg_stat_activity
                        WHERE datname = \(database) AND backend_type = 'client backend' AND wait_event_type = 'Lock' AND pid <> \(locker.backendPID)
                        """).rows[0].decode("n", as: Int.self)
                    return waiting >= burst
                }
                try #require(inFlight, "only \(waiting) of \(burst) requests reached the database\n\(server.outputs)")
                timings.mark("\(burst) waiting")

                server.signal(SIGTERM)

                // It stops accepting connections while the requests are still held.
                var lastProbe = "no probe"
                let closed = await eventually(timeout: .seconds(30), every: .milliseconds(100)) {
                    let probe = LiveConnection(port: port)
                    do {
                        try await probe.connected()
                        lastProbe = "connected"
                    } catch {
                        lastProbe = String(describing: error)
                    }
                    await probe.close()
                    return lastProbe.localizedCaseInsensitiveContains("refused")
                }
                #expect(closed, "the service still accepted connections after SIGTERM: \(lastProbe)")
                timings.mark("refusing connections")
                #expect(server.isRunning, "the service exited with requests in flight\n\(server.outputs)")

                try await locker.execute("ROLLBACK")
                released = true
            } catch {
                if !released { _ = try? await locker.execute("ROLLBACK") }
                throw error
            }
            var results: [Outcome] = []
            for try await outcome in group { results.append(outcome) }
            return results
        }

        timings.mark("all answered")
        #expect(results.count == burst)
        let incomplete = results.compactMap { outcome -> String? in
            switch outcome {
            case .answered(let response) where response.status == 200 && response.text.contains("</html>"): nil
            case .answered(let response): "answered " + response.summary
            case .failed(let error): "failed: " + error
            case .notConnected(let error): "not connected: " + error
            }
        }
        #expect(incomplete.isEmpty, "\(incomplete.count) of \(burst) requests did not get a complete 200: \(incomplete.prefix(5))")

        let exited = await server.waitForExit(timeout: .seconds(30))
        timings.mark("exited")
        #expect(exited, "chancery serve still runs 30 s after SIGTERM\n\(server.outputs)")
        if exited {
            #expect(server.exitStatus == 0, "chancery serve ended with status \(String(describing: server.exitStatus))\n\(server.outputs)")
        }
        print("""
            GracefulShutdownTests: SIGTERM with \(burst) requests waiting in the database; \
            \(burst - incomplete.count) complete 200s; exit status \(server.exitStatus.map(String.init) ?? "none"); \
            \(timings)
            """)
    }

    private enum Outcome: Sendable {
        case answered(LiveResponse)
        case failed(String)
        case notConnected(String)
    }
}

/// How long each step took, for the summary line (never asserted).
private struct Timings: CustomStringConvertible {
    private var last = ContinuousClock.now
    private var steps: [String] = []

    mutating func mark(_ step: String) {
        let now = ContinuousClock.now
        let elapsed = now - last
        steps.append(step + " +" + String(format: "%.2f", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) + "s")
        last = now
    }

    var description: String { steps.joined(separator: ", ") }
}
