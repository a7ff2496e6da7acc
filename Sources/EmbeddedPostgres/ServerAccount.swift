import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operating-system account the PostgreSQL server runs as.
///
/// PostgreSQL refuses to run as root, so when Chancery runs as root the server programs run as the
/// `postgres` account (created by the Debian package) through `runuser`; otherwise they run as the
/// current user, directly.
struct ServerAccount: Sendable, Equatable {
    /// The account name used with `runuser -u`.
    static let unprivilegedName = "postgres"

    /// The account's user id; files the server must own are given to it.
    var uid: uid_t
    /// The account's primary group id.
    var gid: gid_t
    /// The `runuser` program when the server needs a different account, nil when it runs as us.
    var runuser: String?

    /// Whether the server runs as someone other than the current process.
    var isSwitched: Bool { runuser != nil }

    /// Whether this process is root, the one case where the server must run as another account.
    static var processIsRoot: Bool { getuid() == 0 }

    /// The account for this process: itself, or `postgres` when the process is root.
    static func current(environment: [String: String]) throws -> ServerAccount {
        guard processIsRoot else {
            return ServerAccount(uid: getuid(), gid: getgid(), runuser: nil)
        }
        guard let (uid, gid) = lookUp(unprivilegedName) else {
            throw EmbeddedPostgresError(
                "Chancery is running as root, and PostgreSQL refuses to run as root, but there is no "
                    + "`\(unprivilegedName)` account to run it as. Install PostgreSQL from the distribution "
                    + "(`apt-get install -y postgresql` creates the account), run Chancery as a normal user, "
                    + "or set DATABASE_URL to use an existing server."
            )
        }
        guard let runuser = findRunuser(path: environment["PATH"] ?? "") else {
            throw EmbeddedPostgresError(
                "Chancery is running as root and must start PostgreSQL as `\(unprivilegedName)`, but the "
                    + "`runuser` program (util-linux) was not found. Install util-linux, run Chancery as a "
                    + "normal user, or set DATABASE_URL to use an existing server."
            )
        }
        return ServerAccount(uid: uid, gid: gid, runuser: runuser)
    }

    /// The program and arguments that run `executable` as this account.
    func command(_ executable: String, _ arguments: [String]) -> (executable: String, arguments: [String]) {
        guard let runuser else { return (executable, arguments) }
        return (runuser, ["-u", Self.unprivilegedName, "--", executable] + arguments)
    }

    /// Runs `executable` as this account and captures its output.
    func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> CommandResult {
        let (program, fullArguments) = command(executable, arguments)
        return try CommandRunner.run(program, fullArguments, environment: environment)
    }

    /// Whether this account can reach `directory`, i.e. search every folder on the way to it.
    ///
    /// Asking the account itself (`test -x` runs `access(2)` as it) is exact where reading
    /// permission bits is not: it honours groups and ACLs.
    func canTraverse(_ directory: String, environment: [String: String]) -> Bool {
        guard isSwitched else { return true }
        let result = try? run("/usr/bin/env", ["test", "-x", directory], environment: environment)
        return result?.succeeded ?? false
    }

    /// The ids of the named account, through the re-entrant lookup (the plain one shares a static
    /// buffer between threads).
    static func lookUp(_ name: String) -> (uid_t, gid_t)? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        let code = getpwnam_r(name, &entry, &buffer, buffer.count, &result)
        guard code == 0, result != nil else { return nil }
        return (entry.pw_uid, entry.pw_gid)
    }

    /// `runuser` lives in sbin, which is not always on a root shell's PATH (e.g. under `sudo -E`).
    static func findRunuser(path: String) -> String? {
        let folders = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] + path.split(separator: ":").map(String.init)
        return folders.map { $0 + "/runuser" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
