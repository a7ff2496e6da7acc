import LibPQClient
import Testing
import TestSupport

/// Parameterised statements are prepared once per connection and then only executed.
@Suite struct PreparedStatementTests {
    @Test func aStatementIsPreparedOnceAndReused() async throws {
        try await TestDatabase.withScratchConnection { connection in
            for value in 1...3 {
                let row = try await connection.query("SELECT \(value)::int + 1 AS next").rows[0]
                #expect(try row.decode("next", as: Int.self) == value + 1)
            }
            let preparedText = "SELECT $1::int + 1 AS next"
            let prepared = try await connection.query(
                "SELECT count(*) AS n FROM pg_prepared_statements WHERE statement = \(preparedText)")
            #expect(try prepared.rows[0].decode("n", as: Int.self) == 1)
        }
    }

    /// The cache hashes a statement's length and ends only: statements alike in those must still
    /// each run as themselves.
    @Test func statementsAlikeAtTheirEndsStayApart() async throws {
        try await TestDatabase.withScratchConnection { connection in
            let padding = String(repeating: " ", count: 80)
            let first: PostgresQuery = "SELECT \(1)::int AS v, \(unescaped: padding)'one' AS word,\(unescaped: padding)\(2)::int AS w"
            let second: PostgresQuery = "SELECT \(1)::int AS v, \(unescaped: padding)'two' AS word,\(unescaped: padding)\(2)::int AS w"
            #expect(first.sql.utf8.count == second.sql.utf8.count && first.sql != second.sql)
            for _ in 1...3 {
                #expect(try await connection.query(first).rows[0].decode("word", as: String.self) == "one")
                #expect(try await connection.query(second).rows[0].decode("word", as: String.self) == "two")
            }
            let prepared = try await connection.query("SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE 'SELECT $1::int AS v,%'")
            #expect(try prepared.rows[0].decode("n", as: Int.self) == 2)
        }
    }

    /// Texts Swift calls equal (é precomposed, or e and a combining accent) are two statements.
    @Test func statementsDifferingOnlyInNormalizationStayApart() async throws {
        try await TestDatabase.withScratchConnection { connection in
            let (precomposed, decomposed) = ("caf\u{E9}", "cafe\u{301}")
            #expect(precomposed == decomposed && Array(precomposed.utf8) != Array(decomposed.utf8))
            for _ in 1...2 {
                for word in [precomposed, decomposed] {
                    let row = try await connection.query("SELECT \(1)::int AS one, '\(unescaped: word)' AS word").rows[0]
                    #expect(Array(try row.decode("word", as: String.self).utf8) == Array(word.utf8))
                }
            }
        }
    }

    @Test func aStatementWhoseTableChangedIsPreparedAgain() async throws {
        try await TestDatabase.withScratchConnection { connection in
            try await connection.executeScript("CREATE TABLE sample (id int, name text); INSERT INTO sample VALUES (1, 'a')")
            let sql: PostgresQuery = "SELECT * FROM sample WHERE id = \(1)"
            #expect(try await connection.query(sql).rows.count == 1)
            // The cached plan's result type no longer fits: the server refuses it ("cached plan
            // must not change result type"); the connection prepares it afresh.
            try await connection.executeScript("ALTER TABLE sample ADD COLUMN note text")
            let row = try await connection.query(sql).rows[0]
            #expect(try row.decode("name", as: String.self) == "a")
            #expect(try row.decode("note", as: String?.self) == nil)
        }
    }

    @Test func preparingCanBeTurnedOff() async throws {
        try await TestDatabase.withScratchDatabase { configuration in
            var unprepared = configuration
            unprepared.preparesStatements = false
            let connection = try await PostgresConnection.connect(unprepared)
            defer { connection.close() }
            _ = try await connection.query("SELECT \(1)::int AS one")
            let prepared = try await connection.query("SELECT count(*) AS n FROM pg_prepared_statements WHERE \(true)")
            #expect(try prepared.rows[0].decode("n", as: Int.self) == 0)
        }
    }
}

/// Statements whose best plan depends on their values are planned for each run: PostgreSQL
/// gives a prepared statement one generic plan after its fifth run, and for a full-text match
/// that plan was ten times slower for rare words (issue 15).
@Suite struct PlannedForEachValueTests {
    @Test func aStatementPlannedForEachValueIsNeverPrepared() async throws {
        try await TestDatabase.withScratchConnection { connection in
            let valueSensitive: PostgresQuery = "SELECT count(*) AS n FROM generate_series(1, 100) g WHERE g % 7 = \(0)"
            for _ in 1...7 { _ = try await connection.query(valueSensitive.plannedForEachValue()) }
            for _ in 1...7 { _ = try await connection.query("SELECT \(1)::int AS one") }
            let prepared = try await connection.query("SELECT statement FROM pg_prepared_statements WHERE \(true)").rows
                .map { try $0.decode("statement", as: String.self) }
            #expect(!prepared.contains(valueSensitive.sql), "\(prepared)")
            #expect(prepared.contains("SELECT $1::int AS one"), "the unmarked statement is prepared as before: \(prepared)")
            let count = try await connection.query(valueSensitive.plannedForEachValue()).rows[0].decode("n", as: Int.self)
            #expect(count == 14)
        }
    }

    @Test func theMarkTravelsIntoEveryQueryTheFragmentIsSplicedInto() {
        let match: PostgresQuery = "document @@ to_tsquery(\("word"))"
        let marked = match.plannedForEachValue()
        #expect(!match.plansForEachValue && marked.plansForEachValue)
        let interpolated: PostgresQuery = "SELECT id FROM t WHERE deleted IS NULL AND \(marked) LIMIT \(50)"
        #expect(interpolated.plansForEachValue && interpolated.sql == "SELECT id FROM t WHERE deleted IS NULL AND document @@ to_tsquery($1) LIMIT $2")
        #expect(("SELECT id FROM t WHERE " + marked).plansForEachValue)
        #expect(PostgresQuery("SELECT id FROM t WHERE \([match, marked], separator: " OR ")").plansForEachValue)
        #expect(!PostgresQuery("SELECT id FROM t WHERE \(match)").plansForEachValue)
    }
}
