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
            func changes() async throws -> Int {
                try await database.read { connection in
                    try await connection.query("SELECT count(*) AS n FROM network_change").rows[0].decode("n")
                }
            }
            // Each of these writes leaves a row.
            for name in ["Forgetting One", "Forgetting Two", "Forgetting Three"] {
                _ = try await ActorService(database: database).add(ActorDraft(kind: .person, name: name))
            }
            #expect(try await changes() >= 3)
            let forgetter = NetworkChangeForgetter(database: database, interval: .milliseconds(20), logger: Logger(label: "test"))
            let running = Task { try await forgetter.run() }
            // Other tests' open snapshots may hold some rows back for a moment.
            var remaining = Int.max
            for _ in 0..<250 where remaining > 1 {
                try await Task.sleep(for: .milliseconds(20))
                remaining = try await changes()
            }
            running.cancel()
            try await running.value
            #expect(remaining <= 1, "only the forgetting transaction's own row is left")
        }
    }
}
