/// Where the embedded cluster stands, as far as the files on disk and the process table tell.
public enum EmbeddedClusterStatus: Sendable, Equatable, CustomStringConvertible {
    /// No cluster has been created for this home yet (or its data folder has disappeared).
    case absent
    /// The cluster exists but no server is running on it.
    case stopped(dataDirectory: String)
    /// A postmaster is alive on the cluster; `socketDirectory` is where it listens.
    case running(pid: Int, dataDirectory: String, socketDirectory: String)
    /// A postmaster is alive, but its socket file is gone, so nothing can connect: the next
    /// command that needs the database restarts it.
    case unreachable(pid: Int, dataDirectory: String, socketPath: String)

    /// One line for `chancery db status`-style output.
    public var description: String {
        switch self {
        case .absent:
            "absent (no embedded cluster has been created yet)"
        case .stopped(let dataDirectory):
            "stopped (data in \(dataDirectory))"
        case .running(let pid, let dataDirectory, let socketDirectory):
            "running (pid \(pid), data in \(dataDirectory), socket in \(socketDirectory))"
        case .unreachable(let pid, let dataDirectory, let socketPath):
            "running (pid \(pid), data in \(dataDirectory)) but unreachable: its socket \(socketPath) is gone"
        }
    }
}
