@testable import ChanceryCore
import ChanceryInterchange
import ChanceryModel
import Foundation
import LibPQClient
import TestFiles
import Testing

/// References such as US-KH-2022-001 are made alike in every register: another register's
/// export, in any format, names its own letters by refs this register gave to others. A record
/// that shares no sender or addressee with the stored letter of its ref, and differs from it in
/// date or subject, is another letter; one that keeps the date and subject corrects the letter.
@Suite("Records under another letter's reference")
struct ForeignReferenceImportTests {
    static let people = ["Anna", "Bob", "Carl", "Dora"].map { #"{"type":"actor","kind":"person","name":"\#($0)"}"# }

    static func letter(_ ref: String, _ from: String, _ to: String, _ date: String, _ subject: String) -> String {
        #"{"type":"letter","ref":"\#(ref)","from":[{"name":"\#(from)"}],"to":[{"name":"\#(to)"}],"date":"\#(date)","subject":"\#(subject)"}"#
    }

    /// Each letter as "ref: sender → addressee, date, subject".
    static func letters(_ database: ChanceryDatabase) async throws -> [String] {
        try await database.read { connection in
            try await connection.query(
                """
                SELECT l.ref || ': ' || string_agg(a.name, ' → ' ORDER BY p.role) || ', ' || l.sent_edtf || ', ' || l.subject AS line
                FROM letter l JOIN letter_participant p ON p.letter_id = l.id JOIN actor a ON a.id = p.actor_id
                GROUP BY l.id ORDER BY l.ref
                """).rows.map { try $0.decode("line", as: String.self) }
        }
    }

    @Test("another register's export under a ref taken here adds its letter under a free ref, and finds it again",
          arguments: [InterchangeFormat.jsonl, .csv])
    func anotherRegistersExport(format: InterchangeFormat) async throws {
        try await withTemporaryFolder { folder in
            let ours = try writeDataset(Self.people + [Self.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-01", "Anna to Bob")],
                                        named: "ours.jsonl", in: folder)
            let theirs = try writeDataset(Self.people + [Self.letter("XX-XX-1700-001", "Carl", "Dora", "1700-05-05", "Carl to Dora"),
                                                         Self.letter("XX-XX-1700-002", "Dora", "Carl", "1700-06-01", "Dora to Carl")]
                                          + [#"{"type":"letter","ref":"XX-XX-1700-003","from":[{"name":"Dora"}],"to":[{"name":"Carl"}],"date":"1700-07-01","subject":"Again","replyTo":["XX-XX-1700-001"]}"#],
                                          named: "theirs.jsonl", in: folder)
            let export = folder.appendingPathComponent("theirs." + format.rawValue).path
            try await withChancery { database in
                #expect(try await ImportService(database: database).run([theirs], options: ImportOptions()).committed)
                try await ExportService(database: database).export(format: format, query: nil, to: export)
            }
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([ours], options: ImportOptions()).committed)
                let report = try await service.run([export], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(new: 3), "\(report.counts) \(report.rejected)")
                let warning = report.warnings.first { $0.message.contains("is another letter in the register") }
                #expect(warning?.message.contains("XX-XX-1700-001 is another letter in the register, “Anna to Bob” of 1700-01-01 "
                                                  + "(no sender or addressee in common); this letter of the file is new here, under the free ref XX-XX-1700-004") == true,
                        "\(report.warnings)")
                #expect(warning?.message.contains("chancery letter edit XX-XX-1700-001") == true)
                // Ours is untouched; theirs takes the next free ref, and the reply in the file follows it.
                #expect(try await Self.letters(database) == [
                    "XX-XX-1700-001: Anna → Bob, 1700-01-01, Anna to Bob",
                    "XX-XX-1700-002: Dora → Carl, 1700-06-01, Dora to Carl",
                    "XX-XX-1700-003: Dora → Carl, 1700-07-01, Again",
                    "XX-XX-1700-004: Carl → Dora, 1700-05-05, Carl to Dora",
                ])
                let reply = try await LetterService(database: database).show("XX-XX-1700-003")
                #expect(reply.links.map(\.ref) == ["XX-XX-1700-004"], "\(reply.links)")
                // Given again, the file finds its letter under the ref it was given here.
                let again = try await service.run([export], options: ImportOptions())
                #expect(again.counts["letter"] == ImportCounts(unchanged: 3), "\(again.counts) \(again.rejected)")
                #expect(again.warnings.contains { $0.message.contains("this letter of the file is XX-XX-1700-004") }, "\(again.warnings)")
                #expect(try await Self.letters(database).count == 4)
            }
        }
    }

    @Test("a record that keeps a letter's date and subject and names other correspondents corrects the letter")
    func correction() async throws {
        try await withTemporaryFolder { folder in
            let first = try writeDataset(Self.people + [Self.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-01", "Anna to Bob")],
                                         named: "first.jsonl", in: folder)
            let corrected = try writeDataset(Self.people + [Self.letter("XX-XX-1700-001", "Carl", "Dora", "1700-01-01", "Anna to Bob")],
                                             named: "corrected.jsonl", in: folder)
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([first], options: ImportOptions()).committed)
                let report = try await service.run([corrected], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(updated: 1), "\(report.counts)")
                #expect(!report.warnings.contains { $0.message.contains("is another letter") }, "\(report.warnings)")
                #expect(try await Self.letters(database) == ["XX-XX-1700-001: Carl → Dora, 1700-01-01, Anna to Bob"])
            }
        }
    }

    @Test("a register of the same correspondence: a letter of another date and subject under a ref taken here is another letter")
    func sameCorrespondents() async throws {
        try await withTemporaryFolder { folder in
            let ours = try writeDataset(Self.people + [Self.letter("XX-XX-1700-001", "Anna", "Bob", "1700-03-01", "On the harvest")],
                                        named: "ours.jsonl", in: folder)
            let theirs = try writeDataset(Self.people + [Self.letter("XX-XX-1700-001", "Bob", "Anna", "1700-05-01", "Reply on the harvest")],
                                          named: "theirs.jsonl", in: folder)
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([ours], options: ImportOptions()).committed)
                let report = try await service.run([theirs], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(new: 1), "\(report.counts)")
                #expect(report.warnings.contains { $0.message.contains("(another date and subject)") }, "\(report.warnings)")
                #expect(try await Self.letters(database) == [
                    "XX-XX-1700-001: Anna → Bob, 1700-03-01, On the harvest",
                    "XX-XX-1700-002: Bob → Anna, 1700-05-01, Reply on the harvest",
                ])
                // A CSV row that keeps the date and gives no subject corrects the letter's correspondents.
                let table = folder.appendingPathComponent("corrected.csv")
                try "ref,sender,recipient,date\nXX-XX-1700-001,Carl,Dora,1700-03-01\n".write(to: table, atomically: true, encoding: .utf8)
                let corrected = try await service.run([table.path], options: ImportOptions())
                #expect(corrected.counts["letter"] == ImportCounts(updated: 1), "\(corrected.counts) \(corrected.warnings)")
                #expect(try await Self.letters(database).first == "XX-XX-1700-001: Carl → Dora, 1700-03-01, On the harvest")
            }
        }
    }

    @Test("a record of no edition under the ref of an edition's letter, with nothing in common, leaves that letter as it is")
    func editionLetterRef() async throws {
        try await withTemporaryFolder { folder in
            let edition = #"{"type":"letter","key":"1","provenance":{"kind":"edition","title":"Briefe"},"from":[{"name":"Anna"}],"#
                + #""to":[{"name":"Bob"}],"date":"1666-01-01","subject":"From the edition"}"#
            let stored = try writeDataset(Self.people + [edition], named: "edition.jsonl", in: folder)
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([stored], options: ImportOptions()).committed)
                let ref = try await Self.letters(database)[0].prefix { $0 != ":" }
                let unrelated = try writeDataset(Self.people + [Self.letter(String(ref), "Carl", "Dora", "1666-02-02", "Unrelated")],
                                                 named: "unrelated.jsonl", in: folder)
                let report = try await service.run([unrelated], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(new: 1), "\(report.counts)")
                let letters = try await Self.letters(database)
                #expect(letters.contains("\(ref): Anna → Bob, 1666-01-01, From the edition"), "\(letters)")
                #expect(letters.contains { $0.hasSuffix("Carl → Dora, 1666-02-02, Unrelated") }, "\(letters)")
            }
        }
    }

    @Test("another register's letter given in JSON Lines and in CMIF, either way round, is one letter here")
    func twoFormats() async throws {
        try await withTemporaryFolder { folder in
            let ours = try writeDataset(Self.people + [Self.letter("XX-XX-1700-001", "Anna", "Bob", "1700-03-01", "Ours")],
                                        named: "ours.jsonl", in: folder)
            let theirs = try writeDataset(Self.people + [Self.letter("XX-XX-1700-001", "Carl", "Dora", "1700-05~", "Theirs"),
                                                         Self.letter("XX-XX-1700-002", "Carl", "Dora", "1700-06-01", "Theirs again")],
                                          named: "theirs.jsonl", in: folder)
            let jsonl = folder.appendingPathComponent("export.jsonl").path, cmif = folder.appendingPathComponent("export.xml").path
            try await withChancery { database in
                #expect(try await ImportService(database: database).run([theirs], options: ImportOptions()).committed)
                // (The JSON Lines made after the CMIF: an older export of the register would be kept out.)
                try await ExportService(database: database).export(format: .cmif, query: nil, to: cmif)
                try await ExportService(database: database).export(format: .jsonl, query: nil, to: jsonl)
            }
            for order in [[jsonl, cmif], [cmif, jsonl]] {
                try await withChancery { database in
                    let service = ImportService(database: database)
                    #expect(try await service.run([ours], options: ImportOptions()).committed)
                    #expect(try await service.run([order[0]], options: ImportOptions()).counts["letter"]?.new == 2)
                    let second = try await service.run([order[1]], options: ImportOptions())
                    #expect(second.counts["letter"]?.new == 0, "\(order): \(second.counts) \(second.warnings)")
                    #expect(try await Self.letters(database).count == 3, "\(order)")
                }
            }
        }
    }

    @Test("an invitation and a response in the file follow their letters to the refs they take here")
    func invitationsFollow() async throws {
        try await withTemporaryFolder { folder in
            let ours = try writeDataset(Self.people + [Self.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-01", "Ours"),
                                                       Self.letter("XX-XX-1700-002", "Bob", "Anna", "1700-01-09", "Our reply")],
                                        named: "ours.jsonl", in: folder)
            let theirs = try writeDataset(Self.people + [
                #"{"type":"event","ref":"EV-T-1","name":"Synod of 1700","kind":"other","date":"1700-09"}"#,
                Self.letter("XX-XX-1700-001", "Carl", "Dora", "1700-05-05", "The invitation"),
                Self.letter("XX-XX-1700-002", "Dora", "Carl", "1700-06-06", "The acceptance"),
                #"{"type":"invitation","ref":"INV-T-1","from":{"name":"Carl"},"invitees":["Dora"],"event":"EV-T-1","letter":"XX-XX-1700-001"}"#,
                #"{"type":"response","invitation":"INV-T-1","invitee":"Dora","status":"accepted","letter":"XX-XX-1700-002"}"#,
            ], named: "theirs.jsonl", in: folder)
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([ours], options: ImportOptions()).committed)
                let report = try await service.run([theirs], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(new: 2), "\(report.counts) \(report.rejected)")
                let carried = try await database.read { connection in
                    try await connection.query(
                        """
                        SELECT l.subject || ' carries ' || i.ref || ', answered by ' || r.subject AS line
                        FROM invitation i JOIN letter l ON l.id = i.letter_id
                        JOIN invitation_invitee v ON v.invitation_id = i.id JOIN letter r ON r.id = v.response_letter_id
                        """).rows.map { try $0.decode("line", as: String.self) }
                }
                #expect(carried == ["The invitation carries INV-T-1, answered by The acceptance"])
            }
        }
    }

    @Test("an event of another name and date under an event ref taken here is another event; the file's letters and invitations follow it")
    func events() async throws {
        try await withTemporaryFolder { folder in
            let ours = try writeDataset(Self.people + [
                #"{"type":"event","ref":"EV-1","name":"Synod of 1700","kind":"other","date":"1700-09"}"#,
                Self.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-01", "On the synod").dropLast() + #","events":["EV-1"]}"#,
            ], named: "ours.jsonl", in: folder)
            let theirs = try writeDataset(Self.people + [
                #"{"type":"event","ref":"EV-1","name":"Council of 1701","kind":"other","date":"1701-03"}"#,
                Self.letter("T-1", "Carl", "Dora", "1701-01-01", "On the council").dropLast() + #","events":["EV-1"]}"#,
                #"{"type":"invitation","ref":"INV-T-2","from":{"name":"Carl"},"invitees":["Dora"],"event":"EV-1","letter":"T-1"}"#,
            ], named: "theirs.jsonl", in: folder)
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([ours], options: ImportOptions()).committed)
                let report = try await service.run([theirs], options: ImportOptions())
                #expect(report.counts["event"] == ImportCounts(new: 1), "\(report.counts) \(report.rejected)")
                #expect(report.warnings.contains { $0.message.contains("ref: event EV-1 is another event in the register, “Synod of 1700”") && $0.message.hasSuffix("under the ref EV-1-2") },
                        "\(report.warnings)")
                func concerning() async throws -> [String] {
                    try await database.read { connection in
                        try await connection.query(
                            """
                            SELECT l.subject || ' → ' || e.ref || ' ' || e.name AS line FROM letter_event le
                            JOIN letter l ON l.id = le.letter_id JOIN event e ON e.id = le.event_id
                            UNION ALL
                            SELECT i.ref || ' → ' || e.ref || ' ' || e.name FROM invitation i JOIN event e ON e.id = i.event_id
                            ORDER BY 1
                            """).rows.map { try $0.decode("line", as: String.self) }
                    }
                }
                let expected = ["INV-T-2 → EV-1-2 Council of 1701", "On the council → EV-1-2 Council of 1701", "On the synod → EV-1 Synod of 1700"]
                #expect(try await concerning() == expected)
                // Given again, the file's event is the one of its name and dates.
                let again = try await service.run([theirs], options: ImportOptions())
                #expect(again.counts["event"] == ImportCounts(unchanged: 1), "\(again.counts)")
                #expect(try await concerning() == expected)
            }
        }
    }

    @Test("a free ref is as wide as the numbers already under its prefix")
    func freeRefWidth() async throws {
        try await withTemporaryFolder { folder in
            let ours = try writeDataset(Self.people + [Self.letter("XX-XX-1700-0000041", "Anna", "Bob", "1700-01-01", "Ours")],
                                        named: "ours.jsonl", in: folder)
            let theirs = try writeDataset(Self.people + [Self.letter("XX-XX-1700-0000041", "Carl", "Dora", "1700-05-05", "Theirs")],
                                          named: "theirs.jsonl", in: folder)
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([ours], options: ImportOptions()).committed)
                #expect(try await service.run([theirs], options: ImportOptions()).committed)
                var draft = LetterDraft()
                draft.from = [ParticipantDraft(name: "Bob")]
                draft.to = [ParticipantDraft(name: "Carl")]
                draft.date = "1700-07-07"
                draft.subject = "Logged by hand"
                _ = try await LetterService(database: database).add(draft)
                #expect(try await Self.letters(database).map { String($0.prefix { $0 != ":" }) }
                        == ["XX-XX-1700-0000041", "XX-XX-1700-0000042", "XX-XX-1700-0000043"])
            }
        }
    }

    @Test("two letters of one day and correspondents from another register, given in CMIF and then in JSON Lines, are two letters here")
    func alikeLettersTwoFormats() async throws {
        try await withTemporaryFolder { folder in
            let ours = try writeDataset(Self.people + [Self.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-01", "Ours"),
                                                       Self.letter("XX-XX-1700-002", "Anna", "Bob", "1700-01-02", "Ours too")],
                                        named: "ours.jsonl", in: folder)
            let theirs = try writeDataset(Self.people + [Self.letter("XX-XX-1700-001", "Carl", "Dora", "1700-03-03", "Forum"),
                                                         Self.letter("XX-XX-1700-002", "Carl", "Dora", "1700-03-03", "Visa")],
                                          named: "theirs.jsonl", in: folder)
            let jsonl = folder.appendingPathComponent("export.jsonl").path, cmif = folder.appendingPathComponent("export.xml").path
            try await withChancery { database in
                #expect(try await ImportService(database: database).run([theirs], options: ImportOptions()).committed)
                // (The JSON Lines made after the CMIF: an older export of the register would be kept out.)
                try await ExportService(database: database).export(format: .cmif, query: nil, to: cmif)
                try await ExportService(database: database).export(format: .jsonl, query: nil, to: jsonl)
            }
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([ours], options: ImportOptions()).committed)
                #expect(try await service.run([cmif], options: ImportOptions()).counts["letter"] == ImportCounts(new: 2))
                let second = try await service.run([jsonl], options: ImportOptions())
                #expect(second.counts["letter"] == ImportCounts(updated: 2), "\(second.counts) \(second.rejected)")
                #expect(try await Self.letters(database).filter { $0.contains("Carl") }.map { String($0.split(separator: ", ").last ?? "") }.sorted()
                        == ["Forum", "Visa"])
            }
        }
    }

    @Test("a letter of another date that gives a subject, under the ref of one whose subject was composed, is another letter")
    func composedStoredSubject() async throws {
        try await withTemporaryFolder { folder in
            let table = folder.appendingPathComponent("ours.csv")
            try "ref,sender,recipient,date\nXX-XX-1700-001,Anna,Bob,1700-04-01\n".write(to: table, atomically: true, encoding: .utf8)
            let theirs = try writeDataset(Self.people + [Self.letter("XX-XX-1700-001", "Anna", "Bob", "1700-06-01", "Trade talks")],
                                          named: "theirs.jsonl", in: folder)
            try await withChancery { database in
                let service = ImportService(database: database)
                let people = try writeDataset(Self.people, named: "people.jsonl", in: folder)
                #expect(try await service.run([people, table.path], options: ImportOptions()).committed)
                let report = try await service.run([theirs], options: ImportOptions())
                #expect(report.counts["letter"] == ImportCounts(new: 1), "\(report.counts)")
                #expect(try await Self.letters(database) == ["XX-XX-1700-001: Anna → Bob, 1700-04-01, Letter from Anna to Bob",
                                                            "XX-XX-1700-002: Anna → Bob, 1700-06-01, Trade talks"])
            }
        }
    }

    @Test("an invitation from another inviter to another event under an invitation ref taken here is another invitation; responses follow")
    func invitations() async throws {
        func register(_ inviter: String, _ invitee: String, event: String, date: String, status: String) -> [String] {
            Self.people + [
                #"{"type":"event","ref":"EV-1","name":"\#(event)","kind":"summit","date":"\#(date)"}"#,
                Self.letter("XX-XX-1700-001", inviter, invitee, "1700-01-01", "Invitation to the \(event)"),
                Self.letter("XX-XX-1700-002", invitee, inviter, "1700-02-01", "Answer about the \(event)"),
                #"{"type":"invitation","ref":"INV-1","from":{"name":"\#(inviter)"},"invitees":["\#(invitee)"],"event":"EV-1","letter":"XX-XX-1700-001"}"#,
                #"{"type":"response","invitation":"INV-1","invitee":"\#(invitee)","status":"\#(status)","letter":"XX-XX-1700-002"}"#,
            ]
        }
        try await withTemporaryFolder { folder in
            let ours = try writeDataset(register("Anna", "Bob", event: "Synod", date: "1700-09", status: "accepted"), named: "ours.jsonl", in: folder)
            let theirs = try writeDataset(register("Carl", "Dora", event: "Council", date: "1701-03", status: "declined"),
                                          named: "theirs.jsonl", in: folder)
            try await withChancery { database in
                let service = ImportService(database: database)
                #expect(try await service.run([ours], options: ImportOptions()).committed)
                let report = try await service.run([theirs], options: ImportOptions())
                #expect(report.counts["invitation"] == ImportCounts(new: 1), "\(report.counts) \(report.rejected)")
                #expect(report.warnings.contains { $0.message.contains("ref: invitation INV-1 is another invitation in the register, from Anna to Synod")
                                                   && $0.message.hasSuffix("under the ref INV-1-2") }, "\(report.warnings)")
                func invitations() async throws -> [String] {
                    try await database.read { connection in
                        try await connection.query(
                            """
                            SELECT i.ref || ': ' || a.name || ' to ' || e.name || ' in ' || l.subject || '; ' || v.name || ' '
                                   || iv.status::text || ' in ' || r.subject AS line
                            FROM invitation i JOIN actor a ON a.id = i.inviter_id JOIN event e ON e.id = i.event_id
                            JOIN letter l ON l.id = i.letter_id JOIN invitation_invitee iv ON iv.invitation_id = i.id
                            JOIN actor v ON v.id = iv.invitee_id JOIN letter r ON r.id = iv.response_letter_id ORDER BY 1
                            """).rows.map { try $0.decode("line", as: String.self) }
                    }
                }
                let expected = ["INV-1-2: Carl to Council in Invitation to the Council; Dora declined in Answer about the Council",
                                "INV-1: Anna to Synod in Invitation to the Synod; Bob accepted in Answer about the Synod"]
                #expect(try await invitations() == expected)
                let again = try await service.run([theirs], options: ImportOptions())
                #expect(again.counts["invitation"] == ImportCounts(unchanged: 1), "\(again.counts)")
                #expect(try await invitations() == expected)
            }
        }
    }
}
