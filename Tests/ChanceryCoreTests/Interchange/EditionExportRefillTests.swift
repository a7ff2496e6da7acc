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
