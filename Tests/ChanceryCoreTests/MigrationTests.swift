@testable import ChanceryCore
import LibPQClient
import TestSupport
import Testing

@Suite("Schema migration")
struct MigrationTests {
    @Test("migrate installs the schema once and records its version")
    func migrateIsIdempotent() async throws {
        try await TestDatabase.withScratchDatabase { configuration in
            let database = ChanceryDatabase(configuration: configuration, changedBy: "test")
            #expect(try await database.migrate() == .applied(version: SchemaMigrator.bundledVersion))
            #expect(try await database.migrate() == .alreadyCurrent(version: SchemaMigrator.bundledVersion))
            let versions: Int = try await database.read { connection in
                try await connection.query("SELECT count(*) AS n FROM schema_version").rows[0].decode("n")
            }
            #expect(versions == 1)
            try await database.requireCurrentSchema()
            await database.close()
        }
    }

    @Test("two migrations at once apply the schema exactly once")
    func concurrentMigrations() async throws {
        try await TestDatabase.withScratchDatabase { configuration in
            let outcomes = try await withThrowingTaskGroup(of: SchemaMigrator.Outcome.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        let database = ChanceryDatabase(configuration: configuration, changedBy: "test", maximumConnections: 1)
                        let outcome = try await database.migrate()
                        await database.close()
                        return outcome
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .applied(version: SchemaMigrator.bundledVersion) }.count == 1)
            #expect(outcomes.filter { $0 == .alreadyCurrent(version: SchemaMigrator.bundledVersion) }.count == 2)
        }
    }

    @Test("a database without the schema is reported with a hint to migrate")
    func missingSchema() async throws {
        try await TestDatabase.withScratchDatabase { configuration in
            let database = ChanceryDatabase(configuration: configuration, changedBy: "test")
            let error = await #expect(throws: ChanceryError.self) { try await database.requireCurrentSchema() }
            #expect(error?.kind == .schemaNotInstalled)
            #expect(error?.hint?.contains("chancery db migrate") == true)
            await database.close()
        }
    }
}
