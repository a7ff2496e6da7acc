import Foundation
import Testing

/// The curation commands, run as a person runs them: the built binary on a scratch database.
@Suite("Curation commands")
struct CurationCommandTests {
    static let cmif = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ChanceryInterchangeTests/Fixtures/cmif/example01_basic.xml").path

    @Test("letter edit, delete, restore and history on the founding example; bad input exits non-zero and writes nothing")
    func letterCommands() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let edited = try await database.run("letter", "edit", "US-KH-2022-001", "--date", "2022-02-14", "--add-cc", "Indonesia",
                                                "--summary", "Invites Hun Sen", "--json")
            #expect(edited.status == 0, "\(edited)")
            let letter = try edited.jsonObject()
            #expect(letter.object("date")?.string("edtf") == "2022-02-14")
            #expect(letter.objects("participants").contains { $0.string("role") == "cc" && $0.string("name") == "Indonesia" })

            let before = try await database.counts()
            for (arguments, status, field) in [
                (["letter", "edit", "US-KH-2022-001", "--date", "2022-13"], Int32(65), "--date"),
                (["letter", "edit", "US-KH-2022-001", "--remove-participant", "Hun Sen", "--subject", "x"], 65, "--remove-participant"),
                (["letter", "edit", "US-KH-2022-001", "--unlink", "KH-US-2022-001"], 66, "--unlink"),
                (["letter", "edit", "US-KH-2022-001", "--add-to", "Nobody At All"], 66, "--add-to"),
                (["letter", "edit", "US-KH-2022-001", "--subject", "x", "--if-revision", "1"], 68, "revision"),
                (["letter", "edit", "US-KH-2022-001"], 65, "nothing to change"),
                (["letter", "restore", "US-KH-2022-001"], 68, "not deleted"),
            ] {
                let result = try await database.run(arguments)
                #expect(result.status == status, "\(result)")
                #expect(result.stderr.contains(field), "\(result)")
            }
            let clearAndSet = try await database.run("letter", "edit", "US-KH-2022-001", "--summary", "x", "--clear", "summary")
            #expect(clearAndSet.status == 64, "\(clearAndSet)")
            #expect(try await database.counts() == before)

            let joint = try await database.run("letter", "add", "--from", "Joe Biden", "--as", "President", "--from", "Indonesia",
                                               "--to", "Hun Sen", "--date", "2022-07", "--subject", "A joint letter")
            #expect(joint.status == 0, "\(joint)")
            let jointLetter = try await database.run("letter", "show", joint.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "--json")
            let authors = try jointLetter.jsonObject().objects("participants").filter { $0.string("role") == "author" }
            #expect(authors.map { $0.string("name") ?? "" } == ["Joe Biden", "Indonesia"], "\(jointLetter)")
            let linkedTwice = try await database.run("letter", "edit", "KH-US-2022-001", "--reply-to", "US-KH-2022-001")
            #expect(linkedTwice.status == 68 && linkedTwice.stderr.contains("(--reply-to)"), "\(linkedTwice)")

            let deleted = try await database.run("letter", "delete", "US-KH-2022-001")
            #expect(deleted.status == 0 && deleted.stdout.contains("letter restore"), "\(deleted)")
            let gone = try await database.run("letter", "show", "US-KH-2022-001")
            #expect(gone.status == 66, "\(gone)")
            let restored = try await database.run("letter", "restore", "US-KH-2022-001")
            #expect(restored.status == 0, "\(restored)")
            let listed = try await database.run("letters", "--country", "KH", "--json")
            #expect(try listed.jsonArray().contains { $0.string("ref") == "US-KH-2022-001" }, "\(listed)")

