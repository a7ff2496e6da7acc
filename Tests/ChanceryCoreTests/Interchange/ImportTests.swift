@testable import ChanceryCore
import Foundation
import TestFiles
import Testing
import ChanceryInterchange
import ChanceryModel

@Suite("Bulk import")
struct ImportTests {
    @Test("JSON Lines import writes every record with inferred capacities, and a second import changes nothing")
    func idempotent() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let path = try writeDataset(baseRecords + [
                    letterRecord("US-KH-2022-001"),
                    letterRecord("KH-US-2022-001", date: "2022-04", extra: #","replyTo":["US-KH-2022-001"]"#)
                        .replacingOccurrences(of: #""from":[{"name":"Joe Biden"}],"to":[{"name":"Hun Sen"}]"#,
                                              with: #""from":[{"name":"Hun Sen"}],"to":[{"name":"Jo Biden"}]"#),
                ], named: "a.jsonl", in: folder)
                let service = ImportService(database: database)
                let first = try await service.run([path], options: ImportOptions())
                #expect(first.committed)
                #expect(first.counts["letter"] == ImportCounts(new: 2))
                #expect(first.counts["actor"] == ImportCounts(new: 4))
                #expect(first.counts["role"] == ImportCounts(new: 2))
                let counts = try await rowCounts(database)
                #expect(counts["letter_link"] == 1)
                #expect(counts["letter_participant"] == 4)

                let reply = try await LetterService(database: database).show("KH-US-2022-001")
                #expect(reply.participants.first { $0.role == .author }?.country == "KH")
                #expect(reply.participants.first { $0.role == .recipient }?.name == "Joe Biden")
                #expect(reply.participants.first { $0.role == .recipient }?.capacity == "President")

                let second = try await service.run([path], options: ImportOptions())
                #expect(second.counts["letter"] == ImportCounts(unchanged: 2))
                #expect(second.counts["actor"] == ImportCounts(unchanged: 4))
                #expect(try await rowCounts(database) == counts)
            }
        }
    }

    @Test("a changed letter is updated, and its participants replaced")
    func updates() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let service = ImportService(database: database)
                _ = try await service.run([try writeDataset(baseRecords + [letterRecord("L-1")], named: "a.jsonl", in: folder)],
                                          options: ImportOptions())
                let changed = try writeDataset(baseRecords + [letterRecord("L-1", subject: "On the summit, revised")],
                                               named: "b.jsonl", in: folder)
                let report = try await service.run([changed], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(updated: 1))
                #expect(try await LetterService(database: database).show("L-1").subject == "On the summit, revised")
                #expect(try await rowCounts(database)["letter_participant"] == 2)
            }
        }
    }

    @Test("one bad record among good ones: nothing is written and the line is named")
    func allOrNothing() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let path = try writeDataset(baseRecords + [
                    letterRecord("L-1"), letterRecord("L-2", date: "2022-13"), letterRecord("L-3"),
                ], named: "bad.jsonl", in: folder)
                let before = try await rowCounts(database)
                let error = await #expect(throws: ImportRejected.self) {
                    try await ImportService(database: database).run([path], options: ImportOptions())
                }
                #expect(error?.report.rejected.count == 1)
                #expect(error?.report.rejected.first?.location == RecordLocation(file: path, line: 9))
                #expect(error?.report.rejected.first?.reason.contains("month 13") == true)
                #expect(try await rowCounts(database) == before)
            }
        }
    }

    @Test("records the database refuses (an unknown actor) are reported with their line, and nothing is written")
    func unknownActor() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let path = try writeDataset(baseRecords + [
                    letterRecord("L-1"),
                    letterRecord("L-2").replacingOccurrences(of: "Hun Sen", with: "Nobody Known"),
                ], named: "bad.jsonl", in: folder)
                let before = try await rowCounts(database)
                let error = await #expect(throws: ImportRejected.self) {
                    try await ImportService(database: database).run([path], options: ImportOptions())
                }
                #expect(error?.report.rejected.map(\.location.line) == [9])
                #expect(error?.report.rejected.first?.reason.contains("no actor named 'Nobody Known'") == true)
                #expect(try await rowCounts(database) == before)
            }
        }
    }

    @Test("--skip-invalid writes the rest, and the rejects file holds exactly the bad record")
    func skipInvalid() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let bad = letterRecord("L-2").replacingOccurrences(of: "Hun Sen", with: "Nobody Known")
                let path = try writeDataset(baseRecords + [letterRecord("L-1"), bad, letterRecord("L-3")], named: "in.jsonl", in: folder)
                var options = ImportOptions()
                options.skipInvalid = true
                options.rejectsPath = folder.appendingPathComponent("rejects.jsonl").path
                let report = try await ImportService(database: database).run([path], options: options)
                #expect(report.counts["letter"] == ImportCounts(new: 2, rejected: 1))
                #expect(try await rowCounts(database)["letter"] == 2)
                let rejects = try String(contentsOfFile: options.rejectsPath!, encoding: .utf8)
                #expect(rejects == #"{"type":"chancery-dataset","version":1}"# + "\n" + bad + "\n")
            }
        }
    }

    @Test("a reply to a rejected letter is rejected with it under --skip-invalid")
    func cascadingRejection() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let path = try writeDataset(baseRecords + [
                    letterRecord("L-1").replacingOccurrences(of: "Hun Sen", with: "Nobody Known"),
                    letterRecord("L-2", extra: #","replyTo":["L-1"]"#),
                    letterRecord("L-3"),
                ], named: "in.jsonl", in: folder)
                var options = ImportOptions()
                options.skipInvalid = true
                let report = try await ImportService(database: database).run([path], options: options)
                #expect(report.rejected.map(\.location.line) == [8, 9])
                #expect(try await rowCounts(database)["letter"] == 1)
            }
        }
    }

    @Test("--dry-run checks and counts but writes nothing")
    func dryRun() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let path = try writeDataset(baseRecords + [letterRecord("L-1")], named: "in.jsonl", in: folder)
                let before = try await rowCounts(database)
                var options = ImportOptions()
                options.dryRun = true
                let report = try await ImportService(database: database).run([path], options: options)
                #expect(report.dryRun && !report.committed)
                #expect(report.counts["letter"] == ImportCounts(new: 1))
                #expect(try await rowCounts(database) == before)
            }
        }
    }

    @Test("a file that is not a dataset is refused as a whole")
    func notADataset() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let path = folder.appendingPathComponent("x.jsonl").path
                try #"{"type":"letter"}"#.write(toFile: path, atomically: true, encoding: .utf8)
                let error = await #expect(throws: ChanceryError.self) {
                    try await ImportService(database: database).run([path], options: ImportOptions())
                }
                #expect(error?.message.contains("not a Chancery dataset") == true)
            }
        }
    }

    @Test("letters without a ref get one like letter add gives: countries, year, next number")
    func allocatesReferences() async throws {
        try await withChancery(foundingExample: true) { database in
            try await withTemporaryFolder { folder in
                let letter = #"{"type":"letter","from":[{"name":"Joe Biden"}],"to":[{"name":"Hun Sen"}],"date":"2022-06","subject":"Gratitude for the visit","key":"k1","provenance":{"kind":"archive","title":"Test archive"}}"#
                let path = try writeDataset([letter], named: "in.jsonl", in: folder)
                _ = try await ImportService(database: database).run([path], options: ImportOptions())
                var query = LetterQuery()
                query.text = "Gratitude for the visit"
                let refs = try await LetterService(database: database).list(query).map(\.ref)
                #expect(refs == ["US-KH-2022-002"])
                let again = try await ImportService(database: database).run([path], options: ImportOptions())
                #expect(again.counts["letter"] == ImportCounts(unchanged: 1))
            }
        }
    }

    @Test("a CSV letter naming an unknown event or letter is kept with a warning; a dataset letter is rejected")
    func softReferencesOutsideDatasets() async throws {
        try await withChancery(foundingExample: true) { database in
            try await withTemporaryFolder { folder in
                let csv = folder.appendingPathComponent("letters.csv").path
                try "ref,date,sender,recipient,subject,events,reply_to\nC-1,2022-06,Joe Biden,Hun Sen,Follow-up,EV-NOWHERE,L-NOWHERE\n"
                    .write(toFile: csv, atomically: true, encoding: .utf8)
                let report = try await ImportService(database: database).run([csv], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(new: 1))
                #expect(report.warnings.map(\.location.line) == [2, 2])
                #expect(report.warnings.contains { $0.message.contains("EV-NOWHERE") })

                let jsonl = try writeDataset([letterRecord("J-1", extra: #","events":["EV-NOWHERE"]"#)], named: "d.jsonl", in: folder)
                let error = await #expect(throws: ImportRejected.self) {
                    try await ImportService(database: database).run([jsonl], options: ImportOptions())
                }
                #expect(error?.report.rejected.first?.reason.contains("no event") == true)
            }
        }
    }
}

@Suite("CMIF next links")
struct CMIFNextLinkTests {
    @Test("correspContext next becomes a reply link held by the answering letter; a re-import changes nothing")
    func nextBecomesReply() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let path = folder.appendingPathComponent("edition.xml").path
                try """
                <?xml version="1.0" encoding="UTF-8"?>
                <TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
                <titleStmt><title>Test edition</title></titleStmt>
                <publicationStmt><idno type="url">https://example.org/edition.xml</idno></publicationStmt>
                <sourceDesc><bibl xml:id="b1">Test edition, 2026</bibl></sourceDesc></fileDesc>
                <profileDesc>
                <correspDesc key="A" source="#b1">
                  <correspAction type="sent"><persName>Ada Example</persName><date when="1900-01-01"/></correspAction>
                  <correspAction type="received"><persName>Bo Example</persName></correspAction>
                  <correspContext><ref type="next" target="B"/></correspContext>
                </correspDesc>
                <correspDesc key="B" source="#b1">
                  <correspAction type="sent"><persName>Bo Example</persName><date when="1900-02-01"/></correspAction>
                  <correspAction type="received"><persName>Ada Example</persName></correspAction>
                </correspDesc>
                </profileDesc></teiHeader><text><body><p/></body></text></TEI>
                """.write(toFile: path, atomically: true, encoding: .utf8)
                let service = ImportService(database: database)
                let first = try await service.run([path], options: ImportOptions())
                #expect(first.counts["letter"] == ImportCounts(new: 2))
                let links = try await database.read { connection in
                    try await connection.query(
                        """
                        SELECT a.external_key || ' ' || k.kind || ' ' || t.external_key AS link
                        FROM letter_link k JOIN letter a ON a.id = k.letter_id JOIN letter t ON t.id = k.target_id
                        """).rows.map { try $0.decode("link", as: String.self) }
                }
                #expect(links == ["B reply_to A"])
                let second = try await service.run([path], options: ImportOptions())
                #expect(second.counts["letter"] == ImportCounts(unchanged: 2))
            }
        }
    }
}

