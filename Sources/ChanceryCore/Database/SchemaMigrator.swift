import Foundation
public import LibPQClient
import ChanceryModel

/// Installs the schema.sql this build carries, once.
///
/// The file is applied whole in one transaction under an advisory lock, so two `migrate` runs at
/// once cannot both apply it, and a failure leaves the database as it was.
public struct SchemaMigrator: Sendable {
    /// What a migration did.
    public enum Outcome: Sendable, Equatable {
        /// The schema was installed at this version.
        case applied(version: Int)
        /// The database already had this version; nothing changed.
        case alreadyCurrent(version: Int)
    }

    /// Creates a migrator for the embedded schema.sql.
    public init() {}

    /// The version declared in schema.sql's `-- chancery-schema-version: N` line.
    public static let bundledVersion: Int = {
        for line in schemaSQL.split(separator: "\n") where line.hasPrefix("-- chancery-schema-version:") {
            if let version = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) {
                return version
            }
        }
        preconditionFailure("schema.sql declares no chancery-schema-version")
    }()

    /// schema.sql as it was when this binary was built.
    public static var schemaSQL: String { EmbeddedResources.schemaSQL }

    /// The scripts that bring a database from version N-1 to N (migrations/upgrade-N.sql).
    static let upgrades: [Int: String] = [2: EmbeddedResources.upgrade2SQL, 3: EmbeddedResources.upgrade3SQL, 4: EmbeddedResources.upgrade4SQL,
                                        5: EmbeddedResources.upgrade5SQL, 6: EmbeddedResources.upgrade6SQL,
                                        7: EmbeddedResources.upgrade7SQL, 8: EmbeddedResources.upgrade8SQL,
                                        9: EmbeddedResources.upgrade9SQL, 10: EmbeddedResources.upgrade10SQL,
                                        11: EmbeddedResources.upgrade11SQL, 12: EmbeddedResources.upgrade12SQL,
                                        13: EmbeddedResources.upgrade13SQL, 14: EmbeddedResources.upgrade14SQL,
                                        15: EmbeddedResources.upgrade15SQL, 16: EmbeddedResources.upgrade16SQL,
                                        17: EmbeddedResources.upgrade17SQL, 18: EmbeddedResources.upgrade18SQL,
                                        19: EmbeddedResources.upgrade19SQL, 20: EmbeddedResources.upgrade20SQL,
                                        21: EmbeddedResources.upgrade21SQL, 22: EmbeddedResources.upgrade22SQL,
                                        23: EmbeddedResources.upgrade23SQL, 24: EmbeddedResources.upgrade24SQL,
                                        25: EmbeddedResources.upgrade25SQL]

    /// An arbitrary constant naming Chancery's migration lock among the server's advisory locks.
    private static let advisoryLockKey: Int64 = 0x4348_414E_4345_5259 // "CHANCERY"

    /// The installed version, or nil when the schema is absent.
    public func installedVersion(on connection: PostgresConnection) async throws -> Int? {
        let exists = try await connection.query("SELECT to_regclass('schema_version') IS NOT NULL AS present")
        guard try exists.rows.first?.decode("present", as: Bool.self) == true else { return nil }
        let result = try await connection.query("SELECT max(version) AS version FROM schema_version")
        return try result.rows.first?.decode("version", as: Int?.self)
    }

    /// Installs the schema unless this version is already there.
    public func migrate(on connection: PostgresConnection) async throws -> Outcome {
        let version = Self.bundledVersion
        return try await connection.withTransaction { transaction in
            try await transaction.execute("SELECT pg_advisory_xact_lock(\(Self.advisoryLockKey))")
            if let installed = try await installedVersion(on: transaction) {
                guard installed <= version else {
                    throw ChanceryError(.schemaNotInstalled,
                                        "the database has schema version \(installed), newer than this chancery's \(version)",
                                        hint: "Upgrade chancery.")
                }
                if installed == version { return .alreadyCurrent(version: version) }
                for step in (installed + 1)...version {
                    guard let script = Self.upgrades[step] else {
                        throw ChanceryError(.schemaNotInstalled,
                                            "the database has schema version \(installed) and no upgrade path to \(version) exists")
                    }
                    // The upgrade scripts are constants carried in the binary (migrations/).
                    try await transaction.executeScript(PostgresQuery(unsafeSQL: script))
                    try await transaction.execute("INSERT INTO schema_version (version) VALUES (\(step))")
                }
                return .applied(version: version)
            }
            // schema.sql, embedded in the binary at build time.
            try await transaction.executeScript(PostgresQuery(unsafeSQL: Self.schemaSQL))
            try await transaction.execute("INSERT INTO schema_version (version) VALUES (\(version))")
            return .applied(version: version)
        }
    }
}
