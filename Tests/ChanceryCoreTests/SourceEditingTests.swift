@testable import ChanceryCore
import Foundation
import LibPQClient
import TestFiles
import ChanceryInterchange
import Testing
import ChanceryModel

/// Sources found, read, corrected and removed: `SourceService`.
@Suite("Correcting sources")
struct SourceEditingTests {
    private static let article = "Exchange of Correspondence Between Cambodia’s Prime Minister , 2022 ASEAN Chair and US President Joe Biden"

    private static func revisions(_ database: ChanceryDatabase, _ refs: [String]) async throws -> [Int] {
        var revisions: [Int] = []
        for ref in refs { revisions.append(try await LetterService(database: database).show(ref).revision) }
        return revisions
    }

    @Test("the founding article lists with its five citations and shows them, letters first by date and reference; filters narrow the list")
    func listAndShow() async throws {
        try await withChancery(foundingExample: true) { database in
            let sources = SourceService(database: database)
            let page = try await sources.list()
            #expect(page.total == 1 && page.sources.map(\.title) == [Self.article])
            #expect(page.sources[0].citations == 5 && page.sources[0].lettersImported == 0)
            #expect(try await sources.list(containing: "ASEAN CHAIR").total == 1)
            #expect(try await sources.list(containing: "reuters").total == 0)
            #expect(try await sources.list(kind: .edition).total == 0)
            let refused = await #expect(throws: ChanceryError.self) { try await sources.list(limit: 0) }
            #expect(refused?.field == "limit")

            let record = try await sources.show(Self.article.uppercased())
            #expect(record.id == page.sources[0].id && record.revision == 1 && record.citationCount == 5)
            #expect(record.citations.map(\.subject) == [.letter, .letter, .letter, .invitation, .event])
            // The three letters share their date (2022-01/2022-04), so their references order them.
            #expect(record.citations.map(\.ref).prefix(3) == ["KH-US-2022-001", "US-ASEAN-2022-001", "US-KH-2022-001"])
            #expect(record.citations.allSatisfy { $0.quote != nil })
            #expect(try await sources.show(String(record.id)).title == Self.article)
            let missing = await #expect(throws: ChanceryError.self) { try await sources.show("Exchange of Correspondence") }
            #expect(missing?.kind == .notFound && missing?.candidates.first == "\(record.id) — \(Self.article)")
            let letter = try await LetterService(database: database).show("US-KH-2022-001")
            #expect(letter.sources.map(\.id) == [record.id])
        }
    }

    @Test("a correction writes the source's new revision and history, and moves the revisions of the letters showing what changed")
    func correctionMovesCitingLetters() async throws {
        try await withChancery(foundingExample: true) { database in
            let sources = SourceService(database: database)
            let citing = ["US-KH-2022-001", "US-ASEAN-2022-001", "KH-US-2022-001"]
            var other = sampleLetter(subject: "Not citing the article")
            other.ref = "US-KH-2022-090"
            _ = try await LetterService(database: database).add(other)
            let before = try await Self.revisions(database, citing + ["US-KH-2022-090"])

            var changes = SourceChanges()
            changes.publisher = .set(" Khmer Times ")
            changes.published = .set("2022-02")
            let edited = try await sources.edit("1", ifRevision: 1, changes)
            #expect(edited.publisher == "Khmer Times" && edited.published?.edtf == "2022-02" && edited.revision == 2)
            let after = try await Self.revisions(database, citing + ["US-KH-2022-090"])
            #expect(after == before.prefix(3).map { $0 + 1 } + [before[3]])
            #expect(try await LetterService(database: database).show("KH-US-2022-001").sources.first?.publisher == "Khmer Times")

            // The excerpt and the day it was read are not shown with a letter: its revision stays.
            var unseen = SourceChanges()
            unseen.excerpt = .clear
            unseen.retrieved = .set("2022-02-15")
            let quiet = try await sources.edit("1", unseen)
            #expect(quiet.excerpt == nil && quiet.retrieved == "2022-02-15" && quiet.revision == 3)
            #expect(try await Self.revisions(database, citing) == Array(after.prefix(3)))

            // Saving the same values again (a form sends every field) is no new revision, and no history.
            var same = SourceChanges()
            same.publisher = .set("Khmer Times")
            #expect(try await sources.edit("1", same).revision == 3)

            let history = try await database.read { connection in
                try await connection.query(
                    """
                    SELECT changed_by, after ->> 'publisher' AS publisher FROM history
                    WHERE table_name = 'source' AND operation = 'UPDATE' ORDER BY id
                    """).rows.map { [try $0.decode("changed_by", as: String.self), try $0.decode("publisher", as: String?.self) ?? ""] }
            }
            #expect(history == [["test-suite", "Khmer Times"], ["test-suite", "Khmer Times"]])
        }
    }

