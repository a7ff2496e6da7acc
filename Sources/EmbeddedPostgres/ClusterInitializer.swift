import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates a new cluster with `initdb`.
struct ClusterInitializer: Sendable {
    /// The programs to use.
    var binaries: PostgresBinaries
    /// Who will own and run the cluster.
    var account: ServerAccount
    /// The environment for the programs.
    var environment: [String: String]

    /// Creates the cluster described by `layout`, which must not exist yet.
    ///
    /// `initdb` runs in a staging folder that is renamed into place only on success, so an
    /// interrupted `initdb` leaves nothing that looks like a cluster and the next attempt starts
    /// clean.
    func initialize(_ layout: ClusterLayout) throws {
        let staging = layout.stagingDirectory
        try OwnedPaths.remove(staging)
        try OwnedPaths.ensureDirectory(staging, ownedBy: account, mode: 0o700)

        var result = try runInitdb(staging, locale: ["--locale=C.UTF-8"])
        if !result.succeeded {
            // Older or minimal systems lack the C.UTF-8 locale; the cluster then sorts bytewise.
            let first = result.output
            try OwnedPaths.remove(staging)
            try OwnedPaths.ensureDirectory(staging, ownedBy: account, mode: 0o700)
            result = try runInitdb(staging, locale: ["--no-locale"])
            if !result.succeeded {
                throw EmbeddedPostgresError(
                    "initdb could not create Chancery's private database in \(layout.dataDirectory).\n"
                        + "With --locale=C.UTF-8 it said:\n\(CommandRunner.tail(first))\n"
                        + "With --no-locale it said:\n\(CommandRunner.tail(result.output))"
                )
            }
        }
        try appendInclude(to: staging + "/postgresql.conf")
        try moveIntoPlace(staging, layout.dataDirectory)
    }

    /// Runs `initdb` with Chancery's settings: superuser `chancery`, UTF-8, and trust on the
    /// socket only — the socket folder is private, and TCP is both off and rejected.
    private func runInitdb(_ directory: String, locale: [String]) throws -> CommandResult {
        let arguments = [
            "-D", directory, "-U", ConnectionString.user, "-E", "UTF8",
            "--auth-local=trust", "--auth-host=reject",
        ] + locale
        return try account.run(binaries.initdb, arguments, environment: environment)
    }

    /// Makes `postgresql.conf` read `chancery.conf`, which is rewritten before every start so the
    /// socket folder can follow the home if it moves.
    private func appendInclude(to configuration: String) throws {
        guard let handle = FileHandle(forWritingAtPath: configuration) else {
            throw EmbeddedPostgresError("Could not open \(configuration) to add Chancery's settings.")
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("\n# Chancery's embedded-cluster settings.\ninclude_if_exists = 'chancery.conf'\n".utf8))
        } catch {
            throw EmbeddedPostgresError("Could not add Chancery's settings to \(configuration): \(error.localizedDescription)")
        }
    }

    /// Renames the finished staging folder to the data folder (an empty leftover data folder is
    /// replaced; a non-empty one is not ours to delete).
    private func moveIntoPlace(_ staging: String, _ data: String) throws {
        if OwnedPaths.exists(data), (try? FileManager.default.contentsOfDirectory(atPath: data))?.isEmpty == true {
            try OwnedPaths.remove(data)
        }
        guard rename(staging, data) == 0 else {
            throw EmbeddedPostgresError(
                "Could not move the new database into \(data): \(SystemError.text(errno)). "
                    + "If that folder holds something else, move it away and try again."
            )
        }
    }
}
