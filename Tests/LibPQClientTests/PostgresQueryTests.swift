import LibPQClient
import Testing
import TestSupport

/// `PostgresQuery`: what is interpolated is bound, fragments renumber their own placeholders, and
/// raw text gets in only through `unescaped:` / `unsafeSQL:`.
@Suite struct PostgresQueryTests {
    static let hostile = [
        "'); DROP TABLE x; --",
        "it's a 'quoted' word",
        #"she said "hello""#,
        "$1 $2 ? %s {} $$ dollar-quoted $$",
        "a; b; c;",
        #"C:\path\to\file \\ and \n literally \'"#,
        "ហ៊ុន សែន · Ελληνικά · 🦉📜✉️ 👩🏽‍⚖️",
        "",
    ]

    @Test func interpolatedValuesBecomeBindsNotText() {
        let ref = "'); DROP TABLE x; --"
        let id: Int64 = 42
        let query: PostgresQuery = "SELECT * FROM letter WHERE ref = \(ref) AND id = \(id)"
        #expect(query.sql == "SELECT * FROM letter WHERE ref = $1 AND id = $2")
        #expect(query.binds.count == 2)
        #expect(query.binds.map(\.postgresText) == [ref, "42"])
        #expect(!query.sql.contains("DROP"))
        // The description names the text and how many values, never the values.
        #expect(query.description == "SELECT * FROM letter WHERE ref = $1 AND id = $2 [2 parameters]")
    }

    @Test func hostileValuesRoundTripVerbatimAndTheTableSurvives() async throws {
        try await TestDatabase.withScratchConnection { connection async throws in
            try await connection.execute("create table x (id serial primary key, body text not null)")
            for text in Self.hostile {
                #expect(try await connection.execute("insert into x (body) values (\(text))") == 1)
            }
            let stored = try await connection.query("select body from x order by id").map { try $0.decode("body", as: String.self) }
            #expect(stored == Self.hostile)
            for text in Self.hostile {
                let found = try await connection.query("select count(*) as n from x where body = \(text)").rows[0]
                #expect(try found.decode("n", as: Int.self) == 1)
                let echoed = try await connection.query("select \(text)::text as v").rows[0]
                #expect(try echoed.decode("v", as: String.self) == text)
            }
            let table = try #require(try await connection.query("select to_regclass('x')::text as t").first)
            #expect(try table.decode("t", as: String?.self) == "x")
        }
    }

    @Test func nestedFragmentsRenumberTheirOwnPlaceholders() async throws {
        let sum: PostgresQuery = "\(Int32(2))::int + \(Int32(3))::int"
        #expect(sum.sql == "$1::int + $2::int")
        let query: PostgresQuery = "SELECT \(Int32(1))::int AS a, \(sum) AS b, \(sum) AS c"
        #expect(query.sql == "SELECT $1::int AS a, $2::int + $3::int AS b, $4::int + $5::int AS c")
        #expect(query.binds.map(\.postgresText) == ["1", "2", "3", "2", "3"])

        // A fragment inside a fragment, joined, and composed with `+`: numbered in text order.
        let inner: PostgresQuery = "\(Int32(10))::int"
        let outer: PostgresQuery = "(\(inner) * \(Int32(2))::int)"
        let conditions: [PostgresQuery] = ["\(Int32(7))::int", outer, "\(Int32(8))::int"]
        let joined = "SELECT \(Int32(6))::int AS first, " + ("ARRAY[\(conditions, separator: ", ")] AS rest" as PostgresQuery)
        #expect(joined.sql == "SELECT $1::int AS first, ARRAY[$2::int, ($3::int * $4::int), $5::int] AS rest")

        try await TestDatabase.withScratchConnection { connection async throws in
            let row = try #require(try await connection.query(query).first)
            #expect(try row.decode("a", as: Int.self) == 1)
            #expect(try row.decode("b", as: Int.self) == 5)
            #expect(try row.decode("c", as: Int.self) == 5)
            let composed = try #require(try await connection.query(joined).first)
            #expect(try composed.decode("first", as: Int.self) == 6)
            #expect(try composed.decode("rest", as: [Int].self) == [7, 20, 8])
        }
    }

