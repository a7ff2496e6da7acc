import ChanceryCore
import ChanceryHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LibPQClient
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

// Support for the live tests: real TCP between client and service, a real PostgreSQL server that
// the test may stop and start, and the real `chancery` binary.

struct LiveTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

// MARK: - HTTP over TCP

/// A response read whole from the wire.
struct LiveResponse: Sendable {
    let status: Int
    let headers: HTTPFields
    let body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }

    /// A short description for failure messages.
    var summary: String {
        "\(status) [\(header("Content-Type") ?? "no Content-Type")] Retry-After=\(header("Retry-After") ?? "none") "
            + String(text.prefix(300))
    }

    /// Whether this is the documented answer while the database is unreachable: 503 with an
    /// `application/problem+json` body saying so and a `Retry-After` of whole seconds.
    var isDatabaseUnavailableProblem: Bool {
        guard status == 503, header("Content-Type")?.hasPrefix("application/problem+json") == true,
              let retryAfter = header("Retry-After"), let seconds = Int(retryAfter), seconds > 0 else { return false }
        return object["status"] as? Int == 503 && (object["type"] as? String)?.hasPrefix("urn:chancery:problem:") == true
    }
}

/// One keep-alive HTTP/1.1 connection to 127.0.0.1:port (HummingbirdTesting's TCP client).
/// Requests on it are sent one at a time by its owner.
struct LiveConnection: Sendable {
    let port: Int
    private let client: TestClient

    init(port: Int, readTimeout: Duration = .seconds(60)) {
        self.port = port
        client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: readTimeout))
        client.connect()
    }

    /// Waits for the TCP handshake; throws when the connection was refused.
    func connected() async throws {
        _ = try await client.getChannel()
    }

    func send(_ method: HTTPRequest.Method, _ path: String, headers extra: [String: String] = [:], json: String? = nil)
        async throws -> LiveResponse
    {
        var headers = HTTPFields()
        for (name, value) in extra { headers[HTTPField.Name(name)!] = value }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: json)
        }
        let request = TestClient.Request(path, method: method, authority: "127.0.0.1:\(port)", headers: headers, body: body)
        let response = try await client.execute(request)
        return LiveResponse(status: response.status.code, headers: response.headers,
                            body: response.body.map { Data($0.readableBytesView) } ?? Data())
    }

    func close() async {
        try? await client.shutdown()
    }
}

/// A connection that is replaced by a new one whenever a request on it fails, so one broken
/// connection does not doom every later request of its owner.
actor ReconnectingConnection {
    let port: Int
    private var connection: LiveConnection

    init(port: Int) {
        self.port = port
        connection = LiveConnection(port: port)
    }

    func send(_ method: HTTPRequest.Method, _ path: String, headers: [String: String] = [:], json: String? = nil)
        async throws -> LiveResponse
    {
        do {
            return try await connection.send(method, path, headers: headers, json: json)
        } catch {
            await connection.close()
            connection = LiveConnection(port: port)
            throw error
        }
    }

    func close() async { await connection.close() }
}

/// The API served in this process over real TCP on 127.0.0.1 (a free port), without the signal
/// handling of `APIServer` (which would take over the test runner's SIGTERM and SIGINT).
struct InProcessServer: Sendable {
    let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    static func start(_ api: ChanceryAPI, logger: Logger) async throws -> InProcessServer {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = api.application(logger: logger) { port in continuation.yield(port) }
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            _ = try? await task.value
            throw LiveTestError("the API did not start listening")
        }
        return InProcessServer(port: port, group: group, task: task)
    }

    /// Graceful shutdown: no new connections, requests in flight finish.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}

/// Keeps what the service logs at warning and above, for failure messages.
final class LogCollector: Sendable {
    private let lines = Mutex<[String]>([])

    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { _ in CollectingLogHandler(collector: self) }
        logger.logLevel = .warning
        return logger
    }

    func append(_ line: String) { lines.withLock { if $0.count < 200 { $0.append(line) } } }
    var text: String { lines.withLock { $0.joined(separator: "\n") } }
}

private struct CollectingLogHandler: LogHandler {
    let collector: LogCollector
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .warning

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        collector.append("\(event.level): \(event.message) \(all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))")
    }
}

// MARK: - Programs

/// A child process started with `posix_spawn`: standard input from /dev/null, standard output
/// and error to files, no other descriptor inherited, default signal handling.
///
/// `Foundation.Process` is not used because its children inherit every descriptor that is not
/// close-on-exec, among them the one Foundation watches to learn that a child ended: the
/// postmaster `pg_ctl start` leaves behind keeps it open, so `pg_ctl` never seems to finish.
struct Spawned: Sendable {
    let pid: pid_t

