@testable import ChanceryCore
import ChanceryInterchange
import ChanceryModel
import Foundation
import LibPQClient
import TestFiles
import Testing

/// Letters that travel between registers keep where they were first recorded (`origin`): a
/// letter that took a free ref in another register comes back as the letter it was, and a
/// letter met again is found whatever its ref here and however its date and subject changed.
@Suite("Letters between registers: origin")
struct LetterOriginImportTests {
    typealias Foreign = ForeignReferenceImportTests

    /// A dataset exported by register `register`, now.
    static func export(_ lines: [String], by register: String, named name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        let now = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        try ([#"{"type":"chancery-dataset","version":1,"register":"\#(register)","exported":"\#(now)"}"#] + lines).joined(separator: "\n").appending("\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func origins(_ database: ChanceryDatabase) async throws -> [String] {
        try await database.read { connection in
            try await connection.query(
                "SELECT ref || ' from ' || origin_register || ' ' || origin_ref AS line FROM letter WHERE origin_register IS NOT NULL ORDER BY ref")
                .rows.map { try $0.decode("line", as: String.self) }
        }
    }

    @Test("a letter back from another register under another ref is the letter it was, kept as it is here; the other's letter under its ref is another, found again and corrected by its register")
    func roundTrip() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let ours = try writeDataset(Foreign.people + [Foreign.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-01", "Anna to Bob")],
                                            named: "ours.jsonl", in: folder)
                #expect(try await ImportService(database: database).run([ours], options: ImportOptions()).committed)
                let me = try await OwnExportImportTests.registerID(database)
                let other = UUID().uuidString.lowercased()
                // The other register holds a letter of its own under XX-XX-1700-001, ours under
                // XX-XX-1700-002 (changed there), and a reply to ours.
                let theirs = Foreign.letter("XX-XX-1700-001", "Carl", "Dora", "1700-05-05", "Carl to Dora")
                let oursThere = String(Foreign.letter("XX-XX-1700-002", "Anna", "Bob", "1700-01-02", "Anna to Bob, corrected").dropLast())
                    + #","origin":{"register":"\#(me)","ref":"XX-XX-1700-001"}}"#
                let reply = String(Foreign.letter("XX-XX-1700-003", "Bob", "Anna", "1700-02-02", "Bob to Anna").dropLast()) + #","replyTo":["XX-XX-1700-002"]}"#
                let file = try Self.export(Foreign.people + [theirs, oursThere, reply], by: other, named: "theirs.jsonl", in: folder)

                let report = try await ImportService(database: database).run([file], options: ImportOptions())
                #expect(report.committed && report.rejected.isEmpty, "\(report.rejected)")
                #expect(report.counts["letter"] == ImportCounts(new: 2, unchanged: 1), "\(report.counts)")
                #expect(try await Foreign.letters(database) == [
                    "XX-XX-1700-001: Anna → Bob, 1700-01-01, Anna to Bob",
                    "XX-XX-1700-003: Bob → Anna, 1700-02-02, Bob to Anna",
                    "XX-XX-1700-004: Carl → Dora, 1700-05-05, Carl to Dora",
                ])
                let said = report.warnings.map(\.message)
                #expect(said.contains("ref: XX-XX-1700-002 of the file was first recorded in this register, as its origin says: "
                                      + "this letter of the file is XX-XX-1700-001"),
                        "\(said)")
                #expect(said.contains("ref: XX-XX-1700-001 here is the letter the file names XX-XX-1700-002 (by its origin), not this one; "
                                      + "this letter of the file is new here, under the free ref XX-XX-1700-004"), "\(said)")
                #expect(try await ChangedSinceExportImportTests.scalar(database, """
                    SELECT t.ref FROM letter_link k JOIN letter l ON l.id = k.letter_id JOIN letter t ON t.id = k.target_id
                    WHERE l.ref = 'XX-XX-1700-003'
                    """) == "XX-XX-1700-001")
                #expect(try await Self.origins(database) == ["XX-XX-1700-003 from \(other) XX-XX-1700-003", "XX-XX-1700-004 from \(other) XX-XX-1700-001"])
                // Another register's copy of a letter first recorded here may be older than it: said, not taken.
                #expect(said.contains("ref: letter XX-XX-1700-001 differs in this file, another register's copy of one first recorded here: "
                                      + "it is kept as this register has it, with its links and sources (the file's are left out); "
                                      + "`chancery letter edit XX-XX-1700-001` takes what it should of the file's"),
                        "\(said)")

                // The same file again changes nothing.
                let again = try await ImportService(database: database).run([file], options: ImportOptions())
                #expect(again.counts["letter"] == ImportCounts(unchanged: 3), "\(again.counts) \(again.warnings.map(\.message))")
                #expect(again.warnings.map(\.message).contains(
                    "ref: XX-XX-1700-001 of the file was recorded here before, from the register it was first recorded in: this letter of the file is XX-XX-1700-004"),
                        "\(again.warnings.map(\.message))")

                // Edited here, our letter keeps its edit when the file comes again.
                try await ChangedSinceExportImportTests.edit("XX-XX-1700-001", summary: "Edited here", database)
                let stale = try await ImportService(database: database).run([file], options: ImportOptions())
                #expect(stale.counts["letter"] == ImportCounts(unchanged: 3), "\(stale.counts)")
                #expect(try await ChangedSinceExportImportTests.summary(of: "XX-XX-1700-001", database) == "Edited here")

                // The other register corrects its letter's date and subject: found by its origin,
                // not added a third time.
                let corrected = Foreign.letter("XX-XX-1700-001", "Carl", "Dora", "1700-06-06", "Carl to Dora, revised")
                let later = try Self.export(Foreign.people + [corrected], by: other, named: "later.jsonl", in: folder)
                let revised = try await ImportService(database: database).run([later], options: ImportOptions())
                #expect(revised.counts["letter"] == ImportCounts(updated: 1), "\(revised.counts) \(revised.warnings.map(\.message))")
                #expect(revised.warnings.map(\.message).contains("ref: letter XX-XX-1700-004 is corrected as the register it was first recorded in "
                                                                 + "has it (this file); `chancery letter history XX-XX-1700-004` keeps what it was"),
                        "\(revised.warnings.map(\.message))")
                #expect(try await Foreign.letters(database).last == "XX-XX-1700-004: Carl → Dora, 1700-06-06, Carl to Dora, revised")

                // This register's export says where those letters came from, for the next register.
                let export = folder.appendingPathComponent("export.jsonl").path
                try await ExportService(database: database).export(format: .jsonl, query: nil, to: export)
                let text = try String(contentsOfFile: export, encoding: .utf8)
                #expect(text.contains(#""ref":"XX-XX-1700-004""#) && text.contains(#""origin":{"register":"\#(other)","ref":"XX-XX-1700-001"}"#), "\(text)")
                #expect(!text.contains(#""origin":{"register":"\#(me)""#))
                // So do its CMIF and TEI exports, in a note read back by another register.
                for format in [InterchangeFormat.cmif, .tei] {
                    let xml = folder.appendingPathComponent("export-\(format.rawValue).xml").path
                    try await ExportService(database: database).export(format: format, query: nil, to: xml)
                    let written = try String(contentsOfFile: xml, encoding: .utf8)
                    #expect(written.contains(#"<note type="chancery-origin">urn:uuid:\#(other) XX-XX-1700-001</note>"#), "\(format)")
                    try await withChancery { (third: ChanceryDatabase) async throws in
                        #expect(try await ImportService(database: third).run([xml], options: ImportOptions()).committed)
                        #expect(try await Self.origins(third).contains("XX-XX-1700-004 from \(other) XX-XX-1700-001"), "\(format)")
                    }
                }
            }
        }
    }

    @Test("a letter met through a third register is the one that came from the first, kept as it is; the first register's file corrects it")
    func throughAThird() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let first = UUID().uuidString.lowercased(), third = UUID().uuidString.lowercased()
                let original = try Self.export(Foreign.people + [Foreign.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-01", "Anna to Bob")],
                                               by: first, named: "first.jsonl", in: folder)
                #expect(try await ImportService(database: database).run([original], options: ImportOptions()).committed)
                // The third register holds it under another ref, with another date and subject, and says where it came from.
                let relayed = String(Foreign.letter("XX-XX-1700-009", "Anna", "Bob", "1700-01-03", "Anna writes to Bob").dropLast())
                    + #","origin":{"register":"\#(first)","ref":"XX-XX-1700-001"}}"#
                let file = try Self.export(Foreign.people + [relayed], by: third, named: "third.jsonl", in: folder)
                let report = try await ImportService(database: database).run([file], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(unchanged: 1), "\(report.counts) \(report.warnings.map(\.message))")
                #expect(report.warnings.contains { $0.message.hasPrefix("ref: letter XX-XX-1700-001 differs in this file, a copy of it from another register "
                                                                        + "than the one it was first recorded in (\(first)), whose own exports correct it: it is kept") },
                        "\(report.warnings.map(\.message))")
                #expect(try await Foreign.letters(database) == ["XX-XX-1700-001: Anna → Bob, 1700-01-01, Anna to Bob"])
                let corrected = try Self.export(Foreign.people + [Foreign.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-03", "Anna writes to Bob")],
                                                by: first, named: "first-again.jsonl", in: folder)
                let again = try await ImportService(database: database).run([corrected], options: ImportOptions())
                #expect(again.counts["letter"] == ImportCounts(updated: 1), "\(again.counts) \(again.warnings.map(\.message))")
                #expect(try await Foreign.letters(database) == ["XX-XX-1700-001: Anna → Bob, 1700-01-03, Anna writes to Bob"])
                // The first register's older export, given after, does not roll the letter back.
                let older = try await ImportService(database: database).run([original], options: ImportOptions())
                #expect(older.counts["letter"] == ImportCounts(unchanged: 1) && older.keptAsHere == 1,
                        "\(older.counts) \(older.warnings.map(\.message))")
                #expect(older.warnings.contains { $0.message.hasPrefix("ref: letter XX-XX-1700-001 differs in this file, an export of the register "
                                                                       + "it was first recorded in made on ") && $0.message.contains(", before the one this register last took it from (") },
                        "\(older.warnings.map(\.message))")
                #expect(try await Foreign.letters(database) == ["XX-XX-1700-001: Anna → Bob, 1700-01-03, Anna writes to Bob"])
                // Its newer export still corrects the letter.
                let newest = try Self.export(Foreign.people + [Foreign.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-04", "Anna writes to Bob again")],
                                             by: first, named: "first-newest.jsonl", in: folder)
                let taken = try await ImportService(database: database).run([newest], options: ImportOptions())
                #expect(taken.counts["letter"] == ImportCounts(updated: 1), "\(taken.counts) \(taken.warnings.map(\.message))")
                #expect(try await Foreign.letters(database) == ["XX-XX-1700-001: Anna → Bob, 1700-01-04, Anna writes to Bob again"])
            }
        }
    }

    @Test("joined exports of two registers: each reply answers the letter its own register meant, as when the files come one at a time")
    func repliesFollowTheirFile() async throws {
        try await withTemporaryFolder { folder in
            func reply(_ ref: String, _ from: String, _ to: String, _ subject: String) -> String {
                String(Foreign.letter(ref, from, to, "1700-02-02", subject).dropLast()) + #","replyTo":["XX-XX-1700-001"]}"#
            }
            let ours = try writeDataset(Foreign.people + [Foreign.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-01", "Anna to Bob")],
                                        named: "ours.jsonl", in: folder)
            // The first register's XX-XX-1700-001 is another letter, answered in its file; the
            // second register's reply names its XX-XX-1700-001, not in its file: ours, by its ref.
            let first = try Self.export(Foreign.people + [Foreign.letter("XX-XX-1700-001", "Carl", "Dora", "1700-01-05", "Carl to Dora"),
                                                          reply("XX-XX-1700-003", "Dora", "Carl", "Dora answers Carl")],
                                        by: UUID().uuidString.lowercased(), named: "first.jsonl", in: folder)
            let second = try Self.export(Foreign.people + [reply("XX-XX-1700-009", "Bob", "Anna", "Bob answers Anna")],
                                         by: UUID().uuidString.lowercased(), named: "second.jsonl", in: folder)
            for files in [[first, second], [second, first]] {
                try await withChancery { database in
                    #expect(try await ImportService(database: database).run([ours], options: ImportOptions()).committed)
                    let report = try await ImportService(database: database).run(files, options: ImportOptions())
                    #expect(report.committed && report.rejected.isEmpty, "\(report.rejected)")
                    let answers = try await EventOriginImportTests.lines(database, """
                        SELECT l.subject || ' → ' || t.subject AS line FROM letter_link k JOIN letter l ON l.id = k.letter_id
                        JOIN letter t ON t.id = k.target_id ORDER BY 1
                        """)
                    #expect(answers == ["Bob answers Anna → Anna to Bob", "Dora answers Carl → Carl to Dora"], "\(report.warnings.map(\.message))")
                }
            }
        }
    }

    @Test("another register's letter under the ref of one first recorded in a third register is another letter, whatever they share")
    func underTheRefOfAThirds() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let third = UUID().uuidString.lowercased(), other = UUID().uuidString.lowercased()
                let fromThird = try Self.export(Foreign.people + [Foreign.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-01", "On coal")],
                                                by: third, named: "third.jsonl", in: folder)
                #expect(try await ImportService(database: database).run([fromThird], options: ImportOptions()).committed)
                // The other register's own letter: the same correspondents and subject, another day.
                let fromOther = try Self.export(Foreign.people + [Foreign.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-05", "On coal")],
                                                by: other, named: "other.jsonl", in: folder)
                let report = try await ImportService(database: database).run([fromOther], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(new: 1), "\(report.counts) \(report.warnings.map(\.message))")
                #expect(try await Foreign.letters(database) == ["XX-XX-1700-001: Anna → Bob, 1700-01-01, On coal",
                                                                "XX-XX-1700-002: Anna → Bob, 1700-01-05, On coal"])
                #expect(try await Self.origins(database) == ["XX-XX-1700-001 from \(third) XX-XX-1700-001",
                                                             "XX-XX-1700-002 from \(other) XX-XX-1700-001"])
                #expect(report.warnings.map(\.message).contains(
                    "ref: XX-XX-1700-001 here is another letter than the file's, which register \(other) first recorded as XX-XX-1700-001 "
                        + "(the one here was first recorded in register \(third) as XX-XX-1700-001); this letter of the file is new here, "
                        + "under the free ref XX-XX-1700-002"), "\(report.warnings.map(\.message))")
                // Given again, it is found by its origin: nothing changes.
                let again = try await ImportService(database: database).run([fromOther], options: ImportOptions())
                #expect(again.counts["letter"] == ImportCounts(unchanged: 1), "\(again.counts) \(again.warnings.map(\.message))")
            }
        }
    }

    @Test("a later export naming a letter or invitation its file does not give means the one its register first recorded, not another register's of that ref")
    func namesOfALaterExport() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let third = UUID().uuidString.lowercased(), other = UUID().uuidString.lowercased()
                func invitation(_ from: String, _ to: String) -> String {
                    #"{"type":"invitation","ref":"INV-T-1","from":{"name":"\#(from)"},"invitees":["\#(to)"],"letter":"XX-XX-1700-001"}"#
                }
                // The third register's letter and invitation take the refs here; the other's, alike in their refs, take free ones.
                let fromThird = try Self.export(Foreign.people + [Foreign.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-01", "On coal"),
                                                                  invitation("Anna", "Bob")],
                                                by: third, named: "third.jsonl", in: folder)
                let fromOther = try Self.export(Foreign.people + [Foreign.letter("XX-XX-1700-001", "Carl", "Dora", "1700-03-03", "On steel"),
                                                                  invitation("Carl", "Dora")],
                                                by: other, named: "other.jsonl", in: folder)
                for file in [fromThird, fromOther] {
                    let report = try await ImportService(database: database).run([file], options: ImportOptions())
                    #expect(report.committed && report.rejected.isEmpty, "\(report.rejected)")
                }
                #expect(try await Self.origins(database) == ["XX-XX-1700-001 from \(third) XX-XX-1700-001",
                                                             "XX-XX-1700-002 from \(other) XX-XX-1700-001"])
                // The other register's later export gives a reply and an answer, not what they name.
                let reply = String(Foreign.letter("XX-XX-1700-005", "Dora", "Carl", "1700-04-04", "Dora answers").dropLast())
                    + #","replyTo":["XX-XX-1700-001"]}"#
                let answer = #"{"type":"response","invitation":"INV-T-1","invitee":"Dora","status":"declined","date":"1700-04-04","letter":"XX-XX-1700-005"}"#
                let later = try Self.export(Foreign.people + [reply, answer], by: other, named: "later.jsonl", in: folder)
                let report = try await ImportService(database: database).run([later], options: ImportOptions())
                #expect(report.committed && report.rejected.isEmpty, "\(report.rejected)")
                #expect(try await EventOriginImportTests.lines(database, """
                    SELECT l.subject || ' → ' || t.subject AS line FROM letter_link k JOIN letter l ON l.id = k.letter_id
                    JOIN letter t ON t.id = k.target_id
                    """) == ["Dora answers → On steel"])
                #expect(try await EventOriginImportTests.lines(database, """
                    SELECT i.ref || ': ' || a.name || ' ' || v.status AS line FROM invitation_invitee v JOIN invitation i ON i.id = v.invitation_id
                    JOIN actor a ON a.id = v.invitee_id ORDER BY i.ref
                    """) == ["INV-T-1: Bob pending", "INV-T-1-2: Dora declined"])
                // Its XX-XX-1700-002 is not here: the letter of that ref here is its XX-XX-1700-001, so
                // a reply to it is not linked there.
                let stray = String(Foreign.letter("XX-XX-1700-006", "Dora", "Carl", "1700-05-05", "Dora again").dropLast())
                    + #","replyTo":["XX-XX-1700-002"]}"#
                var check = ImportOptions()
                check.skipInvalid = true
                check.dryRun = true
                let refused = try await ImportService(database: database).run(
                    [try Self.export(Foreign.people + [stray], by: other, named: "stray.jsonl", in: folder)], options: check)
                #expect(refused.rejected.count == 1 && refused.rejected.first?.reason.contains("XX-XX-1700-002") == true, "\(refused.rejected)")
            }
        }
    }

    @Test("a letter of an edition taken from another register's export is not rolled back by an older export of that register, nor changed by another's copy")
    func editionLettersKeepTheirMoment() async throws {
        try await withTemporaryFolder { folder in
            let table = folder.appendingPathComponent("edition.csv").path
            try "sender,recipient,date,key,edition\nAnna,Bob,1700-01-01,K1,Small Edition\nCarl,Dora,1700-02-02,K2,Small Edition\n"
                .write(toFile: table, atomically: true, encoding: .utf8)
            try await withChancery { first in
                #expect(try await ImportService(database: first).run([table], options: ImportOptions()).committed)
                let older = try await EventOriginImportTests.exportJSONLines(first, named: "older.jsonl", in: folder)
                let ref = try #require(try await ChangedSinceExportImportTests.scalar(first, "SELECT ref FROM letter WHERE external_key = 'K1'"))
                try await withChancery { (second: ChanceryDatabase) async throws in
                    let taken = try await ImportService(database: second).run([older], options: ImportOptions())
                    #expect(taken.counts["letter"] == ImportCounts(new: 2), "\(taken.counts) \(taken.rejected)")
                    #expect(try await Self.origins(second).count == 2)
                    try await ChangedSinceExportImportTests.edit(ref, summary: "Corrected in the edition's register", first)
                    let newer = try await EventOriginImportTests.exportJSONLines(first, named: "newer.jsonl", in: folder)
                    let corrected = try await ImportService(database: second).run([newer], options: ImportOptions())
                    #expect(corrected.counts["letter"] == ImportCounts(unchanged: 1, updated: 1), "\(corrected.counts)")
                    let stale = try await ImportService(database: second).run([older], options: ImportOptions())
                    #expect(stale.counts["letter"] == ImportCounts(unchanged: 2) && stale.keptAsHere == 1,
                            "\(stale.counts) \(stale.warnings.map(\.message))")
                    #expect(stale.warnings.contains { $0.message.hasPrefix("ref: letter \(ref) differs in this file, an export of the register it was "
                                                                           + "first recorded in made on ") }, "\(stale.warnings.map(\.message))")
                    #expect(try await ChangedSinceExportImportTests.summary(of: ref, second) == "Corrected in the edition's register")
                    // The second register's copy, changed there, leaves the first's letter as it is.
                    try await ChangedSinceExportImportTests.edit(ref, summary: "Changed in the second register", second)
                    let copy = try await EventOriginImportTests.exportJSONLines(second, named: "copy.jsonl", in: folder)
                    let back = try await ImportService(database: first).run([copy], options: ImportOptions())
                    #expect(back.counts["letter"] == ImportCounts(unchanged: 2) && back.keptAsHere == 1,
                            "\(back.counts) \(back.warnings.map(\.message))")
                    #expect(try await ChangedSinceExportImportTests.summary(of: ref, first) == "Corrected in the edition's register")
                    // The edition's own file, which names no register, still corrects it.
                    let edition = try await ImportService(database: first).run([table], options: ImportOptions())
                    #expect(edition.counts["letter"] == ImportCounts(unchanged: 2), "\(edition.counts)")
                }
            }
        }
    }

    @Test("an origin that names no register, or no ref, is refused with the record; nothing is written")
    func malformedOrigin() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let badRegister = String(Foreign.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-01", "Anna to Bob").dropLast())
                    + #","origin":{"register":"not-a-uuid","ref":"XX-XX-1700-001"}}"#
                let noRef = String(Foreign.letter("XX-XX-1700-002", "Anna", "Bob", "1700-01-01", "Anna to Bob").dropLast())
                    + #","origin":{"register":"\#(UUID().uuidString)","ref":" "}}"#
                let file = try writeDataset(Foreign.people + [badRegister, noRef], named: "bad.jsonl", in: folder)
                let refused = await #expect(throws: ImportRejected.self) {
                    try await ImportService(database: database).run([file], options: ImportOptions())
                }
                let reasons = refused?.report.rejected.map(\.reason) ?? []
                #expect(reasons.contains { $0.contains("origin.register 'not-a-uuid' is not a register's id") }, "\(reasons)")
                #expect(reasons.contains { $0.contains("origin.ref") && $0.contains("not the letter's ref there") }, "\(reasons)")
                #expect(try await ChangedSinceExportImportTests.scalar(database, "SELECT count(*)::text FROM letter") == "0")
            }
        }
    }

    @Test("two records of one origin in joined exports are one letter, read once; found again, still one")
    func oneOriginTwice() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let first = UUID().uuidString.lowercased(), b = UUID().uuidString.lowercased(), c = UUID().uuidString.lowercased()
                func copy(_ ref: String) -> String {
                    String(Foreign.letter(ref, "Anna", "Bob", "1700-01-01", "Anna to Bob").dropLast())
                        + #","origin":{"register":"\#(first)","ref":"XX-XX-1700-001"}}"#
                }
                let fromB = try Self.export(Foreign.people + [copy("XX-XX-1700-002")], by: b, named: "b.jsonl", in: folder)
                let fromC = try Self.export(Foreign.people + [copy("XX-XX-1700-004")], by: c, named: "c.jsonl", in: folder)
                let report = try await ImportService(database: database).run([fromB, fromC], options: ImportOptions())
                #expect(report.committed && report.rejected.isEmpty, "\(report.rejected)")
                #expect(report.counts["letter"]?.new == 1, "\(report.counts)")
                let again = try await ImportService(database: database).run([fromB, fromC], options: ImportOptions())
                #expect(again.committed && again.rejected.isEmpty, "\(again.rejected)")
                #expect(again.counts["letter"]?.new == 0 && again.counts["letter"]?.updated == 0, "\(again.counts)")
                #expect(try await Self.origins(database) == ["XX-XX-1700-002 from \(first) XX-XX-1700-001"])

                // Copies that differ are refused together, saying they are one letter.
                let edited = String(Foreign.letter("XX-XX-1700-004", "Anna", "Bob", "1700-01-01", "Anna to Bob, edited in C").dropLast())
                    + #","origin":{"register":"\#(first)","ref":"XX-XX-1700-001"}}"#
                let editedInC = try Self.export(Foreign.people + [edited], by: c, named: "c-edited.jsonl", in: folder)
                let refused = await #expect(throws: ImportRejected.self) {
                    try await ImportService(database: database).run([fromB, editedInC], options: ImportOptions())
                }
                let reasons = refused?.report.rejected.map(\.reason) ?? []
                #expect(reasons.count == 2 && reasons.allSatisfy { $0.contains("both are letter XX-XX-1700-001 of register \(first) by their origin: "
                                                                             + "import the files one at a time") }, "\(reasons)")
            }
        }
    }
}
