#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock(2)` on a file, held for the duration of a closure.
///
/// `flock` (rather than `fcntl` record locks) because it belongs to the open file description:
/// two threads of one process exclude each other as well as two processes do, and the `flock(1)`
/// command interoperates. The descriptor is close-on-exec so that a postmaster started while the
/// lock is held does not inherit it and keep the lock forever.
enum FileLock {
    /// Runs `body` while holding an exclusive lock on `path` (created if missing), blocking until
    /// the lock is free.
    static func withExclusiveLock<T>(at path: String, _ body: () throws -> T) throws -> T {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw EmbeddedPostgresError("Could not open the lock file \(path): \(SystemError.text(errno)).")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            let code = errno
            if code == EINTR { continue }
            throw EmbeddedPostgresError("Could not lock \(path): \(SystemError.text(code)).")
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
