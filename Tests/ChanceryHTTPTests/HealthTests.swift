import ChanceryCore
import ChanceryHTTP
import Testing

/// `/healthz` says which build answers, so an operator sees the running version from outside.
@Suite("Health and version")
struct HealthTests {
    @Test func healthNamesTheReleaseAndTheSchemaVersion() async throws {
        try await APIHarness.run(seed: false) { _, client in
            let health = try await client.call(.get, "/healthz")
            #expect(health.status == .ok)
            #expect(health.object["status"] as? String == "ok")
            #expect(health.object["version"] as? String == ChanceryVersion.release)
            #expect(health.object["schemaVersion"] as? Int == SchemaMigrator.bundledVersion)
        }
    }

    @Test func theVersionLineNamesBoth() {
        #expect(ChanceryVersion.description == "chancery \(ChanceryVersion.release) (schema \(SchemaMigrator.bundledVersion))")
        #expect(ChanceryVersion.release.wholeMatch(of: #/[0-9]+\.[0-9]+\.[0-9]+/#) != nil)
    }
}
