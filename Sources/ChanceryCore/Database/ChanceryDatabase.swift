package import ChanceryModel
package import LibPQClient

/// The store behind every service: a bounded pool of libpq connections and the name recorded
/// in the history table for the changes made through it.
public final class ChanceryDatabase: Sendable {
    /// The connections, shared by all services.
    package let pool: PostgresConnectionPool
    /// Who changes are attributed to in `history.changed_by` (a CLI user, later an API token).
    public let changedBy: String
    /// Hot standbys that serve the reads a standby may serve, when any are configured.
    package let standbys: StandbyReads?
    /// Networks over the whole register, served again while they are current.
    let keptNetworks: KeptNetworks

    /// Wraps an existing configuration; does not connect until first used.
    package init(configuration: PostgresConfiguration, changedBy: String, maximumConnections: Int = 4,
                 standbys: [PostgresConfiguration] = [], standbySettings: StandbyReads.Settings = .init()) {
        self.pool = PostgresConnectionPool(configuration: configuration, maximumConnections: maximumConnections)
        self.changedBy = changedBy
        self.standbys = standbys.isEmpty ? nil : StandbyReads(
            pools: standbys.map { PostgresConnectionPool(configuration: $0, maximumConnections: maximumConnections) }, settings: standbySettings)
        self.keptNetworks = KeptNetworks()
    }

    private init(pool: PostgresConnectionPool, changedBy: String, standbys: StandbyReads?, keptNetworks: KeptNetworks) {
        self.pool = pool
        self.changedBy = changedBy
        self.standbys = standbys
        self.keptNetworks = keptNetworks
    }

    /// The same store and pools, with changes attributed to `name` (an API token's name): one
    /// server serves many users over one pool.
    public func attributed(to name: String) -> ChanceryDatabase {
        ChanceryDatabase(pool: pool, changedBy: name, standbys: standbys, keptNetworks: keptNetworks)
    }

    /// Settings of every session. A client killed in the middle of a long statement (an import's
    /// merge, say) leaves its server session running that statement to its end, holding the
    /// import lock, unless the server looks for the vanished client while it works: the kill -9
    /// drill saw such a session outlive its client by 26 s. JIT compilation never pays for
    /// statements that read a page through indexes, and a cost overestimated (a letter's history:
    /// 12,621 rows expected, 5 found) had PostgreSQL compile for 0.7–1.4 s per request at a
    /// million letters. A search ranks the first matches in table order (`SearchSQL.letters`):
    /// a sequential scan synchronized with another one starts where that one is, and two pages
    /// of one search would rank different matches.
    static let sessionSettings: [(name: String, value: String)] = [(name: "client_connection_check_interval", value: "1000"),
                                                                   (name: "jit", value: "off"),
                                                                   (name: "synchronize_seqscans", value: "off")]

    /// How sessions are opened: with `settings`, and statements prepared once per session; behind
    /// a pooler in transaction mode with neither, since the pooler refuses libpq's session options
    /// and hands the next transaction to another session (set what the settings do on the pooler
    /// or the database instead: docs/scaling.md).
    private static func sessions(_ configuration: PostgresConfiguration, _ settings: [(name: String, value: String)],
                                 pooled: Bool) throws -> PostgresConfiguration {
        guard pooled else { return try configuration.withSessionSettings(settings) }
        var unprepared = try configuration.withSessionSettings([])
        unprepared.preparesStatements = false
        return unprepared
    }

    /// A store over the server at `location` (starting the embedded cluster when that is where it
    /// is), without checking its schema or connecting yet: a service can start while the database
    /// is down and answer 503 until it returns. Each connection runs with `statementTimeout`
    /// (milliseconds) when given. Reads a standby may serve go to `readReplicas` (see
    /// ``ReadReplicas``), each with a pool of `maximumConnections` of its own.
    public static func connecting(
        to location: DatabaseLocation, changedBy: String, maximumConnections: Int, statementTimeout: Int? = nil,
        readReplicas: ReadReplicas = ReadReplicas()
    ) async throws -> ChanceryDatabase {
        var settings = sessionSettings
        if let statementTimeout { settings.append((name: "statement_timeout", value: String(statementTimeout))) }
        let pooled = try location.isBehindTransactionPooler()
        let configuration = try Self.sessions(try await location.resolveConfiguration(), settings, pooled: pooled)
        let standbys = try readReplicas.servers.map { try Self.sessions($0.configuration, settings, pooled: pooled) }
        return ChanceryDatabase(configuration: configuration, changedBy: changedBy, maximumConnections: maximumConnections,
                                standbys: standbys, standbySettings: readReplicas.settings)
    }

