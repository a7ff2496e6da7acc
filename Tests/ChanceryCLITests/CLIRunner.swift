import Foundation
import LibPQClient
import Testing
import TestSupport

/// What one run of the `chancery` binary produced.
struct CLIResult: CustomStringConvertible, Sendable {
    var arguments: [String]
    var status: Int32
    var stdout: String
    var stderr: String

    /// Everything, for failure messages.
    var description: String {
        "chancery " + arguments.joined(separator: " ") + "\n  exit: \(status)\n  stdout: " + stdout + "\n  stderr: " + stderr
    }

    /// Standard output parsed as JSON.
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
    }

    /// Standard output parsed as a JSON array of objects.
    func jsonArray() throws -> [[String: Any]] {
        guard let array = try json() as? [[String: Any]] else {
            throw CLITestError("expected a JSON array of objects from: \(self)")
        }
        return array
    }

    /// Standard output parsed as a JSON object.
    func jsonObject() throws -> [String: Any] {
        guard let object = try json() as? [String: Any] else {
            throw CLITestError("expected a JSON object from: \(self)")
        }
        return object
    }
}

struct CLITestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs the built `chancery` binary as a subprocess.
enum CLI {
    /// The binary next to the test bundle (same products folder), found once.
    static let executable: URL? = locateExecutable()

    static func locateExecutable() -> URL? {
        let fileManager = FileManager.default
        func found(in directory: URL) -> URL? {
            let candidate = directory.appendingPathComponent("chancery")
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               fileManager.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
            return nil
        }
        if let override = ProcessInfo.processInfo.environment["CHANCERY_CLI"], fileManager.isExecutableFile(atPath: override) {
            return URL(fileURLWithPath: override)
        }
        // The products folder of the running test bundle: walk up from the bundle / the test binary.
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
        // Last resort: a build folder of this package.
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for scratch in [".build-cli", ".build"] {
            if let url = found(in: packageRoot.appendingPathComponent(scratch).appendingPathComponent("debug")) { return url }
        }
        return nil
    }

    /// The environment of this test process without anything that selects a database.
    static var neutralEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("PG") || key == "DATABASE_URL" || key == "CHANCERY_HOME" {
            environment.removeValue(forKey: key)
        }
        environment["CHANCERY_USER"] = "cli-tests"
        return environment
    }

    /// Talks to a configured server through DATABASE_URL only (no PG* variables).
    static func configuredEnvironment(conninfo: String) -> [String: String] {
        var environment = neutralEnvironment
        environment["DATABASE_URL"] = conninfo
        return environment
    }

    /// Uses the embedded cluster under `home`.
    static func embeddedEnvironment(home: URL) -> [String: String] {
        var environment = neutralEnvironment
        environment["CHANCERY_HOME"] = home.path
        return environment
    }

    /// Runs `chancery arguments…`; output goes to files, so a server the command leaves running
    /// (the embedded postmaster) cannot hold a pipe open.
    static func run(_ arguments: [String], environment: [String: String], directory: URL? = nil, input: String? = nil,
                    timeout: Duration = .seconds(180)) async throws -> CLIResult {
        let executable = try #require(executable, "the chancery binary was not found next to the test bundle; run `swift build` first")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("chancery-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory ?? scratch
        if let input {
            let inURL = scratch.appendingPathComponent("stdin")
            try Data(input.utf8).write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        process.standardOutput = outHandle
        process.standardError = errHandle

        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let watched = UncheckedProcess(process: process)
            Task {
                try? await Task.sleep(for: timeout)
                if watched.process.isRunning { watched.process.terminate() }
            }
        }
        try? outHandle.close()
        try? errHandle.close()
        let stdout = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return CLIResult(arguments: arguments, status: status, stdout: stdout, stderr: stderr)
    }
}

/// Lets the timeout task hold the process.
private struct UncheckedProcess: @unchecked Sendable {
    let process: Process
}

