import Foundation
import Testing
@testable import EmbeddedPostgres

@Suite("Embedded cluster lifecycle")
struct ClusterLifecycleTests {
    @Test("absent → running → stopped → running again, keeping data")
    func lifecycle() throws {
        let test = try TestCluster()
        defer { test.remove() }
        let cluster = test.cluster

        #expect(try cluster.status() == .absent)
        #expect(try cluster.stop() == false)

        let conninfo = try cluster.ensureRunning()
        #expect(conninfo == (try cluster.conninfo))
        let socket = test.root.appendingPathComponent(".chancery/run").path
        let data = test.root.appendingPathComponent(".chancery/data").path
        #expect(conninfo == "host=\(socket) port=5432 user=chancery dbname=chancery")
        let pid = try #require(try runningPID(cluster))
        #expect(try cluster.status() == .running(pid: pid, dataDirectory: data, socketDirectory: socket))
        #expect(FileManager.default.fileExists(atPath: test.root.appendingPathComponent(".chancery/server.log").path))
        #expect(!FileManager.default.fileExists(atPath: test.root.appendingPathComponent(".chancery/cluster-location").path))

        #expect(try psql(conninfo, "select 1") == (0, "1"))
        #expect(try psql(try cluster.url, "select current_user || ' ' || current_database()") == (0, "chancery chancery"))
        #expect(try psql(conninfo, "show listen_addresses") == (0, ""))
        #expect(try psql(conninfo, "select pg_encoding_to_char(encoding) from pg_database where datname = 'chancery'") == (0, "UTF8"))

        // A second call finds the server ready and changes nothing.
        #expect(try cluster.ensureRunning() == conninfo)
        #expect(try runningPID(cluster) == pid)

        #expect(try psql(conninfo, "create table kept (n int); insert into kept values (42)").status == 0)
        #expect(try cluster.stop() == true)
        #expect(try cluster.status() == .stopped(dataDirectory: data))
        #expect(try cluster.stop() == false)

        // A fresh value (as the next command would make) restarts the same cluster.
        let again = EmbeddedCluster(home: cluster.home, environment: TestCluster.environment)
        #expect(try again.ensureRunning() == conninfo)
        #expect(try runningPID(again) != nil)
        #expect(try psql(conninfo, "select n from kept") == (0, "42"))

        #expect(try again.destroy() == true)
        #expect(try again.status() == .absent)
    }

    @Test("a server whose socket file was removed is reported unreachable, and the next call restarts it")
    func socketRemoved() throws {
        let test = try TestCluster()
        defer { test.remove() }
        let cluster = test.cluster
        let conninfo = try cluster.ensureRunning()
        #expect(try psql(conninfo, "create table kept (n int); insert into kept values (7)").status == 0)
        let pid = try #require(try runningPID(cluster))
        let socket = test.root.appendingPathComponent(".chancery/run/.s.PGSQL.5432").path
        try FileManager.default.removeItem(atPath: socket)
        #expect(try psql(conninfo, "select 1").status != 0)
        let data = test.root.appendingPathComponent(".chancery/data").path
        #expect(try cluster.status() == .unreachable(pid: pid, dataDirectory: data, socketPath: socket))
        #expect(try cluster.status().description.contains("its socket \(socket) is gone"))

        #expect(try cluster.ensureRunning() == conninfo)
        let restarted = try #require(try runningPID(cluster))
        #expect(restarted != pid)
        #expect(try psql(conninfo, "select n from kept") == (0, "7"))
        #expect(try cluster.stop() == true)
    }

    @Test("concurrent first calls wait for the lock, all succeed, one postmaster")
    func concurrentStart() throws {
        let test = try TestCluster()
        defer { test.remove() }
        let home = test.cluster.home
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)

        // Another process holds the lock, as a concurrent `chancery` command would: flock(1) uses
        // the same flock(2) lock, so this proves the exclusion works across processes.
        let marker = test.root.appendingPathComponent("locked").path
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [home.appendingPathComponent("lock").path, "-c", "touch '\(marker)'; sleep 2"]
        try holder.run()
        while !FileManager.default.fileExists(atPath: marker) { usleep(20_000) }

        let started = Date()
        let results = Results()
        let group = DispatchGroup()
        for _ in 0..<4 {
            group.enter()
            let thread = Thread {
                let cluster = EmbeddedCluster(home: home, environment: TestCluster.environment)
                results.append(Result { try cluster.ensureRunning() })
                group.leave()
            }
            thread.start()
        }
        group.wait()
        holder.waitUntilExit()
        let elapsed = Date().timeIntervalSince(started)

        #expect(elapsed >= 1.5, "the callers must have waited for the lock held by flock(1)")
        let conninfos = results.values.compactMap { try? $0.get() }
        for result in results.values {
            if case .failure(let error) = result { Issue.record(error) }
        }
        #expect(conninfos.count == 4)
        #expect(Set(conninfos).count == 1)
        let data = home.appendingPathComponent("data").path
        #expect(postmasterCount(dataDirectory: data) == 1)
        #expect(try psql(try #require(conninfos.first), "select 1") == (0, "1"))
    }
}

/// Results gathered from several threads.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Result<String, any Error>] = []

    func append(_ result: Result<String, any Error>) {
        lock.withLock { stored.append(result) }
    }

    var values: [Result<String, any Error>] {
        lock.withLock { stored }
    }
}
