import Foundation
import Testing

/// `chancery event history` and `chancery invitation history`: who changed what and when,
/// as `letter history` says it of letters.
@Suite("Event and invitation history")
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
            #expect(text.stdout.split(separator: "\n").first?.hasSuffix("An answer recorded") == true, "\(text.stdout)")
            #expect(text.stdout.contains("status: pending → declined"), "\(text.stdout)")

            let missing = try await database.run("event", "history", "NO-SUCH-EVENT")
            #expect(missing.status != 0 && missing.stderr.contains("NO-SUCH-EVENT"), "\(missing)")
        }
    }
}