            let history = try await database.run("letter", "history", "US-KH-2022-001", "--json")
            #expect(history.status == 0, "\(history)")
            let entries = try history.jsonArray()
            #expect(entries.contains { $0.string("table") == "letter_participant" && $0.string("operation") == "INSERT" && $0.string("by")?.hasPrefix("cli:") == true })
            #expect(entries.filter { $0.string("table") == "letter" && $0.string("operation") == "UPDATE" }.count == 3, "\(history)")
            let text = try await database.run("letter", "history", "US-KH-2022-001")
            #expect(text.stdout.contains("sent edtf: 2022-01/2022-04 → 2022-02-14") || text.stdout.contains("→ 2022-02-14"), "\(text)")
        }
    }

    @Test("a date corrected while its wording in the source is left as it was says so, and how to correct or drop the wording")
    func keptWording() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let worded = try await database.run("letter", "edit", "US-KH-2022-001", "--date", "2022-02", "--date-as-written", "early in February")
            #expect(worded.status == 0 && !worded.stderr.contains("note:"), "\(worded)")
            let redated = try await database.run("letter", "edit", "US-KH-2022-001", "--date", "2022-03-01")
            #expect(redated.status == 0, "\(redated)")
            #expect(redated.stderr.contains("note: the date as written, “early in February”, is kept as it was; correct it with "
                                            + "--date-as-written or drop it with --clear date-as-written"), "\(redated)")
            // The date it already has changes nothing the wording could disagree with.
            let same = try await database.run("letter", "edit", "US-KH-2022-001", "--date", "2022-03-01", "--subject", "Working with Cambodia")
            #expect(same.status == 0 && !same.stderr.contains("note:"), "\(same)")
            let dropped = try await database.run("letter", "edit", "US-KH-2022-001", "--date", "2022-03-02", "--clear", "date-as-written", "--json")
            #expect(dropped.status == 0 && !dropped.stderr.contains("note:"), "\(dropped)")
            #expect(try dropped.jsonObject().string("dateAsWritten") == nil, "\(dropped)")
            // The date of receipt alike.
            let received = try await database.run("letter", "edit", "US-KH-2022-001", "--received", "2022-03-20", "--received-as-written", "the twentieth")
            #expect(received.status == 0 && !received.stderr.contains("note:"), "\(received)")
            let redelivered = try await database.run("letter", "edit", "US-KH-2022-001", "--received", "2022-03-21")
            #expect(redelivered.stderr.contains("note: the date of receipt as written, “the twentieth”, is kept as it was; correct it with "
                                                + "--received-as-written or drop it with --clear received-as-written"), "\(redelivered)")
            // A date of receipt cleared takes its wording with it: there is nothing left for it to stand for.
            let unreceived = try await database.run("letter", "edit", "US-KH-2022-001", "--clear", "received", "--json")
            #expect(unreceived.status == 0 && !unreceived.stderr.contains("note:"), "\(unreceived)")
            let unreceivedLetter = try unreceived.jsonObject()
            #expect(unreceivedLetter.string("receivedAsWritten") == nil && !(unreceivedLetter["received"] is [String: Any]), "\(unreceived)")
            // A letter known only by the wording of its receipt keeps it when a date it does not have is cleared
            // (the web's edit form sends an empty date of receipt with every save).
            let wordedOnly = try await database.run("letter", "edit", "US-KH-2022-001", "--received-as-written", "received, undated")
            #expect(wordedOnly.status == 0, "\(wordedOnly)")
            let clearedNothing = try await database.run("letter", "edit", "US-KH-2022-001", "--clear", "received", "--subject", "Working with Cambodia again", "--json")
            #expect(try clearedNothing.jsonObject().string("receivedAsWritten") == "received, undated", "\(clearedNothing)")
        }
    }

    @Test("actor edit and merge on the founding example; a second merge and conflicting ids are refused")
    func actorCommands() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            #expect(try await database.run("actor", "add", "--kind", "person", "--name", "Joseph Biden", "--viaf-id", "59894734").status == 0)
            let letter = try await database.run("letter", "add", "--from", "Joseph Biden", "--to", "Hun Sen", "--date", "2022-06", "--subject", "Thanks")
            #expect(letter.status == 0, "\(letter)")
            let merged = try await database.run("actor", "merge", "Joseph Biden", "--into", "Jo Biden", "--json")
            #expect(merged.status == 0, "\(merged)")
            let report = try merged.jsonObject()
            #expect(report["participations"] as? Int == 1 && report["letters"] as? Int == 1, "\(merged)")
            #expect(report.object("kept")?.string("viafId") == "59894734")
            let again = try await database.run("actor", "merge", "Joseph Biden", "--into", "Joe Biden")
            #expect(again.status == 68 && again.stderr.contains("already Joe Biden"), "\(again)")
            let byPerson = try await database.run("letters", "--person", "Joe Biden", "--json")
            #expect(try byPerson.jsonArray().count == 4, "\(byPerson)")

            let shown = try await database.run("actor", "show", "Joe Biden")
            #expect(shown.stdout.contains("Wikidata:    Q6279") && shown.stdout.contains("VIAF:        59894734"), "\(shown)")

            let renamed = try await database.run("actor", "edit", "Hun Sen", "--name", "Samdech Hun Sen", "--gnd-id", "119358042", "--json")
            #expect(renamed.status == 0, "\(renamed)")
            #expect(try renamed.jsonObject().strings("aliases").contains("Hun Sen"))
            let before = try await database.counts()
            for (arguments, status, field) in [
                (["actor", "edit", "Hun Sen", "--wikidata-id", "Q6279"], Int32(68), "Joe Biden"),
                (["actor", "edit", "Hun Sen", "--iso-code", "KH"], 65, "--iso-code"),
                (["actor", "edit", "Hun Sen", "--viaf-id", "0123"], 65, "--viaf-id"),
                (["actor", "edit", "Nobody At All", "--note", "x"], 66, "(actor)"),
                (["actor", "merge", "Cambodia", "--into", "Hun Sen"], 65, "--into"),
            ] {
                let result = try await database.run(arguments)
                #expect(result.status == status, "\(result)")
                #expect(result.stderr.contains(field), "\(result)")
            }
            #expect(try await database.counts() == before)

            // A description of someone unnamed is recorded as such, and says so; the flag can be set by hand.
            #expect(try await database.run("actor", "add", "--kind", "person", "--name", "einen Amtsbruder").status == 0)
            let listed = try await database.run("actor", "list", "--unidentified", "--json")
            #expect(try listed.jsonArray().compactMap { $0["actor"] as? [String: Any] }
                .compactMap { $0["name"] as? String } == ["einen Amtsbruder"], "\(listed)")
            let described = try await database.run("actor", "show", "einen Amtsbruder")
            #expect(described.stdout.contains("Unidentified: stands for someone the sources do not name"), "\(described)")
            let cleared = try await database.run("actor", "edit", "einen Amtsbruder", "--unidentified", "false", "--json")
            #expect(cleared.status == 0, "\(cleared)")
            #expect(try cleared.jsonObject()["unidentified"] as? Bool == false)
            #expect(try await !database.run("actor", "show", "einen Amtsbruder").stdout.contains("Unidentified"))
            let wrong = try await database.run("actor", "edit", "einen Amtsbruder", "--unidentified", "maybe")
            #expect(wrong.status == 64 && wrong.stderr.contains("--unidentified"), "\(wrong)")
        }
    }

    @Test("event, invitation, role and membership commands")
    func recordCommands() async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let event = try await database.run("event", "edit", "ASEAN-US-SUMMIT-2022", "--add-participant", "Indonesia", "--city", "Washington", "--json")
            #expect(event.status == 0, "\(event)")
            let participants = try event.jsonObject().strings("participants")
            #expect(participants.contains("Indonesia"), "\(event)")
            let held = try await database.run("event", "edit", "ASEAN-US-SUMMIT-2022", "--clear", "date")
            #expect(held.status == 65 && held.stderr.contains("--date"), "\(held)")
            let invitation = try await database.run("invitation", "edit", "INV-US-2022-001", "--add-invitee", "Indonesia", "--reply-by", "2022-03-31", "--json")
            #expect(invitation.status == 0, "\(invitation)")
            #expect(try invitation.jsonObject().objects("invitees").contains { $0.string("name") == "Indonesia" })
            let ended = try await database.run("role", "end", "--holder", "Hun Sen", "--title", "Prime Minister", "--on", "2023-08-22")
            #expect(ended.status == 68 && ended.stderr.contains("has ended already"), "\(ended)")
            let edited = try await database.run("role", "edit", "--holder", "Hun Sen", "--title", "Prime Minister", "--new-period", "1985-01-14/2023-08-22")
            #expect(edited.status == 0 && edited.stdout.contains("14 Jan 1985"), "\(edited)")
            let left = try await database.run("membership", "end", "--member", "KH", "--organization", "ASEAN", "--on", "2040")
            #expect(left.status == 0 && left.stdout.contains("2040"), "\(left)")
            let early = try await database.run("membership", "end", "--member", "ID", "--organization", "ASEAN", "--on", "1960")
            #expect(early.status == 65 || early.status == 66, "\(early)")
            let corrected = try await database.run("membership", "edit", "--member", "KH", "--organization", "ASEAN", "--new-period", "1999-04-30/2040-06")
            #expect(corrected.status == 0 && corrected.stdout.contains("Jun 2040"), "\(corrected)")
            let unnamed = try await database.run("role", "end", "--on", "2023")
            #expect(unnamed.status == 64, "\(unnamed)")

            let before = try await database.counts(ScratchDatabase.guardedTables + ["role_held", "membership"])
            for (arguments, status, field) in [
                (["role", "end", "--id", "999", "--on", "2023"], Int32(66), "--id"),
                (["role", "end", "--holder", "Joe Biden", "--on", "2023-13"], 65, "--on"),
                (["role", "edit", "--holder", "Joe Biden", "--new-of", "Joe Biden"], 66, "--new-of"),
                (["role", "edit", "--holder", "Cambodia", "--new-of", "Cambodia"], 65, "of itself"),
                (["role", "edit", "--holder", "Joe Biden"], 65, "nothing to change"),
                (["membership", "end", "--member", "KH", "--organization", "ASEAN", "--on", "2041"], 68, "try: chancery membership edit --id "),
                (["membership", "edit", "--member", "KH", "--organization", "ASEAN", "--new-period", "1999-04-30/1990"], 65, "--new-period"),
                (["role", "end", "--holder", "Cambodia", "--title", "ASEAN Chair", "--on", "2023-12-31"], 68, "has ended already"),
                (["membership", "end", "--member", "Hun Sen", "--organization", "ASEAN", "--on", "2041"], 66, "not recorded"),
                (["event", "edit", "NO-SUCH-EVENT", "--city", "Paris"], 66, "(event)"),
                (["event", "edit", "ASEAN-US-SUMMIT-2022", "--cameo-code", "43a"], 65, "--cameo-code"),
                (["event", "edit", "ASEAN-US-SUMMIT-2022", "--geonames-id", "0"], 65, "--geonames-id"),
                (["invitation", "edit", "INV-XX-1999-001", "--summary", "x"], 66, "(ref)"),
                (["invitation", "edit", "INV-US-2022-001", "--add-invitee", "Hun Sen"], 65, "invited already"),
                (["invitation", "edit", "INV-US-2022-001", "--letter", "XX-XX-1999-001"], 66, "--letter"),
                (["invitation", "edit", "INV-US-2022-001", "--summary", "x", "--remove-invitee", "Nobody At All"], 66, "--remove-invitee"),
            ] {
                let result = try await database.run(arguments)
                #expect(result.status == status, "\(result)")
                #expect(result.stderr.contains(field), "\(result)")
            }
            #expect(try await database.counts(ScratchDatabase.guardedTables + ["role_held", "membership"]) == before)
        }
    }

    @Test("on imported CMIF data: the GND id shows, a duplicate merges, and conflicting GND ids are refused naming both")
    func onImportedCMIF() async throws {
        try await ScratchDatabase.with { database in
            let imported = try await database.run("import", Self.cmif)
            #expect(imported.status == 0, "\(imported)")
            let shown = try await database.run("actor", "show", "Weber, Carl Maria von", "--json")
            #expect(try shown.jsonObject().string("gndId") == "118629662", "\(shown)")
            #expect(try await database.run("actor", "add", "--kind", "person", "--name", "C. M. von Weber").status == 0)
            #expect(try await database.run("letter", "add", "--from", "C. M. von Weber", "--to", "Pastenaci, E.", "--date", "1819-09",
                                           "--subject", "Another letter").status == 0)
            #expect(try await database.run("actor", "add", "--kind", "person", "--name", "Weber (wrong id)", "--gnd-id", "118000000").status == 0)
            let conflict = try await database.run("actor", "merge", "Weber (wrong id)", "--into", "Weber, Carl Maria von")
            #expect(conflict.status == 68, "\(conflict)")
            #expect(conflict.stderr.contains("118000000") && conflict.stderr.contains("118629662"), "\(conflict)")
            let merged = try await database.run("actor", "merge", "C. M. von Weber", "--into", "Weber, Carl Maria von")
            #expect(merged.status == 0 && merged.stdout.contains("GND:         118629662"), "\(merged)")
            let letters = try await database.run("letters", "--person", "Weber, Carl Maria von", "--json")
            #expect(try letters.jsonArray().count == 4, "\(letters)")
            let edited = try await database.run("letter", "edit", "XX-XX-1819-001", "--summary", "Weber to Pastenaci")
            #expect(edited.status == 0, "\(edited)")
        }
    }

    @Test("--clear refuses a field the command cannot empty, and a field given a value too, in every edit command", arguments: [
        (["letter", "edit", "US-KH-2022-001"], "summary", ["--summary", "x"]),
        (["actor", "edit", "Hun Sen"], "note", ["--note", "x"]),
        (["event", "edit", "ASEAN-US-SUMMIT-2022"], "summary", ["--summary", "x"]),
        (["invitation", "edit", "INV-US-2022-001"], "summary", ["--summary", "x"]),
        (["source", "edit", "1"], "excerpt", ["--excerpt", "x"]),
    ])
    func clearRefusals(command: [String], field: String, value: [String]) async throws {
        try await ScratchDatabase.with(demo: true) { database in
            let before = try await database.counts()
            let unknown = try await database.run(command + ["--clear", "subject-line"])
            #expect(unknown.status == 64 && unknown.stderr.contains("--clear subject-line: not a field that can be empty"), "\(unknown)")
            #expect(unknown.stderr.contains("Clearable: ") && unknown.stderr.contains(field), "\(unknown)")
            let both = try await database.run(command + value + ["--clear", field])
            #expect(both.status == 64 && both.stderr.contains("--clear \(field) and a new value for it"), "\(both)")
            #expect(try await database.counts() == before, "a refused edit writes nothing")
            let cleared = try await database.run(command + ["--clear", field])
            #expect(cleared.status == 0, "\(cleared)")
        }
    }
}
