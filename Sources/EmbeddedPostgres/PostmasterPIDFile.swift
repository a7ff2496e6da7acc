import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `postmaster.pid` in the data folder says about the running server.
///
/// Reading it directly (as `pg_ctl status` itself does) costs no process launch, which matters
/// because every `chancery` command asks.
struct PostmasterPIDFile: Sendable, Equatable {
    /// The postmaster's process id (first line).
    var pid: Int
    /// The folder its socket is in (fifth line), when it has one.
    var socketDirectory: String?
    /// "starting", "ready", "stopping" or "standby" (eighth line); absent while the file is being
    /// written.
    var state: String?

    /// Parses the file's text; nil when the first line is not a process id.
    init?(text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard let first = lines.first, let pid = Int(first), pid > 0 else { return nil }
        self.pid = pid
        socketDirectory = lines.count > 4 && !lines[4].isEmpty ? lines[4] : nil
        state = lines.count > 7 && !lines[7].isEmpty ? lines[7] : nil
    }

    /// Reads `<dataDirectory>/postmaster.pid`; nil when there is none (the server is stopped).
    static func read(dataDirectory: String) -> PostmasterPIDFile? {
        guard let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8) else {
            return nil
        }
        return PostmasterPIDFile(text: text)
    }

    /// Whether the process still exists; EPERM means it exists but belongs to someone else.
    var isAlive: Bool {
        kill(pid_t(pid), 0) == 0 || errno == EPERM
    }

    /// Whether the server accepts connections: alive and past startup.
    var isReady: Bool {
        isAlive && state == "ready"
    }
}
