@testable import ChanceryCore
import Foundation
import LibPQClient
import Testing
import ChanceryModel

/// Behind a pooler in transaction mode (DATABASE_POOL_MODE=transaction) connections keep nothing
/// between transactions: no statements prepared by name, no session options at connect (pgbouncer
/// refuses them). The API suite runs through a real pgbouncer in scripts/run-schemathesis.sh.
@Suite("Pool mode")
struct PoolModeTests {
    private func location(_ mode: String?) -> DatabaseLocation {
        var environment = ["DATABASE_URL": "postgresql://127.0.0.1:6432/chancery"]
        environment["DATABASE_POOL_MODE"] = mode
        return DatabaseLocation.fromEnvironment(environment)
    }

    @Test("transaction mode is read from DATABASE_POOL_MODE; anything else but session is refused with the fix")
    func modes() throws {
        #expect(try location("transaction").isBehindTransactionPooler())
        #expect(try !location("session").isBehindTransactionPooler())
        #expect(try !location(nil).isBehindTransactionPooler())
        #expect(try !DatabaseLocation.embedded(home: URL(fileURLWithPath: "/tmp/x")).isBehindTransactionPooler())
        let error = #expect(throws: ChanceryError.self) { try location("statement").isBehindTransactionPooler() }
        #expect(error?.message == "DATABASE_POOL_MODE 'statement' is not a pool mode")
        #expect(error?.hint?.contains("DATABASE_POOL_MODE=transaction") == true)
    }

    @Test("pooled connections neither prepare statements nor send session options; direct ones do both")
    func sessions() async throws {
        let pooled = try await ChanceryDatabase.connecting(to: location("transaction"), changedBy: "test", maximumConnections: 1,
                                                           statementTimeout: 5000)
        #expect(!pooled.pool.configuration.preparesStatements)
        #expect(try !pooled.pool.configuration.parsedOptions().contains { $0.keyword == "options" })
        await pooled.close()
        let direct = try await ChanceryDatabase.connecting(to: location(nil), changedBy: "test", maximumConnections: 1, statementTimeout: 5000)
        #expect(direct.pool.configuration.preparesStatements)
        let options = try #require(try direct.pool.configuration.parsedOptions().first { $0.keyword == "options" }?.value)
        #expect(options.contains("-c jit=off") && options.contains("-c statement_timeout=5000"))
        await direct.close()
    }
}