    @Test("a stale revision, a bad value or nothing to change is refused and writes nothing")
    func refusals() async throws {
        try await withChancery(foundingExample: true) { database in
            let sources = SourceService(database: database)
            let before = try await rowCounts(database)
            var publisher = SourceChanges()
            publisher.publisher = .set("AFP")
            var badURL = SourceChanges()
            badURL.url = .set("ftp://example.org/a")
            var badDay = SourceChanges()
            badDay.retrieved = .set("2022-02")
            var badDate = SourceChanges()
            badDate.published = .set("Feb 2022")
            var blankTitle = SourceChanges()
            blankTitle.title = "  "
            for (changes, revision, kind, field) in [
                (publisher, 7, ChanceryError.Kind.stale, "revision"), (badURL, nil, .invalidInput, "url"),
                (badDay, nil, .invalidInput, "retrieved"), (badDate, nil, .invalidInput, "published"),
                (blankTitle, nil, .invalidInput, "title"), (SourceChanges(), nil, .invalidInput, nil),
            ] as [(SourceChanges, Int?, ChanceryError.Kind, String?)] {
                let refusal = await #expect(throws: ChanceryError.self) { try await sources.edit("1", ifRevision: revision, changes) }
                #expect(refusal?.kind == kind && refusal?.field == field, "\(String(describing: refusal))")
            }
            #expect(try await rowCounts(database) == before)
            #expect(try await sources.show("1").revision == 1)
        }
    }

