import Foundation
import Testing

/// `chancery --version` names the release and the schema it carries, without touching a database.
@Suite("Version")
struct VersionTests {
    /// The schema version schema.sql declares, read from the source tree.
    static func declaredSchemaVersion() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let schema = try String(contentsOf: root.appendingPathComponent("schema.sql"), encoding: .utf8)
        let line = try #require(schema.split(separator: "\n").first { $0.hasPrefix("-- chancery-schema-version:") })
        return String(line.split(separator: ":")[1]).trimmingCharacters(in: .whitespaces)
    }

    @Test("--version prints the release and the schema version")
    func version() async throws {
        let (environment, home) = HelpTests.isolatedEnvironment()
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try await CLI.run(["--version"], environment: environment)
        #expect(result.status == 0, "\(result)")
        let schema = try Self.declaredSchemaVersion()
        #expect(result.stdout.wholeMatch(of: #/chancery [0-9]+\.[0-9]+\.[0-9]+ \(schema ([0-9]+)\)\n/#)?.1 == Substring(schema), "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: home.path), "--version created an embedded cluster")
    }
}
