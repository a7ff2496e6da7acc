@testable import ChanceryCore
@testable import ChanceryHTTP
import ChanceryModel
import Logging
import Testing

@Suite("Forgetting seen network changes")
struct NetworkChangeForgetterTests {
    @Test("a running service forgets the changes every session sees, and stops when cancelled")
    func forgetsWhileRunning() async throws {
        try await APIHarness.run { harness, _ in
            let database = harness.database
            // The changes writers noted, not the rows the forgetter writes for itself.
            func changes() async throws -> Int {
                try await database.read { connection in
                    try await connection.query("SELECT count(DISTINCT txid) AS n FROM network_change WHERE NOT marks_forgetting").rows[0].decode("n")
                }
            }
            // Each of these writes leaves a row.
            var last = ""
            for name in ["Forgetting One", "Forgetting Two", "Forgetting Three"] {
                _ = try await ActorService(database: database).add(ActorDraft(kind: .person, name: name))
                last = try await database.read { connection in
                    try await connection.query("SELECT max(txid)::text AS txid FROM network_change").rows[0].decode("txid")
                }
            }
            #expect(try await changes() >= 3)
            let forgetter = NetworkChangeForgetter(database: database, interval: .milliseconds(20), logger: Logger(label: "test"))
            let running = Task { try await forgetter.run() }
            // A test running beside this one may hold an older snapshot open (anywhere on the
            // server) for longer than this test waits: then nothing can be forgotten yet.
            var seen = false
            for _ in 0..<200 where !seen {
                seen = try await database.read { connection in
                    try await connection.query("SELECT pg_snapshot_xmin(pg_current_snapshot()) > \(last)::xid8 AS seen").rows[0].decode("seen")
                }
                if !seen { try await Task.sleep(for: .milliseconds(100)) }
            }
            if seen {
                var remaining = Int.max
                for _ in 0..<250 where remaining > 0 {
                    try await Task.sleep(for: .milliseconds(20))
                    remaining = try await changes()
                }
                #expect(remaining == 0)
                // What is left says what was forgotten: one row per input, each run's replacing the last's.
                let markers: (rows: Int, inputs: Int) = try await database.read { connection in
                    let row = try await connection.query(
                        "SELECT count(*) AS rows, count(DISTINCT input) AS inputs FROM network_change WHERE marks_forgetting").rows[0]
                    return (try row.decode("rows"), try row.decode("inputs"))
                }
                #expect(markers.rows == markers.inputs && markers.inputs > 0)
            }
            running.cancel()
            try await running.value
        }
    }
}
