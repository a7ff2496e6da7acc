import ChanceryModel
import Foundation

/// What a backup file says about itself: the second line of the file, one line of JSON.
public struct BackupManifest: Codable, Sendable, Equatable {
    /// The layout of the file; a reader refuses a layout it does not know.
    public var formatVersion: Int
    /// The Chancery release that wrote it.
    public var chanceryVersion: String
    /// The database's schema version at the moment of the dump (its `schema_version`).
    public var schemaVersion: Int
    /// When the dump's snapshot was taken (the server's clock), ISO 8601.
    public var createdAt: String
    /// The server's version (`server_version`), e.g. "15.8".
    public var postgresVersion: String
    /// The database's name on that server.
    public var database: String
    /// Rows of `letter` (deleted ones included) and `actor` in the snapshot; a restore checks them.
    public var letters: Int
    public var actors: Int
    /// The length of the `pg_dump` archive that follows the header, so a truncated copy is noticed
    /// before anything is restored.
    public var archiveBytes: Int
}

/// A Chancery backup: one file holding a `pg_dump` custom-format archive behind a two-line header.
///
///     CHANCERY-BACKUP 1\n
///     {"archiveBytes":…,"chanceryVersion":"0.5.0","schemaVersion":10,…}\n
///     PGDMP… (the archive, byte for byte as pg_dump wrote it)
///
/// One file is what people copy around. The header is text so `head -2 FILE` shows it, and the
/// archive starts on the third line so `tail -n +3 FILE > register.dump` hands it to `pg_restore`
/// unchanged. The archive is copied rather than streamed after the header because pg_dump seeks
/// in its output to record where each table's data begins: behind a header those offsets would
/// be wrong.
enum BackupFile {
    /// The first line, without its newline.
    static let magicLine = "CHANCERY-BACKUP 1"
    /// The layout this build writes and reads.
    static let formatVersion = 1
    /// The header is read from this many bytes at most: a manifest is a few hundred.
    private static let headerLimit = 64 * 1024
    /// How `pg_dump`'s custom format begins, to name a bare archive when one is given instead.
    private static let pgDumpMagic = Data("PGDMP".utf8)

    /// The two header lines for `manifest`.
    static func header(for manifest: BackupManifest) throws -> Data {
        let encoder = JSONEncoder()
        // One line (the encoder escapes newlines inside strings), keys in a stable order.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data((magicLine + "\n").utf8)
        data.append(try encoder.encode(manifest))
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Reads and checks the header of the backup at `path`: the manifest, and the offset at which
    /// the archive starts. Throws a specific error for a missing, unreadable, foreign or truncated file.
    static func readHeader(at path: String) throws -> (manifest: BackupManifest, archiveOffset: Int) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ChanceryError(.notFound, "there is no file \(path)", field: "file", hint: "Name a file written by `chancery db backup`.")
        }
        guard !isDirectory.boolValue else {
            throw ChanceryError(.invalidInput, "\(path) is a folder, not a backup file", field: "file",
                                hint: "Name a file written by `chancery db backup`.")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ChanceryError(.invalidInput, "\(path) cannot be read (permissions?)", field: "file")
        }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: headerLimit)) ?? Data()
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0

        let lines = start.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
        guard lines.count == 3, String(decoding: lines[0], as: UTF8.self) == magicLine else {
            if start.starts(with: pgDumpMagic) {
                throw ChanceryError(.invalidInput, "\(path) is a bare pg_dump archive, not a Chancery backup", field: "file",
                                    hint: "Restore it with `pg_restore --no-owner --dbname=…` into an empty database, then run `chancery db migrate`.")
            }
            throw ChanceryError(.invalidInput, "\(path) is not a Chancery backup (it does not begin with \"\(magicLine)\")", field: "file",
                                hint: "Name a file written by `chancery db backup`.")
        }
        let manifest: BackupManifest
        do {
            manifest = try JSONDecoder().decode(BackupManifest.self, from: Data(lines[1]))
        } catch {
            throw ChanceryError(.invalidInput, "\(path) has a damaged header: its second line is not a Chancery backup manifest", field: "file")
        }
        guard manifest.formatVersion <= formatVersion else {
            throw ChanceryError(.invalidInput,
                                "\(path) was written by chancery \(manifest.chanceryVersion) in backup format \(manifest.formatVersion); this chancery reads format \(formatVersion)",
                                field: "file", hint: "Restore it with chancery \(manifest.chanceryVersion) or newer.")
        }
        let archiveOffset = lines[0].count + 1 + lines[1].count + 1
        guard fileSize - archiveOffset == manifest.archiveBytes else {
            throw ChanceryError(.invalidInput,
                                "\(path) is incomplete or damaged: its archive has \(max(0, fileSize - archiveOffset)) bytes, the header promises \(manifest.archiveBytes)",
                                field: "file", hint: "Copy the backup again from where it was written.")
        }
        return (manifest, archiveOffset)
    }

    /// Copies `byteCount` bytes of `source` from `offset` onward to the end of `destination`, in
    /// chunks, so a large archive never sits in memory whole.
    static func copy(from source: FileHandle, offset: Int, byteCount: Int, to destination: FileHandle) throws {
        try source.seek(toOffset: UInt64(offset))
        var remaining = byteCount
        while remaining > 0 {
            guard let chunk = try source.read(upToCount: min(remaining, 1 << 20)), !chunk.isEmpty else {
                throw ChanceryError(.unexpected, "the archive ended \(remaining) bytes early while it was being copied")
            }
            try destination.write(contentsOf: chunk)
            remaining -= chunk.count
        }
    }
}