    /// Starts `executable` in `directory`; `stdout` and `stderr` may name the same file.
    static func start(_ executable: String, _ arguments: [String], environment: [String: String], directory: String,
                      stdout: String, stderr: String) throws -> Spawned {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        if stderr == stdout {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        }
        typealias Actions = UnsafeMutablePointer<posix_spawn_file_actions_t>
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: (@convention(c) (Actions, Int32) -> Int32).self)(&actions, 3)
        }
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") {
            _ = unsafeBitCast(symbol, to: (@convention(c) (Actions, UnsafePointer<CChar>) -> Int32).self)(&actions, directory)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard code == 0 else { throw LiveTestError("could not start \(executable): error \(code)") }
        return Spawned(pid: pid)
    }

    /// The exit status once the process has ended (128 + the signal when killed by one), else nil.
    /// Reaps it: ask again after a non-nil answer and the answer is meaningless.
    func exitStatus() -> Int32? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return result < 0 && errno == ECHILD ? -1 : nil }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Polls until the process ends or `timeout` passes (without blocking a thread).
    func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let status = exitStatus() { return status }
            if ContinuousClock.now >= deadline { return nil }
            await pause(.milliseconds(20))
        }
    }

    func signal(_ number: Int32) { _ = kill(pid, number) }
}

enum Subprocess {
    struct Outcome: Sendable {
        var status: Int32
        var output: String
        var succeeded: Bool { status == 0 }
    }

    /// This process's environment without anything that selects a PostgreSQL server or a Chancery home.
    static var neutralEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("PG") && $0.key != "DATABASE_URL" && $0.key != "CHANCERY_HOME"
        }
    }

    /// Runs a program to completion (at most `timeout`, then it is killed), its standard output and
    /// error together in a file read afterwards.
    static func run(_ executable: String, _ arguments: [String], directory: String = "/",
                    environment: [String: String] = neutralEnvironment, timeout: Duration = .seconds(120)) async throws -> Outcome {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("chancery-live-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let child = try Spawned.start(executable, arguments, environment: environment, directory: directory,
                                      stdout: outputPath, stderr: outputPath)
        var status = await child.waitForExit(timeout: timeout)
        if status == nil {
            child.signal(SIGKILL)
            status = await child.waitForExit(timeout: .seconds(10))
        }
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard let status else { throw LiveTestError("\(executable) did not finish in \(timeout):\n\(text)") }
        return Outcome(status: status, output: text)
    }
}

// MARK: - A private PostgreSQL server

/// A PostgreSQL cluster of the test's own under /tmp, listening on TCP 127.0.0.1 only (no Unix
/// socket), which the test may stop and start again on the same data folder and port. It never
/// touches the shared test server. As root the server runs as `postgres` through `runuser`
/// (PostgreSQL refuses root); /tmp is reachable by that account.
final class PrivatePostgres: Sendable {
    let base: String
    let port: Int
    private let binaries: String
    private let runuser: String?

    var dataDirectory: String { base + "/data" }
    var logFile: String { base + "/server.log" }
    /// libpq conninfo for the superuser over TCP.
    var conninfo: String { "host=127.0.0.1 port=\(port) user=postgres dbname=postgres connect_timeout=5" }

    private init(base: String, port: Int, binaries: String, runuser: String?) {
        self.base = base
        self.port = port
        self.binaries = binaries
        self.runuser = runuser
    }

