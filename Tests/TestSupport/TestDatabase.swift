import Foundation
import LibPQClient

/// Scratch databases on the test server, so tests never touch each other's data or a real database.
public enum TestDatabase {
    /// The test server: PostgresConfiguration.fromEnvironment() (DATABASE_URL or PG* set by scripts/test-postgres.sh).
    public static var serverConfiguration: PostgresConfiguration {
        PostgresConfiguration.fromEnvironment()
    }

    /// The test server's hot standby (`CHANCERY_TEST_STANDBY`, which scripts/run-tests.sh sets)
    /// pointed at the database `primary` names; nil when the tests run without one.
    public static func standby(of primary: PostgresConfiguration) throws -> PostgresConfiguration? {
        guard let standby = ProcessInfo.processInfo.environment["CHANCERY_TEST_STANDBY"], !standby.isEmpty,
              let name = try primary.parsedOptions().first(where: { $0.keyword == "dbname" })?.value else { return nil }
        return try PostgresConfiguration(conninfo: standby).withDatabase(name)
    }

    /// The standby's configuration for `primary`'s database, once the standby has replayed its
    /// creation (connecting until it can, for up to a minute: a loaded test machine replays late).
    public static func replayedStandby(of primary: PostgresConfiguration) async throws -> PostgresConfiguration? {
        guard let standby = try standby(of: primary) else { return nil }
        for attempt in 1... {
            do {
                try await PostgresConnection.connect(standby).close()
                return standby
            } catch where attempt < 600 {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        return nil
    }

    /// Waits (up to a minute) until `standby` has replayed everything `primary` has written so
    /// far: a test's setup (a schema, the founding example) is then there to read.
    public static func waitForReplay(of primary: PostgresConfiguration, on standby: PostgresConfiguration) async throws {
        let source = try await PostgresConnection.connect(primary)
        defer { source.close() }
        let position: String = try await source.query("SELECT pg_current_wal_lsn()::text AS position").rows[0].decode("position")
        let follower = try await PostgresConnection.connect(standby)
        defer { follower.close() }
        for _ in 0..<600 {
            let replayed: Bool? = try await follower.query(
                "SELECT pg_last_wal_replay_lsn() >= \(position)::pg_lsn AS replayed").rows[0].decode("replayed")
            if replayed == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw PostgresError(code: .server, message: "the standby did not replay \(position) within a minute")
    }

    /// Creates a uniquely named scratch database ("chancery_test_<random hex>"), runs `body` with a
    /// configuration pointing at it, then drops it (WITH (FORCE), so connections the body left open
    /// do not block the drop) even when body throws.
    public static func withScratchDatabase<T>(collation: ScratchCollation = .serverDefault,
                                              _ body: (PostgresConfiguration) async throws -> T) async throws -> T {
        try await ScratchDatabaseLimit.shared.withSlot { try await withUnlimitedScratchDatabase(collation: collation, body) }
    }

    /// How a scratch database sorts text.
    public enum ScratchCollation: Sendable {
        /// As the server's template does.
        case serverDefault
        /// Czech, through ICU: "CH" is a letter of its own, after "H", so codes such as CH, CN
        /// and HU sort otherwise than as bytes.
        case czech

        /// A fixed clause of `CREATE DATABASE`.
        var clause: String {
            switch self {
            case .serverDefault: ""
            case .czech: " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'cs-CZ' LOCALE 'C.UTF-8'"
            }
        }
    }

    private static func withUnlimitedScratchDatabase<T>(collation: ScratchCollation,
                                                        _ body: (PostgresConfiguration) async throws -> T) async throws -> T {
        let name = "chancery_test_" + randomHex(byteCount: 8)
        let admin = try await PostgresConnection.connect(serverConfiguration)
        defer { admin.close() }
        let quotedName = try admin.escapeIdentifier(name)
        // A name cannot be a parameter: it is generated above and escaped by PQescapeIdentifier;
        // the collation's clause is one of the fixed ones above.
        try await admin.execute("CREATE DATABASE \(unescaped: quotedName)\(unescaped: collation.clause)")

        let value: T
        do {
            value = try await body(try serverConfiguration.withDatabase(name))
        } catch {
            try? await drop(quotedName, on: admin)
            throw error
        }
        try await drop(quotedName, on: admin)
        return value
    }

    /// FORCE waits only five seconds for the sessions it ends to exit; on a loaded two-core test
    /// machine a backend can take longer, so a drop refused as "in use" (55006) is tried again.
    private static func drop(_ quotedName: String, on admin: PostgresConnection) async throws {
        for attempt in 1... {
            do {
                try await admin.execute("DROP DATABASE IF EXISTS \(unescaped: quotedName) WITH (FORCE)")
                return
            } catch let error as PostgresError where error.sqlState == "55006" && attempt < 5 {
                try await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// A scratch database plus one open connection to it, closed before the database is dropped.
    public static func withScratchConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await withScratchDatabase { configuration in
            let connection = try await PostgresConnection.connect(configuration)
            defer { connection.close() }
            return try await body(connection)
        }
    }

    private static func randomHex(byteCount: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<byteCount)
            .map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }
            .joined()
    }
}
