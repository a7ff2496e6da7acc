import LibPQClient
import Testing
import TestSupport

/// Statements sent together in one round trip give what running them one by one gives: the same
/// rows, the same first error, and a connection fit for what follows.
@Suite struct PipelineTests {
    private static let parts: [PostgresQuery] = [
        "SELECT g AS n, 'row ' || g AS label FROM generate_series(1, \(3)) g ORDER BY g",
        "SELECT \("ហ៊ុន សែន")::text AS name, \(Int64(42)) AS answer",
        "SELECT count(*) AS n FROM generate_series(1, 100) g WHERE g % \(7) = 0",
        ("SELECT count(*) AS n FROM generate_series(1, 100) g WHERE g % 5 = \(0)" as PostgresQuery).plannedForEachValue(),
        "SELECT 'no parameters' AS text",
    ]

    private static func values(_ results: [PostgresQueryResult]) throws -> [[[String?]]] {
        try results.map { result in try result.rows.map { row in try (0..<row.columns.count).map { try row.decode(column: $0, as: String?.self) } } }
    }

    @Test func resultsAreThoseOfRunningEachInTurn() async throws {
        try await TestDatabase.withScratchConnection { connection in
            var oneByOne: [PostgresQueryResult] = []
            for query in Self.parts { oneByOne.append(try await connection.query(query)) }
            let expected = try Self.values(oneByOne)
            #expect(expected[0].count == 3 && expected[1][0] == ["ហ៊ុន សែន", "42"] && expected[2][0] == ["14"])
            // Several times: the statements are prepared on the first run and reused after.
            for _ in 1...3 {
                #expect(try Self.values(try await connection.pipeline(Self.parts)) == expected)
            }
            let prepared = try await connection.query("SELECT statement FROM pg_prepared_statements WHERE \(true)").rows
                .map { try $0.decode("statement", as: String.self) }
            #expect(prepared.contains(Self.parts[2].sql))
            #expect(!prepared.contains(Self.parts[3].sql), "a statement planned for each value stays unnamed")
        }
    }

    @Test func theFirstErrorIsThrownAndTheConnectionRecovers() async throws {
        try await TestDatabase.withScratchConnection { connection in
            let failing: [PostgresQuery] = [Self.parts[0], "SELECT 1 / \(0) AS never", "SELECT missing_column FROM pg_class WHERE \(true)"]
            let error = try #require(await #expect(throws: PostgresError.self) { try await connection.pipeline(failing) })
            #expect(error.sqlState == "22012", "division by zero, not the later statement's error: \(error)")
            // Outside the pipeline and in the next one, the connection works.
            #expect(try await connection.query("SELECT \(1)::int AS one").rows[0].decode("one", as: Int.self) == 1)
            #expect(try Self.values(try await connection.pipeline(Self.parts)).count == Self.parts.count)

            // Inside a transaction the failure aborts it, as a failing statement on its own does.
            try await connection.executeScript("BEGIN")
            _ = try await connection.pipeline(Self.parts)
            await #expect(throws: PostgresError.self) { try await connection.pipeline(failing) }
            let aborted = try #require(await #expect(throws: PostgresError.self) { try await connection.query("SELECT \(1)::int AS one") })
            #expect(aborted.sqlState == "25P02")
            try await connection.executeScript("ROLLBACK")
            #expect(try await connection.query("SELECT \(2)::int AS two").rows[0].decode("two", as: Int.self) == 2)
        }
    }

    @Test func statementsTheServerForgotArePreparedAgain() async throws {
        try await TestDatabase.withScratchConnection { connection in
            let expected = try Self.values(try await connection.pipeline(Self.parts))
            // Behind the connection's back (as a pooler or a DISCARD would): the names are gone.
            try await connection.executeScript("DEALLOCATE ALL")
            #expect(try Self.values(try await connection.pipeline(Self.parts)) == expected)
            #expect(try Self.values(try await connection.pipeline(Self.parts)) == expected)
        }
    }
}
