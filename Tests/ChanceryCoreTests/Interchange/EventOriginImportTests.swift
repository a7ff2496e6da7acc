@testable import ChanceryCore
import ChanceryInterchange
import ChanceryModel
import Foundation
import LibPQClient
import TestFiles
import Testing

/// Events and invitations that travel between registers keep where they were first recorded, as
/// letters do (`LetterOriginImportTests`): another register's copy no longer undoes what was
/// changed here since, and the register they were first recorded in corrects them, found by their
/// origin whatever their ref here. Registers here are real databases exchanging their exports.
@Suite("Events and invitations between registers: origin")
struct EventOriginImportTests {
    typealias Own = ChangedSinceExportImportTests

    static func exportJSONLines(_ database: ChanceryDatabase, named name: String, in folder: URL) async throws -> String {
        let path = folder.appendingPathComponent(name).path
        try await ExportService(database: database).export(format: .jsonl, query: nil, to: path)
        return path
    }

    static func importing(_ path: String, into database: ChanceryDatabase) async throws -> ImportReport {
        let report = try await ImportService(database: database).run([path], options: ImportOptions())
        #expect(report.committed && report.rejected.isEmpty, "\(report.rejected.map(\.reason))")
        return report
    }

    static func lines(_ database: ChanceryDatabase, _ sql: PostgresQuery) async throws -> [String] {
        try await database.read { connection in
            try await connection.query(sql).rows.map { try $0.decode("line", as: String.self) }
        }
    }

    /// Each event: its ref, city and summary, and where it came from.
    static func events(_ database: ChanceryDatabase) async throws -> [String] {
        try await lines(database, """
            SELECT ref || ': ' || name || coalesce(', ' || city, '') || coalesce(', ' || summary, '')
                   || coalesce(' from ' || origin_register || ' ' || origin_ref, '') AS line
            FROM event ORDER BY ref
            """)
    }

    /// Each invitation: its ref, event, summary and answers, and where it came from.
    static func invitations(_ database: ChanceryDatabase) async throws -> [String] {
        try await lines(database, """
            SELECT i.ref || ' to ' || coalesce(e.ref, '-') || coalesce(', ' || i.summary, '') || ': '
                   || (SELECT string_agg(a.name || ' ' || v.status, ', ' ORDER BY a.name) FROM invitation_invitee v
                       JOIN actor a ON a.id = v.invitee_id WHERE v.invitation_id = i.id)
                   || coalesce(' from ' || i.origin_register || ' ' || i.origin_ref, '') AS line
            FROM invitation i LEFT JOIN event e ON e.id = i.event_id ORDER BY i.ref
            """)
    }

