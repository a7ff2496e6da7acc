@testable import ChanceryCore
import ChanceryInterchange
import ChanceryModel
import Foundation
import LibPQClient
import TestFiles
import Testing

/// An edition imported again over letters a user has enriched keeps the enrichment: what a CMIF
/// file or a CSV table cannot say (no summary, capacity, link or event there) is the stored
/// letter's, and only what the file does say changes.
@Suite("Imports keep what their records leave unsaid")
struct UnstatedPartsImportTests {
    static let editionTitle = "Briefe Band 1"

    /// A CMIF file of the edition: letter 1 of Anna to Bob (dated `date`, or only received on
    /// `received`), letter 2 of Bob to Anna.
    static func cmif(date: String? = "1700-01-01", received: String? = nil) -> String {
        let sent = date.map { #"<date when="\#($0)"/>"# } ?? ""
        let receipt = received.map { #"<date when="\#($0)"/>"# } ?? ""
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
            <titleStmt><title>Briefe</title></titleStmt>
            <publicationStmt><idno type="url">https://example.org/briefe.xml</idno></publicationStmt>
            <sourceDesc><bibl xml:id="e1">\(editionTitle)</bibl></sourceDesc>
            </fileDesc><profileDesc>
            <correspDesc key="1" source="#e1">
              <correspAction type="sent"><persName>Anna</persName>\(sent)</correspAction>
              <correspAction type="received"><persName>Bob</persName>\(receipt)</correspAction>
            </correspDesc>
            <correspDesc key="2" source="#e1">
              <correspAction type="sent"><persName>Bob</persName><date when="1700-02-01"/></correspAction>
              <correspAction type="received"><persName>Anna</persName></correspAction>
            </correspDesc>
            </profileDesc></teiHeader><text><body><p/></body></text></TEI>
            """
    }

    /// What a user added to the edition's letters: named by edition and number, with everything
    /// a letter can carry.
    /// (The names as the edition writes them are those its file gives.)
    static let enrichment = [
        #"{"type":"actor","kind":"person","name":"Anna"}"#,
        #"{"type":"actor","kind":"person","name":"Bob"}"#,
        #"{"type":"actor","kind":"person","name":"Carl"}"#,
        #"{"type":"actor","kind":"person","name":"Dora"}"#,
        #"{"type":"actor","kind":"organization","name":"Consistory"}"#,
        #"{"type":"event","ref":"EV-1","name":"Synod of 1700","kind":"other","date":"1700"}"#,
        #"{"type":"letter","key":"1","provenance":{"kind":"edition","title":"\#(editionTitle)"},"kind":"note_verbale","#
            + #""from":[{"name":"Anna","nameAsWritten":"Anna","capacity":"Envoy","onBehalfOf":"Consistory"}],"#
            + #""to":[{"name":"Bob","nameAsWritten":"Bob"}],"cc":[{"name":"Carl"}],"#
            + #""via":[{"name":"Dora"}],"date":"1700-01-01","received":"1700-01-09","dateAsWritten":"1. Jan. 1700","#
            + #""subject":"On the synod","summary":"Anna asks Bob to come.","text":"Lieber Bob …","language":"de","#
            + #""classification":"confidential","sentPlace":"Halle","sentPlaceGeonamesId":2911522,"receivedPlace":"Berlin","#
            + #""awaitingReply":true,"refersTo":["2"],"events":["EV-1"]}"#,
        #"{"type":"letter","key":"2","provenance":{"kind":"edition","title":"\#(editionTitle)"},"#
            + #""from":[{"name":"Bob","nameAsWritten":"Bob"}],"to":[{"name":"Anna","nameAsWritten":"Anna"}],"#
            + #""date":"1700-02-01","subject":"Bob's answer","replyTo":["1"]}"#,
    ]

    /// Every stored part of every letter, by its number in the edition.
    static func snapshot(_ database: ChanceryDatabase) async throws -> [String] {
        try await database.read { connection in
            try await connection.query(
                """
                SELECT concat_ws(' | ', l.external_key, l.kind::text, l.sent_edtf, l.received_edtf, l.sent_as_written, l.subject, l.summary,
                       l.body, l.language, l.classification::text, l.sent_place, l.sent_place_geonames_id::text, l.received_place,
                       l.awaiting_reply::text,
                       (SELECT string_agg(concat_ws('/', p.role::text, p.position::text, a.name, p.capacity, r.name), '; '
                                          ORDER BY p.role, p.position)
                        FROM letter_participant p JOIN actor a ON a.id = p.actor_id LEFT JOIN actor r ON r.id = p.represents_id
                        WHERE p.letter_id = l.id),
                       (SELECT string_agg(k.kind::text || ' ' || t.external_key, '; ' ORDER BY k.kind)
                        FROM letter_link k JOIN letter t ON t.id = k.target_id WHERE k.letter_id = l.id),
                       (SELECT string_agg(e.name, '; ') FROM letter_event le JOIN event e ON e.id = le.event_id WHERE le.letter_id = l.id)
                ) AS line
                FROM letter l ORDER BY l.external_key
                """).rows.map { try $0.decode("line", as: String.self) }
        }
    }

    /// A register holding the edition's two letters (`edition`, the CMIF file) as enriched since.
    static func withEnrichedEdition(_ body: (_ database: ChanceryDatabase, _ service: ImportService, _ edition: String,
                                             _ folder: URL) async throws -> Void) async throws {
        try await withTemporaryFolder { folder in
            let edition = folder.appendingPathComponent("briefe.xml").path
            try cmif().write(toFile: edition, atomically: true, encoding: .utf8)
            let enrichment = try writeDataset(Self.enrichment, named: "enrichment.jsonl", in: folder)
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([edition], options: ImportOptions()).counts["letter"] == ImportCounts(new: 2))
                #expect(try await service.run([enrichment], options: ImportOptions()).counts["letter"] == ImportCounts(updated: 2))
                try await body(database, service, edition, folder)
            }
        }
    }

    @Test("an edition's CMIF imported again over enriched letters changes nothing; a corrected date changes only the date")
    func cmifOverEnrichedLetters() async throws {
        try await Self.withEnrichedEdition { database, service, edition, _ in
            let enriched = try await Self.snapshot(database)
            #expect(enriched[0].contains("Anna asks Bob to come.") && enriched[0].contains("author/1/Anna/Envoy/Consistory"), "\(enriched)")

            let again = try await service.run([edition], options: ImportOptions())
            #expect(again.counts["letter"] == ImportCounts(unchanged: 2), "\(again.counts)")
            #expect(try await Self.snapshot(database) == enriched)

            try Self.cmif(date: "1700-01-03").write(toFile: edition, atomically: true, encoding: .utf8)
            let corrected = try await service.run([edition], options: ImportOptions())
            #expect(corrected.counts["letter"] == ImportCounts(new: 0, unchanged: 1, updated: 1), "\(corrected.counts)")
            // The date as written was the old date's: a new date with no text of its own has none.
            let expected = [enriched[0].replacingOccurrences(of: " | 1700-01-01 | 1700-01-09 | 1. Jan. 1700 | ",
                                                             with: " | 1700-01-03 | 1700-01-09 | ")] + enriched.dropFirst()
            #expect(try await Self.snapshot(database) == expected)
        }
    }

    @Test("a CMIF letter received before the date of sending the register holds is refused, named, and nothing is written")
    func receivedBeforeKeptDate() async throws {
        try await withTemporaryFolder { folder in
            let edition = folder.appendingPathComponent("briefe.xml").path
            try Self.cmif().write(toFile: edition, atomically: true, encoding: .utf8)
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([edition], options: ImportOptions()).committed)
                let before = try await Self.snapshot(database)
                try Self.cmif(date: nil, received: "1699-12-01").write(toFile: edition, atomically: true, encoding: .utf8)
                let refused = await #expect(throws: ImportRejected.self) { try await service.run([edition], options: ImportOptions()) }
                let reasons = refused?.report.rejected.map(\.reason) ?? []
                #expect(reasons.count == 1 && reasons[0].contains("received (1699-12-01) before 1700-01-01"), "\(reasons)")
                #expect(try await Self.snapshot(database) == before)
                // Received later than it was sent, the letter keeps its date and gains the day of receipt.
                try Self.cmif(date: nil, received: "1700-01-20").write(toFile: edition, atomically: true, encoding: .utf8)
                let received = try await service.run([edition], options: ImportOptions())
                #expect(received.counts["letter"] == ImportCounts(unchanged: 1, updated: 1), "\(received.counts)")
                #expect(try await Self.snapshot(database)[0].hasPrefix("1 | letter | 1700-01-01 | 1700-01-20 | "))
            }
        }
    }

    @Test("a corrected date of sending after the kept day of receipt is refused at its line; nothing is written")
    func sentAfterKeptReceipt() async throws {
        try await Self.withEnrichedEdition { database, service, edition, _ in
            let before = try await Self.snapshot(database)
            // Received on 9 January; the edition now dates it the 20th and says nothing of its receipt.
            try Self.cmif(date: "1700-01-20").write(toFile: edition, atomically: true, encoding: .utf8)
            let refused = await #expect(throws: ImportRejected.self) { try await service.run([edition], options: ImportOptions()) }
            let rejected = refused?.report.rejected ?? []
            #expect(rejected.count == 1 && rejected[0].reason.contains("sent (1700-01-20) after 1700-01-09, the date of receipt"),
                    "\(rejected)")
            #expect(rejected.first?.location.line == 7)
            #expect(try await Self.snapshot(database) == before)
        }
    }

    @Test("signatories: a sole sender stays the author; one the file cannot name is kept; the full TEI carries removals")
    func signatoriesAndFullTEI() async throws {
        try await Self.withEnrichedEdition { database, service, edition, folder in
            let export = folder.appendingPathComponent("export.tei.xml").path
            let refs = try await database.read { connection in
                try await connection.query("SELECT ref FROM letter ORDER BY external_key").rows.map { try $0.decode("ref", as: String.self) }
            }
            let letters = LetterService(database: database)
            // Letter 1: Dora also signed, which no file can say.
            var signed = LetterEdit()
            signed.addedParticipants = [.init(role: .signatory, participant: ParticipantDraft(name: "Dora"))]
            _ = try await letters.edit(refs[0], ifRevision: nil, signed)
            // Letter 2: recorded as Carl's, Bob only signing; the edition says Bob sent it.
            var moved = LetterEdit()
            moved.removedParticipants = ["Bob"]
            moved.addedParticipants = [.init(role: .author, participant: ParticipantDraft(name: "Carl")),
                                       .init(role: .signatory, participant: ParticipantDraft(name: "Bob"))]
            _ = try await letters.edit(refs[1], ifRevision: nil, moved)
            let enriched = try await Self.snapshot(database)
            #expect(enriched[0].contains("signatory/1/Dora") && enriched[1].contains("author/1/Carl; signatory/1/Bob"), "\(enriched)")
            #expect(try await service.run([edition], options: ImportOptions()).counts["letter"] == ImportCounts(unchanged: 1, updated: 1))
            let reread = try await Self.snapshot(database)
            #expect(reread[0] == enriched[0])
            // Its only sender stays its author, not a signatory of a letter with none.
            #expect(reread[1].contains("author/1/Bob") && !reread[1].contains("signatory"), "\(reread)")

            // The full TEI states what the register holds: cleared there, cleared here.
            try await ExportService(database: database).export(format: .tei, query: nil, to: export)
            var cleared = LetterEdit()
            cleared.changes.kind = .letter
            cleared.changes.classification = .unclassified
            cleared.changes.summary = .clear
            cleared.removedParticipants = ["Carl", "Dora"]
            cleared.removedLinks = [refs[1]]
            _ = try await letters.edit(refs[0], ifRevision: nil, cleared)
            let afterClearing = try await Self.snapshot(database)
            try await ExportService(database: database).export(format: .tei, query: nil, to: export)
            var restored = LetterEdit()
            restored.changes.summary = .set("Anna asks Bob to come.")
            _ = try await letters.edit(refs[0], ifRevision: nil, restored)
            // (The export predates that edit: it is put back only when asked.)
            var revert = ImportOptions()
            revert.revertNewer = true
            #expect(try await service.run([export], options: revert).counts["letter"] == ImportCounts(unchanged: 1, updated: 1))
            #expect(try await Self.snapshot(database) == afterClearing)
        }
    }

    @Test("a CSV table keeps what it has no column for or leaves empty; what it gives replaces the stored")
    func csvColumns() async throws {
        try await withTemporaryFolder { folder in
            let table = folder.appendingPathComponent("briefe.csv").path
            try """
                key,edition,sender,recipient,date
                1,\(Self.editionTitle),Anna,Bob,1700-01-01
                2,\(Self.editionTitle),Bob,Anna,1700-02-01

                """.write(toFile: table, atomically: true, encoding: .utf8)
            let enrichment = try writeDataset(Self.enrichment, named: "enrichment.jsonl", in: folder)
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([table], options: ImportOptions()).counts["letter"] == ImportCounts(new: 2))
                #expect(try await service.run([enrichment], options: ImportOptions()).counts["letter"] == ImportCounts(updated: 2))
                let enriched = try await Self.snapshot(database)
                #expect(try await service.run([table], options: ImportOptions()).counts["letter"] == ImportCounts(unchanged: 2))
                #expect(try await Self.snapshot(database) == enriched)

                // CSV2CMI's note column, empty for letter 1 (which keeps its summary), and an empty
                // capacity (the sender keeps hers); letter 2 gains the summary the table gives.
                try """
                    key,edition,sender,sender_capacity,recipient,date,note
                    1,\(Self.editionTitle),Anna,,Bob,1700-01-01,
                    2,\(Self.editionTitle),Bob,,Anna,1700-02-01,Bob answers.

                    """.write(toFile: table, atomically: true, encoding: .utf8)
                let summarized = try await service.run([table], options: ImportOptions())
                #expect(summarized.counts["letter"] == ImportCounts(unchanged: 1, updated: 1), "\(summarized.counts)")
                let after = try await Self.snapshot(database)
                #expect(after[0] == enriched[0])
                #expect(after[1] == enriched[1].replacingOccurrences(of: "Bob's answer | ", with: "Bob's answer | Bob answers. | "), "\(after)")
            }
        }
    }

    @Test("a signatory exported as a sender stays a signatory when the export is imported again")
    func signatoryRoundTrip() async throws {
        try await withTemporaryFolder { folder in
            let letters = try writeDataset(Self.enrichment, named: "letters.jsonl", in: folder)
            let export = folder.appendingPathComponent("export.jsonl").path
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([letters], options: ImportOptions()).committed)
                let ref = try await database.read { connection in
                    try await connection.query("SELECT ref FROM letter WHERE external_key = '1'").rows[0].decode("ref", as: String.self)
                }
                var edit = LetterEdit()
                edit.addedParticipants = [.init(role: .signatory, participant: ParticipantDraft(name: "Carl"))]
                _ = try await LetterService(database: database).edit(ref, ifRevision: nil, edit)
                let signed = try await Self.snapshot(database)
                #expect(signed[0].contains("signatory/1/Carl"), "\(signed)")
                for format in [InterchangeFormat.jsonl, .tei] {
                    try await ExportService(database: database).export(format: format, query: nil, to: export)
                    let again = try await service.run([export], options: ImportOptions())
                    #expect(again.counts["letter"] == ImportCounts(unchanged: 2), "\(format): \(again.counts)")
                    #expect(try await Self.snapshot(database) == signed, "\(format)")
                }
            }
        }
    }
}
