import ChanceryModel
import Foundation
import LibPQClient

/// What `chancery db restore` did.
public struct RestoreReport: Sendable {
    /// The backup's header.
    public var manifest: BackupManifest
    /// The schema version after the restore: the backup's, or this build's when it was upgraded.
    public var schemaVersion: Int
    /// Whether the backup's older schema was upgraded to this build's.
    public var upgraded: Bool
    /// Rows of `letter` and `actor` in the restored database (they match the header's).
    public var letters: Int
    public var actors: Int
    /// The restored register's id (schema 21 on), which its exports carry: the backed-up
    /// register's, or a new one for a copy.
    public var register: String?
}

/// `chancery db restore FILE`: a backup written by ``DatabaseBackup`` into an empty database.
///
/// Everything is checked before anything is written (the file, its schema version against this
/// build's, `pg_restore`, the target's emptiness), and `pg_restore` runs as one transaction that
/// stops at the first error, so a failed restore leaves the target as empty as it was.
public struct DatabaseRestore: Sendable {
    /// The database to restore into.
    public let location: DatabaseLocation

    public init(location: DatabaseLocation) { self.location = location }

    /// Restores the backup at `path`; a backup of an older schema is upgraded afterwards through
    /// the ordinary upgrade path (`chancery db migrate`), one of a newer schema is refused.
    /// `asCopy`: the restored register gets an id of its own, so that it and the register the
    /// backup was taken from, both in use, read each other's exports as another register's (a
    /// letter one adds under a ref the other gave too is then never taken for a correction).
    public func restore(from path: String, asCopy: Bool = false) async throws -> RestoreReport {
        let file = URL(fileURLWithPath: path).standardizedFileURL
        let (manifest, archiveOffset) = try BackupFile.readHeader(at: file.path)
        let bundled = SchemaMigrator.bundledVersion
        guard manifest.schemaVersion <= bundled else {
            throw ChanceryError(.schemaNotInstalled,
                                "\(file.path) holds schema version \(manifest.schemaVersion), newer than this chancery's \(bundled); nothing was restored",
                                field: "file", hint: "Restore it with chancery \(manifest.chanceryVersion) or newer.")
        }
        let configuration = try await location.resolveConfiguration()
        let database = ChanceryDatabase(configuration: configuration, changedBy: "restore", maximumConnections: 1)
        let result: Result<RestoreReport, any Error>
        do {
            let target = try await database.read { connection in try await TargetDatabase.requireEmpty(connection) }
            let pgRestore = try PostgresClientProgram.locate("pg_restore", serverMajorVersion: target.serverMajorVersion)
            try await runRestore(pgRestore, file: file, archiveOffset: archiveOffset, manifest: manifest,
                                 connection: try ToolConnection(configuration, database: target.name))
            result = .success(try await finish(database, manifest: manifest, asCopy: asCopy))
        } catch {
            result = .failure(error)
        }
        await database.close()
        return try result.get()
    }

    /// Extracts the archive to a private temporary file (`pg_restore` needs a file that starts
    /// with it, see ``BackupFile``) and restores it in one transaction.
    private func runRestore(_ pgRestore: PostgresClientProgram, file: URL, archiveOffset: Int, manifest: BackupManifest,
                            connection: ToolConnection) async throws {
        let archive = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-restore-\(UUID().uuidString).dump")
        guard FileManager.default.createFile(atPath: archive.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw ChanceryError(.unexpected, "could not create a temporary file in \(FileManager.default.temporaryDirectory.path); nothing was restored",
                                hint: "Set TMPDIR to a writable folder with room for the backup.")
        }
        defer { try? FileManager.default.removeItem(at: archive) }
        do {
            let input = try FileHandle(forReadingFrom: file)
            defer { try? input.close() }
            let output = try FileHandle(forWritingTo: archive)
            defer { try? output.close() }
            try BackupFile.copy(from: input, offset: archiveOffset, byteCount: manifest.archiveBytes, to: output)
        }
        // No owner: the restoring role owns everything, whatever role made the backup.
        let outcome = try await pgRestore.run(
            ["--exit-on-error", "--single-transaction", "--no-owner", "--no-password", archive.path], connection: connection)
        guard outcome.status == 0 else {
            throw ChanceryError(.databaseUnavailable,
                                "pg_restore (\(pgRestore.path)) failed with exit status \(outcome.status); it ran as one transaction, so nothing was restored:\n"
                                    + outcome.lastLines(),
                                hint: "Check the messages above: the restoring role may lack a privilege (creating the extensions pg_trgm and unaccent needs one), "
                                    + "or the backup may be damaged.")
        }
    }