    @Test("a URL or title another source has is refused; a title shared by sources with URLs is ambiguous until named by number")
    func identityClashes() async throws {
        try await withChancery(foundingExample: true) { database in
            let sources = SourceService(database: database)
            let (reportID, printedID, twinID) = try await database.write { connection in
                let recorder = SourceRecorder(connection: connection)
                return (try await recorder.record(SourceDraft(title: "Summit report", url: "https://example.org/report")),
                        try await recorder.record(SourceDraft(kind: .book, title: "Printed history")),
                        try await recorder.record(SourceDraft(title: "Summit report", url: "https://example.org/report-2")))
            }
            var sameURL = SourceChanges()
            sameURL.url = .set("https://example.org/report")
            let urlClash = await #expect(throws: ChanceryError.self) { try await sources.edit("\(twinID)", sameURL) }
            #expect(urlClash?.kind == .conflict && urlClash?.field == "url" && urlClash?.message.contains("source \(reportID)") == true)

            var sameTitle = SourceChanges()
            sameTitle.title = "Printed history"
            sameTitle.url = .clear
            let titleClash = await #expect(throws: ChanceryError.self) { try await sources.edit("\(reportID)", sameTitle) }
            #expect(titleClash?.kind == .conflict && titleClash?.field == "title")

            let ambiguous = await #expect(throws: ChanceryError.self) { try await sources.show("summit report") }
            #expect(ambiguous?.kind == .ambiguous
                    && ambiguous?.candidates == ["\(reportID) — https://example.org/report", "\(twinID) — https://example.org/report-2"])
            #expect(try await sources.show("https://example.org/report-2").id == twinID)
            #expect(try await sources.show("printed HISTORY").id == printedID)
        }
    }

    @Test("an edition's URL or title stays while letters imported from it do; its other fields can be corrected")
    func editionIdentityStays() async throws {
        try await withChancery(foundingExample: true) { database in
            try await withTemporaryFolder { folder in
                let letter = #"{"type":"letter","from":[{"name":"Joe Biden"}],"to":[{"name":"Hun Sen"}],"date":"2022-06","subject":"Thanks","key":"k1","provenance":{"kind":"edition","title":"Test edition"}}"#
                let path = try writeDataset([letter], named: "in.jsonl", in: folder)
                _ = try await ImportService(database: database).run([path], options: ImportOptions())
                let sources = SourceService(database: database)
                let edition = try await sources.show("Test edition")
                #expect(edition.lettersImported == 1 && edition.citationCount == 0)
                #expect(try await sources.list(kind: .edition).sources.map(\.lettersImported) == [1])

                for (changes, field) in [({ var c = SourceChanges(); c.title = "Renamed edition"; return c }(), "title"),
                                         ({ var c = SourceChanges(); c.url = .set("https://example.org/edition"); return c }(), "url")] {
                    let refusal = await #expect(throws: ChanceryError.self) { try await sources.edit("Test edition", changes) }
                    #expect(refusal?.kind == .conflict && refusal?.field == field && refusal?.message.contains("imported") == true)
                }
                var publisher = SourceChanges()
                publisher.publisher = .set("Test press")
                #expect(try await sources.edit("Test edition", publisher).publisher == "Test press")

                let again = try await ImportService(database: database).run([path], options: ImportOptions())
                #expect(again.counts["letter"] == ImportCounts(unchanged: 1))

                let inUse = await #expect(throws: ChanceryError.self) { try await sources.delete("Test edition") }
                #expect(inUse?.kind == .conflict && inUse?.message.contains("1 imported letter") == true)
            }
        }
    }

    @Test("a source nothing rests on can be removed, leaving its history; a cited one cannot")
    func removal() async throws {
        try await withChancery(foundingExample: true) { database in
            let sources = SourceService(database: database)
            let id = try await database.write { connection in
                try await SourceRecorder(connection: connection).record(SourceDraft(title: "Unused", url: "https://example.org/unused"))
            }
            let cited = await #expect(throws: ChanceryError.self) { try await sources.delete("1") }
            #expect(cited?.kind == .conflict && cited?.message.contains("5 citations") == true)
            let stale = await #expect(throws: ChanceryError.self) { try await sources.delete("\(id)", ifRevision: 2) }
            #expect(stale?.kind == .stale)
            try await sources.delete("https://example.org/unused", ifRevision: 1)
            #expect(try await sources.list().total == 1)
            let deleted = try await database.read { connection in
                try await connection.query("SELECT count(*) AS n FROM history WHERE table_name = 'source' AND operation = 'DELETE'")
                    .rows[0].decode("n", as: Int.self)
            }
            #expect(deleted == 1)
        }
    }

    @Test("a title is found whatever its whitespace (a headline's no-break space), and a title that is a number when no source has it")
    func titlesFoundAsTyped() async throws {
        try await withChancery(foundingExample: true) { database in
            let (french, year) = try await database.write { connection in
                let recorder = SourceRecorder(connection: connection)
                return (try await recorder.record(SourceDraft(title: "Lettre du président\u{00A0}: réponse")),
                        try await recorder.record(SourceDraft(kind: .book, title: "1848")))
            }
            let sources = SourceService(database: database)
            #expect(try await sources.show("Lettre du président\u{00A0}: réponse").id == french)
            #expect(try await sources.show("lettre du  président : réponse").id == french)
            #expect(try await sources.show("1848").id == year)
            let missing = await #expect(throws: ChanceryError.self) { try await sources.show("1849") }
            #expect(missing?.kind == .notFound && missing?.message == "no source number or title '1849'" && missing?.next == [.listSources])
        }
    }

    @Test("a source cited only by a deleted letter is said to be, by the letter's reference")
    func citedByDeletedLetter() async throws {
        try await withChancery(foundingExample: true) { database in
            var letter = sampleLetter(subject: "Citing a report")
            letter.ref = "US-KH-2022-091"
            letter.sources = [SourceDraft(title: "Lone report", url: "https://example.org/lone")]
            _ = try await LetterService(database: database).add(letter)
            try await LetterService(database: database).delete("US-KH-2022-091", ifRevision: nil)
            let sources = SourceService(database: database)
            #expect(try await sources.show("https://example.org/lone").citationCount == 0)
            let refused = await #expect(throws: ChanceryError.self) { try await sources.delete("https://example.org/lone") }
            #expect(refused?.kind == .conflict && refused?.message.contains("cited by deleted letter US-KH-2022-091") == true,
                    "\(String(describing: refused))")
        }
    }
}
