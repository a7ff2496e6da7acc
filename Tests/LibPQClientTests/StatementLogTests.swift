import Foundation
import LibPQClient
import Testing
import TestSupport

@Suite struct StatementLogTests {
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var statements: [PostgresStatement] = []
        func record(_ statement: PostgresStatement) { lock.withLock { statements.append(statement) } }
        var recorded: [PostgresStatement] { lock.withLock { statements } }
    }

    @Test("the observer sees each statement with its parameters, only within its task")
    func observesStatementsInScope() async throws {
        try await TestDatabase.withScratchDatabase { configuration async throws in
            let connection = try await PostgresConnection.connect(configuration)
            defer { connection.close() }
            let recorder = Recorder()
            try await PostgresStatementLog.$observer.withValue({ recorder.record($0) }) {
                _ = try await connection.query("SELECT $1::int + $2::int AS sum", [40, 2])
                _ = try await connection.query("SELECT $1::text AS missing", [String?.none])
            }
            _ = try await connection.query("SELECT 1")
            let seen = recorder.recorded
            #expect(seen.map(\.sql) == ["SELECT $1::int + $2::int AS sum", "SELECT $1::text AS missing"])
            #expect(seen.first?.parameters == ["40", "2"])
            #expect(seen.last?.parameters == [nil])
            #expect(seen.first?.typeOIDs.count == 2)
        }
    }
}
