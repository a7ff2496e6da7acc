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

    @Test("cited as recorded it is simply cited; another value, or one it lacks, is refused naming both, and nothing is written")
    func citedAsRecordedOrRefused() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            var first = sampleLetter(subject: "First")
            first.sources = [SourceDraft(title: "A report", url: "https://example.org/report", publisher: "AFP", published: "2022-05-13")]
            _ = try await letters.add(first)
            #expect(try await Self.stored(database) == ["AFP", nil, "2022-05-13"])

            var second = sampleLetter(subject: "Second")
            second.sources = [SourceDraft(title: "A report", url: "https://example.org/report", publisher: "AFP",
                                          quote: "The summit opened.")]
            _ = try await letters.add(second)

            let before = try await rowCounts(database)
            for (source, field, message) in [
                (SourceDraft(title: "A report", url: "https://example.org/report", publisher: "Reuters"), "source-publisher",
                 "source 'A report' is recorded with the publisher 'AFP', not 'Reuters'"),
                (SourceDraft(title: "A report", url: "https://example.org/report", excerpt: "The summit opened."), "source-excerpt",
                 "source 'A report' is recorded without an excerpt; this citation gives 'The summit opened.'"),
            ] {
                var third = sampleLetter(subject: "Third")
                third.sources = [source]
                let refusal = await #expect(throws: ChanceryError.self) { try await letters.add(third) }
                #expect(refusal?.kind == .conflict && refusal?.field == field)
                #expect(refusal?.message == message, "\(refusal?.message ?? "")")
            }
            #expect(try await rowCounts(database) == before)
            #expect(try await Self.stored(database) == ["AFP", nil, "2022-05-13"])
        }
    }
}
