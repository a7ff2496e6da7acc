import Foundation
import LibPQClient
import Testing
import TestSupport

/// Serialized: the observer is process-wide, so these tests must not replace each other's.
@Suite(.serialized) struct StatementLogTests {
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var statements: [PostgresStatement] = []
        func record(_ statement: PostgresStatement) { lock.withLock { statements.append(statement) } }
        var recorded: [PostgresStatement] { lock.withLock { statements } }
    }

    @Test("the observer sees each statement with its parameters while it is set, and no longer")
    func observesStatementsInScope() async throws {
        try await TestDatabase.withScratchDatabase { configuration async throws in
            let connection = try await PostgresConnection.connect(configuration)
            defer { connection.close() }
            // The observer is process-wide and other suites run in parallel: keep only this test's
            // statements, which carry a marker.
            let marker = "/* statement-log-\(UUID().uuidString) */"
            let recorder = Recorder()
            try await PostgresStatementLog.observing({ recorder.record($0) }) {
                // The marker is a comment this test builds.
                _ = try await connection.query("SELECT \(40)::int + \(2)::int AS sum \(unescaped: marker)")
                _ = try await connection.query("SELECT \(String?.none)::text AS missing \(unescaped: marker)")
            }
            _ = try await connection.query("SELECT 1 \(unescaped: marker)")
            let seen = recorder.recorded.filter { $0.sql.contains(marker) }
            #expect(seen.map(\.sql) == ["SELECT $1::int + $2::int AS sum " + marker, "SELECT $1::text AS missing " + marker])
            #expect(seen.first?.parameters == ["40", "2"])
            #expect(seen.last?.parameters == [nil])
            #expect(seen.first?.typeOIDs.count == 2)
        }
    }

    @Test("statements sent in one pipeline are each seen, the first opening it and the last closing it")
    func observesPipelinedStatements() async throws {
        try await TestDatabase.withScratchConnection { connection in
            let marker = "/* pipeline-log-\(UUID().uuidString) */"
            let parts: [PostgresQuery] = [
                "SELECT \(1)::int AS one \(unescaped: marker)",
                ("SELECT \(2)::int AS two \(unescaped: marker)" as PostgresQuery).plannedForEachValue(),
                "SELECT 'three' AS three \(unescaped: marker)",
            ]
            let recorder = Recorder()
            _ = try await PostgresStatementLog.observing({ recorder.record($0) }) { try await connection.pipeline(parts) }
            let seen = recorder.recorded.filter { $0.sql.contains(marker) }
            #expect(seen.map(\.sql) == parts.map(\.sql))
            #expect(seen.map(\.opensPipeline) == [true, false, false])
            #expect(seen.map(\.closesPipeline) == [false, false, true])
            #expect(seen.first?.parameters == ["1"])
        }
    }
}
