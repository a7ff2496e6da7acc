import LibPQClient

/// The store behind every service: a bounded pool of libpq connections and the name recorded
/// in the history table for the changes made through it.
public final class ChanceryDatabase: Sendable {
    /// The connections, shared by all services.
    public let pool: PostgresConnectionPool
    /// Who changes are attributed to in `history.changed_by` (a CLI user, later an API token).
    public let changedBy: String

    /// Wraps an existing configuration; does not connect until first used.
    public init(configuration: PostgresConfiguration, changedBy: String, maximumConnections: Int = 4) {
        self.pool = PostgresConnectionPool(configuration: configuration, maximumConnections: maximumConnections)
        self.changedBy = changedBy
    }

    /// Connects to `location` (starting the embedded cluster when that is where it is) and checks
    /// the schema: it is installed when missing if `migrateIfNeeded`, else its absence is an error.
    public static func open(
        _ location: DatabaseLocation,
        changedBy: String,
        migrateIfNeeded: Bool,
        maximumConnections: Int = 4
    ) async throws -> ChanceryDatabase {
        let database = ChanceryDatabase(
            configuration: try location.resolveConfiguration(), changedBy: changedBy,
            maximumConnections: maximumConnections)
        do {
            if migrateIfNeeded {
                _ = try await database.migrate()
            } else {
                try await database.requireCurrentSchema()
            }
        } catch {
            await database.close()
            throw error
        }
        return database
    }

    /// Applies schema.sql when it is not yet installed; see ``SchemaMigrator``.
    public func migrate() async throws -> SchemaMigrator.Outcome {
        try await read { connection in try await SchemaMigrator().migrate(on: connection) }
    }

    /// Throws unless the installed schema is the one this build carries.
    public func requireCurrentSchema() async throws {
        let installed = try await read { connection in try await SchemaMigrator().installedVersion(on: connection) }
        let bundled = SchemaMigrator.bundledVersion
        guard let installed else {
            throw ChanceryError(.schemaNotInstalled, "the database has no Chancery schema yet", hint: "Run `chancery db migrate`.")
        }
        if installed < bundled {
            throw ChanceryError(.schemaNotInstalled, "the database has schema version \(installed); this chancery needs \(bundled)",
                                hint: "Run `chancery db migrate`.")
        }
        if installed > bundled {
            throw ChanceryError(.schemaNotInstalled, "the database has schema version \(installed), newer than this chancery's \(bundled)",
                                hint: "Upgrade chancery.")
        }
    }

    /// Runs `body` on a leased connection, outside any transaction.
    func read<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await ChanceryError.translatingDatabaseErrors {
            try await pool.withConnection { connection in try await body(connection) }
        }
    }

    /// Runs `body` in one transaction attributed to `changedBy`: every row of a use case is
    /// committed, or none is.
    func write<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await ChanceryError.translatingDatabaseErrors {
            try await pool.withConnection { connection in
                try await connection.withTransaction { transaction in
                    try await transaction.execute(
                        "SELECT set_config('chancery.changed_by', $1, true)", [changedBy])
                    return try await body(transaction)
                }
            }
        }
    }

    /// Closes the pool's connections.
    public func close() async {
        await pool.close()
    }
}
