import Foundation
import Synchronization
import Testing
@testable import EmbeddedPostgres

@Suite("Embedded cluster from async code")
struct AsyncStartTests {
    @Test("callers waiting for the lock and initdb leave the cooperative pool free")
    func asyncStartLeavesTheCooperativePoolFree() async throws {
        let test = try TestCluster()
        defer { test.remove() }
        let home = test.cluster.home
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)

        // Another process holds the lock for two seconds, as a concurrent `chancery` would.
        let marker = test.root.appendingPathComponent("locked").path
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [home.appendingPathComponent("lock").path, "-c", "touch '\(marker)'; sleep 2"]
        try holder.run()
        while !FileManager.default.fileExists(atPath: marker) { try await Task.sleep(for: .milliseconds(20)) }

        // More callers than the pool has threads (one per core): if their flock blocked the pool,
        // the ticker below could not run until the lock was released.
        let callers = ProcessInfo.processInfo.activeProcessorCount + 4
        let lockHeld = ContinuousClock.now ..< ContinuousClock.now.advanced(by: .milliseconds(1500))
        let ticks = Ticks()
        let ticker = Task {
            while !Task.isCancelled {
                ticks.record()
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        let conninfos = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<callers {
                group.addTask { try await EmbeddedCluster(home: home, environment: TestCluster.environment).ensureRunning() }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        let duringWait = ticks.count(in: lockHeld)
        #expect(duringWait >= 10, "the ticker ran \(duringWait) times in 1.5 s while \(callers) callers waited for the lock")
        ticker.cancel()
        holder.waitUntilExit()

        #expect(conninfos.count == callers)
        #expect(Set(conninfos).count == 1)
        #expect(postmasterCount(dataDirectory: home.appendingPathComponent("data").path) == 1)
        #expect(try psql(try #require(conninfos.first), "select 1") == (0, "1"))
    }
}

/// When a task on the cooperative pool got to run.
private final class Ticks: Sendable {
    private let times = Mutex<[ContinuousClock.Instant]>([])

    func record() { times.withLock { $0.append(.now) } }

    func count(in window: Range<ContinuousClock.Instant>) -> Int {
        times.withLock { $0.filter(window.contains).count }
    }
}
