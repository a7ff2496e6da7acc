import LibPQClient
import Testing
import TestSupport

@Suite struct ErrorTests {
    private static let schema = """
        create table correspondents (id int primary key);
        create table letters (
            id int primary key,
            reference text constraint letters_reference_key unique,
            pages int constraint letters_pages_positive check (pages > 0),
            title text not null,
            sender int constraint letters_sender_fkey references correspondents (id)
        );
        insert into correspondents values (1);
        """

    private func withSchema(_ body: (PostgresConnection) async throws -> Void) async throws {
        try await TestDatabase.withScratchConnection { connection async throws in
            try await connection.executeScript(PostgresQuery(unsafeSQL: Self.schema))
            try await body(connection)
        }
    }

    private func insert(_ id: Int, _ reference: String, _ pages: Int, _ title: String?, _ sender: Int) -> PostgresQuery {
        "insert into letters (id, reference, pages, title, sender) values (\(id), \(reference), \(pages), \(title), \(sender))"
    }

    @Test func uniqueViolationCarriesConstraintAndDetail() async throws {
        try await withSchema { c async throws in
            try await c.execute(insert(1, "REF-1", 2, "first", 1))
            let error = await #expect(throws: PostgresError.self) { try await c.execute(insert(2, "REF-1", 2, "second", 1)) }
            let e = try #require(error)
            #expect(e.code == .server)
            #expect(e.sqlState == "23505")
            #expect(e.isUniqueViolation && !e.isCheckViolation && !e.isConnectionError)
            #expect(e.constraint == "letters_reference_key")
            #expect(e.table == "letters")
            #expect(e.schema == "public")
            #expect(e.severity == "ERROR")
            #expect(e.detail?.contains("already exists") == true)
            #expect(e.description.contains("23505"))
            #expect(e.description.contains("DETAIL:"))
        }
    }

    @Test func checkNotNullAndForeignKeyViolations() async throws {
        try await withSchema { c async throws in
            let check = await #expect(throws: PostgresError.self) { try await c.execute(insert(1, "a", -5, "t", 1)) }
            #expect(check?.isCheckViolation == true)
            #expect(check?.constraint == "letters_pages_positive")

            let notNull = await #expect(throws: PostgresError.self) { try await c.execute(insert(2, "b", 1, String?.none, 1)) }
            #expect(notNull?.isNotNullViolation == true)
            #expect(notNull?.column == "title")

            let foreignKey = await #expect(throws: PostgresError.self) { try await c.execute(insert(3, "c", 1, "t", 99)) }
            #expect(foreignKey?.isForeignKeyViolation == true)
            #expect(foreignKey?.constraint == "letters_sender_fkey")
        }
    }

    @Test func syntaxErrorAndParametersStayOutOfTheDescription() async throws {
        try await withSchema { c async throws in
            let secret = "top-secret-parameter-value"
            let error = await #expect(throws: PostgresError.self) { try await c.query("selec \(secret)") }
            #expect(error?.sqlState == "42601")
            #expect(error?.code == .server)
            #expect(error?.description.contains(secret) == false)
            // The session is still usable after an error outside a transaction.
            #expect(try await c.scalar("select 1 as one", as: Int.self) == 1)
        }
    }

    @Test func echoedParameterValuesAreRedacted() async throws {
        try await withSchema { c async throws in
            try await c.execute(insert(1, "SECRET-REF-1", 2, "first", 1))
            let unique = await #expect(throws: PostgresError.self) { try await c.execute(insert(2, "SECRET-REF-1", 2, "x", 1)) }
            #expect(unique?.isUniqueViolation == true)
            #expect(unique?.detail == "Key (reference)=(<parameter $2>) already exists.")
            #expect(unique?.description.contains("SECRET") == false)

            let check = await #expect(throws: PostgresError.self) { try await c.execute(insert(3, "r", -1, "Confidential title", 1)) }
            #expect(check?.detail == "Failing row contains (values redacted).")
            #expect(check?.description.contains("Confidential") == false)

            let syntax = await #expect(throws: PostgresError.self) { try await c.query("select \("not-a-number" as String)::int") }
            #expect(syntax?.sqlState == "22P02")
            #expect(syntax?.message == #"invalid input syntax for type integer: "<parameter $1>""#)
        }
    }

    @Test func copyStatementsAreRejectedOutsideCopyFrom() async throws {
        try await withSchema { c async throws in
            let error = await #expect(throws: PostgresError.self) { try await c.execute("copy correspondents from stdin") }
            #expect(error?.code == .protocolViolation)
            #expect(try await c.scalar("select count(*) as n from correspondents", as: Int.self) == 1)
        }
    }

    @Test func codesAreDistinctAndDescribed() {
        #expect(PostgresError.Code.server != .decoding)
        #expect(PostgresError.Code.transactionFailed.description == "transactionFailed")
        let error = PostgresError(code: .decoding, message: "bad", hint: "try again")
        #expect(error.description == "ERROR: bad (decoding)\nHINT: try again")
    }
}
