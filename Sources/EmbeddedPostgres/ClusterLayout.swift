/// Where one embedded cluster keeps its files.
struct ClusterLayout: Sendable, Equatable {
    /// The port number in the socket's name; no TCP port is opened.
    static let port = 5432
    /// `sun_path` holds 108 bytes including the terminating NUL.
    static let maximumSocketPathBytes = 107

    /// The folder holding the data folder and the server log: the home, or the fallback folder.
    var base: String
    /// The folder the socket lives in.
    var socketDirectory: String

    /// The PostgreSQL data folder.
    var dataDirectory: String { base + "/data" }
    /// Where `initdb` builds a new cluster before it is renamed into place, so that a half-made
    /// cluster is never mistaken for a real one.
    var stagingDirectory: String { base + "/data.initdb" }
    /// The server's log, quoted in error messages when the server will not start.
    var logFile: String { base + "/server.log" }
    /// The path of the socket itself.
    var socketPath: String { socketDirectory + "/.s.PGSQL.\(Self.port)" }
    /// Whether a finished cluster is in place (`initdb` writes `PG_VERSION`, and the staging
    /// rename makes its presence mean the whole of `initdb` succeeded).
    var isInitialized: Bool { OwnedPaths.exists(dataDirectory + "/PG_VERSION") }

    /// The layout for data in `base`: the socket goes to `<base>/run` unless that path would be too
    /// long for a Unix socket, in which case it goes to `<fallback>/run`.
    init(base: String, fallback: String) {
        self.base = base
        let preferred = base + "/run"
        let socketName = "/.s.PGSQL.\(Self.port)"
        if (preferred + socketName).utf8.count <= Self.maximumSocketPathBytes {
            socketDirectory = preferred
        } else {
            socketDirectory = fallback + "/run"
        }
    }
}
