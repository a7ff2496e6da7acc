import Foundation
import LibPQClient
import Testing
import TestSupport

/// The pool under the service recovers by itself: a session the server ended while it sat idle
/// (PostgreSQL restarted, an administrator terminated it) is replaced when leased, instead of
/// failing the first request that gets it.
@Suite("Live: pooled sessions the server ended")
struct PoolRecoveryTests {
    @Test("an idle session the server terminated is replaced, and the lease succeeds")
    func terminatedIdleSessionIsReplaced() async throws {
        try await TestDatabase.withScratchDatabase { configuration in
            let pool = PostgresConnectionPool(configuration: configuration, maximumConnections: 2)
            let admin = try await PostgresConnection.connect(configuration)
            do {
                let first = try await pool.withConnection { $0.backendPID }
                #expect(pool.openConnectionCount == 1)
                _ = try await admin.query("SELECT pg_terminate_backend(\(first)::int)")
                let gone = await eventually(timeout: .seconds(20)) {
                    (try? await admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = \(first)::int").rows.isEmpty) ?? false
                }
                try #require(gone, "the terminated backend did not go away")

                let second = try await pool.withConnection { connection in
                    try await connection.query("SELECT pg_backend_pid() AS pid").rows[0].decode("pid", as: Int.self)
                }
                #expect(second != first)
                #expect(pool.openConnectionCount == 1)
            } catch {
                admin.close()
                await pool.close()
                throw error
            }
            admin.close()
            await pool.close()
        }
    }
}