    /// Creates the cluster (initdb) and starts it on a free port.
    static func launch() async throws -> PrivatePostgres {
        let binaries = try await binaryFolder()
        let root = getuid() == 0
        var runuser: String?
        var owner: (uid_t, gid_t)?
        if root {
            runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"]
                .first { FileManager.default.isExecutableFile(atPath: $0) }
            guard runuser != nil, let account = getpwnam("postgres") else {
                throw LiveTestError("running as root needs runuser and a `postgres` account to start PostgreSQL")
            }
            owner = (account.pointee.pw_uid, account.pointee.pw_gid)
        }
        let base = "/tmp/chancery-live-pg-" + UUID().uuidString.lowercased()
        guard mkdir(base, 0o700) == 0 else { throw LiveTestError("could not create \(base): errno \(errno)") }
        do {
            if let owner, chown(base, owner.0, owner.1) != 0 { throw LiveTestError("could not chown \(base): errno \(errno)") }
            var candidate = PrivatePostgres(base: base, port: 0, binaries: binaries, runuser: runuser)
            let initdb = try await candidate.asServerAccount(
                binaries + "/initdb", ["-D", candidate.dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"])
            guard initdb.succeeded else { throw LiveTestError("initdb failed:\n\(initdb.output)") }
            try FileHandle(forWritingTo: URL(fileURLWithPath: candidate.dataDirectory + "/postgresql.conf")).withAppending(
                "\n# Added by the live tests.\ninclude_if_exists = 'live.conf'\n")
            // A port outside the kernel's ephemeral range, so no outgoing connection can take it
            // while the server is stopped; tried again elsewhere if something listens there.
            var failures: [String] = []
            for _ in 0..<6 {
                let port = Int.random(in: 20_000..<32_000)
                candidate = PrivatePostgres(base: base, port: port, binaries: binaries, runuser: runuser)
                let settings = """
                    listen_addresses = '127.0.0.1'
                    port = \(port)
                    unix_socket_directories = ''
                    fsync = off
                    synchronous_commit = on
                    max_connections = 40

                    """
                let path = candidate.dataDirectory + "/live.conf"
                try Data(settings.utf8).write(to: URL(fileURLWithPath: path))
                if let owner { _ = chown(path, owner.0, owner.1) }
                do {
                    try await candidate.start()
                    return candidate
                } catch {
                    failures.append(String(describing: error))
                }
            }
            throw LiveTestError("PostgreSQL did not start on any of 6 ports:\n" + failures.joined(separator: "\n"))
        } catch {
            await PrivatePostgres(base: base, port: 0, binaries: binaries, runuser: runuser).destroy()
            throw error
        }
    }

    /// `pg_ctl start -w` on the same data folder (and so the same port).
    func start() async throws {
        let outcome = try await asServerAccount(
            binaries + "/pg_ctl", ["start", "-D", dataDirectory, "-l", logFile, "-w", "-t", "60"])
        guard outcome.succeeded else {
            throw LiveTestError("pg_ctl start failed:\n\(outcome.output)\n\(serverLogTail)")
        }
    }

    /// `pg_ctl stop -m fast -w`: sessions are disconnected, the server exits.
    func stop() async throws {
        let outcome = try await asServerAccount(
            binaries + "/pg_ctl", ["stop", "-D", dataDirectory, "-m", "fast", "-w", "-t", "60"])
        guard outcome.succeeded else {
            throw LiveTestError("pg_ctl stop failed:\n\(outcome.output)\n\(serverLogTail)")
        }
    }

    /// Stops the server however it can and deletes the folder; never throws.
    func destroy() async {
        if FileManager.default.fileExists(atPath: dataDirectory + "/postmaster.pid") {
            _ = try? await asServerAccount(binaries + "/pg_ctl", ["stop", "-D", dataDirectory, "-m", "immediate", "-w", "-t", "30"])
        }
        if let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8),
           let pid = text.split(separator: "\n").first.flatMap({ Int32($0) }), pid > 0, kill(pid, 0) == 0 {
            // pg_ctl could not stop it: make sure no server outlives the test.
            _ = kill(pid, SIGKILL)
        }
        try? FileManager.default.removeItem(atPath: base)
    }

    var serverLogTail: String {
        let text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "(no server log)"
        return "server log:\n" + text.split(separator: "\n").suffix(15).joined(separator: "\n")
    }

    private func asServerAccount(_ executable: String, _ arguments: [String]) async throws -> Subprocess.Outcome {
        if let runuser {
            return try await Subprocess.run(runuser, ["-u", "postgres", "--", executable] + arguments, directory: base)
        }
        return try await Subprocess.run(executable, arguments, directory: base)
    }

    /// PG_BIN, `pg_config --bindir`, or the newest /usr/lib/postgresql/<version>/bin with pg_ctl.
    private static func binaryFolder() async throws -> String {
        func usable(_ folder: String) -> Bool {
            ["initdb", "pg_ctl", "postgres"].allSatisfy { FileManager.default.isExecutableFile(atPath: folder + "/" + $0) }
        }
        if let explicit = ProcessInfo.processInfo.environment["PG_BIN"], usable(explicit) { return explicit }
        if let outcome = try? await Subprocess.run("/usr/bin/env", ["pg_config", "--bindir"]), outcome.succeeded {
            let folder = outcome.output.split(separator: "\n").last.map(String.init)?
                .trimmingCharacters(in: .whitespaces) ?? ""
            if usable(folder) { return folder }
        }
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap { Int($0) }.sorted(by: >)
        if let version = versions.first(where: { usable("\(root)/\($0)/bin") }) { return "\(root)/\(version)/bin" }
        throw LiveTestError("PostgreSQL's server programs (initdb, pg_ctl) were not found; set PG_BIN")
    }
}

private extension FileHandle {
    func withAppending(_ text: String) throws {
        defer { try? close() }
        try seekToEnd()
        try write(contentsOf: Data(text.utf8))
    }
}

// MARK: - The chancery binary

enum ChanceryExecutable {
    /// The `chancery` binary in the products folder of the running tests (built by `swift build`
    /// or `swift test` with the same scratch path), or CHANCERY_CLI.
    static let url: URL? = locate()

