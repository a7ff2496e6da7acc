@testable import ChanceryCore
import ChanceryInterchange
import ChanceryModel
import Foundation
import LibPQClient
import TestFiles
import Testing

/// A CMIF or TEI export of letters from an edition imports into another register, which may hold
/// the same letters under other references, or be refilled from it and given the edition again:
/// the edition and each letter's number there say which letter it is.
@Suite("Exports of editions refill and meet registers")
struct EditionExportRefillTests {
    /// Two letters of an edition without a URL, whose title has a run of spaces (a source
    /// without a URL is told apart by its title), the second answering the first by its number.
    static let edition = #""provenance":{"kind":"book","title":"Briefe  Band 1"}"#
    static let records = [
        #"{"type":"actor","kind":"person","name":"Anna"}"#,
        #"{"type":"actor","kind":"person","name":"Bob"}"#,
        #"{"type":"letter","key":"1",\#(edition),"from":[{"name":"Anna"}],"to":[{"name":"Bob"}],"date":"1700-01-01","subject":"First"}"#,
        #"{"type":"letter","key":"2",\#(edition),"from":[{"name":"Bob"}],"to":[{"name":"Anna"}],"date":"1700-02-01","subject":"Reply","replyTo":["1"]}"#,
    ]
    /// A letter of the same day and correspondents that is no letter of the edition.
    static let unrelated = Array(records.prefix(2)) + [#"{"type":"letter","from":[{"name":"Anna"}],"to":[{"name":"Bob"}],"date":"1700-01-01","subject":"Another"}"#]

    /// Each letter as its number in the edition (or its subject), and the number or subject of the letter it answers.
    static func replies(_ database: ChanceryDatabase) async throws -> [String] {
        try await database.read { connection in
            try await connection.query(
                """
                SELECT coalesce(l.external_key, l.subject) || ' answers ' || coalesce(t.external_key, t.subject) AS line
                FROM letter_link k JOIN letter l ON l.id = k.letter_id JOIN letter t ON t.id = k.target_id ORDER BY 1
                """).rows.map { try $0.decode("line", as: String.self) }
        }
    }

    static func letterCount(_ database: ChanceryDatabase) async throws -> Int64 {
        try await database.read { try await $0.query("SELECT count(*) AS n FROM letter").rows[0].decode("n") }
    }

    @Test("an export meets a register holding its letters under other refs: they are found, kept, and linked as before")
    func otherReferences() async throws {
        try await withTemporaryFolder { folder in
            let original = try writeDataset(Self.records, named: "edition.jsonl", in: folder)
            let unrelated = try writeDataset(Self.unrelated, named: "unrelated.jsonl", in: folder)
            let exports = ["cmif", "tei"].map { folder.appendingPathComponent("edition.\($0).xml").path }
            try await withChancery { database in
                #expect(try await ImportService(database: database).run([original], options: ImportOptions()).committed)
                try await ExportService(database: database).export(format: .cmif, query: nil, to: exports[0])
                try await ExportService(database: database).export(format: .tei, query: nil, to: exports[1])
            }
            try await withChancery { database in
                let service = ImportService(database: database)
                // The unrelated letter takes the first ref of the day; the edition's come after it.
                #expect(try await service.run([unrelated], options: ImportOptions()).committed)
                #expect(try await service.run([original], options: ImportOptions()).committed)
                let before = try await Self.replies(database)
                #expect(before == ["2 answers 1"])
                for export in exports {
                    let report = try await service.run([export], options: ImportOptions())
                    #expect(report.committed, "\(report.rejected)")
                    #expect(report.counts["letter"]?.new == 0)
                    #expect(report.warnings.contains { $0.message.contains("it had where it was exported is not taken") }, "\(report.warnings)")
                }
                #expect(try await Self.letterCount(database) == 3)
                // The reply still joins the edition's letters, not the unrelated one under the exported ref.
                #expect(try await Self.replies(database) == before)
            }
        }
    }

    @Test("a letter of no edition whose exported ref is a letter of an edition here is refused, named; nothing else is lost",
          arguments: [InterchangeFormat.cmif, .tei])
    func noEditionUnderAnEditionsReference(format: InterchangeFormat) async throws {
        try await withTemporaryFolder { folder in
            let original = try writeDataset(Self.records, named: "edition.jsonl", in: folder)
            let unrelated = try writeDataset(Self.unrelated, named: "unrelated.jsonl", in: folder)
            let export = folder.appendingPathComponent("export.xml").path
            // There the unrelated letter takes the day's first ref; here the edition's first letter does.
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([unrelated], options: ImportOptions()).committed)
                #expect(try await service.run([original], options: ImportOptions()).committed)
                try await ExportService(database: database).export(format: format, query: nil, to: export)
            }
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([original], options: ImportOptions()).committed)
                let refused = await #expect(throws: ImportRejected.self) { try await service.run([export], options: ImportOptions()) }
                let reasons = refused?.report.rejected.map(\.reason) ?? []
                #expect(reasons.count == 1 && reasons[0].contains("this letter of the export is of no edition"), "\(reasons)")
                #expect(try await Self.letterCount(database) == 2)
                var skipping = ImportOptions()
                skipping.skipInvalid = true
                let report = try await service.run([export], options: skipping)
                #expect(report.committed && report.counts["letter"]?.new == 0 && report.counts["letter"]?.rejected == 1, "\(report.rejected)")
                // CMIF has no place for links: its letters, imported over stored ones, keep theirs.
                #expect(try await Self.replies(database) == ["2 answers 1"])
            }
        }
    }

    @Test("a letter of no edition meets another letter under its ref: one with nothing in common gets a free ref, one alike is it",
          arguments: [InterchangeFormat.cmif, .tei])
    func noEditionUnderAnotherLettersReference(format: InterchangeFormat) async throws {
        try await withTemporaryFolder { folder in
            let people = ["Anna", "Bob", "Carl", "Dora"].map { #"{"type":"actor","kind":"person","name":"\#($0)"}"# }
            func letter(_ from: String, _ to: String, _ date: String, _ subject: String) -> String {
                #"{"type":"letter","from":[{"name":"\#(from)"}],"to":[{"name":"\#(to)"}],"date":"\#(date)","subject":"\#(subject)"}"#
            }
            let exported = try writeDataset(people + [letter("Anna", "Bob", "1700-01-01", "Anna to Bob")], named: "a.jsonl", in: folder)
            let unrelated = try writeDataset(people + [letter("Carl", "Dora", "1700-05-05", "Carl to Dora")], named: "b.jsonl", in: folder)
            let alike = try writeDataset(people + [letter("Anna", "Carl", "1700-01-01", "Anna to Carl?")], named: "c.jsonl", in: folder)
            let export = folder.appendingPathComponent("export.xml").path
            // The same letters in the other dialect (the full TEI gives subjects, CMIF none).
            let otherExport = folder.appendingPathComponent("other.xml").path
            try await withChancery { database in
                #expect(try await ImportService(database: database).run([exported], options: ImportOptions()).committed)
                try await ExportService(database: database).export(format: format, query: nil, to: export)
                try await ExportService(database: database).export(format: format == .tei ? .cmif : .tei, query: nil, to: otherExport)
            }
            func subjects(_ database: ChanceryDatabase) async throws -> [String] {
                try await database.read { connection in
                    try await connection.query("SELECT ref || ' ' || subject AS line FROM letter ORDER BY ref")
                        .rows.map { try $0.decode("line", as: String.self) }
                }
            }
            // CMIF has no subjects: a new letter's is composed, a stored letter's stays.
            let subject = format == .tei ? "Anna to Bob" : "Letter from Anna to Bob"
            // The same ref, XX-XX-1700-001, for a letter of other correspondents and another day.
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([unrelated], options: ImportOptions()).committed)
                let report = try await service.run([export], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(new: 1), "\(report.counts)")
                #expect(report.warnings.contains { $0.message.contains("is another letter in the register, “Carl to Dora”") }, "\(report.warnings)")
                #expect(try await subjects(database) == ["XX-XX-1700-001 Carl to Dora", "XX-XX-1700-002 " + subject])
                // Given again, the export finds its letter under the ref it was given here.
                let again = try await service.run([export], options: ImportOptions())
                #expect(again.counts["letter"] == ImportCounts(unchanged: 1), "\(again.counts)")
                #expect(again.warnings.contains { $0.message.contains("this letter of the file is XX-XX-1700-002") }, "\(again.warnings)")
                #expect(try await subjects(database) == ["XX-XX-1700-001 Carl to Dora", "XX-XX-1700-002 " + subject])
                // So does CMIF's export of the same letters after the TEI's (CMIF gives no subject;
                // the other way round, the TEI's subject is not the one composed for the CMIF letter).
                if format == .tei {
                    let other = try await service.run([otherExport], options: ImportOptions())
                    #expect(other.counts["letter"]?.new == 0, "\(other.counts)")
                }
                // Deleted here, it stays deleted when the export comes again.
                try await LetterService(database: database).delete("XX-XX-1700-002", ifRevision: nil)
                let afterDeleting = try await service.run([export], options: ImportOptions())
                #expect(afterDeleting.counts["letter"] == ImportCounts(unchanged: 1), "\(afterDeleting.counts)")
                #expect(afterDeleting.warnings.contains { $0.message.contains("was deleted") }, "\(afterDeleting.warnings)")
            }
            // Undated letters, and two letters alike in everything CMIF says, given twice.
            let alikeTwice = try writeDataset(people + [letter("Anna", "Bob", "XXXX", "Undated"), letter("Anna", "Bob", "1700-01-01", "First"),
                                                        letter("Anna", "Bob", "1700-01-01", "Second")], named: "d.jsonl", in: folder)
            let twiceExport = folder.appendingPathComponent("twice.xml").path
            try await withChancery { database in
                #expect(try await ImportService(database: database).run([alikeTwice], options: ImportOptions()).committed)
                try await ExportService(database: database).export(format: format, query: nil, to: twiceExport)
            }
            try await withChancery { database in
                let service = ImportService(database: database)
                let others = try writeDataset(people + [letter("Carl", "Dora", "XXXX", "Carl, undated"), letter("Carl", "Dora", "1700", "Carl, 1700"),
                                                        letter("Carl", "Dora", "1700-05-05", "Carl, May")], named: "e.jsonl", in: folder)
                #expect(try await service.run([others], options: ImportOptions()).committed)
                let first = try await service.run([twiceExport], options: ImportOptions())
                #expect(first.counts["letter"] == ImportCounts(new: 3), "\(first.counts) \(first.warnings)")
                let again = try await service.run([twiceExport], options: ImportOptions())
                #expect(again.counts["letter"] == ImportCounts(unchanged: 3), "\(again.counts) \(again.rejected)")
                #expect(try await subjects(database).filter { $0.contains("Carl") }.count == 3)
            }
            // A letter sharing its sender and day is the letter: recorded here, it is left as it is
            // by another register's export (said), which may be older.
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([alike], options: ImportOptions()).committed)
                let report = try await service.run([export], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(unchanged: 1) && report.keptAsHere == 1,
                        "\(report.counts) \(report.warnings.map(\.message))")
                #expect(report.warnings.contains { $0.message.hasPrefix("ref: letter XX-XX-1700-001 differs in this file, another register's record "
                                                                        + "under the ref of one recorded here") }, "\(report.warnings.map(\.message))")
                #expect(try await subjects(database) == ["XX-XX-1700-001 Anna to Carl?"])
            }
        }
    }

    @Test("a register refilled from an export and given the edition again holds each letter once, whatever the title's spaces",
          arguments: [InterchangeFormat.cmif, .tei])
    func refilled(format: InterchangeFormat) async throws {
        try await withTemporaryFolder { folder in
            let original = try writeDataset(Self.records, named: "edition.jsonl", in: folder)
            let export = folder.appendingPathComponent("edition.xml").path
            try await withChancery { database in
                #expect(try await ImportService(database: database).run([original], options: ImportOptions()).committed)
                try await ExportService(database: database).export(format: format, query: nil, to: export)
            }
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([export], options: ImportOptions()).committed)
                let again = try await service.run([original], options: ImportOptions())
                #expect(again.committed, "\(again.rejected)")
                #expect(again.counts["letter"]?.new == 0)
                #expect(try await Self.letterCount(database) == 2)
                let titles = try await database.read { connection in
                    try await connection.query("SELECT title FROM source ORDER BY id").rows.map { try $0.decode("title", as: String.self) }
                }
                #expect(titles == ["Briefe  Band 1"])
            }
        }
    }
}
