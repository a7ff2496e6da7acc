import EmbeddedPostgres
import Foundation
import LibPQClient
import ChanceryModel

/// The `db` use cases: start, stop and inspect the embedded cluster; migrate any database.
public struct DatabaseAdministration: Sendable {
    /// Where the database is.
    public let location: DatabaseLocation

    /// Administers the database at `location`.
    public init(location: DatabaseLocation) { self.location = location }

    /// Starts the embedded cluster (creating it on first use); returns a line describing it.
    public func start() async throws -> String {
        let cluster = try embeddedCluster(for: "start")
        _ = try await location.resolveConfiguration()
        return try describe(try await cluster.status())
    }

    /// Stops the embedded cluster; false when it was not running.
    public func stop() async throws -> Bool {
        do {
            return try await embeddedCluster(for: "stop").stop()
        } catch let error as EmbeddedPostgresError {
            throw ChanceryError(.databaseUnavailable, "the embedded cluster could not stop: " + error.message)
        }
    }

    /// A description of the database: the embedded cluster's state, or the configured server's
    /// reachability, version and schema version.
    public func status() async throws -> String {
        switch location {
        case .embedded:
            let cluster = try embeddedCluster(for: "status")
            let status = try await cluster.status()
            var text = try describe(status)
            if case .running = status {
                text += "\n" + (try await schemaStatus(PostgresConfiguration(conninfo: cluster.conninfo)))
            }
            return text
        case .configured(let server):
            let configuration = server.configuration
            return "configured server (" + Self.redacted(configuration.conninfo) + ")\n" + (try await schemaStatus(configuration))
        }
    }

    /// How to connect, as a postgresql:// URL (embedded) or the configured string, password hidden.
    public func url() throws -> String {
        switch location {
        case .embedded:
            do { return try embeddedCluster(for: "url").url } catch let error as EmbeddedPostgresError {
                throw ChanceryError(.databaseUnavailable, error.message)
            }
        case .configured(let server):
            let configuration = server.configuration
            return configuration.conninfo.isEmpty ? "(from the PG* environment variables)" : Self.redacted(configuration.conninfo)
        }
    }

    /// Installs the schema when needed.
    public func migrate() async throws -> SchemaMigrator.Outcome {
        try await migrate(reference: false).schema
    }

    /// What `migrate(reference:)` did.
    public struct MigrationReport: Sendable {
        public var schema: SchemaMigrator.Outcome
        /// The reference data's report; nil when it was not loaded.
        public var reference: ReferenceReport?
        /// The id given to a register that had lost its own; nil when it had one.
        public var newRegisterID: String?
    }

    /// Installs or upgrades the schema, gives a register that lost its id a new one, and, when
    /// `reference` is true and the register has none yet, loads the reference data (states,
    /// organizations, demonyms; see ``ReferenceService``).
    public func migrate(reference: Bool) async throws -> MigrationReport {
        let database = ChanceryDatabase(configuration: try await location.resolveConfiguration(), changedBy: "migrate", maximumConnections: 1)
        let result: Result<MigrationReport, any Error>
        do {
            let schema = try await database.migrate()
            let newRegisterID = try await database.write { try await RegisterIdentity.giveIfLost(on: $0) }
            let service = ReferenceService(database: database)
            var report: ReferenceReport?
            if reference, try await !service.isInstalled() { report = try await service.apply() }
            result = .success(MigrationReport(schema: schema, reference: report, newRegisterID: newRegisterID))
        } catch {
            result = .failure(error)
        }
        await database.close()
        return try result.get()
    }

    private func embeddedCluster(for action: String) throws -> EmbeddedCluster {
        guard case .embedded(let home) = location else {
            throw ChanceryError(.invalidInput, "`chancery db \(action)` manages only the embedded cluster, but DATABASE_URL or PGHOST names another server",
                                hint: "Unset DATABASE_URL and PGHOST to use the embedded cluster, or manage that server yourself.")
        }
        return EmbeddedCluster(home: home)
    }

    private func describe(_ status: EmbeddedClusterStatus) throws -> String {
        switch status {
        case .absent:
            return "embedded cluster: not created yet (any command creates it; or run `chancery db start`)"
        case .stopped(let dataDirectory):
            return "embedded cluster: stopped (data in " + dataDirectory + ")"
        case .running(let pid, let dataDirectory, let socketDirectory):
            return "embedded cluster: running, pid \(pid), socket in " + socketDirectory + ", data in " + dataDirectory
        case .unreachable(let pid, let dataDirectory, let socketPath):
            return "embedded cluster: running, pid \(pid), but its socket " + socketPath + " is gone, so nothing can connect"
                + " (data in " + dataDirectory + "); `chancery db start`, or any command that needs the database, restarts it"
        }
    }

    private func schemaStatus(_ configuration: PostgresConfiguration) async throws -> String {
        let database = ChanceryDatabase(configuration: configuration, changedBy: "status", maximumConnections: 1)
        let result: Result<(String, Int?, String?), any Error>
        do {
            result = .success(try await database.read { connection in
                let version: String = try await connection.query("SELECT current_setting('server_version') AS v").rows[0].decode("v")
                let installed = try await SchemaMigrator().installedVersion(on: connection)
                // Registers have had an id since schema version 21.
                let register = (installed ?? 0) >= 21 ? try await RegisterIdentity.read(on: connection) : nil
                return (version, installed, register)
            })
        } catch {
            result = .failure(error)
        }
        await database.close()
        let (server, installed, register) = try result.get()
        return "PostgreSQL " + server + "; schema " + (installed.map { "version \($0)" } ?? "not installed (run `chancery db migrate`)")
            + "; this chancery carries version \(SchemaMigrator.bundledVersion)"
            + (register.map { "\nregister \($0) (its exports carry this id, by which it knows its own files)" } ?? "")
    }

    /// The conninfo or URL without its password.
    static func redacted(_ conninfo: String) -> String {
        var text = conninfo
        if let range = text.range(of: #"password\s*=\s*(?:'(?:[^'\\]|\\.)*'|[^\s&]+)"#, options: .regularExpression) {
            text.replaceSubrange(range, with: "password=***")
        }
        if let range = text.range(of: #"(?<=://)([^:/@]+):[^@]*@"#, options: .regularExpression) {
            let user = text[range].split(separator: ":")[0]
            text.replaceSubrange(range, with: user + ":***@")
        }
        return text
    }
}
