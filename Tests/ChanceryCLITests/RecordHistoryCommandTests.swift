import Foundation
import Testing

/// `chancery event history`, `invitation history` and `actor history`: who changed what and
/// when, as `letter history` says it of letters.
@Suite("Event, invitation and actor history")
struct RecordHistoryCommandTests {
    @Test("an event's and an invitation's history name who changed what, newest first, with the names their rows hold as ids")
    func histories() async throws {
        try await ScratchDatabase.with(migrate: true, demo: true) { database in
            let edited = try await database.run("event", "edit", "ASEAN-US-SUMMIT-2022", "--remove-participant", "Hun Sen", "--city", "Washington")
            #expect(edited.status == 0, "\(edited)")
            let events = try await database.run("event", "history", "ASEAN-US-SUMMIT-2022")
            #expect(events.status == 0, "\(events)")
            let lines = events.stdout.split(separator: "\n").map(String.init)
            // Newest first: the edit's two entries before the event's recording.
            let removed = try #require(lines.firstIndex { $0.hasSuffix("A participant removed") }, "\(events.stdout)")
            let added = try #require(lines.lastIndex { $0.hasSuffix("The event added") }, "\(events.stdout)")
            #expect(removed < added)
            #expect(events.stdout.contains("participant: Hun Sen → —"), "\(events.stdout)")
            #expect(events.stdout.contains("city: Washington, D.C. → Washington"), "\(events.stdout)")

            let answered = try await database.run("invitation", "respond", "INV-US-2022-001", "--invitee", "ASEAN", "--status", "declined",
                                                  "--date", "2022-03")
            #expect(answered.status == 0, "\(answered)")
            let invitations = try await database.run("invitation", "history", "INV-US-2022-001", "--json")
            #expect(invitations.status == 0, "\(invitations)")
            let entries = try invitations.jsonArray()
            #expect(entries.first?["table"] as? String == "invitation", "oldest first in JSON: \(entries)")
            let answer = try #require(entries.last)
            #expect(answer["table"] as? String == "invitation_invitee" && answer["operation"] as? String == "UPDATE", "\(answer)")
            let text = try await database.run("invitation", "history", "INV-US-2022-001")
            #expect(text.stdout.split(separator: "\n").first?.hasSuffix("An answer recorded: ASEAN") == true, "\(text.stdout)")
            #expect(text.stdout.contains("status: pending → declined"), "\(text.stdout)")
            // The same answer given again with only a note: its date kept, the entry a correction.
            let noted = try await database.run("invitation", "respond", "INV-US-2022-001", "--invitee", "ASEAN", "--status", "declined",
                                               "--note", "By note verbale")
            #expect(noted.status == 0, "\(noted)")
            let corrected = try await database.run("invitation", "history", "INV-US-2022-001")
            #expect(corrected.stdout.split(separator: "\n").first?.hasSuffix("An answer corrected: ASEAN") == true, "\(corrected.stdout)")
            #expect(corrected.stdout.contains("note: — → By note verbale") && !corrected.stdout.contains("answered: 2022-03 →"), "\(corrected.stdout)")

            let missing = try await database.run("event", "history", "NO-SUCH-EVENT")
            #expect(missing.status != 0 && missing.stderr.contains("NO-SUCH-EVENT"), "\(missing)")
        }
    }

    @Test("an actor's history shows its fields, authority ids, other names, roles and memberships")
    func actorHistory() async throws {
        try await ScratchDatabase.with(migrate: true, demo: true) { database in
            let edited = try await database.run("actor", "edit", "Joe Biden", "--clear", "wikidata-id", "--remove-alias", "Jo Biden")
            #expect(edited.status == 0, "\(edited)")
            let ended = try await database.run("membership", "end", "--member", "Indonesia", "--organization", "ASEAN", "--on", "2026-01-01")
            #expect(ended.status == 0, "\(ended)")
            let biden = try await database.run("actor", "history", "Jo Biden")
            #expect(biden.status != 0, "the removed other name no longer finds him: \(biden)")
            let history = try await database.run("actor", "history", "Joe Biden")
            #expect(history.status == 0, "\(history)")
            let lines = history.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasSuffix("Another name removed") == true || lines.first?.hasSuffix("The actor changed") == true, "\(history.stdout)")
            #expect(history.stdout.contains("Wikidata id: Q6279 → —"), "\(history.stdout)")
            #expect(history.stdout.contains("other name: Jo Biden → —"), "\(history.stdout)")
            #expect(history.stdout.contains("A role added") && history.stdout.contains("of: — → United States"), "\(history.stdout)")
            #expect(!history.stdout.contains("participant:"), "an other name's row names its actor, whose history this is: \(history.stdout)")

            // An actor merged into another: its history is the kept actor's.
            for arguments in [["actor", "add", "--kind", "person", "--name", "H. Sen"],
                              ["role", "add", "--holder", "H. Sen", "--title", "Envoy", "--of", "KH", "--period", "1981/1985"],
                              ["role", "edit", "--holder", "H. Sen", "--title", "Envoy", "--new-period", "1981/1986"],
                              ["actor", "merge", "H. Sen", "--into", "Hun Sen"]] {
                let done = try await database.run(arguments)
                #expect(done.status == 0, "\(arguments): \(done)")
            }
            let kept = try await database.run("actor", "history", "Hun Sen")
            #expect(kept.stdout.contains("The actor removed: H. Sen, merged in since"), "\(kept.stdout)")
            #expect(kept.stdout.contains("holder: H. Sen → Hun Sen") && kept.stdout.contains("date: 1981/1985 → 1981/1986"), "\(kept.stdout)")

            let indonesia = try await database.run("actor", "history", "ID", "--json")
            #expect(indonesia.status == 0, "\(indonesia)")
            let entries = try indonesia.jsonArray()
            let membership = try #require(entries.last { $0["table"] as? String == "membership" && $0["operation"] as? String == "UPDATE" },
                                          "\(entries.suffix(3))")
            #expect("\(membership)".contains("1967-08-08/2026-01-01"), "\(membership)")
            #expect((membership["subject"] as? String)?.hasPrefix("Indonesia in ASEAN [id ") == true, "\(membership)")
            let text = try await database.run("actor", "history", "ID")
            #expect(text.stdout.split(separator: "\n").first?.contains("A membership changed: Indonesia in ASEAN [id ") == true, "\(text.stdout)")
        }
    }
}