    @Test("another register's copy of an event, invitation and answer first recorded here does not undo what was changed here since")
    func staleCopyOfOurs() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { (first: ChanceryDatabase) async throws in
                try await withChancery { (second: ChanceryDatabase) async throws in
                    let source = try writeDataset(Own.records, named: "source.jsonl", in: folder)
                    _ = try await Self.importing(source, into: first)
                    let firstID = try await OwnExportImportTests.registerID(first)
                    _ = try await Self.importing(try await Self.exportJSONLines(first, named: "first.jsonl", in: folder), into: second)
                    // The second register knows where they came from, and its exports say so.
                    #expect(try await Self.events(second) == ["EV-T-1: Synod of 1700 from \(firstID) EV-T-1"])
                    #expect(try await Self.invitations(second) == ["INV-T-1 to EV-T-1: Bob accepted, Carl pending from \(firstID) INV-T-1"])
                    // Their details say so too (the CLI's `show`, the API).
                    #expect(try await EventService(database: second).show("EV-T-1").origin == RecordOrigin(register: firstID, ref: "EV-T-1"))
                    #expect(try await InvitationService(database: second).show("INV-T-1").origin == RecordOrigin(register: firstID, ref: "INV-T-1"))
                    #expect(try await LetterService(database: second).show("XX-XX-1700-001").origin
                            == RecordOrigin(register: firstID, ref: "XX-XX-1700-001"))
                    #expect(try await EventService(database: first).show("EV-T-1").origin == nil)
                    let copy = try await Self.exportJSONLines(second, named: "second.jsonl", in: folder)
                    let text = try String(contentsOfFile: copy, encoding: .utf8)
                    #expect(text.contains(#""ref":"EV-T-1""#) && text.contains(#""origin":{"register":"\#(firstID)","ref":"EV-T-1"}"#), "\(text)")
                    #expect(text.contains(#""origin":{"register":"\#(firstID)","ref":"INV-T-1"}"#), "\(text)")

                    // Changed here after the copy was made.
                    var event = EventChanges()
                    event.city = .set("Lund")
                    _ = try await EventService(database: first).edit("EV-T-1", event)
                    var invitation = InvitationChanges()
                    invitation.summary = .set("Edited here")
                    invitation.removedInvitees = ["Carl"]
                    _ = try await InvitationService(database: first).edit("INV-T-1", invitation)
                    _ = try await InvitationService(database: first).respond(
                        ResponseDraft(invitation: "INV-T-1", invitee: "Bob", status: .declined, date: "1700-03-03"))

                    let report = try await Self.importing(copy, into: first)
                    #expect(try await Self.events(first) == ["EV-T-1: Synod of 1700, Lund"])
                    #expect(try await Self.invitations(first) == ["INV-T-1 to EV-T-1, Edited here: Bob declined"])
                    #expect(report.counts["event"] == ImportCounts(unchanged: 1), "\(report.counts)")
                    #expect(report.counts["invitation"] == ImportCounts(unchanged: 1), "\(report.counts)")
                    #expect(report.counts["response"] == ImportCounts(unchanged: 1), "\(report.counts)")
                    #expect(report.keptAsHere == 3, "\(report.warnings.map(\.message))")
                    let said = report.warnings.map(\.message)
                    #expect(said.contains("ref: event EV-T-1 differs in this file, another register's copy of one first recorded here: it is kept as "
                                          + "this register has it, with its participants and sources (the file's are left out); "
                                          + "`chancery event edit EV-T-1` takes what it should of the file's"), "\(said)")
                    #expect(said.contains("ref: invitation INV-T-1 differs in this file, another register's copy of one first recorded here: it is kept "
                                          + "as this register has it, with its invitees and sources (the file's are left out); "
                                          + "`chancery invitation edit INV-T-1` takes what it should of the file's"), "\(said)")
                    #expect(said.contains("invitee: the answer of Bob to INV-T-1 differs in this file (accepted, 1700-02-02), another register's copy "
                                          + "of an invitation first recorded here: it is kept as this register has it; "
                                          + "`chancery invitation respond INV-T-1 --invitee 'Bob' --status accepted --date 1700-02-02` records the file's"),
                            "\(said)")

                    // A new answer in the copy is taken: the second register learnt it.
                    _ = try await InvitationService(database: first).edit("INV-T-1", {
                        var back = InvitationChanges()
                        back.addedInvitees = ["Carl"]
                        return back
                    }())
                    _ = try await InvitationService(database: second).respond(
                        ResponseDraft(invitation: "INV-T-1", invitee: "Carl", status: .tentative, date: "1700-04-04"))
                    let later = try await Self.importing(try await Self.exportJSONLines(second, named: "second-later.jsonl", in: folder), into: first)
                    #expect(try await Self.invitations(first) == ["INV-T-1 to EV-T-1, Edited here: Bob declined, Carl tentative"])
                    #expect(later.counts["response"] == ImportCounts(new: 1, unchanged: 1), "\(later.counts)")
                }
            }
        }
    }

    /// `path`'s export without its invitation records: what an export narrower or later than the
    /// invitation gives of it.
    static func withoutInvitations(_ path: String, named name: String, in folder: URL) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let kept = text.split(separator: "\n").filter { !$0.hasPrefix(#"{"type":"invitation""#) }
        #expect(kept.contains { $0.hasPrefix(#"{"type":"response""#) }, "\(text)")
        let trimmed = folder.appendingPathComponent(name).path
        try (kept.joined(separator: "\n") + "\n").write(toFile: trimmed, atomically: true, encoding: .utf8)
        return trimmed
    }

    @Test("answers in another register's export that does not give their invitation follow its origin: kept here when they differ, corrected by its register")
    func answersWithoutTheirInvitation() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { (first: ChanceryDatabase) async throws in
                try await withChancery { (second: ChanceryDatabase) async throws in
                    _ = try await Self.importing(try writeDataset(Own.records, named: "source.jsonl", in: folder), into: first)
                    let firstID = try await OwnExportImportTests.registerID(first)
                    _ = try await Self.importing(try await Self.exportJSONLines(first, named: "first.jsonl", in: folder), into: second)

                    // The second register records other answers: Bob's differs from the first's, Carl's is new.
                    let secondAnswers = InvitationService(database: second)
                    _ = try await secondAnswers.respond(ResponseDraft(invitation: "INV-T-1", invitee: "Bob", status: .declined, date: "1700-03-03"))
                    _ = try await secondAnswers.respond(ResponseDraft(invitation: "INV-T-1", invitee: "Carl", status: .tentative, date: "1700-04-04"))
                    // And invites Dora, who accepts: not invited here, her answer cannot be taken, and is said.
                    _ = try await secondAnswers.edit("INV-T-1", {
                        var more = InvitationChanges()
                        more.addedInvitees = ["Dora"]
                        return more
                    }())
                    _ = try await secondAnswers.respond(ResponseDraft(invitation: "INV-T-1", invitee: "Dora", status: .accepted, date: "1700-04-05"))
                    let answers = try Self.withoutInvitations(try await Self.exportJSONLines(second, named: "second.jsonl", in: folder),
                                                              named: "second-answers.jsonl", in: folder)
                    let taken = try await Self.importing(answers, into: first)
                    #expect(try await Self.invitations(first) == ["INV-T-1 to EV-T-1: Bob accepted, Carl tentative"])
                    #expect(taken.counts["response"] == ImportCounts(new: 1, unchanged: 2), "\(taken.counts)")
                    #expect(taken.keptAsHere == 2, "\(taken.warnings.map(\.message))")
                    #expect(taken.warnings.map(\.message).contains(
                        "invitee: Dora answers INV-T-1 in this file (accepted), but is not invited by it here: "
                            + "the answer is left out; `chancery invitation edit INV-T-1 --add-invitee 'Dora'` and then "
                            + "`chancery invitation respond INV-T-1 --invitee 'Dora' --status accepted --date 1700-04-05` record it"),
                            "\(taken.warnings.map(\.message))")
                    #expect(taken.warnings.map(\.message).contains {
                        $0.hasPrefix("invitee: the answer of Bob to INV-T-1 differs in this file (declined, 1700-03-03), another register's copy "
                                     + "of an invitation first recorded here: it is kept as this register has it")
                    }, "\(taken.warnings.map(\.message))")

                    // The register the invitation was first recorded in corrects the second's answer the same way;
                    // an answer of someone it invited since, whom the second does not invite, is left out, said.
                    _ = try await InvitationService(database: first).respond(
                        ResponseDraft(invitation: "INV-T-1", invitee: "Carl", status: .declined, date: "1700-05-05"))
                    _ = try await Self.importing(try writeDataset([#"{"type":"actor","kind":"person","name":"Eve"}"#], named: "eve.jsonl", in: folder),
                                                 into: first)
                    _ = try await InvitationService(database: first).edit("INV-T-1", {
                        var more = InvitationChanges()
                        more.addedInvitees = ["Eve"]
                        return more
                    }())
                    _ = try await InvitationService(database: first).respond(
                        ResponseDraft(invitation: "INV-T-1", invitee: "Eve", status: .accepted, date: "1700-05-06", note: "Gladly, if it's spring"))
                    let corrections = try Self.withoutInvitations(try await Self.exportJSONLines(first, named: "first-later.jsonl", in: folder),
                                                                  named: "first-answers.jsonl", in: folder)
                    let corrected = try await Self.importing(corrections, into: second)
                    #expect(try await Self.invitations(second) == ["INV-T-1 to EV-T-1: Bob accepted, Carl declined, Dora accepted from \(firstID) INV-T-1"])
                    #expect(corrected.warnings.map(\.message).contains {
                        $0.hasPrefix("invitee: the answer of Carl to INV-T-1 is corrected as the register the invitation was first recorded in has it")
                    }, "\(corrected.warnings.map(\.message))")
                    #expect(corrected.warnings.map(\.message).contains(
                        "invitee: Eve answers INV-T-1 in this file (accepted), but is not invited by it here: the answer is left out; "
                            + "`chancery invitation edit INV-T-1 --add-invitee 'Eve'` and then `chancery invitation respond INV-T-1 --invitee 'Eve' "
                            + #"--status accepted --date 1700-05-06 --note 'Gladly, if it'\''s spring'` record it"#),
                            "\(corrected.warnings.map(\.message))")
                }
            }
        }
    }

    @Test("an event and invitation of another register are found by their origin under another ref here and corrected by that register's files; a third register's copy is kept")
    func correctedByTheirRegister() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { (here: ChanceryDatabase) async throws in
                try await withChancery { (theirs: ChanceryDatabase) async throws in
                    try await withChancery { (third: ChanceryDatabase) async throws in
                        let people = ForeignReferenceImportTests.people
                        // Both registers have an EV-T-1 and an INV-T-1 of their own.
                        _ = try await Self.importing(try writeDataset(people + [
                            #"{"type":"event","ref":"EV-T-1","name":"Council of 1701","kind":"other","date":"1701-05"}"#,
                            #"{"type":"invitation","ref":"INV-T-1","from":{"name":"Dora"},"invitees":["Carl"],"event":"EV-T-1","date":"1701-01"}"#,
                        ], named: "here.jsonl", in: folder), into: here)
                        _ = try await Self.importing(try writeDataset(people + [
                            #"{"type":"event","ref":"EV-T-1","name":"Synod of 1700","kind":"other","date":"1700-09"}"#,
                            #"{"type":"invitation","ref":"INV-T-1","from":{"name":"Anna"},"invitees":["Bob"],"event":"EV-T-1","date":"1700-01"}"#,
                        ], named: "theirs.jsonl", in: folder), into: theirs)
                        let theirID = try await OwnExportImportTests.registerID(theirs)

                        let report = try await Self.importing(try await Self.exportJSONLines(theirs, named: "t1.jsonl", in: folder), into: here)
                        #expect(report.counts["event"] == ImportCounts(new: 1) && report.counts["invitation"] == ImportCounts(new: 1),
                                "\(report.counts)")
                        #expect(try await Self.events(here) == ["EV-T-1: Council of 1701", "EV-T-1-2: Synod of 1700 from \(theirID) EV-T-1"])
                        #expect(try await Self.invitations(here) == [
                            "INV-T-1 to EV-T-1: Carl pending", "INV-T-1-2 to EV-T-1-2: Bob pending from \(theirID) INV-T-1",
                        ])

                        // Their register corrects both: found by origin, not added again.
                        var event = EventChanges()
                        event.city = .set("Uppsala")
                        _ = try await EventService(database: theirs).edit("EV-T-1", event)
                        var invitation = InvitationChanges()
                        invitation.summary = .set("Corrected there")
                        _ = try await InvitationService(database: theirs).edit("INV-T-1", invitation)
                        let corrected = try await Self.importing(try await Self.exportJSONLines(theirs, named: "t2.jsonl", in: folder), into: here)
                        #expect(corrected.counts["event"] == ImportCounts(updated: 1), "\(corrected.counts)")
                        #expect(corrected.counts["invitation"] == ImportCounts(updated: 1), "\(corrected.counts)")
                        #expect(try await Self.events(here) == ["EV-T-1: Council of 1701", "EV-T-1-2: Synod of 1700, Uppsala from \(theirID) EV-T-1"])
                        #expect(try await Self.invitations(here) == [
                            "INV-T-1 to EV-T-1: Carl pending", "INV-T-1-2 to EV-T-1-2, Corrected there: Bob pending from \(theirID) INV-T-1",
                        ])
                        let said = corrected.warnings.map(\.message)
                        #expect(said.contains("ref: EV-T-1 of the file was recorded here before, from the register it was first recorded in: "
                                              + "this event of the file is EV-T-1-2"), "\(said)")
                        #expect(said.contains("ref: event EV-T-1-2 is corrected as the register it was first recorded in has it (this file), "
                                              + "keeping the participants it does not name; `chancery event history EV-T-1-2` keeps what it was"), "\(said)")
                        #expect(said.contains("ref: invitation INV-T-1-2 is corrected as the register it was first recorded in has it (this file), "
                                              + "keeping the invitees it does not name; `chancery invitation history INV-T-1-2` keeps what it was"), "\(said)")

                        // Their older export, given after, does not roll them back.
                        let older = try await ImportService(database: here).run([folder.appendingPathComponent("t1.jsonl").path], options: ImportOptions())
                        #expect(older.counts["event"] == ImportCounts(unchanged: 1) && older.counts["invitation"] == ImportCounts(unchanged: 1),
                                "\(older.counts) \(older.warnings.map(\.message))")
                        #expect(try await Self.events(here).last == "EV-T-1-2: Synod of 1700, Uppsala from \(theirID) EV-T-1")
                        #expect(older.warnings.contains { $0.message.hasPrefix(
                            "ref: event EV-T-1-2 differs in this file, an export of the register it was first recorded in made on ") },
                                "\(older.warnings.map(\.message))")
                        #expect(older.keptAsHere == 2, "\(older.warnings.map(\.message))")

                        // Their register adds a participant, and nothing else: the event is updated.
                        var joined = EventChanges()
                        joined.addedParticipants = ["Dora"]
                        _ = try await EventService(database: theirs).edit("EV-T-1", joined)
                        let gained = try await Self.importing(try await Self.exportJSONLines(theirs, named: "t2b.jsonl", in: folder), into: here)
                        #expect(gained.counts["event"] == ImportCounts(updated: 1), "\(gained.counts) \(gained.warnings.map(\.message))")
                        #expect(try await Self.lines(here, """
                            SELECT a.name AS line FROM event_participant p JOIN event e ON e.id = p.event_id JOIN actor a ON a.id = p.actor_id
                            WHERE e.ref = 'EV-T-1-2' ORDER BY a.name
                            """).contains("Dora"))

                        // A third register's copy, changed there, may be older than what is here: kept.
                        _ = try await Self.importing(try await Self.exportJSONLines(theirs, named: "t3.jsonl", in: folder), into: third)
                        var stale = EventChanges()
                        stale.city = .set("Visby")
                        _ = try await EventService(database: third).edit("EV-T-1", stale)
                        let relayed = try await Self.importing(try await Self.exportJSONLines(third, named: "third.jsonl", in: folder), into: here)
                        #expect(relayed.counts["event"] == ImportCounts(unchanged: 1), "\(relayed.counts)")
                        #expect(try await Self.events(here).last == "EV-T-1-2: Synod of 1700, Uppsala from \(theirID) EV-T-1")
                        #expect(relayed.warnings.contains { $0.message.hasPrefix(
                            "ref: event EV-T-1-2 differs in this file, a copy of it from another register than the one it was first recorded in "
                                + "(\(theirID)), whose own exports correct it: it is kept") }, "\(relayed.warnings.map(\.message))")

                        // Given back to their register, they are its own again, not copies.
                        let back = try await Self.importing(try await Self.exportJSONLines(here, named: "here.jsonl", in: folder), into: theirs)
                        #expect(back.counts["event"] == ImportCounts(new: 1, unchanged: 1), "\(back.counts)")
                        #expect(try await Self.events(theirs).first == "EV-T-1: Synod of 1700, Uppsala")
                    }
                }
            }
        }
    }

    @Test("one origin given twice in joined files, and a malformed origin, are refused with what to do")
    func refusals() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let origin = UUID().uuidString.lowercased()
                let event = { (ref: String) in
                    #"{"type":"event","ref":"\#(ref)","name":"Synod of 1700","kind":"other","date":"1700-09","origin":{"register":"\#(origin)","ref":"EV-9"}}"#
                }
                let joined = try LetterOriginImportTests.export(
                    ForeignReferenceImportTests.people + [event("EV-1"), event("EV-2")], by: UUID().uuidString.lowercased(), named: "joined.jsonl", in: folder)
                let joinedRefused = await #expect(throws: ImportRejected.self) {
                    try await ImportService(database: database).run([joined], options: ImportOptions())
                }
                let reasons = joinedRefused?.report.rejected.map(\.reason) ?? []
                #expect(reasons.count == 1, "\(reasons)")
                #expect(reasons.first?.hasPrefix("ref: event EV-2 is event EV-9 of register \(origin) by its origin, as an earlier record of the files (") == true,
                        "\(reasons)")
                #expect(reasons.first?.hasSuffix("joined.jsonl:6) is; import the files one at a time") == true, "\(reasons)")
                let malformed = try writeDataset(ForeignReferenceImportTests.people + [
                    #"{"type":"invitation","ref":"INV-1","from":{"name":"Anna"},"invitees":["Bob"],"date":"1700","origin":{"register":"nobody","ref":"INV-1"}}"#,
                    #"{"type":"event","ref":"EV-1","name":"Synod","origin":{"register":"\#(origin)","ref":""}}"#,
                ], named: "malformed.jsonl", in: folder)
                let refused = await #expect(throws: ImportRejected.self) {
                    try await ImportService(database: database).run([malformed], options: ImportOptions())
                }
                let why = refused?.report.rejected.map(\.reason) ?? []
                #expect(why.count == 2, "\(why)")
                #expect(why.contains { $0.contains("origin.register 'nobody' is not a register's id") }, "\(why)")
                #expect(why.contains { $0.contains("origin names the register but not the event's ref there") }, "\(why)")
                #expect(try await Self.events(database).isEmpty)

                // Two exports of one register joined: said so.
                let register = UUID().uuidString.lowercased()
                let once = try LetterOriginImportTests.export(ForeignReferenceImportTests.people + [event("EV-1")], by: register, named: "once.jsonl", in: folder)
                let twice = try LetterOriginImportTests.export(ForeignReferenceImportTests.people + [event("EV-1")], by: register, named: "twice.jsonl", in: folder)
                let same = await #expect(throws: ImportRejected.self) {
                    try await ImportService(database: database).run([once, twice], options: ImportOptions())
                }
                #expect(same?.report.rejected.first?.reason.contains("once.jsonl:6 has it too), both exports of register \(register); "
                                                                      + "import the files one at a time") == true, "\(same?.report.rejected.map(\.reason) ?? [])")
            }
        }
    }

    @Test("another register's own event and invitation under the refs of ours are others, whatever they share; its answers to them are its to correct, said")
    func othersUnderOurRefs() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { (here: ChanceryDatabase) async throws in
                try await withChancery { (theirs: ChanceryDatabase) async throws in
                    let people = ForeignReferenceImportTests.people
                    // The same ref, date and inviter on both sides: only where they were recorded tells them apart.
                    _ = try await Self.importing(try writeDataset(people + [
                        #"{"type":"event","ref":"EV-T-1","name":"Council of 1700","kind":"other","date":"1700-09"}"#,
                        #"{"type":"invitation","ref":"INV-T-1","from":{"name":"Anna"},"invitees":["Bob"],"event":"EV-T-1","date":"1700-01"}"#,
                    ], named: "here.jsonl", in: folder), into: here)
                    _ = try await Self.importing(try writeDataset(people + [
                        #"{"type":"event","ref":"EV-T-1","name":"Synod of 1700","kind":"other","date":"1700-09"}"#,
                        #"{"type":"invitation","ref":"INV-T-1","from":{"name":"Anna"},"invitees":["Carl"],"event":"EV-T-1","date":"1700-01"}"#,
                        #"{"type":"response","invitation":"INV-T-1","invitee":"Carl","status":"accepted","date":"1700-02"}"#,
                    ], named: "theirs.jsonl", in: folder), into: theirs)
                    let theirID = try await OwnExportImportTests.registerID(theirs)
                    let file = try await Self.exportJSONLines(theirs, named: "t.jsonl", in: folder)
                    let report = try await Self.importing(file, into: here)
                    #expect(try await Self.events(here) == ["EV-T-1: Council of 1700", "EV-T-1-2: Synod of 1700 from \(theirID) EV-T-1"])
                    #expect(try await Self.invitations(here) == [
                        "INV-T-1 to EV-T-1: Bob pending", "INV-T-1-2 to EV-T-1-2: Carl accepted from \(theirID) INV-T-1",
                    ])
                    #expect(report.warnings.map(\.message).contains(
                        "ref: EV-T-1 here is another event than the file's, which register \(theirID) first recorded as EV-T-1; "
                            + "this event of the file is new here, under the free ref EV-T-1-2"), "\(report.warnings.map(\.message))")

                    // An answer recorded here to their invitation is theirs to correct: said.
                    _ = try await InvitationService(database: here).respond(
                        ResponseDraft(invitation: "INV-T-1-2", invitee: "Carl", status: .declined, date: "1700-03"))
                    let again = try await Self.importing(file, into: here)
                    #expect(try await Self.invitations(here).last == "INV-T-1-2 to EV-T-1-2: Carl accepted from \(theirID) INV-T-1")
                    #expect(again.warnings.map(\.message).contains(
                        "invitee: the answer of Carl to INV-T-1-2 is corrected as the register the invitation was first recorded in has it "
                            + "(this file: accepted); `chancery invitation history INV-T-1-2` keeps what it was"), "\(again.warnings.map(\.message))")

                    // Their later answer is taken; their older export, given after it, does not undo it.
                    _ = try await InvitationService(database: theirs).respond(
                        ResponseDraft(invitation: "INV-T-1", invitee: "Carl", status: .tentative, date: "1700-04"))
                    _ = try await Self.importing(try await Self.exportJSONLines(theirs, named: "t-later.jsonl", in: folder), into: here)
                    #expect(try await Self.invitations(here).last == "INV-T-1-2 to EV-T-1-2: Carl tentative from \(theirID) INV-T-1")
                    let stale = try await Self.importing(file, into: here)
                    #expect(try await Self.invitations(here).last == "INV-T-1-2 to EV-T-1-2: Carl tentative from \(theirID) INV-T-1")
                    #expect(stale.warnings.contains { $0.message.hasPrefix(
                        "invitee: the answer of Carl to INV-T-1-2 differs in this file (accepted, 1700-02), an export of the register the invitation was first "
                            + "recorded in made on ") }, "\(stale.warnings.map(\.message))")
                }
            }
        }
    }

    @Test("a record naming an event or invitation its file gave and the import refused is refused with it, not joined to the register's record of that ref")
    func namesFollowTheirFile() async throws {
        try await withTemporaryFolder { folder in
            try await withChancery { database in
                let people = ForeignReferenceImportTests.people
                _ = try await Self.importing(try writeDataset(people + [
                    #"{"type":"event","ref":"EV-1","name":"Council of 1700","kind":"other","date":"1700-09"}"#,
                ], named: "ours.jsonl", in: folder), into: database)
                var skipping = ImportOptions()
                skipping.skipInvalid = true
                let exporter = UUID().uuidString.lowercased()
                let refusedEvent = try LetterOriginImportTests.export(people + [
                    #"{"type":"event","ref":"EV-1","name":"Synod of 1700","kind":"other","date":"1700-09","country":"ZZ"}"#,
                    #"{"type":"invitation","ref":"INV-1","from":{"name":"Anna"},"invitees":["Bob"],"event":"EV-1","date":"1700-01"}"#,
                ], by: exporter, named: "refused-event.jsonl", in: folder)
                var keepingRejects = skipping
                keepingRejects.rejectsPath = folder.appendingPathComponent("refused-event.rejected.jsonl").path
                let report = try await ImportService(database: database).run([refusedEvent], options: keepingRejects)
                #expect(report.rejected.map(\.reason).contains("event: the file's event EV-1 was refused; this invitation is left out with it"),
                        "\(report.rejected.map(\.reason))")
                #expect(try await Self.invitations(database).isEmpty)
                // Refused before the merge (a date no calendar has), it is as refused.
                let badDate = try LetterOriginImportTests.export(people + [
                    #"{"type":"event","ref":"EV-1","name":"Synod of 1700","kind":"other","date":"1700-13-45"}"#,
                    #"{"type":"invitation","ref":"INV-3","from":{"name":"Anna"},"invitees":["Bob"],"event":"EV-1","date":"1700-01"}"#,
                    String(ForeignReferenceImportTests.letter("XX-XX-1700-001", "Anna", "Bob", "1700-01-01", "Anna to Bob").dropLast())
                        + #","events":["EV-1"]}"#,
                ], by: exporter, named: "bad-date.jsonl", in: folder)
                let early = try await ImportService(database: database).run([badDate], options: skipping)
                let earlyReasons = early.rejected.map(\.reason)
                #expect(earlyReasons.contains("event: the file's event EV-1 was refused; this invitation is left out with it"), "\(earlyReasons)")
                #expect(earlyReasons.contains("events: the file's event EV-1 was refused; this letter is left out with it"), "\(earlyReasons)")
                #expect(try await Self.invitations(database).isEmpty)
                #expect(try await ChangedSinceExportImportTests.scalar(database, "SELECT count(*)::text FROM letter") == "0")
                // The rejects file keeps the register's header: corrected, its records come back as that register's.
                let rejects = try String(contentsOfFile: try #require(keepingRejects.rejectsPath), encoding: .utf8)
                #expect(rejects.hasPrefix(#"{"type":"chancery-dataset","version":1,"register":"\#(exporter)""#), "\(rejects)")
                #expect(rejects.contains(#""ref":"INV-1""#) && rejects.contains(#""country":"ZZ""#), "\(rejects)")

                // Joined files of two registers, each with its own INV-2 and an answer to it.
                let first = try LetterOriginImportTests.export(people + [
                    #"{"type":"invitation","ref":"INV-2","from":{"name":"Anna"},"invitees":["Bob"],"date":"1700-01"}"#,
                    #"{"type":"response","invitation":"INV-2","invitee":"Bob","status":"accepted","date":"1700-02"}"#,
                ], by: UUID().uuidString.lowercased(), named: "j1.jsonl", in: folder)
                let second = try LetterOriginImportTests.export(people + [
                    #"{"type":"invitation","ref":"INV-2","from":{"name":"Carl"},"invitees":["Dora"],"date":"1701-01"}"#,
                    #"{"type":"response","invitation":"INV-2","invitee":"Dora","status":"declined","date":"1701-02"}"#,
                ], by: UUID().uuidString.lowercased(), named: "j2.jsonl", in: folder)
                let joined = try await ImportService(database: database).run([first, second], options: skipping)
                let reasons = joined.rejected.map(\.reason)
                #expect(reasons.count == 2, "\(reasons)")
                #expect(reasons.contains { $0.hasPrefix("ref: invitation INV-2 is given in two of these files (") && $0.contains("j1.jsonl:6 has it too") },
                        "\(reasons)")
                #expect(reasons.contains("invitation: the file's invitation INV-2 was refused; this answer is left out with it"), "\(reasons)")
                #expect(joined.counts["response"]?.new == 1, "\(joined.counts)")
                #expect(try await Self.lines(database, """
                    SELECT i.ref || ': ' || a.name || ' ' || v.status AS line FROM invitation i
                    JOIN invitation_invitee v ON v.invitation_id = i.id JOIN actor a ON a.id = v.invitee_id ORDER BY i.ref, a.name
                    """) == ["INV-2: Bob accepted"])
            }
        }
    }
}
