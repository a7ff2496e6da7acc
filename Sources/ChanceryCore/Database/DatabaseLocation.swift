import ChanceryModel
import EmbeddedPostgres
public import Foundation
package import LibPQClient
/// A PostgreSQL server named by the user's environment (`DATABASE_URL` or `PG*`).
public struct DatabaseServer: Sendable, Equatable {
    let configuration: PostgresConfiguration
    /// `DATABASE_POOL_MODE` as given: "transaction" when a pooler such as pgbouncer hands each
    /// transaction to whichever server session is free; "session" or empty otherwise.
    var poolMode = ""

    /// The libpq connection string, as `chancery db url` prints it.
    public var connectionString: String { configuration.conninfo }
}

/// Which PostgreSQL Chancery talks to: one the user configured, or its own embedded cluster.
public enum DatabaseLocation: Sendable, Equatable {
    /// `DATABASE_URL` or the standard `PG*` variables name a server.
    case configured(DatabaseServer)
    /// Neither `DATABASE_URL` nor `PGHOST` is set: the private cluster under `home`.
    case embedded(home: URL)

    /// Reads the environment: `DATABASE_URL`, then `PGHOST`, else the embedded cluster in
    /// `CHANCERY_HOME` or `<current directory>/.chancery`.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) -> DatabaseLocation {
        let databaseURL = environment["DATABASE_URL"] ?? ""
        let host = environment["PGHOST"] ?? ""
        if !databaseURL.isEmpty || !host.isEmpty {
            return .configured(DatabaseServer(configuration: PostgresConfiguration.fromEnvironment(environment),
                                              poolMode: environment["DATABASE_POOL_MODE"] ?? ""))
        }
        return .embedded(home: EmbeddedCluster.defaultHome(environment: environment, currentDirectory: currentDirectory))
    }

    /// Whether this is Chancery's own cluster, which it may create, start and migrate unasked.
    public var isEmbedded: Bool {
        if case .embedded = self { return true }
        return false
    }

    /// Whether a pooler in transaction mode stands between Chancery and PostgreSQL
    /// (`DATABASE_POOL_MODE=transaction`): then no session outlives a transaction, so connections
    /// neither prepare statements by name nor send session settings (see ``ChanceryDatabase``).
    public func isBehindTransactionPooler() throws -> Bool {
        guard case .configured(let server) = self else { return false }
        switch server.poolMode {
        case "", "session": return false
        case "transaction": return true
        default:
            throw ChanceryError(.invalidInput, "DATABASE_POOL_MODE '\(server.poolMode)' is not a pool mode",
                                hint: "Set DATABASE_POOL_MODE=transaction behind pgbouncer in transaction mode, or leave it unset.")
        }
    }

    /// Starts the embedded cluster when needed (off the cooperative pool: it waits on a lock and
    /// on `initdb` and `pg_ctl`) and returns how to connect.
    package func resolveConfiguration() async throws -> PostgresConfiguration {
        switch self {
        case .configured(let server):
            return server.configuration
        case .embedded(let home):
            do {
                let conninfo = try await EmbeddedCluster(home: home).ensureRunning()
                return PostgresConfiguration(conninfo: conninfo)
            } catch let error as EmbeddedPostgresError {
                throw ChanceryError(.databaseUnavailable, "the embedded PostgreSQL cluster could not start: " + error.message,
                                    hint: "Set DATABASE_URL to use another server.")
            }
        }
    }
}
