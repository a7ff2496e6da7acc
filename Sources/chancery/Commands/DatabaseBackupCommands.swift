import ArgumentParser
import ChanceryCore
import Foundation

extension DatabaseCommand {
    /// `chancery db backup FILE [--force]`.
    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the whole database to one file (a pg_dump archive with the schema version).",
            discussion: """
              The file holds a two-line header (`head -2 FILE` shows the Chancery and schema versions, \
              the time and the numbers of letters and actors) and then a pg_dump custom-format archive \
              (`tail -n +3 FILE` is that archive, for pg_restore). It is taken from one consistent \
              snapshot while others keep writing, and appears only when complete. It is readable by its \
              owner only: the register holds password hashes. pg_dump is looked for in PG_BIN, \
              /usr/lib/postgresql/<server version>/bin, then PATH.

              Examples:
                chancery db backup register-2024-05-01.chancery-backup
                chancery db backup nightly.chancery-backup --force
              """)

        @Argument(help: ArgumentHelp("The backup file to write.", valueName: "file"))
        var file: String

        @Flag(help: "Replace FILE if it exists.")
        var force = false

        func run() async throws {
            try await CommandContext.reportingErrors(positional: ["file"]) {
                let report = try await DatabaseBackup(location: .fromEnvironment()).write(to: file, replacing: force)
                let manifest = report.manifest
                print("backup written to \(report.path) (\(DatabaseBackupText.size(report.bytes)))")
                print("schema version \(manifest.schemaVersion), \(manifest.letters) letters, \(manifest.actors) actors; "
                      + "PostgreSQL \(manifest.postgresVersion), database \(manifest.database), taken \(manifest.createdAt)")
            }
        }
    }

    /// `chancery db restore FILE`.
    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore a backup into an empty database.",
            discussion: """
              The target (DATABASE_URL, PGHOST, or the embedded cluster, started if needed) must have \
              no tables at all; a backup of an older schema is upgraded afterwards, one of a newer \
              schema is refused. pg_restore runs as one transaction that stops at the first error, so \
              a failed restore leaves nothing behind.

              The restored register keeps the id its exports carry, by which an import knows the \
              register's own files: restoring replaces the register. A copy put to use beside the \
              original (a staging server) should get an id of its own with --as-copy, so that the \
              two read each other's exports as another register's.

              Examples:
                createdb chancery_restored
                export DATABASE_URL=postgres:///chancery_restored
                chancery db restore register.chancery-backup

                # into a new embedded cluster:
                CHANCERY_HOME=/srv/new chancery db restore register.chancery-backup
              """)

        @Argument(help: ArgumentHelp("A file written by `chancery db backup`.", valueName: "file"))
        var file: String

        @Flag(help: "Give the restored register an id of its own (a copy used beside the original).")
        var asCopy = false

        func run() async throws {
            try await CommandContext.reportingErrors(positional: ["file"]) {
                let report = try await DatabaseRestore(location: .fromEnvironment()).restore(from: file, asCopy: asCopy)
                let manifest = report.manifest
                print("restored \(report.letters) letters and \(report.actors) actors from \(file) "
                      + "(chancery \(manifest.chanceryVersion), taken \(manifest.createdAt) from database \(manifest.database))")
                if report.upgraded {
                    print("schema upgraded from version \(manifest.schemaVersion) to \(report.schemaVersion)")
                } else {
                    print("schema version \(report.schemaVersion)")
                }
                if let register = report.register {
                    print(asCopy ? "register \(register), an id of its own: the original's exports are another register's here"
                                 : "register \(register), the backed-up register's id")
                }
            }
        }
    }
}

/// Wording shared by the backup commands.
enum DatabaseBackupText {
    /// Bytes as a person reads them: 812 bytes, 14.2 KB, 3.1 MB.
    static func size(_ bytes: Int) -> String {
        if bytes < 1000 { return "\(bytes) bytes" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return String(format: "%.1f", value) + " " + units[unit]
    }
}
