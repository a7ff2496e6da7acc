import LibPQClient
import Testing
import TestSupport

@Suite struct CopyTests {
    @Test func copiesRowsIncludingMultibyteText() async throws {
        try await TestDatabase.withScratchConnection { c async throws in
            try await c.execute("create table letters (id int, body text, sent date)")
            let table = try c.escapeIdentifier("letters")
            let lines = [
                "1\tហ៊ុន សែន\t1993-09-24\n",
                "2\t🦉 owl mail ✉️\t2001-01-01\n",
                "3\tback\\\\slash and tab\\tinside\t\\N\n",
                "4\tplain\t1815-06-18\n",
            ]
            let copied = try await c.copyFrom("COPY \(unescaped: table) (id, body, sent) FROM STDIN", data: lines)
            #expect(copied == 4)
            let rows = try await c.query("select id, body, sent from letters order by id")
            #expect(try rows.map { try $0.decode("body", as: String.self) }
                    == ["ហ៊ុន សែន", "🦉 owl mail ✉️", "back\\slash and tab\tinside", "plain"])
            #expect(try rows[2].decode("sent", as: PostgresDate?.self) == nil)
            #expect(try rows[0].decode("sent", as: PostgresDate.self) == .day(year: 1993, month: 9, day: 24))
        }
    }

    @Test func chunksNeedNotAlignWithRowsOrCharacters() async throws {
        try await TestDatabase.withScratchConnection { c async throws in
            try await c.execute("create table t (id int, body text)")
            // 20 000 rows (well over one 256 KiB batch), delivered in odd-sized chunks.
            let text = (1...20_000).map { "\($0)\tរាជធានី ភ្នំពេញ \($0)\n" }.joined()
            var chunks: [String] = []
            var rest = Substring(text)
            while !rest.isEmpty {
                chunks.append(String(rest.prefix(997)))
                rest = rest.dropFirst(997)
            }
            #expect(try await c.copyFrom("copy t from stdin", data: chunks) == 20_000)
            let row = try #require(try await c.query("select count(*) as n, sum(octet_length(body)) as bytes from t").first)
            #expect(try row.decode("n", as: Int.self) == 20_000)
            let expectedBytes = (1...20_000).reduce(0) { $0 + "រាជធានី ភ្នំពេញ \($1)".utf8.count }
            #expect(try row.decode("bytes", as: Int.self) == expectedBytes)
        }
    }

    @Test func aBadRowAbortsTheWholeCopy() async throws {
        try await TestDatabase.withScratchConnection { c async throws in
            try await c.execute("create table t (id int, body text)")
            let error = await #expect(throws: PostgresError.self) {
                try await c.copyFrom("copy t (id, body) from stdin", data: ["1\tfine\n", "two\tbad id\n", "3\tfine\n"])
            }
            #expect(error?.code == .copyFailed)
            #expect(error?.sqlState == "22P02")
            #expect(try await c.scalar("select count(*) as n from t", as: Int.self) == 0)
            // The session is usable afterwards, and a later COPY works.
            #expect(try await c.copyFrom("copy t (id, body) from stdin", data: ["5\tok\n"]) == 1)
        }
    }

    @Test func nonCopyStatementsAndServerErrorsAreReported() async throws {
        try await TestDatabase.withScratchConnection { c async throws in
            let notCopy = await #expect(throws: PostgresError.self) { try await c.copyFrom("select 1", data: [String]()) }
            #expect(notCopy?.code == .copyFailed)
            let missing = await #expect(throws: PostgresError.self) { try await c.copyFrom("copy nowhere from stdin", data: ["1\n"]) }
            #expect(missing?.sqlState == "42P01")
            #expect(try await c.scalar("select 1 as one", as: Int.self) == 1)
        }
    }

    @Test func copyInsideATransactionRollsBack() async throws {
        try await TestDatabase.withScratchConnection { c async throws in
            try await c.execute("create table t (id int)")
            struct Stop: Error {}
            await #expect(throws: Stop.self) {
                try await c.withTransaction { tx in
                    try await tx.copyFrom("copy t from stdin", data: ["1\n", "2\n"])
                    throw Stop()
                }
            }
            #expect(try await c.scalar("select count(*) as n from t", as: Int.self) == 0)
        }
    }
}
