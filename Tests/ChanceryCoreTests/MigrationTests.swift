@testable import ChanceryCore
import Foundation
import LibPQClient
import TestSupport
import Testing
import ChanceryModel

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

@Suite("Upgrading the schema")
struct SchemaUpgradeTests {
    /// Columns, constraints, indexes, triggers (with their arguments), views, enum labels and
    /// functions (with their bodies) of the public schema, as comparable text.
    static func catalog(_ connection: PostgresConnection) async throws -> [String] {
        try await connection.query(
            """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS item
            FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL
            SELECT 'trigger ' || tgrelid::regclass || ' ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
            UNION ALL
            SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'
            UNION ALL
            SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder)
            FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname
            UNION ALL
            SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') '
                   || pg_get_function_result(p.oid) || ' ' || md5(p.prosrc)
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
            ORDER BY 1
            """).rows.map { try $0.decode("item", as: String.self) }
    }

    @Test("a version 1 database migrated to the current version has exactly the fresh schema")
    func upgradeMatchesFreshInstall() async throws {
        let versionOne = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/schema-v1.sql"), encoding: .utf8)
        let fresh = try await withChancery { database in
            try await database.read { try await Self.catalog($0) }
        }
        try await TestDatabase.withScratchDatabase { configuration in
            let connection = try await PostgresConnection.connect(configuration)
            try await connection.executeScript(PostgresQuery(unsafeSQL: versionOne))
            try await connection.execute("INSERT INTO schema_version (version) VALUES (1)")
            let outcome = try await SchemaMigrator().migrate(on: connection)
            #expect(outcome == .applied(version: SchemaMigrator.bundledVersion))
            #expect(try await Self.catalog(connection) == fresh)
            // An upgraded register gets its id, which its exports carry from then on.
            #expect(UUID(uuidString: try await RegisterIdentity.read(on: connection)) != nil)
            connection.close()
        }
    }
}
