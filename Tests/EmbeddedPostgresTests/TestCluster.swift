import Foundation
import Testing
@testable import EmbeddedPostgres

/// A throw-away home under /tmp with its cluster, removed (server stopped, data deleted) afterwards.
struct TestCluster {
    /// The folder created for the test; the home is inside it unless a test says otherwise.
    let root: URL
    /// The cluster under test.
    let cluster: EmbeddedCluster

    /// `homeRelativePath` lets a test make the home path long.
    init(homeRelativePath: String = ".chancery", rootMode: Int16? = nil) throws {
        root = URL(fileURLWithPath: "/tmp/chancery-emb-test-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if let rootMode {
            try FileManager.default.setAttributes([.posixPermissions: rootMode], ofItemAtPath: root.path)
        }
        cluster = EmbeddedCluster(home: root.appendingPathComponent(homeRelativePath), environment: Self.environment)
    }

    /// The test process's environment without libpq variables, which CI may set for its own server.
    static var environment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
    }

    /// Stops and deletes the cluster and the test folder; failures here must not hide the test's own.
    func remove() {
        _ = try? cluster.destroy()
        try? FileManager.default.removeItem(at: root)
    }
}

/// Runs a program and returns its exit status and combined output.
func runProgram(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let result = try CommandRunner.run(executable, arguments, environment: TestCluster.environment)
    return (result.status, result.output.trimmingCharacters(in: .whitespacesAndNewlines))
}

/// Runs one SQL command with psql through `connection` (a conninfo string or URL).
func psql(_ connection: String, _ sql: String) throws -> (status: Int32, output: String) {
    try runProgram("/usr/bin/psql", [connection, "-X", "-v", "ON_ERROR_STOP=1", "-Atc", sql])
}

/// How many postmasters (not their children, which retitle themselves) serve `dataDirectory`.
func postmasterCount(dataDirectory: String) -> Int {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.filter { Int($0) != nil }.count { pid in
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        guard let program = arguments.first, program.hasSuffix("postgres") else { return false }
        return zip(arguments, arguments.dropFirst()).contains { $0 == "-D" && $1 == dataDirectory }
    }
}

/// The pid of a running cluster, or nil.
func runningPID(_ cluster: EmbeddedCluster) throws -> Int? {
    if case .running(let pid, _, _) = try cluster.status() { return pid }
    return nil
}
