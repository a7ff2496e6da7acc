import LibPQClient
import Testing
import TestSupport

private struct Abort: Error, Equatable {}

@Suite struct TransactionTests {
    private func withTable(_ body: (PostgresConnection) async throws -> Void) async throws {
        try await TestDatabase.withScratchConnection { connection async throws in
            try await connection.execute("create table notes (body text primary key)")
            try await body(connection)
        }
    }

    private func bodies(_ c: PostgresConnection) async throws -> [String] {
        try await c.query("select body from notes order by body").map { try $0.decode("body", as: String.self) }
    }

    @Test func commitsAndReturnsTheBodyValue() async throws {
        try await withTable { c async throws in
            let value = try await c.withTransaction { tx in
                try await tx.execute("insert into notes values (\("kept"))")
            }
            #expect(value == 1)
            #expect(try await bodies(c) == ["kept"])
            #expect(c.transactionDepth == 0)
            #expect(!c.isInTransaction)
        }
    }

    @Test func rollsBackAndRethrowsTheBodyError() async throws {
        try await withTable { c async throws in
            await #expect(throws: Abort.self) {
                try await c.withTransaction { tx in
                    try await tx.execute("insert into notes values (\("lost"))")
                    throw Abort()
                }
            }
            #expect(try await bodies(c) == [])
            #expect(!c.isInTransaction)
        }
    }

    @Test func rollsBackWhenAServerErrorAbortedTheTransaction() async throws {
        try await withTable { c async throws in
            let error = await #expect(throws: PostgresError.self) {
                try await c.withTransaction { tx in
                    try await tx.execute("insert into notes values (\("dup"))")
                    try await tx.execute("insert into notes values (\("dup"))")
                }
            }
            #expect(error?.isUniqueViolation == true)
            #expect(error?.code == .server)
            #expect(try await bodies(c) == [])
        }
    }

    @Test func aSwallowedServerErrorIsNotCommitted() async throws {
        try await withTable { c async throws in
            let error = await #expect(throws: PostgresError.self) {
                try await c.withTransaction { tx in
                    try await tx.execute("insert into notes values (\("first"))")
                    _ = try? await tx.execute("select 1/0")
                }
            }
            #expect(error?.code == .transactionFailed)
            #expect(try await bodies(c) == [])
            #expect(!c.isInTransaction)
        }
    }

    @Test func nestedSavepointRollbackKeepsOuterWork() async throws {
        try await withTable { c async throws in
            try await c.withTransaction { tx in
                try await tx.execute("insert into notes values (\("outer"))")
                await #expect(throws: PostgresError.self) {
                    try await tx.withTransaction { inner in
                        #expect(inner.transactionDepth == 2)
                        try await inner.execute("insert into notes values (\("inner"))")
                        try await inner.execute("insert into notes values (\("outer"))") // unique violation
                    }
                }
                #expect(tx.transactionDepth == 1)
                try await tx.withTransaction { inner in
                    try await inner.execute("insert into notes values (\("second inner"))")
                }
                try await tx.execute("insert into notes values (\("after"))")
            }
            #expect(try await bodies(c) == ["after", "outer", "second inner"])
            #expect(c.transactionDepth == 0)
        }
    }

    @Test func commitFailureIsReportedAsTransactionFailed() async throws {
        try await TestDatabase.withScratchConnection { c async throws in
            try await c.execute("create table d (id int constraint d_id_key unique deferrable initially deferred)")
            let error = await #expect(throws: PostgresError.self) {
                try await c.withTransaction { tx in
                    try await tx.execute("insert into d values (\(1)), (\(1))")
                }
            }
            #expect(error?.code == .transactionFailed)
            #expect(error?.isUniqueViolation == true)
            #expect(error?.constraint == "d_id_key")
            #expect(error?.message.hasPrefix("COMMIT failed") == true)
            #expect(try await c.scalar("select count(*) as n from d", as: Int.self) == 0)
        }
    }

    @Test func bodyEndingTheTransactionItselfIsReported() async throws {
        try await withTable { c async throws in
            let error = await #expect(throws: PostgresError.self) {
                try await c.withTransaction { tx in
                    try await tx.execute("insert into notes values (\("x"))")
                    try await tx.execute("commit")
                }
            }
            #expect(error?.code == .transactionFailed)
        }
    }

    @Test func beginOnAClosedConnectionFails() async throws {
        try await withTable { c async throws in
            c.close()
            let error = await #expect(throws: PostgresError.self) {
                try await c.withTransaction { _ in }
            }
            #expect(error?.code == .connectionClosed)
            #expect(c.transactionDepth == 0)
        }
    }
}