@Suite("Re-importing invitations")
struct InvitationReimportTests {
    @Test("a changed invitation is updated and gains the new invitee; unchanged ones stay unchanged")
    func updatesInvitation() async throws {
        try await withChancery { database in
            try await withTemporaryFolder { folder in
                let extra = #"{"type":"actor","kind":"organization","name":"ASEAN"}"#
                func invitation(_ summary: String, _ invitees: String) -> String {
                    #"{"type":"invitation","ref":"INV-1","from":{"name":"Joe Biden"},"invitees":[\#(invitees)],"date":"2022-02","summary":"\#(summary)"}"#
                }
                let service = ImportService(database: database)
                let first = try writeDataset(baseRecords + [extra, invitation("Summit", #""Hun Sen""#)], named: "a.jsonl", in: folder)
                _ = try await service.run([first], options: ImportOptions())
                let same = try await service.run([first], options: ImportOptions())
                #expect(same.counts["invitation"] == ImportCounts(unchanged: 1))
                let changed = try writeDataset(baseRecords + [extra, invitation("Special summit", #""Hun Sen","ASEAN""#)],
                                               named: "b.jsonl", in: folder)
                let report = try await service.run([changed], options: ImportOptions())
                #expect(report.counts["invitation"] == ImportCounts(updated: 1))
                let invitation = try #require(try await InvitationService(database: database).list().first { $0.ref == "INV-1" })
                #expect(invitation.summary == "Special summit")
                #expect(Set(invitation.invitees.map(\.name)) == ["Hun Sen", "ASEAN"])
            }
        }
    }
}
