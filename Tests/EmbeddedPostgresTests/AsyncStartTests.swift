import Foundation
import Testing
@testable import EmbeddedPostgres

@Suite("Embedded cluster from async code")
struct AsyncStartTests {
    /// Each caller that waits for the lock must wait on a thread of its own. Were the waiting done
    /// on the cooperative pool, which has one thread per core, no more callers than cores could be
    /// blocked in flock at once, and every other task of the process would stall meanwhile. The
    /// kernel's list of lock waiters (/proc/locks) counts them. (Other tests running at the same
    /// time may keep a caller from starting for a while, so the test asks for more waiters than
    /// the pool has threads, not for every caller.)
    @Test("async callers wait for the lock off the cooperative pool, more at once than it has threads", .enabled(if: FileManager.default.fileExists(atPath: "/proc/locks")))
    func asyncCallersWaitOffThePool() async throws {
        let test = try TestCluster()
        defer { test.remove() }
        let home = test.cluster.home
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let lockFile = home.appendingPathComponent("lock").path

        // Another process holds the lock, as a concurrent `chancery` command would, until the
        // test has counted the waiters (at most 100 s): on a loaded machine the callers may take
        // seconds to reach the lock, and a fixed hold let a CI run count none. In one CI run the
        // whole test process stood still for its first 25 s (other suites' tasks holding the
        // cooperative pool), so no caller even started in a 25 s window; the window is long
        // because it costs nothing when the callers come at once.
        let marker = test.root.appendingPathComponent("locked").path
        let release = test.root.appendingPathComponent("release").path
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [lockFile, "-c", "touch '\(marker)'; for i in $(seq 2000); do [ -e '\(release)' ] && break; sleep 0.05; done"]
        try holder.run()
        while !FileManager.default.fileExists(atPath: marker) { try await Task.sleep(for: .milliseconds(20)) }
        let inode = try #require(try FileManager.default.attributesOfItem(atPath: lockFile)[.systemFileNumber] as? Int)

        let poolThreads = ProcessInfo.processInfo.activeProcessorCount
        let callers = poolThreads + 4
        async let conninfos = withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<callers {
                group.addTask { try await EmbeddedCluster(home: home, environment: TestCluster.environment).ensureRunning() }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        // While the holder keeps the lock, every caller comes to wait for it.
        var mostWaiting = 0
        let deadline = ContinuousClock.now.advanced(by: .seconds(90))
        while ContinuousClock.now < deadline && mostWaiting < callers {
            mostWaiting = max(mostWaiting, Self.flockWaiters(inode: inode))
            try await Task.sleep(for: .milliseconds(50))
        }
        _ = FileManager.default.createFile(atPath: release, contents: nil)
        #expect(mostWaiting > poolThreads,
                "\(mostWaiting) of \(callers) callers were waiting for the lock at once; the pool has \(poolThreads) threads")

        let started = try await conninfos
        holder.waitUntilExit()
        #expect(started.count == callers)
        #expect(Set(started).count == 1)
        #expect(postmasterCount(dataDirectory: home.appendingPathComponent("data").path) == 1)
        #expect(try psql(try #require(started.first), "select 1") == (0, "1"))
    }

    /// The flock requests blocked on the file with this inode ("-> FLOCK … maj:min:inode …").
    static func flockWaiters(inode: Int) -> Int {
        guard let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return 0 }
        return locks.split(separator: "\n").filter { line in
            line.contains("-> FLOCK") && line.split(separator: " ").contains { $0.hasSuffix(":\(inode)") }
        }.count
    }
}
