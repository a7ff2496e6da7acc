import ChanceryCore
import ChanceryHTTP
import Hummingbird
import HummingbirdTesting
import LibPQClient
import Logging
import Testing

/// `/healthz` says which build answers, so an operator sees the running version from outside.
@Suite("Health and version")
struct HealthTests {
    @Test func healthNamesTheReleaseAndTheSchemaVersion() async throws {
        // Liveness needs no database: this one is never there (port 1 refuses at once).
        let database = ChanceryDatabase(configuration: PostgresConfiguration(conninfo: "host=127.0.0.1 port=1 connect_timeout=2"),
                                        changedBy: "test", maximumConnections: 1)
        var logger = Logger(label: "chancery-test")
        logger.logLevel = .critical
        try await Application(router: ChanceryAPI(database: database).router(), logger: logger).test(.router) { client in
            let health = try await client.call(.get, "/healthz")
            #expect(health.status == .ok)
            #expect(health.object["status"] as? String == "ok")
            #expect(health.object["version"] as? String == ChanceryVersion.release)
            #expect(health.object["schemaVersion"] as? Int == SchemaMigrator.bundledVersion)
        }
        await database.close()
    }

    @Test func theVersionLineNamesBoth() {
        #expect(ChanceryVersion.description == "chancery \(ChanceryVersion.release) (schema \(SchemaMigrator.bundledVersion))")
        #expect(ChanceryVersion.release.wholeMatch(of: #/[0-9]+\.[0-9]+\.[0-9]+/#) != nil)
    }
}