    /// Upgrades an older schema and checks the restored counts against the header's.
    private func finish(_ database: ChanceryDatabase, manifest: BackupManifest, asCopy: Bool) async throws -> RestoreReport {
        var upgraded = false
        if manifest.schemaVersion < SchemaMigrator.bundledVersion {
            if case .applied = try await database.migrate() { upgraded = true }
        }
        if asCopy {
            // The id is kept for good by a trigger; a copy is the one time it is given anew.
            try await database.write { transaction in
                try await transaction.executeScript(
                    """
                    ALTER TABLE register_identity DISABLE TRIGGER register_identity_kept;
                    DELETE FROM register_identity;
                    INSERT INTO register_identity DEFAULT VALUES;
                    ALTER TABLE register_identity ENABLE TRIGGER register_identity_kept;
                    """)
            }
        }
        let register = try await database.read { connection in try await RegisterIdentity.read(on: connection) }
        let (schemaVersion, letters, actors) = try await database.read { connection in
            let row = try await connection.query(
                "SELECT (SELECT count(*) FROM letter)::int AS letters, (SELECT count(*) FROM actor)::int AS actors").rows[0]
            return (try await SchemaMigrator().installedVersion(on: connection) ?? 0, try row.decode("letters", as: Int.self),
                    try row.decode("actors", as: Int.self))
        }
        guard letters == manifest.letters, actors == manifest.actors else {
            throw ChanceryError(.unexpected,
                                "the restore finished, but the database has \(letters) letters and \(actors) actors where the backup recorded "
                                    + "\(manifest.letters) and \(manifest.actors)",
                                hint: "Do not use this database; report the problem with the backup's first two lines (`head -2 FILE`).")
        }
        return RestoreReport(manifest: manifest, schemaVersion: schemaVersion, upgraded: upgraded, letters: letters, actors: actors,
                             register: register)
    }
}

/// The database a backup is restored into, which must be empty.
enum TargetDatabase {
    /// Throws, naming what is there, unless the database has no tables, views or sequences of its
    /// own (those of extensions, such as pg_trgm's, do not count); returns the database's name and
    /// the server's major version.
    static func requireEmpty(_ connection: PostgresConnection) async throws -> (name: String, serverMajorVersion: Int) {
        let facts = try await connection.query("""
            SELECT current_database() AS database, current_setting('server_version_num')::int / 10000 AS major
            """).rows[0]
        let name: String = try facts.decode("database")
        let relations = try await connection.query("""
            SELECT n.nspname || '.' || c.relname AS name
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
              AND n.nspname NOT LIKE 'pg\\_temp\\_%'
              AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
            ORDER BY 1
            """).rows.map { try $0.decode("name", as: String.self) }
        guard !relations.isEmpty else { return (name, try facts.decode("major")) }

        let hint = "Restore into a new, empty database: create one (`createdb NAME`) and point DATABASE_URL at it. "
            + "For the embedded cluster: `chancery db stop`, move the .chancery folder aside (or set CHANCERY_HOME to a new folder), "
            + "then restore. Nothing was changed."
        if let version = try await SchemaMigrator().installedVersion(on: connection) {
            let letters: Int = relations.contains("public.letter")
                ? try await connection.query("SELECT count(*)::int AS n FROM letter").rows[0].decode("n") : 0
            throw ChanceryError(.conflict,
                                "the database \"\(name)\" is not empty: it holds a Chancery register (schema version \(version), \(letters) letters)",
                                hint: hint)
        }
        let shown = relations.prefix(5).joined(separator: ", ") + (relations.count > 5 ? ", …" : "")
        throw ChanceryError(.conflict, "the database \"\(name)\" is not empty: it has \(relations.count) tables, views or sequences (\(shown))",
                            hint: hint)
    }
}
