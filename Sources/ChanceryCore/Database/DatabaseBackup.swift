import ChanceryModel
import Foundation
import LibPQClient
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `chancery db backup` wrote.
public struct BackupReport: Sendable {
    /// The backup file, as an absolute path.
    public var path: String
    /// Its size in bytes.
    public var bytes: Int
    /// Its header.
    public var manifest: BackupManifest
}

/// `chancery db backup FILE`: the database as a `pg_dump` custom-format archive in one file with
/// the schema and Chancery versions (see ``BackupFile``).
///
/// The facts in the header and the archive come from one snapshot: a repeatable-read transaction
/// reads them and exports its snapshot, which `pg_dump --snapshot` then dumps, so counts and
/// schema version describe exactly the rows in the archive even while others write.
public struct DatabaseBackup: Sendable {
    /// The database to back up.
    public let location: DatabaseLocation

    public init(location: DatabaseLocation) { self.location = location }

    /// Writes the backup to `path` (relative to the current folder), replacing an existing file
    /// only when `replacing`. The file appears whole or not at all: it is written under a temporary
    /// name beside it and renamed into place; it is readable by its owner only, since the register
    /// holds password hashes.
    public func write(to path: String, replacing: Bool) async throws -> BackupReport {
        let destination = URL(fileURLWithPath: path).standardizedFileURL
        try checkDestination(destination, replacing: replacing)
        let configuration = try await location.resolveConfiguration()
        let folder = destination.deletingLastPathComponent()
        let stem = "." + destination.lastPathComponent + "." + UUID().uuidString
        let archive = folder.appendingPathComponent(stem + ".dump")
        let partial = folder.appendingPathComponent(stem + ".partial")
        defer {
            try? FileManager.default.removeItem(at: archive)
            try? FileManager.default.removeItem(at: partial)
        }

        let database = ChanceryDatabase(configuration: configuration, changedBy: "backup", maximumConnections: 1)
        let result: Result<BackupManifest, any Error>
        do {
            result = .success(try await database.read { session in
                try await session.withTransaction { transaction in
                    try await transaction.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    let facts = try await SnapshotFacts.read(on: transaction)
                    try await dump(snapshot: facts.snapshot, serverMajorVersion: facts.serverMajorVersion, into: archive,
                                   connection: try ToolConnection(configuration, database: facts.database))
                    return facts.manifest(archiveBytes: try Self.size(of: archive))
                }
            })
        } catch {
            result = .failure(error)
        }
        await database.close()
        let manifest = try result.get()

        try assemble(manifest: manifest, archive: archive, into: partial)
        guard rename(partial.path, destination.path) == 0 else {
            throw ChanceryError(.unexpected, "could not move the finished backup to \(destination.path): " + String(cString: strerror(errno)))
        }
        return BackupReport(path: destination.path, bytes: try Self.size(of: destination), manifest: manifest)
    }

    /// Refuses before any work: an existing file without `replacing`, a folder, a missing folder.
    private func checkDestination(_ destination: URL, replacing: Bool) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination.path, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw ChanceryError(.invalidInput, "\(destination.path) is a folder", field: "file",
                                    hint: "Name the backup file to write, e.g. \(destination.path)/register.chancery-backup.")
            }
            if !replacing {
                throw ChanceryError(.conflict, "\(destination.path) already exists; nothing was written", field: "file",
                                    hint: "Pass --force to replace it, or name another file.")
            }
        }
        let folder = destination.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ChanceryError(.notFound, "the folder \(folder) does not exist", field: "file", hint: "Create it first, or name a file in an existing folder.")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw ChanceryError(.invalidInput, "the folder \(folder) is not writable", field: "file")
        }
    }

    /// Runs `pg_dump` on the exported snapshot, writing the custom-format archive to `archive`.
    private func dump(snapshot: String, serverMajorVersion: Int, into archive: URL, connection: ToolConnection) async throws {
        let pgDump = try PostgresClientProgram.locate("pg_dump", serverMajorVersion: serverMajorVersion)
        let outcome = try await pgDump.run(
            // network_change holds this cluster's transaction ids, which mean nothing in another:
            // a restored register starts with none (kept networks are read afresh anyway).
            ["--format=custom", "--file=" + archive.path, "--snapshot=" + snapshot, "--exclude-table-data=network_change", "--no-password"],
            connection: connection)
        guard outcome.status == 0 else {
            var hint = "Check the messages above; nothing was written."
            if outcome.messages.contains("server version mismatch") {
                hint = "\(pgDump.path) is older than the server (PostgreSQL \(serverMajorVersion)): install postgresql-client-\(serverMajorVersion) "
                    + "or set PG_BIN to the folder of a pg_dump of that version or newer. Nothing was written."
            }
            throw ChanceryError(.databaseUnavailable, "pg_dump (\(pgDump.path)) failed with exit status \(outcome.status):\n" + outcome.lastLines(), hint: hint)
        }
    }

    /// Writes header and archive to `partial`, flushed to disk before it is renamed into place.
    private func assemble(manifest: BackupManifest, archive: URL, into partial: URL) throws {
        guard FileManager.default.createFile(atPath: partial.path, contents: try BackupFile.header(for: manifest),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw ChanceryError(.unexpected, "could not create \(partial.path)")
        }
        let output = try FileHandle(forWritingTo: partial)
        defer { try? output.close() }
        try output.seekToEnd()
        let input = try FileHandle(forReadingFrom: archive)
        defer { try? input.close() }
        try BackupFile.copy(from: input, offset: 0, byteCount: manifest.archiveBytes, to: output)
        try output.synchronize()
    }

    static func size(of file: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
    }
}

/// What the backup's header records, read in the snapshot the archive is dumped from.
private struct SnapshotFacts {
    var snapshot: String
    var schemaVersion: Int
    var createdAt: String
    var postgresVersion: String
    var serverMajorVersion: Int
    var database: String
    var letters: Int
    var actors: Int

    static func read(on connection: PostgresConnection) async throws -> SnapshotFacts {
        guard let schemaVersion = try await SchemaMigrator().installedVersion(on: connection) else {
            throw ChanceryError(.schemaNotInstalled, "the database has no Chancery schema, so there is nothing to back up",
                                hint: "Check DATABASE_URL (`chancery db url`); a new database needs `chancery db migrate` first.")
        }
        let row = try await connection.query("""
            SELECT pg_export_snapshot() AS snapshot,
                   to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
                   current_setting('server_version') AS server_version,
                   current_setting('server_version_num')::int / 10000 AS major,
                   current_database() AS database,
                   (SELECT count(*) FROM letter)::int AS letters,
                   (SELECT count(*) FROM actor)::int AS actors
            """).rows[0]
        return SnapshotFacts(snapshot: try row.decode("snapshot"), schemaVersion: schemaVersion, createdAt: try row.decode("created_at"),
                             postgresVersion: try row.decode("server_version"), serverMajorVersion: try row.decode("major"),
                             database: try row.decode("database"), letters: try row.decode("letters"), actors: try row.decode("actors"))
    }

    func manifest(archiveBytes: Int) -> BackupManifest {
        BackupManifest(formatVersion: BackupFile.formatVersion, chanceryVersion: ChanceryVersion.release, schemaVersion: schemaVersion,
                       createdAt: createdAt, postgresVersion: postgresVersion, database: database, letters: letters, actors: actors,
                       archiveBytes: archiveBytes)
    }
}
