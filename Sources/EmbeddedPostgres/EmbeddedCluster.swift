import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The private PostgreSQL cluster Chancery creates and starts itself when no server is configured.
///
/// The cluster listens on a Unix socket only, in a folder nobody else can enter, with trust
/// authentication for its superuser `chancery`. Its files live under the home (normally
/// `<current directory>/.chancery`); when Chancery runs as root, PostgreSQL runs as the `postgres`
/// account, and if that account cannot reach the home the data moves to
/// `/var/lib/chancery/<hash of the home>`, recorded in `<home>/cluster-location`. A home so deep
/// that the socket path would exceed the Unix limit keeps its data but puts the socket in that
/// fallback folder (`/tmp/chancery-<uid>-<hash>` when not root).
///
/// Creating, starting and stopping are serialised across processes by an exclusive `flock` on
/// `<home>/lock`, so commands started together neither run `initdb` twice nor start two servers.
public struct EmbeddedCluster: Sendable {
    /// The folder Chancery owns, as an absolute path.
    public let home: URL
    private let environment: [String: String]
    private let resolver: LayoutResolver

    /// `home` is the folder Chancery owns, normally <current directory>/.chancery.
    ///
    /// `environment` supplies `PG_BIN` and `PATH` for finding the PostgreSQL programs.
    public init(home: URL, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.home = home.absoluteURL.standardizedFileURL
        self.environment = environment
        resolver = LayoutResolver(home: self.home.path)
    }

    /// CHANCERY_HOME if set, else <currentDirectory>/.chancery.
    ///
    /// A relative CHANCERY_HOME is taken relative to `currentDirectory`.
    public static func defaultHome(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) -> URL {
        if let configured = environment["CHANCERY_HOME"], !configured.isEmpty {
            let url = configured.hasPrefix("/")
                ? URL(fileURLWithPath: configured, isDirectory: true)
                : currentDirectory.appendingPathComponent(configured, isDirectory: true)
            return url.standardizedFileURL
        }
        return currentDirectory.appendingPathComponent(".chancery", isDirectory: true).standardizedFileURL
    }

    /// Creates the cluster if missing, starts it if stopped, creates the `chancery` database; idempotent and safe when called concurrently from several processes. Returns the libpq conninfo to reach it.
    ///
    /// A running, ready server is recognised without taking the lock or launching a program, so
    /// the common case costs a file read.
    @discardableResult
    public func ensureRunning() throws -> String {
        if let layout = try resolver.existing(), layout.isInitialized,
            PostmasterPIDFile.read(dataDirectory: layout.dataDirectory)?.isReady == true,
            Self.hasSocket(layout)
        {
            return ConnectionString.conninfo(socketDirectory: layout.socketDirectory)
        }
        let binaries = try PostgresBinaries.locate(environment: environment)
        let account = try ServerAccount.current(environment: environment)
        try createHome()
        return try FileLock.withExclusiveLock(at: resolver.lockFile) {
            // Another process may have done the work while we waited for the lock.
            let layout = try resolver.planned(account: account, environment: toolEnvironment)
            try ClusterPaths.check(layout)
            try prepareBase(layout, account: account)
            try resolver.record(layout)
            if !layout.isInitialized {
                try ClusterInitializer(binaries: binaries, account: account, environment: toolEnvironment)
                    .initialize(layout)
            }
            let control = ServerControl(binaries: binaries, account: account, environment: toolEnvironment)
            if PostmasterPIDFile.read(dataDirectory: layout.dataDirectory)?.isReady != true {
                try control.start(layout)
            } else if !Self.hasSocket(layout) {
                // A server whose socket file was removed (a cleaner of temporary folders, a user
                // tidying `run`) runs on but takes no new connection: PostgreSQL makes its socket
                // only when it starts.
                _ = try control.stop(layout)
                try control.start(layout)
            }
            return ConnectionString.conninfo(socketDirectory: layout.socketDirectory)
        }
    }

    /// Stops the cluster (fast shutdown, waits). Returns false when it was not running.
    @discardableResult
    public func stop() throws -> Bool {
        guard let layout = try resolver.existing(), layout.isInitialized,
            PostmasterPIDFile.read(dataDirectory: layout.dataDirectory)?.isAlive == true
        else { return false }
        let binaries = try PostgresBinaries.locate(environment: environment)
        let account = try ServerAccount.current(environment: environment)
        return try FileLock.withExclusiveLock(at: resolver.lockFile) {
            try ServerControl(binaries: binaries, account: account, environment: toolEnvironment).stop(layout)
        }
    }

