import LibPQClient
import Testing
import TestSupport

@Suite struct StringSafetyTests {
    static let hostile = [
        "it's a 'quoted' word",
        #"she said "hello""#,
        #"C:\path\to\file \\ and \n literally"#,
        "line one\nline two\r\nline three",
        "ហ៊ុន សែន",
        "🦉📜✉️ 👩🏽‍⚖️",
        "'); DROP TABLE letters; --",
        "$1 $2 ? %s {}",
        "",
    ]

    @Test func hostileStringsAreStoredVerbatim() async throws {
        try await TestDatabase.withScratchConnection { connection async throws in
            try await connection.execute("create table letters (id serial primary key, body text not null)")
            for text in Self.hostile {
                #expect(try await connection.execute("insert into letters (body) values (\(text))") == 1)
            }
            let stored = try await connection.query("select body from letters order by id").map { try $0.decode("body", as: String.self) }
            #expect(stored == Self.hostile)

            // Parameters in WHERE clauses match literally, too.
            let found = try await connection.query("select id from letters where body = \("'); DROP TABLE letters; --")")
            #expect(found.count == 1)
            let lengths = try await connection.query("select octet_length(body) as n from letters order by id")
                .map { try $0.decode("n", as: Int.self) }
            #expect(lengths == Self.hostile.map { $0.utf8.count })

            let table = try #require(try await connection.query("select to_regclass('letters')::text as t").first)
            #expect(try table.decode("t", as: String?.self) == "letters")
        }
    }
}
