import Foundation
import Testing

/// Commands started together against the same configured database.
@Suite("Concurrent commands")
struct ConcurrencyTests {
    @Test("two db migrate at once on a fresh database both succeed")
    func concurrentMigrate() async throws {
        try await ScratchDatabase.with(migrate: false) { database in
            async let first = database.run("db", "migrate")
            async let second = database.run("db", "migrate")
            let results = try await [first, second]
            for result in results { #expect(result.status == 0, "\(result)") }
            #expect(results.contains { $0.stdout.contains("installed") }, "\(results)")
            let letters = try await database.run("letters", "--json")
            #expect(letters.status == 0, "\(letters)")
        }
    }

    @Test("two demo at once both succeed and load the example once (loading is idempotent)")
    func concurrentDemo() async throws {
        try await ScratchDatabase.with(migrate: true) { database in
            async let first = database.run("demo", "--format", "json")
            async let second = database.run("demo", "--format", "json")
            let results = try await [first, second]
            for result in results {
                #expect(result.status == 0, "\(result)")
                #expect(result.stderr.isEmpty, "\(result)")
            }
            let counts = try await database.counts(["letter", "actor", "invitation", "event"])
            #expect(counts == ["letter": 3, "actor": 6, "invitation": 1, "event": 1], "\(counts)")
        }
    }
}
