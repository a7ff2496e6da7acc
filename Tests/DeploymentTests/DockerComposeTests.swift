import Foundation
import Testing

/// No Docker engine runs where the tests do, so these read the deployment files and check the
/// structure the README promises: PostgreSQL 15 with a named volume and a healthcheck, and a
/// chancery service built from the Dockerfile, reaching it through DATABASE_URL and migrating on start.
@Suite("Deployment files")
struct DockerComposeTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func read(_ name: String) throws -> String {
        try String(contentsOf: Self.root.appending(path: name), encoding: .utf8)
    }

    /// The lines of a top-level (or nested) YAML block: everything indented under `key:`.
    private func block(_ key: String, in lines: [Substring], indent: Int) -> [Substring] {
        let prefix = String(repeating: " ", count: indent) + key + ":"
        guard let start = lines.firstIndex(where: { $0.hasPrefix(prefix) }) else { return [] }
        var body: [Substring] = []
        for line in lines[(start + 1)...] {
            let leading = line.prefix { $0 == " " }.count
            if !line.trimmingCharacters(in: .whitespaces).isEmpty && leading <= indent && !line.hasPrefix(String(repeating: " ", count: indent) + "#") {
                break
            }
            body.append(line)
        }
        return body
    }

    @Test("docker-compose.yml: PostgreSQL 15 with a named volume and a healthcheck")
    func database() throws {
        let lines = try read("docker-compose.yml").split(separator: "\n", omittingEmptySubsequences: false)
        let services = block("services", in: lines, indent: 0)
        let db = block("db", in: services, indent: 2)
        #expect(db.contains { $0.trimmingCharacters(in: .whitespaces) == "image: postgres:15" })
        #expect(db.contains { $0.contains("chancery-data:/var/lib/postgresql/data") })
        let healthcheck = block("healthcheck", in: db, indent: 4)
        #expect(healthcheck.contains { $0.contains("pg_isready") })
        #expect(block("volumes", in: lines, indent: 0).contains { $0.trimmingCharacters(in: .whitespaces) == "chancery-data:" })
    }

    @Test("docker-compose.yml: chancery is built from the Dockerfile, waits for a healthy database, uses DATABASE_URL")
    func application() throws {
        let lines = try read("docker-compose.yml").split(separator: "\n", omittingEmptySubsequences: false)
        let chancery = block("chancery", in: block("services", in: lines, indent: 0), indent: 2)
        #expect(block("build", in: chancery, indent: 4).contains { $0.contains("dockerfile: Dockerfile") })
        #expect(block("depends_on", in: chancery, indent: 4).contains { $0.contains("condition: service_healthy") })
        #expect(block("environment", in: chancery, indent: 4).contains { $0.contains("DATABASE_URL: postgres://") && $0.contains("@db:5432/") })
    }

    @Test("the Dockerfile builds from an official Swift image and migrates on start")
    func dockerfile() throws {
        let dockerfile = try read("Dockerfile")
        #expect(dockerfile.contains("FROM swift:6"))
        #expect(dockerfile.contains("libpq"))
        #expect(dockerfile.contains("ENTRYPOINT"))
        let entrypoint = try read("scripts/docker-entrypoint.sh")
        #expect(entrypoint.contains("chancery db migrate"))
        #expect(entrypoint.contains("exec \"$@\""))
    }
}
