@testable import ChanceryCore
import Testing
import ChanceryModel

@Suite("Curating letters, events, invitations, roles and memberships")
struct CurationTests {
    @Test("one letter edit changes fields, participants, links and sources together, or nothing at all")
    func letterEditIsOneChange() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            let ref = try await letters.add(sampleLetter())
            let revision = try await letters.show(ref).revision
            var edit = LetterEdit()
            edit.changes.date = "2022-06-02"
            edit.changes.summary = .set("Thanks for the summit")
            edit.addedParticipants = [LetterEdit.AddedParticipant(role: .cc, participant: ParticipantDraft(name: "Indonesia"))]
            edit.addedLinks = [LetterEdit.AddedLink(kind: .replyTo, target: "KH-US-2022-001")]
            edit.addedSources = [SourceDraft(title: "A report", url: "https://example.org/report")]
            let edited = try await letters.edit(ref, ifRevision: revision, edit)
            #expect(edited.revision == revision + 1)
            #expect(edited.date.edtf == "2022-06-02")
            #expect(edited.participants.contains { $0.role == .cc && $0.name == "Indonesia" })
            #expect(edited.links.contains { $0.ref == "KH-US-2022-001" })
            #expect(edited.sources.map(\.title) == ["A report"])

            let before = try await rowCounts(database)
            var bad = LetterEdit()
            bad.changes.subject = "Should not be written"
            bad.removedParticipants = ["Hun Sen"]
            let lonely = await #expect(throws: ChanceryError.self) { try await letters.edit(ref, ifRevision: nil, bad) }
            #expect(lonely?.field == "removeParticipant")
            bad = LetterEdit()
            bad.changes.subject = "Should not be written"
            bad.removedLinks = ["US-KH-2022-001"]
            let noLink = await #expect(throws: ChanceryError.self) { try await letters.edit(ref, ifRevision: nil, bad) }
            #expect(noLink?.kind == .notFound)
            let stale = await #expect(throws: ChanceryError.self) { try await letters.edit(ref, ifRevision: revision, edit) }
            #expect(stale?.kind == .stale)
            #expect(try await rowCounts(database) == before)
            #expect(try await letters.show(ref).subject == "Follow-up on the summit")

