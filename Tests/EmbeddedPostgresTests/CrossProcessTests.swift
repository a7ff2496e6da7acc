import Foundation
import Testing
@testable import EmbeddedPostgres

/// The environment variable that turns the helper test below on, in the child processes only.
private let helperHomeVariable = "CHANCERY_EMB_TEST_HELPER_HOME"

@Suite("Embedded cluster across processes")
struct CrossProcessTests {
    @Test("two processes starting an absent cluster at once leave one postmaster")
    func twoProcesses() throws {
        let test = try TestCluster()
        defer { test.remove() }
        let home = test.cluster.home

        // Each child is this very test binary, running only the helper test below.
        let children = try (0..<2).map { index in
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            child.arguments = ["--testing-library", "swift-testing", "--filter", "helperEnsureRunning"]
            var environment = TestCluster.environment
            environment[helperHomeVariable] = home.path
            environment["CHANCERY_EMB_TEST_HELPER_OUTPUT"] = test.root.appendingPathComponent("conninfo-\(index)").path
            child.environment = environment
            child.standardOutput = FileHandle.nullDevice
            child.standardError = FileHandle.nullDevice
            try child.run()
            return child
        }
        for child in children { child.waitUntilExit() }

        #expect(children.map(\.terminationStatus) == [0, 0])
        let conninfos = try (0..<2).map {
            try String(contentsOf: test.root.appendingPathComponent("conninfo-\($0)"), encoding: .utf8)
        }
        #expect(conninfos[0] == conninfos[1])
        #expect(postmasterCount(dataDirectory: home.appendingPathComponent("data").path) == 1)
        #expect(try psql(conninfos[0], "select 1") == (0, "1"))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment[helperHomeVariable] != nil))
    func helperEnsureRunning() throws {
        let environment = ProcessInfo.processInfo.environment
        let home = URL(fileURLWithPath: try #require(environment[helperHomeVariable]))
        let conninfo = try EmbeddedCluster(home: home, environment: TestCluster.environment).ensureRunning()
        let output = URL(fileURLWithPath: try #require(environment["CHANCERY_EMB_TEST_HELPER_OUTPUT"]))
        try Data(conninfo.utf8).write(to: output)
    }
}