    /// Whether the server's socket file is where connections look for it.
    static func hasSocket(_ layout: ClusterLayout) -> Bool {
        FileManager.default.fileExists(atPath: layout.socketPath)
    }

    /// Where the cluster stands: absent, stopped, or running with its pid and folders.
    public func status() throws -> EmbeddedClusterStatus {
        guard let layout = try resolver.existing(), layout.isInitialized else { return .absent }
        guard let pidFile = PostmasterPIDFile.read(dataDirectory: layout.dataDirectory), pidFile.isAlive else {
            return .stopped(dataDirectory: layout.dataDirectory)
        }
        guard Self.hasSocket(layout) else {
            return .unreachable(pid: pidFile.pid, dataDirectory: layout.dataDirectory, socketPath: layout.socketPath)
        }
        return .running(
            pid: pidFile.pid,
            dataDirectory: layout.dataDirectory,
            socketDirectory: pidFile.socketDirectory ?? layout.socketDirectory
        )
    }

    /// Stops the server if it runs and deletes the cluster with all its data: the data folder, the
    /// log, the socket folder, the fallback folder and `cluster-location`. Other files in the home
    /// are left alone. Returns false when there was nothing to delete.
    @discardableResult
    public func destroy() throws -> Bool {
        guard let layout = try resolver.existing() else {
            try OwnedPaths.remove(resolver.fallbackBase)
            return false
        }
        let binaries = try PostgresBinaries.locate(environment: environment)
        let account = try ServerAccount.current(environment: environment)
        return try FileLock.withExclusiveLock(at: resolver.lockFile) {
            if layout.isInitialized {
                _ = try ServerControl(binaries: binaries, account: account, environment: toolEnvironment).stop(layout)
            }
            for path in [layout.dataDirectory, layout.stagingDirectory, layout.logFile, layout.socketDirectory] {
                try OwnedPaths.remove(path)
            }
            try OwnedPaths.remove(resolver.fallbackBase)
            try resolver.forget()
            return true
        }
    }

    /// libpq conninfo: "host=<socket dir> port=5432 user=chancery dbname=chancery"
    ///
    /// Valid before the cluster exists (it names where the socket will be); throws only when the
    /// recorded location cannot be read or, as root, the `postgres` account is missing.
    public var conninfo: String {
        get throws { ConnectionString.conninfo(socketDirectory: try plannedLayout().socketDirectory) }
    }

    /// The same as a postgresql:// URL (socket dir percent-encoded in the host query parameter: postgresql://chancery@/chancery?host=%2Fpath%2Frun&port=5432)
    public var url: String {
        get throws { ConnectionString.url(socketDirectory: try plannedLayout().socketDirectory) }
    }

    /// The folder holding (or that will hold) the PostgreSQL data, for messages and backups.
    public var dataDirectory: String {
        get throws { try plannedLayout().dataDirectory }
    }

    /// The server log, the first place to look when the server misbehaves.
    public var logFile: String {
        get throws { try plannedLayout().logFile }
    }

    /// The layout of the existing cluster, or the one `ensureRunning` would create.
    private func plannedLayout() throws -> ClusterLayout {
        if let layout = try resolver.existing() { return layout }
        let account = try ServerAccount.current(environment: environment)
        return try resolver.planned(account: account, environment: toolEnvironment)
    }

    /// The environment the PostgreSQL programs run with.
    private var toolEnvironment: [String: String] {
        CommandRunner.toolEnvironment(from: environment)
    }

    /// Creates the home, private to its owner when new.
    private func createHome() throws {
        let path = home.path
        guard !OwnedPaths.exists(path) else { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw EmbeddedPostgresError("Could not create Chancery's folder \(path): \(error.localizedDescription)")
        }
        _ = chmod(path, 0o700)
    }

    /// Makes the base folder usable by the server account: the fallback folder is created for it;
    /// the home, when it holds the data of a server running as `postgres`, must let that account
    /// pass through (search only — it still cannot list the home).
    private func prepareBase(_ layout: ClusterLayout, account: ServerAccount) throws {
        if layout.base != home.path {
            try OwnedPaths.ensureDirectory(layout.base, ownedBy: account, mode: 0o700)
        } else if account.isSwitched {
            var info = stat()
            if stat(home.path, &info) == 0, info.st_mode & S_IXOTH == 0 {
                _ = chmod(home.path, (info.st_mode & 0o7777) | S_IXOTH)
            }
        }
    }
}
