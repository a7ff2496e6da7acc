@testable import ChanceryCore
import ChanceryModel
import LibPQClient
import Testing
import TestSupport

/// A text search's plan depends on its word: through one connection, `GET /v1/letters?text=…`
/// took 5 ms for its first five runs and 45 ms from the sixth on, when PostgreSQL switched the
/// prepared statement to a generic plan (issue 15). Statements with a text match are now planned
/// for each search, so they are never among the connection's prepared statements.
@Suite("Text searches are planned for their words")
struct SearchPlanningTests {
    @Test("after many searches through one connection, no statement matching text is prepared; the others are")
    func textMatchesAreNotPrepared() async throws {
        try await TestDatabase.withScratchDatabase { configuration in
            let database = ChanceryDatabase(configuration: configuration, changedBy: "test", maximumConnections: 1)
            do {
                _ = try await database.migrate()
                _ = try await FoundingExample.load(into: database)
                let letters = LetterService(database: database)
                for _ in 1...7 {
                    var byText = LetterQuery()
                    byText.text = "summit"
                    #expect(try await letters.list(byText).count >= 1)
                    var byCountry = LetterQuery()
                    byCountry.country = "KH"
                    #expect(try await letters.list(byCountry).count == 2)
                    _ = try await SearchService(database: database).search("Cambodian summit")
                    _ = try await letters.suggestions(for: "summit")
                }
                let prepared = try await database.read { connection in
                    try await connection.query("SELECT statement FROM pg_prepared_statements WHERE \(true)").rows
                        .map { try $0.decode("statement", as: String.self) }
                }
                #expect(!prepared.isEmpty)
                #expect(prepared.filter { $0.contains("@@") }.isEmpty, "\(prepared.filter { $0.contains("@@") })")
            } catch {
                await database.close()
                throw error
            }
            await database.close()
        }
    }
}
