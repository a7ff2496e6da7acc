import Foundation

/// The folder holding the PostgreSQL server programs the embedded cluster needs.
struct PostgresBinaries: Sendable, Equatable {
    /// The programs that must all be present in one folder: `pg_ctl` starts `postgres` from its
    /// own folder, so mixing folders is not an option.
    static let requiredPrograms = ["initdb", "pg_ctl", "postgres", "createdb"]

    /// Where Debian and Ubuntu install one folder per major version, off `PATH`.
    static let debianRoot = "/usr/lib/postgresql"

    /// The folder the programs were found in.
    var directory: String

    /// Path to `initdb`.
    var initdb: String { directory + "/initdb" }
    /// Path to `pg_ctl`.
    var pgCtl: String { directory + "/pg_ctl" }
    /// Path to `createdb`.
    var createdb: String { directory + "/createdb" }

    /// Finds the programs: `PG_BIN` if set, else the newest Debian version folder, else `PATH`.
    ///
    /// Debian comes first after `PG_BIN` because on a fresh Debian machine the server programs are
    /// not on `PATH` at all, and when several versions are installed the newest is the natural pick.
    static func locate(environment: [String: String], debianRoot: String = debianRoot) throws -> PostgresBinaries {
        if let explicit = environment["PG_BIN"], !explicit.isEmpty {
            let missing = missingPrograms(in: explicit)
            guard missing.isEmpty else {
                throw EmbeddedPostgresError(
                    "PG_BIN is set to \(explicit), but that folder lacks \(missing.joined(separator: ", ")). "
                        + "Point PG_BIN at the folder holding PostgreSQL's server programs "
                        + "(for example /usr/lib/postgresql/15/bin), or unset it."
                )
            }
            return PostgresBinaries(directory: explicit)
        }
        if let debian = newestVersionFolder(under: debianRoot) {
            return PostgresBinaries(directory: debian)
        }
        if let onPath = folderOnPath(environment["PATH"] ?? "") {
            return PostgresBinaries(directory: onPath)
        }
        throw EmbeddedPostgresError(
            "PostgreSQL's server programs (initdb, pg_ctl, postgres) were not found, so Chancery cannot "
                + "create its private database. Install PostgreSQL (on Debian or Ubuntu: "
                + "`apt-get install -y postgresql`), or set PG_BIN to the folder holding those programs, "
                + "or set DATABASE_URL to use an existing server."
        )
    }

    /// The required programs that are not executable files in `directory`.
    static func missingPrograms(in directory: String) -> [String] {
        requiredPrograms.filter { !FileManager.default.isExecutableFile(atPath: directory + "/" + $0) }
    }

    /// `<root>/<version>/bin` for the highest version that has every required program.
    static func newestVersionFolder(under root: String) -> String? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: root) else { return nil }
        return entries
            .filter { missingPrograms(in: root + "/" + $0 + "/bin").isEmpty }
            .max { versionIsLower($0, $1) }
            .map { root + "/" + $0 + "/bin" }
    }

    /// Compares folder names like "9.6", "15" and "16" numerically, component by component, so
    /// that 16 beats 9.6 (a plain string comparison would not).
    static func versionIsLower(_ left: String, _ right: String) -> Bool {
        let a = left.split(separator: ".").map { Int($0) ?? -1 }
        let b = right.split(separator: ".").map { Int($0) ?? -1 }
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            if x != y { return x < y }
        }
        return left < right
    }

    /// The real folder (symlinks resolved) of the first `pg_ctl` on `path` whose siblings are all
    /// there; resolving matters because a symlinked `pg_ctl` looks for `postgres` next to its target.
    static func folderOnPath(_ path: String) -> String? {
        for entry in path.split(separator: ":") where !entry.isEmpty {
            let candidate = String(entry) + "/pg_ctl"
            guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
            let real = URL(fileURLWithPath: candidate).resolvingSymlinksInPath().deletingLastPathComponent().path
            if missingPrograms(in: real).isEmpty { return real }
        }
        return nil
    }
}
