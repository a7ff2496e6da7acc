import Foundation
import Testing
@testable import EmbeddedPostgres
#if canImport(Glibc)
import Glibc
#endif

@Suite("Embedded cluster location fallbacks")
struct ClusterLocationTests {
    @Test("a home the postgres account cannot reach puts the cluster in /var/lib/chancery", .enabled(if: getuid() == 0))
    func unreachableHome() throws {
        let test = try TestCluster(rootMode: 0o700)
        defer { test.remove() }
        let cluster = test.cluster

        let conninfo = try cluster.ensureRunning()
        guard case .running(_, let data, let socket) = try cluster.status() else {
            Issue.record("not running: \(try cluster.status())")
            return
        }
        let fallback = LayoutResolver(home: cluster.home.path).fallbackBase
        #expect(fallback.hasPrefix("/var/lib/chancery/"))
        #expect(data == fallback + "/data")
        #expect(socket == fallback + "/run")
        let recorded = try String(contentsOf: cluster.home.appendingPathComponent("cluster-location"), encoding: .utf8)
        #expect(data == recorded.trimmingCharacters(in: .whitespacesAndNewlines) + "/data")
        #expect(try psql(conninfo, "select 1") == (0, "1"))

        // The next command reads the recorded location instead of deciding afresh.
        #expect(try cluster.stop() == true)
        let later = EmbeddedCluster(home: cluster.home, environment: TestCluster.environment)
        #expect(try later.status() == .stopped(dataDirectory: data))
        #expect(try later.ensureRunning() == conninfo)

        let base = URL(fileURLWithPath: data).deletingLastPathComponent().path
        #expect(try later.destroy() == true)
        #expect(!FileManager.default.fileExists(atPath: base))
        #expect(try later.status() == .absent)
    }

    @Test("a home too deep for a Unix socket path keeps its data but moves the socket")
    func longHome() throws {
        let test = try TestCluster(homeRelativePath: String(repeating: "deep-", count: 16) + "/.chancery")
        defer { test.remove() }
        let cluster = test.cluster
        #expect((cluster.home.path + "/run/.s.PGSQL.5432").utf8.count > 107)

        let conninfo = try cluster.ensureRunning()
        guard case .running(_, let data, let socket) = try cluster.status() else {
            Issue.record("not running: \(try cluster.status())")
            return
        }
        #expect(data.hasPrefix(test.root.path))
        #expect(socket == LayoutResolver(home: cluster.home.path).fallbackBase + "/run")
        #expect((socket + "/.s.PGSQL.5432").utf8.count <= 107)
        #expect(try psql(conninfo, "select 1") == (0, "1"))
        #expect(try psql(try cluster.url, "select 2") == (0, "2"))
    }
}
