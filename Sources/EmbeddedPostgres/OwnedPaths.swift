import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates folders and files that must belong to the server's account, refusing to adopt ones
/// someone else planted: for a non-root user the fallback folder lives in world-writable /tmp, where
/// another user could pre-create the name to read or tamper with the socket.
enum OwnedPaths {
    /// Makes sure `path` is a real folder (not a symlink) owned by `account` with exactly `mode`.
    ///
    /// A folder owned by root is handed over when we are root, because that is what an
    /// interrupted earlier run leaves behind; any other owner is an error.
    static func ensureDirectory(_ path: String, ownedBy account: ServerAccount, mode: mode_t) throws {
        // Missing parents (such as /var/lib/chancery) stay ours and searchable by everyone.
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !exists(parent) {
            do {
                try FileManager.default.createDirectory(
                    atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            } catch {
                throw EmbeddedPostgresError("Could not create the folder \(parent): \(error.localizedDescription)")
            }
        }
        if mkdir(path, mode) != 0, errno != EEXIST {
            throw EmbeddedPostgresError("Could not create the folder \(path): \(SystemError.text(errno)).")
        }
        try adopt(path, expectDirectory: true, account: account)
        if chmod(path, mode) != 0 {
            throw EmbeddedPostgresError("Could not set the permissions of \(path): \(SystemError.text(errno)).")
        }
    }

    /// Makes sure `path` is a regular file owned by `account`, creating it empty if missing; used
    /// for the server log, which `pg_ctl` opens as the server account in a folder it may not own.
    static func ensureFile(_ path: String, ownedBy account: ServerAccount, mode: mode_t) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw EmbeddedPostgresError("Could not create \(path): \(SystemError.text(errno)).")
        }
        close(descriptor)
        try adopt(path, expectDirectory: false, account: account)
    }

    /// Writes `contents` to `path` (replacing it) and gives the file to `account`.
    static func write(_ contents: String, to path: String, ownedBy account: ServerAccount, mode: mode_t) throws {
        do {
            try Data(contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw EmbeddedPostgresError("Could not write \(path): \(error.localizedDescription)")
        }
        try adopt(path, expectDirectory: false, account: account)
        _ = chmod(path, mode)
    }

    /// Whether `path` exists, without following a final symlink.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Removes `path` and everything below it, if present.
    static func remove(_ path: String) throws {
        guard exists(path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw EmbeddedPostgresError("Could not remove \(path): \(error.localizedDescription)")
        }
    }

    /// Checks the type and owner of `path`, chowning a root-owned one to `account` when allowed.
    private static func adopt(_ path: String, expectDirectory: Bool, account: ServerAccount) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            throw EmbeddedPostgresError("Could not inspect \(path): \(SystemError.text(errno)).")
        }
        let type = info.st_mode & S_IFMT
        guard type == (expectDirectory ? S_IFDIR : S_IFREG) else {
            throw EmbeddedPostgresError(
                "\(path) exists but is not a \(expectDirectory ? "folder" : "regular file") (perhaps a symlink). "
                    + "Remove it and try again."
            )
        }
        if info.st_uid == account.uid { return }
        guard ServerAccount.processIsRoot, info.st_uid == 0 else {
            throw EmbeddedPostgresError(
                "\(path) belongs to user id \(info.st_uid), not to the account the database runs as "
                    + "(user id \(account.uid)). Remove it (it is only used by Chancery's private database) "
                    + "and try again."
            )
        }
        if chown(path, account.uid, account.gid) != 0 {
            throw EmbeddedPostgresError("Could not hand \(path) to the database account: \(SystemError.text(errno)).")
        }
    }
}