            var undo = LetterEdit()
            undo.removedParticipants = ["Indonesia"]
            undo.removedLinks = ["KH-US-2022-001"]
            undo.removedSources = ["https://example.org/report"]
            let undone = try await letters.edit(ref, ifRevision: nil, undo)
            #expect(!undone.participants.contains { $0.name == "Indonesia" } && undone.links.isEmpty && undone.sources.isEmpty)
            // The source's removal is in the letter's history, as its adding is.
            let citations = try await letters.history(of: ref).filter { $0.table == "citation" }.map(\.operation)
            #expect(citations == ["INSERT", "DELETE"], "\(citations)")
        }
    }

    @Test("a deleted letter comes back with restore, once")
    func restore() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            let ref = try await letters.add(sampleLetter(subject: "A zanzibarian note"))
            try await letters.delete(ref, ifRevision: nil)
            #expect(try await SearchService(database: database).search("zanzibarian").letters.isEmpty)
            let restored = try await letters.restore(ref, ifRevision: nil)
            #expect(restored.ref == ref)
            #expect(try await SearchService(database: database).search("zanzibarian").letters.map(\.letter.ref) == [ref])
            var query = LetterQuery()
            query.person = "Hun Sen"
            #expect(try await letters.list(query).contains { $0.ref == ref })
            let twice = await #expect(throws: ChanceryError.self) { try await letters.restore(ref, ifRevision: nil) }
            #expect(twice?.kind == .conflict)
            let history = try await letters.history(of: ref).filter { $0.table == "letter" && $0.operation == "UPDATE" }
            #expect(history.count == 2)
        }
    }

    @Test("ending a role and a membership closes the open period; a second end is refused")
    func endingRolesAndMemberships() async throws {
        try await withChancery(foundingExample: true) { database in
            let actors = ActorService(database: database)
            _ = try await actors.addRole(holder: "Hun Sen", title: "President of the Senate", of: "KH", period: "2024-04-03/..")
            let ended = try await actors.endRole(RoleSelector(holder: "Hun Sen", title: "President of the Senate"), on: "2030-01-01")
            #expect(ended.period?.edtf == "2024-04-03/2030-01-01")
            let again = await #expect(throws: ChanceryError.self) {
                try await actors.endRole(RoleSelector(holder: "Hun Sen", title: "President of the Senate"), on: "2031")
            }
            #expect(again?.kind == .conflict)
            let early = await #expect(throws: ChanceryError.self) {
                try await actors.endRole(RoleSelector(id: ended.id), on: "2020")
            }
            #expect(early?.kind == .conflict)
            var changes = RoleChanges()
            changes.period = .set("2024-04-03/..")
            #expect(try await actors.editRole(RoleSelector(id: ended.id), changes).period?.edtf == "2024-04-03/..")
            var retitle = RoleChanges()
            retitle.title = "Senate President"
            #expect(try await actors.editRole(RoleSelector(id: ended.id), retitle).title == "Senate President")
            let tooEarly = await #expect(throws: ChanceryError.self) { try await actors.endRole(RoleSelector(id: ended.id), on: "2020") }
            #expect(tooEarly?.kind == .invalidInput)

            let membership = try await actors.endMembership(MembershipSelector(member: "KH", organization: "ASEAN"), on: "2040-12-31")
            #expect(membership.period?.edtf == "1999-04-30/2040-12-31")
            let twice = await #expect(throws: ChanceryError.self) { try await actors.endMembership(MembershipSelector(member: "KH", organization: "ASEAN"), on: "2041") }
            #expect(twice?.kind == .conflict)
            let none = await #expect(throws: ChanceryError.self) { try await actors.endMembership(MembershipSelector(member: "Hun Sen", organization: "ASEAN"), on: "2041") }
            #expect(none?.kind == .notFound)
            let corrected = try await actors.editMembership(MembershipSelector(id: membership.id), period: .set("1999-04-30/2040-06"))
            #expect(corrected.period?.edtf == "1999-04-30/2040-06")
            let before = await #expect(throws: ChanceryError.self) {
                try await actors.endMembership(MembershipSelector(member: "ID", organization: "ASEAN"), on: "1960")
            }
            #expect(before == nil || before?.kind == .invalidInput || before?.kind == .notFound)
        }
    }

    @Test("editing an event and an invitation checks values as recording them does")
    func eventsAndInvitations() async throws {
        try await withChancery(foundingExample: true) { database in
            let events = EventService(database: database)
            var changes = EventChanges()
            changes.city = .set("Washington")
            changes.addedParticipants = ["Indonesia"]
            changes.cameoCode = .clear
            let event = try await events.edit("ASEAN-US-SUMMIT-2022", changes)
            #expect(event.city == "Washington" && event.participants.contains("Indonesia") && event.cameoCode == nil)
            var undated = EventChanges()
            undated.date = .clear
            let held = await #expect(throws: ChanceryError.self) { try await events.edit("ASEAN-US-SUMMIT-2022", undated) }
            #expect(held?.field == "date")

            let invitations = InvitationService(database: database)
            var invite = InvitationChanges()
            invite.addedInvitees = ["Indonesia"]
            invite.replyBy = .set("2022-03-31")
            let invitation = try await invitations.edit("INV-US-2022-001", invite)
            #expect(invitation.invitees.contains { $0.name == "Indonesia" && $0.status == .pending })
            #expect(invitation.replyBy == "2022-03-31")
            var bad = InvitationChanges()
            bad.summary = .set("not written")
            bad.removedInvitees = ["Joe Biden"]
            let notInvited = await #expect(throws: ChanceryError.self) { try await invitations.edit("INV-US-2022-001", bad) }
            #expect(notInvited?.kind == .notFound)
            bad = InvitationChanges()
            bad.date = "2022-02-30"
            let badDate = await #expect(throws: ChanceryError.self) { try await invitations.edit("INV-US-2022-001", bad) }
            #expect(badDate?.field == "date")
            #expect(try await invitations.show("INV-US-2022-001").summary != "not written")
        }
    }
}
