import Foundation
import Testing
import Yams

/// No Docker engine runs where the tests do, so these read the deployment files and check the
/// structure the README promises: PostgreSQL 15 with a named volume and a healthcheck, and a
/// chancery service built from the Dockerfile, reaching it through DATABASE_URL and migrating on start.
@Suite("Deployment files")
struct DockerComposeTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func read(_ name: String) throws -> String {
        try String(contentsOf: Self.root.appending(path: name), encoding: .utf8)
    }

    /// docker-compose.yml parsed by a YAML library, so the checks see its structure, not its indentation.
    private func compose() throws -> ComposeFile {
        try YAMLDecoder().decode(ComposeFile.self, from: read("docker-compose.yml"))
    }

    @Test("docker-compose.yml: PostgreSQL 15 with a named volume and a healthcheck")
    func database() throws {
        let compose = try compose()
        let db = try #require(compose.services["db"])
        #expect(db.image == "postgres:15")
        #expect(db.volumes?.contains("chancery-data:/var/lib/postgresql/data") == true)
        #expect(db.healthcheck?.test.contains { $0.contains("pg_isready") } == true)
        #expect(compose.volumes?.keys.contains("chancery-data") == true)
    }

    @Test("docker-compose.yml: chancery is built from the Dockerfile, waits for a healthy database, uses DATABASE_URL")
    func application() throws {
        let chancery = try #require(try compose().services["chancery"])
        #expect(chancery.build?.dockerfile == "Dockerfile")
        #expect(chancery.dependsOn?["db"]?.condition == "service_healthy")
        let url = try #require(chancery.environment?["DATABASE_URL"])
        #expect(url.hasPrefix("postgres://") && url.contains("@db:5432/"))
    }

    @Test("docker-compose.yml's standby profile: a streaming standby copied from db, and the service reading from it")
    func standbyProfile() throws {
        let compose = try compose()
        let db = try #require(compose.services["db"])
        #expect(db.volumes?.contains { $0.hasPrefix("./deploy/postgres/primary-replication.sh:/docker-entrypoint-initdb.d/") } == true)
        let standby = try #require(compose.services["db-standby"])
        #expect(standby.profiles == ["standby"])
        #expect(standby.image == db.image)
        #expect(standby.dependsOn?["db"]?.condition == "service_healthy")
        #expect(standby.environment?["PRIMARY_HOST"] == "db")
        #expect(compose.volumes?.keys.contains("chancery-standby-data") == true)
        let entrypoint = try read("deploy/postgres/standby-entrypoint.sh")
        #expect(entrypoint.contains("pg_basebackup") && entrypoint.contains(" -R ") && entrypoint.contains("exec docker-entrypoint.sh postgres"))
        #expect(try read("deploy/postgres/primary-replication.sh").contains("host replication replicator"))
        let replicated = try #require(compose.services["chancery-replicated"])
        #expect(replicated.profiles == ["standby"])
        #expect(replicated.dependsOn?["db-standby"]?.condition == "service_healthy")
        #expect(replicated.environment?["DATABASE_URL"]?.contains("@db:5432/") == true)
        #expect(replicated.environment?["DATABASE_READ_URL"]?.contains("@db-standby:5432/") == true)
        // Without the profile nothing changes: the default services read from the primary alone.
        #expect(compose.services["chancery"]?.environment?["DATABASE_READ_URL"] == nil)
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
