@testable import ChanceryCore
import LibPQClient
import Testing
import ChanceryModel

/// A source cited again when a letter is logged: what it gains, what it refuses.
@Suite("Citing a source already recorded")
struct SourceCitingTests {
    private static func stored(_ database: ChanceryDatabase) async throws -> [String?] {
        try await database.read { connection in
            let row = try await connection.query(
                "SELECT publisher, excerpt, published_edtf FROM source WHERE url = 'https://example.org/report'").rows[0]
            return [try row.decode("publisher"), try row.decode("excerpt"), try row.decode("published_edtf")]
        }
    }

    @Test("it gains the fields it lacks; another value for one it has is refused, naming both, and nothing is written")
    func gainsOrRefuses() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            var first = sampleLetter(subject: "First")
            first.sources = [SourceDraft(title: "A report", url: "https://example.org/report")]
            _ = try await letters.add(first)
            #expect(try await Self.stored(database) == [nil, nil, nil])

            var second = sampleLetter(subject: "Second")
            second.sources = [SourceDraft(title: "A report", url: "https://example.org/report", publisher: "AFP", published: "2022-05-13",
                                          excerpt: "The summit opened.")]
            _ = try await letters.add(second)
            #expect(try await Self.stored(database) == ["AFP", "The summit opened.", "2022-05-13"])

            let before = try await rowCounts(database)
            var third = sampleLetter(subject: "Third")
            third.sources = [SourceDraft(title: "A report", url: "https://example.org/report", publisher: "Reuters")]
            let refusal = await #expect(throws: ChanceryError.self) { try await letters.add(third) }
            #expect(refusal?.kind == .conflict && refusal?.field == "source-publisher")
            #expect(refusal?.message == "source 'A report' is recorded with the publisher 'AFP', not 'Reuters'", "\(refusal?.message ?? "")")
            #expect(try await rowCounts(database) == before)

            // Cited as recorded, or with what it has, it is simply cited.
            var fourth = sampleLetter(subject: "Fourth")
            fourth.sources = [SourceDraft(title: "A report", url: "https://example.org/report", publisher: "AFP")]
            _ = try await letters.add(fourth)
        }
    }
}