    @Test func placeholderLikeTextIsNeverRenumbered() async throws {
        // `$1` inside a literal of a spliced fragment is text, not one of its placeholders.
        let fragment: PostgresQuery = "'$1' AS literal, \(Int32(9))::int AS bound"
        let query: PostgresQuery = "SELECT \(Int32(4))::int AS first, \(fragment)"
        #expect(query.sql == "SELECT $1::int AS first, '$1' AS literal, $2::int AS bound")
        try await TestDatabase.withScratchConnection { connection async throws in
            let row = try #require(try await connection.query(query).first)
            #expect(try row.decode("literal", as: String.self) == "$1")
            #expect(try row.decode("bound", as: Int.self) == 9)
        }
    }

    @Test func unescapedTextIsSplicedAsIs() async throws {
        let column = "one_plus_one"
        let query: PostgresQuery = "SELECT \(unescaped: "1 + 1") AS \(unescaped: column), \(Int32(3))::int AS three"
        #expect(query.sql == "SELECT 1 + 1 AS one_plus_one, $1::int AS three")
        #expect(query.binds.count == 1)
        let constant = PostgresQuery(unsafeSQL: "SELECT 'it''s' AS quoted")
        #expect(constant.sql == "SELECT 'it''s' AS quoted" && constant.binds.isEmpty)
        // A statement that numbers its own placeholders keeps them; values interpolated after follow on.
        let handNumbered = PostgresQuery(unsafeSQL: "SELECT $1::int AS a", binds: [Int32(1)]) + ", \(Int32(2))::int AS b"
        #expect(handNumbered.sql == "SELECT $1::int AS a, $2::int AS b")
        try await TestDatabase.withScratchConnection { connection async throws in
            let row = try #require(try await connection.query(query).first)
            #expect(try row.decode("one_plus_one", as: Int.self) == 2)
            #expect(try row.decode("three", as: Int.self) == 3)
            #expect(try await connection.query(constant).rows[0].decode("quoted", as: String.self) == "it's")
            let both = try #require(try await connection.query(handNumbered).first)
            #expect(try both.decode("a", as: Int.self) == 1 && both.decode("b", as: Int.self) == 2)
        }
    }

    @Test func optionalsBindNull() async throws {
        let none: String? = nil
        let some: String? = "present"
        let noDay: Int64? = nil
        let query: PostgresQuery = "SELECT \(none) IS NULL AS none_is_null, \(some) AS some, \(noDay) IS NULL AS typed_null"
        #expect(query.sql == "SELECT $1 IS NULL AS none_is_null, $2 AS some, $3 IS NULL AS typed_null")
        #expect(query.binds.map(\.postgresText) == [nil, "present", nil])
        try await TestDatabase.withScratchConnection { connection async throws in
            let row = try #require(try await connection.query(query).first)
            #expect(try row.decode("none_is_null", as: Bool.self))
            #expect(try row.decode("some", as: String.self) == "present")
            #expect(try row.decode("typed_null", as: Bool.self))
        }
    }

    @Test func theSameShapeRendersTheSameTextAndIsPreparedOnce() async throws {
        func lookup(_ id: Int32) -> PostgresQuery {
            let condition: PostgresQuery = "g = \(id)"
            return "SELECT g FROM generate_series(1, 5) g WHERE \(condition) AND g < \(Int32(100))"
        }
        #expect(lookup(1).sql == lookup(4).sql)
        try await TestDatabase.withScratchConnection { connection async throws in
            for id in Int32(1)...3 {
                #expect(try await connection.query(lookup(id)).rows[0].decode("g", as: Int.self) == Int(id))
            }
            let prepared = try await connection.query(
                "SELECT count(*) AS n FROM pg_prepared_statements WHERE statement = \(lookup(1).sql)").rows[0]
            #expect(try prepared.decode("n", as: Int.self) == 1)
        }
    }

    @Test func scriptsAndCopyTakeNoValues() async throws {
        try await TestDatabase.withScratchConnection { connection async throws in
            try await connection.execute("create table t (body text)")
            let value = "sneaky"
            let script = await #expect(throws: PostgresError.self) {
                try await connection.executeScript("insert into t values (\(value))")
            }
            #expect(script?.code == .invalidParameter)
            let copy = await #expect(throws: PostgresError.self) {
                try await connection.copyFrom("COPY t (body) FROM STDIN WITH (FORMAT \(unescaped: "text"), NULL \(value))", data: ["a\n"])
            }
            #expect(copy?.code == .invalidParameter)
            #expect(try await connection.query("select count(*) as n from t").rows[0].decode("n", as: Int.self) == 0)
        }
    }
}
