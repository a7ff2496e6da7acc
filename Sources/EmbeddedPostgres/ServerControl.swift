import Foundation

/// Starts and stops the server of an existing cluster with `pg_ctl`.
struct ServerControl: Sendable {
    /// How long `pg_ctl` may wait for the server to come up or go down, in seconds.
    static let timeoutSeconds = 60

    /// The programs to use.
    var binaries: PostgresBinaries
    /// Who runs the server.
    var account: ServerAccount
    /// The environment for the programs.
    var environment: [String: String]

    /// Starts the server and makes sure the `chancery` database exists.
    ///
    /// "Already running" counts as success: someone may have started it by hand with `pg_ctl`.
    func start(_ layout: ClusterLayout) throws {
        try prepare(layout)
        let result = try account.run(
            binaries.pgCtl,
            ["start", "-D", layout.dataDirectory, "-l", layout.logFile, "-w", "-t", String(Self.timeoutSeconds)],
            environment: environment
        )
        if !result.succeeded, PostmasterPIDFile.read(dataDirectory: layout.dataDirectory)?.isReady != true {
            throw EmbeddedPostgresError(
                "Chancery's private PostgreSQL server did not start (data in \(layout.dataDirectory)).\n"
                    + "pg_ctl said:\n\(CommandRunner.tail(result.output, lines: 10))\n"
                    + "The end of \(layout.logFile):\n\(Self.tail(ofFile: layout.logFile))"
            )
        }
        try createDatabase(layout)
    }

    /// Stops the server with a fast shutdown (sessions are disconnected, nothing is lost) and waits.
    /// Returns false when no server was running.
    func stop(_ layout: ClusterLayout) throws -> Bool {
        guard PostmasterPIDFile.read(dataDirectory: layout.dataDirectory)?.isAlive == true else { return false }
        let result = try account.run(
            binaries.pgCtl,
            ["stop", "-D", layout.dataDirectory, "-m", "fast", "-w", "-t", String(Self.timeoutSeconds)],
            environment: environment
        )
        if result.succeeded { return true }
        if PostmasterPIDFile.read(dataDirectory: layout.dataDirectory)?.isAlive != true {
            // It went away on its own between our look and pg_ctl's.
            return false
        }
        throw EmbeddedPostgresError(
            "Chancery's private PostgreSQL server did not stop (data in \(layout.dataDirectory)).\n"
                + "pg_ctl said:\n\(CommandRunner.tail(result.output, lines: 10))\n"
                + "The end of \(layout.logFile):\n\(Self.tail(ofFile: layout.logFile))"
        )
    }

    /// Creates the socket folder, the log file and `chancery.conf`, all owned by the server account.
    ///
    /// The settings go in a file rather than `pg_ctl -o` because `pg_ctl` pastes `-o` into a shell
    /// command line, where a socket path with spaces or quotes would need two layers of quoting.
    private func prepare(_ layout: ClusterLayout) throws {
        let socketParent = URL(fileURLWithPath: layout.socketDirectory).deletingLastPathComponent().path
        if socketParent != layout.base {
            try OwnedPaths.ensureDirectory(socketParent, ownedBy: account, mode: 0o700)
        }
        try OwnedPaths.ensureDirectory(layout.socketDirectory, ownedBy: account, mode: 0o700)
        try OwnedPaths.ensureFile(layout.logFile, ownedBy: account, mode: 0o600)
        try OwnedPaths.write(
            Self.settings(socketDirectory: layout.socketDirectory),
            to: layout.dataDirectory + "/chancery.conf",
            ownedBy: account,
            mode: 0o600
        )
    }

    /// The contents of `chancery.conf`: no TCP, one private socket.
    static func settings(socketDirectory: String) -> String {
        """
        # Written by Chancery before every start; edits here are overwritten.
        # No TCP listener: the cluster is reached only through its private Unix socket.
        listen_addresses = ''
        unix_socket_directories = \(configurationString(listElement(socketDirectory)))
        port = \(ClusterLayout.port)

        """
    }

    /// Double-quotes an element of a PostgreSQL list setting, so commas and spaces in the path do
    /// not split it.
    static func listElement(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Single-quotes a value for `postgresql.conf`, where backslash is an escape character.
    static func configurationString(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Creates the `chancery` database through the socket; it already existing is fine.
    private func createDatabase(_ layout: ClusterLayout) throws {
        let result = try account.run(
            binaries.createdb,
            ["-h", layout.socketDirectory, "-p", String(ClusterLayout.port), "-U", ConnectionString.user,
             ConnectionString.database],
            environment: environment
        )
        guard result.succeeded || result.output.contains("already exists") else {
            throw EmbeddedPostgresError(
                "Chancery's private PostgreSQL server started, but the `\(ConnectionString.database)` database "
                    + "could not be created.\ncreatedb said:\n\(CommandRunner.tail(result.output, lines: 10))"
            )
        }
    }

    /// The last lines of a log file, or a note that it cannot be read.
    static func tail(ofFile path: String) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return "(could not read \(path))"
        }
        return CommandRunner.tail(text)
    }
}
