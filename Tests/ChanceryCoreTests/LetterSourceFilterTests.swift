@testable import ChanceryCore
import ChanceryInterchange
import Foundation
import TestFiles
import Testing
import ChanceryModel

/// Letters by the source they cite or were imported from (`letters --source`, `?source=`).
@Suite("Letters by source")
struct LetterSourceFilterTests {
    private static let foundingLetters = ["KH-US-2022-001", "US-ASEAN-2022-001", "US-KH-2022-001"]

    /// The founding example with an edition of two letters imported, one of which also cites the
    /// founding article; the article's number.
    private static func withEdition(_ body: (ChanceryDatabase, Int64) async throws -> Void) async throws {
        try await withChancery(foundingExample: true) { database in
            let article = try await SourceService(database: database).show("1")
            try await withTemporaryFolder { folder in
                let edition = #""provenance":{"kind":"edition","title":"Letters of the Summit"}"#
                let citing = #","sources":[{"kind":"\#(article.kind.rawValue)","title":"\#(article.title)"}]"#
                let path = try writeDataset([
                    letterRecord("ED-1", date: "2022-05-02", subject: "First of the edition", extra: #","key":"e1",\#(edition)"#),
                    letterRecord("ED-2", date: "2022-05-09", subject: "Second of the edition", extra: #","key":"e2",\#(edition)\#(citing)"#),
                    letterRecord("OTHER-1", date: "2022-05-03", subject: "From nowhere"),
                ], named: "edition.jsonl", in: folder)
                let report = try await ImportService(database: database).run([path], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(new: 3))
            }
            try await body(database, article.id)
        }
    }

    private static func refs(_ database: ChanceryDatabase, _ configure: (inout LetterQuery) -> Void) async throws -> [String] {
        var query = LetterQuery()
        configure(&query)
        return try await LetterService(database: database).list(query).map(\.ref)
    }

    @Test("a source finds the letters citing it and those imported from it, by number or title, in date order; other filters narrow it")
    func lettersOfASource() async throws {
        try await Self.withEdition { database, article in
            let byNumber = try await Self.refs(database) { $0.source = String(article) }
            #expect(Set(byNumber.prefix(3)) == Set(Self.foundingLetters) && byNumber.last == "ED-2" && byNumber.count == 4)
            let record = try await SourceService(database: database).show(String(article))
            // (The founding article has no URL: the edition below is found by its title too.)
            #expect(try await Self.refs(database) { $0.source = record.title.uppercased() } == byNumber)
            // An edition's letters: the imported ones, whether or not they cite it as well.
            #expect(try await Self.refs(database) { $0.source = "letters of the summit" } == ["ED-1", "ED-2"])
            #expect(try await Self.refs(database) { $0.source = String(article); $0.since = "2022-05" } == ["ED-2"])
            #expect(try await Self.refs(database) { $0.source = String(article); $0.person = "Hun Sen"; $0.limit = 2 }.count == 2)
            let facets = try await LetterService(database: database).facets({ var q = LetterQuery(); q.source = String(article); return q }())
            #expect(facets?.total == 4)
            #expect(record.hasLetters)
        }
    }

    @Test("a deleted letter leaves the source's letters; a source without letters selects none; an unknown source is named")
    func deletedAndUnknown() async throws {
        try await Self.withEdition { database, article in
            try await LetterService(database: database).delete("ED-2", ifRevision: nil)
            #expect(try await Self.refs(database) { $0.source = String(article) }.count == 3)
            #expect(try await Self.refs(database) { $0.source = "Letters of the Summit" } == ["ED-1"])

            let unused = try await database.write { connection in
                try await connection.query("INSERT INTO source (kind, title) VALUES ('news', 'Cited by nothing') RETURNING id")
                    .rows[0].decode("id", as: Int64.self)
            }
            #expect(try await Self.refs(database) { $0.source = String(unused) } == [])
            #expect(try await SourceService(database: database).show(String(unused)).hasLetters == false)

            let unknown = await #expect(throws: ChanceryError.self) { try await Self.refs(database) { $0.source = "The Unwritten Chronicle" } }
            #expect(unknown?.kind == .notFound && unknown?.field == "source")
        }
    }
}
