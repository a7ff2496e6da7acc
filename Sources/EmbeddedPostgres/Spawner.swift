#if os(Linux)
import Foundation
import Glibc

/// Launches a program with nothing but stdin, stdout and stderr open.
///
/// `Foundation.Process` lets a child inherit every descriptor that is not close-on-exec, including
/// the pipes other threads have just made for their own children. For `pg_ctl start` that is
/// fatal: the postmaster it leaves behind lives on holding those pipes, and whoever reads them
/// waits for an end-of-file that never comes. Hence `posix_spawn` with "close everything from 3",
/// and a pipe created close-on-exec so that no other child inherits ours.
enum Spawner {
    /// Runs the program, returning its exit status (128 + signal if killed) and combined output.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> CommandResult {
        var ends: [Int32] = [0, 0]
        guard GNUExtensions.pipe2(&ends, O_CLOEXEC) == 0 else {
            throw EmbeddedPostgresError("Could not create a pipe to run \(executable): \(SystemError.text(errno)).")
        }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        defer { close(readEnd) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        GNUExtensions.addCloseFrom(&actions, 3)
        GNUExtensions.addChdir(&actions, "/")

        // The child starts with default signal handling and nothing blocked, whatever this
        // process (or the thread calling) has set up; the postmaster installs its own handlers.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = CStringArray([executable] + arguments)
        let envp = CStringArray(environment.map { "\($0.key)=\($0.value)" })
        var pid = pid_t()
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv.pointers, envp.pointers)
        close(writeEnd)
        guard code == 0 else {
            throw EmbeddedPostgresError("Could not run \(executable): \(SystemError.text(code)).")
        }

        let output = readAll(readEnd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw EmbeddedPostgresError("Could not wait for \(executable): \(SystemError.text(errno)).")
            }
        }
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return CommandResult(status: exitStatus, output: String(decoding: output, as: UTF8.self))
    }

    /// Reads `descriptor` until end-of-file.
    private static func readAll(_ descriptor: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                result.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                return result
            }
        }
    }
}

/// glibc functions Swift's Glibc module does not import (they sit behind `_GNU_SOURCE`), looked up
/// by name at run time. Bookworm's glibc 2.36 has them all (closefrom since 2.34, chdir since
/// 2.29); on an older one the spawn still works, only less isolated.
private enum GNUExtensions {
    private typealias Actions = UnsafeMutablePointer<posix_spawn_file_actions_t>

    /// `pipe2(2)`, or `pipe(2)` plus `FD_CLOEXEC` (with a brief window) where it is missing.
    static func pipe2(_ ends: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32 {
        typealias Function = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
        if let symbol = dlsym(nil, "pipe2") {
            return unsafeBitCast(symbol, to: Function.self)(ends, flags)
        }
        guard pipe(ends) == 0 else { return -1 }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        return 0
    }

    /// `posix_spawn_file_actions_addclosefrom_np`: close every descriptor from `lowest` up.
    static func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) {
        typealias Function = @convention(c) (Actions, Int32) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
        _ = unsafeBitCast(symbol, to: Function.self)(actions, lowest)
    }

    /// `posix_spawn_file_actions_addchdir_np`: the child's working directory.
    static func addChdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: String) {
        typealias Function = @convention(c) (Actions, UnsafePointer<CChar>) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else { return }
        _ = unsafeBitCast(symbol, to: Function.self)(actions, path)
    }
}

/// A NULL-terminated array of C strings for `posix_spawn`, freed when it goes away.
private final class CStringArray {
    /// The array to pass as `argv` or `envp`.
    var pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }
}
#endif
