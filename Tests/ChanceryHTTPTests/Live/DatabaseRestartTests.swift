import ChanceryCore
import ChanceryHTTP
import Foundation
import LibPQClient
import Synchronization
import Testing

/// The service keeps its promises while PostgreSQL goes away and comes back: over real TCP, with
/// writers posting letters all along, requests get 503 problem+json with Retry-After while the
/// database is down, succeed again shortly after it restarts (the same process, the same pool),
/// and every letter acknowledged with 201 is stored exactly once.
@Suite("Live: PostgreSQL stopped and restarted under load")
struct DatabaseRestartTests {
    /// Concurrent writers.
    static let writers = 4

    @Test("no acknowledged letter is lost or doubled; 503 while down; recovery without restarting the service",
          .timeLimit(.minutes(3)))
    func restartUnderLoad() async throws {
        let postgres = try await PrivatePostgres.launch()
        do {
            try await Self.exercise(postgres)
        } catch {
            await postgres.destroy()
            throw error
        }
        await postgres.destroy()
    }

    private static func exercise(_ postgres: PrivatePostgres) async throws {
        // As `chancery serve` configures its pool: a statement timeout and a connect timeout.
        let configuration = try PostgresConfiguration(conninfo: postgres.conninfo)
            .withSessionSettings([(name: "statement_timeout", value: "5000")])
        let database = ChanceryDatabase(configuration: configuration, changedBy: "live-test", maximumConnections: 4)
        let logs = LogCollector()
        do {
            _ = try await database.migrate()
            let editor = try await TokenService(database: database).create(name: "live-editor", role: .editor).secret
            var settings = APIConfiguration()
            settings.host = "127.0.0.1"
            settings.port = 0
            // Short, so token checks reach the database during the outage too.
            settings.tokenCacheSeconds = 1
            let server = try await InProcessServer.start(ChanceryAPI(database: database, configuration: settings),
                                                         logger: logs.logger("live-restart"))
            do {
                try await drive(server.port, editor: editor, postgres: postgres, logs: logs)
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }

    private static func drive(_ port: Int, editor: String, postgres: PrivatePostgres, logs: LogCollector) async throws {
        let control = ReconnectingConnection(port: port)
        do {
            try await drive(port, control: control, editor: editor, postgres: postgres, logs: logs)
        } catch {
            await control.close()
            throw error
        }
        await control.close()
    }

    private static func drive(_ port: Int, control: ReconnectingConnection, editor: String, postgres: PrivatePostgres,
                              logs: LogCollector) async throws {
        let auth = ["Authorization": "Bearer " + editor]
        for name in ["Joe Biden", "Hun Sen"] {
            let created = try await control.send(.post, "/v1/actors", headers: auth, json: #"{"kind":"person","name":"\#(name)"}"#)
            try #require(created.status == 201, "creating \(name): \(created.summary)")
        }

        let ledger = WriteLedger()
        var probes = ProbeRecord()
        var recovery = Duration.zero
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<writers {
                group.addTask { await write(worker: worker, port: port, auth: auth, ledger: ledger) }
            }
            do {
                // 1. Steady state: the writers are getting 201s.
                let steady = await eventually(timeout: .seconds(60)) { ledger.acknowledgedCount >= 2 * writers }
                try #require(steady, "the writers got too few 201s before the restart: \(ledger.report)\n\(logs.text)")

                // 2. PostgreSQL stops (fast shutdown: sessions are cut). Requests now get 503.
                ledger.setPhase(.stopping)
                try await postgres.stop()
                ledger.setPhase(.down)
                let downUntil = ContinuousClock.now + .seconds(2)
                repeat {
                    await probes.probe(control, auth: auth)
                    try await Task.sleep(for: .milliseconds(200))
                } while ContinuousClock.now < downUntil

                // 3. It starts again on the same data folder and port; the running service recovers.
                ledger.setPhase(.restarting)
                try await postgres.start()
                let restarted = ContinuousClock.now
                ledger.setPhase(.up)
                var lastAnswer = "none"
                let recovered = await eventually(timeout: .seconds(20), every: .milliseconds(200)) {
                    do {
                        let answer = try await control.send(.get, "/v1/letters?limit=1", headers: auth)
                        lastAnswer = answer.summary
                        return answer.status == 200
                    } catch {
                        lastAnswer = "\(error)"
                        return false
                    }
                }
                recovery = ContinuousClock.now - restarted
                try #require(recovered, "GET /v1/letters did not succeed within 20 s of the restart; last: \(lastAnswer)\n\(logs.text)")
                let everyWriter = await eventually(timeout: .seconds(30)) { ledger.everyWriterAcknowledgedAfterRestart(writers) }
                #expect(everyWriter, "not every writer got a 201 after the restart: \(ledger.report)\n\(logs.text)")
                let ready = try await control.send(.get, "/readyz")
                #expect(ready.status == 200, "/readyz after the restart: \(ready.summary)")
            } catch {
                ledger.abort()
                throw error
            }
            // The writers finish the letter they are on, then stop.
            ledger.requestStop()
            try await group.waitForAll()
        }

        // 4. Nothing went wrong on the wire.
        let report = ledger.report
        let state = ledger.snapshot
        #expect(state.unexpected.isEmpty, "responses other than 201 or a well-formed 503: \(state.unexpected)\n\(logs.text)")
        // References are allocated under a lock per prefix, so concurrent writers never collide.
        #expect(state.referenceConflicts.isEmpty, "409 for an assigned reference: \(state.referenceConflicts.prefix(3))")
        #expect(state.abandoned.isEmpty, "letters never acknowledged within the writers' deadline: \(state.abandoned)")
        #expect(probes.unavailable > 0, "no 503 seen while PostgreSQL was down: \(probes.notes)")
        #expect(probes.malformed.isEmpty, "answers while PostgreSQL was down that were not 503 problem+json with Retry-After: \(probes.malformed)")
        #expect(probes.readinessUnavailable > 0 && probes.healthOK > 0, "probes while down: \(probes.notes)")
        #expect(state.acknowledgedAfterRestart > 0, "\(report)")

        // 5. Every acknowledged letter is stored, once.
        let check = try await PostgresConnection.connect(PostgresConfiguration(conninfo: postgres.conninfo))
        let rows: PostgresQueryResult
        do {
            rows = try await check.query("SELECT ref, subject FROM letter WHERE subject LIKE 'probe %'")
        } catch {
            check.close()
            throw error
        }
        check.close()
        var stored: [String: [String]] = [:]
        for row in rows {
            stored[try row.decode("subject", as: String.self), default: []].append(try row.decode("ref", as: String.self))
        }
        let doubled = stored.filter { $0.value.count > 1 }
        #expect(doubled.isEmpty, "letters stored more than once for one Idempotency-Key: \(doubled)")
        let lost = state.acknowledged.filter { subject, ref in stored[subject] != [ref] }
        #expect(lost.isEmpty, "acknowledged with 201 but not stored as acknowledged: \(lost.sorted { $0.key < $1.key })")
        #expect(state.acknowledged.count > 2 * writers)

        // 6. A restart no request saw: the pool still holds the sessions the old server ended.
        // The first requests afterwards must not fail for it.
        for _ in 0..<3 {
            let warm = try await control.send(.get, "/v1/letters?limit=1", headers: auth)
            try #require(warm.status == 200, "before the quiet restart: \(warm.summary)")
        }
        try await postgres.stop()
        try await postgres.start()
        var failedAfterQuietRestart: [String] = []
        for index in 1...(writers + 1) {
            let answer = try await control.send(.get, "/v1/letters?limit=1", headers: auth)
            if answer.status != 200 { failedAfterQuietRestart.append("request \(index): \(answer.summary)") }
        }
        #expect(failedAfterQuietRestart.isEmpty,
                "after a restart no request saw, these failed although PostgreSQL was up: \(failedAfterQuietRestart)")

        let seconds = Double(recovery.components.seconds) + Double(recovery.components.attoseconds) / 1e18
        print("""
            DatabaseRestartTests: \(report); \(stored.count) probe letters stored; while down: \(probes.notes); \
            first success \(String(format: "%.2f", seconds)) s after PostgreSQL was back
            """)
    }

    /// The body of a letter, as the brief of the acceptance test spells it.
    static func letterJSON(subject: String) -> String {
        #"{"from":[{"name":"Joe Biden"}],"to":[{"name":"Hun Sen"}],"date":"2022-05-01","subject":"\#(subject)"}"#
    }

    /// One writer: letters one after another, each under its own Idempotency-Key, sent again with
    /// the same key after a 503 or a broken connection until a 201 arrives (or 45 s pass).
    private static func write(worker: Int, port: Int, auth: [String: String], ledger: WriteLedger) async {
        let connection = ReconnectingConnection(port: port)
        var sequence = 0
        while !ledger.stopRequested {
            sequence += 1
            let subject = "probe \(worker)-\(sequence)"
            let headers = auth.merging(["Idempotency-Key": "live-\(worker)-\(sequence)-\(UUID().uuidString)"]) { $1 }
            let body = letterJSON(subject: subject)
            let deadline = ContinuousClock.now + .seconds(45)
            var acknowledged = false
            while !acknowledged && ContinuousClock.now < deadline && !ledger.aborted {
                let phase = ledger.phase
                do {
                    let response = try await connection.send(.post, "/v1/letters", headers: headers, json: body)
                    if response.status == 201, response.object["subject"] as? String == subject,
                       let ref = response.object["ref"] as? String {
                        ledger.acknowledge(subject: subject, ref: ref, worker: worker, phase: phase,
                                           replayed: response.header("Idempotent-Replayed") == "true")
                        acknowledged = true
                    } else if response.isDatabaseUnavailableProblem {
                        ledger.unavailable()
                        try? await Task.sleep(for: .milliseconds(150))
                    } else if response.status == 409, response.object["field"] as? String == "ref" {
                        // Two letters created at once were given the same reference; nothing was
                        // stored for this one, so it is sent again.
                        ledger.referenceConflict("\(subject) in phase \(phase): \(response.summary)")
                        try? await Task.sleep(for: .milliseconds(150))
                    } else {
                        ledger.unexpected("\(subject) in phase \(phase): \(response.summary)")
                        try? await Task.sleep(for: .milliseconds(150))
                    }
                } catch {
                    // The service never goes away in this test, but a connection may still break:
                    // the same request goes again on a new one.
                    ledger.connectionError("\(error)")
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
            if !acknowledged && !ledger.aborted { ledger.abandon(subject) }
        }
        await connection.close()
    }
}

/// What the probes saw while PostgreSQL was down.
private struct ProbeRecord {
    var unavailable = 0
    var readinessUnavailable = 0
    var healthOK = 0
    var malformed: [String] = []
    var notes: String { "\(unavailable) × 503 from /v1, \(readinessUnavailable) × 503 from /readyz, \(healthOK) × 200 from /healthz" }

    mutating func probe(_ connection: ReconnectingConnection, auth: [String: String]) async {
        do {
            let list = try await connection.send(.get, "/v1/letters?limit=1", headers: auth)
            if list.isDatabaseUnavailableProblem { unavailable += 1 } else { malformed.append("GET /v1/letters: " + list.summary) }
            let ready = try await connection.send(.get, "/readyz")
            if ready.isDatabaseUnavailableProblem { readinessUnavailable += 1 } else { malformed.append("GET /readyz: " + ready.summary) }
            let health = try await connection.send(.get, "/healthz")
            if health.status == 200 { healthOK += 1 } else { malformed.append("GET /healthz: " + health.summary) }
        } catch {
            malformed.append("probe connection failed: \(error)")
        }
    }
}

/// The writers' shared record: what was acknowledged, and anything unexpected.
private final class WriteLedger: Sendable {
    enum Phase: String, Sendable { case steady, stopping, down, restarting, up }

    struct State: Sendable {
        var phase = Phase.steady
        var stop = false
        var abort = false
        /// Subject → ref, for every 201.
        var acknowledged: [String: String] = [:]
        var acknowledgedAfterRestart = 0
        var replayed = 0
        var writersAfterRestart: Set<Int> = []
        var unavailable = 0
        var connectionErrors: [String] = []
        var unexpected: [String] = []
        var referenceConflicts: [String] = []
        var abandoned: [String] = []
    }

    private let state = Mutex(State())

    var snapshot: State { state.withLock { $0 } }
    var phase: Phase { state.withLock { $0.phase } }
    var stopRequested: Bool { state.withLock { $0.stop || $0.abort } }
    var aborted: Bool { state.withLock { $0.abort } }
    var acknowledgedCount: Int { state.withLock { $0.acknowledged.count } }

    func setPhase(_ phase: Phase) { state.withLock { $0.phase = phase } }
    /// Writers finish the letter they are on, then stop.
    func requestStop() { state.withLock { $0.stop = true } }
    /// Writers stop at once (the test failed).
    func abort() { state.withLock { $0.abort = true } }
    func unavailable() { state.withLock { $0.unavailable += 1 } }
    func connectionError(_ text: String) { state.withLock { if $0.connectionErrors.count < 20 { $0.connectionErrors.append(text) } } }
    func unexpected(_ text: String) { state.withLock { if $0.unexpected.count < 50 { $0.unexpected.append(text) } } }
    func referenceConflict(_ text: String) { state.withLock { if $0.referenceConflicts.count < 50 { $0.referenceConflicts.append(text) } } }
    func abandon(_ subject: String) { state.withLock { $0.abandoned.append(subject) } }

    func acknowledge(subject: String, ref: String, worker: Int, phase: Phase, replayed: Bool) {
        state.withLock { state in
            state.acknowledged[subject] = ref
            // The first attempt was stored but its answer lost: the retry got the stored letter.
            if replayed { state.replayed += 1 }
            // A request sent once PostgreSQL was back: proof the same pool serves again.
            if phase == .up {
                state.acknowledgedAfterRestart += 1
                state.writersAfterRestart.insert(worker)
            }
        }
    }

    func everyWriterAcknowledgedAfterRestart(_ writers: Int) -> Bool {
        state.withLock { $0.writersAfterRestart.count == writers }
    }

    var report: String {
        state.withLock { state in
            "\(state.acknowledged.count) letters acknowledged (\(state.acknowledgedAfterRestart) after the restart, "
                + "\(state.replayed) replayed), "
                + "\(state.unavailable) × 503 to writers, \(state.connectionErrors.count) broken connections "
                + "\(state.connectionErrors.prefix(3)), \(state.referenceConflicts.count) × 409 for an assigned ref, "
                + "\(state.unexpected.count) unexpected answers"
        }
    }
}