    /// Connects to `location` (starting the embedded cluster when that is where it is) and checks
    /// the schema: it is installed when missing if `migrateIfNeeded`, else its absence is an error.
    public static func open(
        _ location: DatabaseLocation,
        changedBy: String,
        migrateIfNeeded: Bool,
        maximumConnections: Int = 4,
        readReplicas: ReadReplicas = ReadReplicas()
    ) async throws -> ChanceryDatabase {
        let pooled = try location.isBehindTransactionPooler()
        let database = ChanceryDatabase(
            configuration: try Self.sessions(try await location.resolveConfiguration(), sessionSettings, pooled: pooled), changedBy: changedBy,
            maximumConnections: maximumConnections,
            standbys: try readReplicas.servers.map { try Self.sessions($0.configuration, sessionSettings, pooled: pooled) },
            standbySettings: readReplicas.settings)
        try await database.prepare(migrateIfNeeded: migrateIfNeeded)
        return database
    }

    /// Installs the schema when `migrateIfNeeded` (and it is missing), else requires the current
    /// one; closes the pool when that fails.
    public func prepare(migrateIfNeeded: Bool) async throws {
        let database = self
        do {
            if migrateIfNeeded {
                try await database.migrateWithReference()
            } else {
                try await database.requireCurrentSchema()
            }
        } catch {
            await database.close()
            throw error
        }
    }

    /// Installs or upgrades the schema; a register so created or upgraded that has no reference
    /// data yet gets it (see ``ReferenceService``). The embedded default's way in.
    public func migrateWithReference() async throws {
        if case .applied = try await migrate() {
            let reference = ReferenceService(database: self)
            if try await !reference.isInstalled() { _ = try await reference.apply() }
        }
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

    /// Runs `body`, which only reads, on a hot standby when one is configured and has replayed
    /// the task's ``ReadYourWrites/required`` position (within the configured lag), else on the
    /// primary like ``read(_:)``.
    func replicaRead<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        guard let standbys else { return try await read(body) }
        return try await ChanceryError.translatingDatabaseErrors {
            if case .served(let value) = try await standbys.serve(primary: pool, body) { return value }
            standbys.notePrimaryRead()
            return try await pool.withConnection { connection in try await body(connection) }
        }
    }

    /// Runs `body` on a leased connection to the primary, outside any transaction.
    func read<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await ChanceryError.translatingDatabaseErrors {
            try await pool.withConnection { connection in try await body(connection) }
        }
    }

    /// Runs `body` in one transaction attributed to `changedBy`: every row of a use case is
    /// committed, or none is.
    package func write<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await ChanceryError.translatingDatabaseErrors {
            try await pool.withConnection { connection in
                let value = try await connection.withTransaction { transaction in
                    try await transaction.execute(
                        "SELECT set_config('chancery.changed_by', \(changedBy), true)")
                    return try await body(transaction)
                }
                if let receipt = ReadYourWrites.receipt { receipt.record(CommitPosition(try await Self.commitPosition(on: connection))) }
                return value
            }
        }
    }

    /// Runs `body` in one transaction, like ``write(_:)``, at most once per idempotency key: the
    /// key is claimed in the same transaction, and its result stored with it, so a retried
    /// request gets the first one's result (`replayed`) and creates nothing. A concurrent retry
    /// waits for the first to commit or roll back. The same key with another request's
    /// fingerprint is refused.
    package func write<T: Codable & Sendable>(
        once key: IdempotencyKey?, _ body: (PostgresConnection) async throws -> T
    ) async throws -> WriteOutcome<T> {
        guard let key else { return WriteOutcome(value: try await write(body), replayed: false) }
        return try await write { connection in
            if let stored = try await IdempotencyLedger(connection: connection).claim(key) {
                return WriteOutcome(value: try IdempotencyLedger.decode(T.self, from: stored), replayed: true)
            }
            let value = try await body(connection)
            try await IdempotencyLedger(connection: connection).record(value, for: key)
            return WriteOutcome(value: value, replayed: false)
        }
    }

    /// Where the log stands after a commit on `connection`: at or past that commit's record, so a
    /// standby that replayed this far sees the commit.
    private static func commitPosition(on connection: PostgresConnection) async throws -> PostgresLSN {
        let text: String = try await connection.query("SELECT pg_current_wal_lsn()::text AS position").rows[0].decode("position")
        guard let position = PostgresLSN(text) else {
            throw PostgresError(code: .decoding, message: "pg_current_wal_lsn() returned '\(text)', not a log position")
        }
        return position
    }

    /// Reads served by the primary and by each standby, and each standby's replay lag (nil: not
    /// usable at its last check); nil without standbys.
    public var readTargets: (primaryReads: Int, standbys: [(name: String, reads: Int, lagSeconds: Double?)])? {
        standbys?.report
    }

    /// Closes the pools' connections.
    public func close() async {
        await pool.close()
        await standbys?.close()
    }
}