    private static func locate() -> URL? {
        let fileManager = FileManager.default
        func found(in directory: URL) -> URL? {
            let candidate = directory.appendingPathComponent("chancery")
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  fileManager.isExecutableFile(atPath: candidate.path) else { return nil }
            return candidate
        }
        if let override = ProcessInfo.processInfo.environment["CHANCERY_CLI"], fileManager.isExecutableFile(atPath: override) {
            return URL(fileURLWithPath: override)
        }
        var starts = [Bundle.main.bundleURL, Bundle.main.executableURL, URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()]
            .compactMap { $0 }
        if let first = CommandLine.arguments.first { starts.append(URL(fileURLWithPath: first)) }
        for start in starts {
            var directory = start.hasDirectoryPath ? start : start.deletingLastPathComponent()
            for _ in 0..<4 {
                if let url = found(in: directory) { return url }
                directory.deleteLastPathComponent()
            }
        }
        return nil
    }
}

/// `chancery serve` running as a child process, its output in files.
final class ServeProcess: Sendable {
    private let child: Spawned
    private let folder: URL
    private let ended = Mutex<Int32?>(nil)
    private var stdoutPath: String { folder.appendingPathComponent("stdout").path }
    private var stderrPath: String { folder.appendingPathComponent("stderr").path }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    var outputs: String { "stdout:\n\(stdout)\nstderr (last lines):\n" + stderr.split(separator: "\n").suffix(20).joined(separator: "\n") }

    /// The exit status once it ended (128 + signal if killed by one), nil while it runs.
    var exitStatus: Int32? {
        ended.withLock { ended in
            if ended == nil { ended = child.exitStatus() }
            return ended
        }
    }
    var isRunning: Bool { exitStatus == nil }

    init(executable: URL, arguments: [String], environment: [String: String]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-live-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        child = try Spawned.start(executable.path, arguments, environment: environment, directory: folder.path,
                                  stdout: folder.appendingPathComponent("stdout").path,
                                  stderr: folder.appendingPathComponent("stderr").path)
    }

    /// The port in the "serving http://127.0.0.1:PORT/v1" line, once printed.
    func waitForPort(timeout: Duration) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let text = stdout
            if let range = text.range(of: "serving http://127.0.0.1:") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if text[range.upperBound...].dropFirst(digits.count).hasPrefix("/v1"), let port = Int(digits) { return port }
            }
            guard isRunning else { throw LiveTestError("chancery serve exited before listening\n\(outputs)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw LiveTestError("chancery serve printed no listening line in time\n\(outputs)")
    }

    func signal(_ number: Int32) {
        if isRunning { child.signal(number) }
    }

    /// Waits for the process to end; false when it still runs at the deadline.
    func waitForExit(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while isRunning && ContinuousClock.now < deadline {
            await pause(.milliseconds(50))
        }
        return !isRunning
    }

    /// Kills the process if it still runs and removes its files.
    func cleanUp() async {
        if isRunning {
            signal(SIGKILL)
            _ = await waitForExit(timeout: .seconds(10))
        }
        try? FileManager.default.removeItem(at: folder)
    }
}

/// The conninfo of `configuration` with host, port, user and password added from this process's
/// PG* variables where it does not name them, so a child process needs no PG* variables.
func selfContainedConninfo(_ configuration: PostgresConfiguration) throws -> String {
    var options = try configuration.parsedOptions()
    let environment = ProcessInfo.processInfo.environment
    for (variable, keyword) in [("PGHOST", "host"), ("PGPORT", "port"), ("PGUSER", "user"), ("PGPASSWORD", "password")] {
        if !options.contains(where: { $0.keyword == keyword }), let value = environment[variable], !value.isEmpty {
            options.append((keyword: keyword, value: value))
        }
    }
    return options.map { option in
        let escaped = option.value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        return option.keyword + "='" + escaped + "'"
    }.joined(separator: " ")
}

/// Sleeps; in a cancelled task (a test past its time limit, cleaning up) Task.sleep would return
/// at once and turn polling loops into busy loops, so the thread sleeps instead.
func pause(_ duration: Duration) async {
    if Task.isCancelled {
        usleep(UInt32(duration.components.attoseconds / 1_000_000_000_000 + duration.components.seconds * 1_000_000))
    } else {
        try? await Task.sleep(for: duration)
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration, every interval: Duration = .milliseconds(100),
                _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: interval)
    }
}