/// A scratch database on the test server, reached by the CLI through DATABASE_URL.
struct ScratchDatabase: Sendable {
    /// For direct checks through LibPQClient (the test process keeps its PG* environment).
    let configuration: PostgresConfiguration
    /// A self-contained conninfo (host, port, user and dbname spelled out) for the CLI.
    let conninfo: String

    var environment: [String: String] { CLI.configuredEnvironment(conninfo: conninfo) }

    /// Runs the CLI against this database.
    func run(_ arguments: String...) async throws -> CLIResult {
        try await CLI.run(arguments, environment: environment)
    }

    func run(_ arguments: [String], input: String? = nil) async throws -> CLIResult {
        try await CLI.run(arguments, environment: environment, input: input)
    }

    /// Rows in the tables a failed command must leave alone.
    static let guardedTables = ["letter", "letter_participant", "letter_link", "source", "citation", "actor", "actor_alias",
                                "invitation", "invitation_invitee", "event", "history"]

    /// Row counts of `tables`, read directly.
    func counts(_ tables: [String] = guardedTables) async throws -> [String: Int] {
        let connection = try await PostgresConnection.connect(configuration)
        defer { connection.close() }
        var counts: [String: Int] = [:]
        for table in tables {
            // The table names are the fixed list above, never input.
            counts[table] = try await connection.query("SELECT count(*)::int AS n FROM \(unescaped: table)").rows[0].decode("n", as: Int.self)
        }
        return counts
    }

    /// One text value from a direct query.
    func scalar(_ statement: PostgresQuery) async throws -> String? {
        let connection = try await PostgresConnection.connect(configuration)
        defer { connection.close() }
        let result = try await connection.query(statement)
        return try result.rows.first?.text(result.columns[0])
    }

    /// A fresh scratch database; `migrate` installs the schema with `chancery db migrate` (with the
    /// reference data when `referenceData`; the tests of other features start from an empty register),
    /// `demo` then loads the founding example with `chancery demo`. Dropped afterwards.
    static func with(migrate: Bool = true, referenceData: Bool = false, demo: Bool = false,
                     _ body: (ScratchDatabase) async throws -> Void) async throws {
        try await TestDatabase.withScratchDatabase { configuration in
            let database = ScratchDatabase(configuration: configuration, conninfo: try selfContainedConninfo(configuration))
            if migrate || demo {
                let migrated = try await database.run(["db", "migrate"] + (referenceData ? [] : ["--no-reference"]))
                try #require(migrated.status == 0, "db migrate failed: \(migrated)")
            }
            if demo {
                let loaded = try await database.run("demo")
                try #require(loaded.status == 0, "demo failed: \(loaded)")
            }
            try await body(database)
        }
    }

    /// The configuration's conninfo with host, port, user and password added from this process's
    /// PG* variables when the conninfo does not name them, so the CLI needs no PG* variables.
    static func selfContainedConninfo(_ configuration: PostgresConfiguration) throws -> String {
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
}

/// Helpers for reading JSON the CLI printed.
extension Dictionary where Key == String, Value == Any {
    func string(_ key: String) -> String? { self[key] as? String }
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func objects(_ key: String) -> [[String: Any]] { (self[key] as? [[String: Any]]) ?? [] }
    func strings(_ key: String) -> [String] { (self[key] as? [String]) ?? [] }
}

/// The `ref` of each object, in order.
func refs(_ objects: [[String: Any]]) -> [String] {
    objects.compactMap { $0["ref"] as? String }
}

/// Whether all `needles` occur in `text` in that order.
func appearInOrder(_ needles: [String], in text: String) -> Bool {
    var searchStart = text.startIndex
    for needle in needles {
        guard let range = text.range(of: needle, range: searchStart..<text.endIndex) else { return false }
        searchStart = range.upperBound
    }
    return true
}

/// An export's text without the moment it was made (its JSON Lines header's `exported`), so
/// that two exports of the same register compare equal.
func exportWithoutMoment(atPath path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8).replacing(#/,"exported":"[^"]*"/#, with: "")
}
