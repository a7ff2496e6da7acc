@testable import ChanceryCore
import EDTF
import Testing
import ChanceryModel

@Suite("Open items")
struct PendingServiceTests {
    private static let today = try! CalendarDay(year: 2022, month: 6, day: 15)

    @Test("the founding example's invitation waits for ASEAN; Hun Sen has answered")
    func foundingExample() async throws {
        try await withChancery(foundingExample: true) { database in
            let report = try await PendingService(database: database, today: Self.today).pending()
            #expect(report.asOf == Self.today)
            #expect(report.invitations.map(\.ref) == ["INV-US-2022-001"])
            let invitation = try #require(report.invitations.first)
            #expect(invitation.pendingInvitees == ["ASEAN"])
            #expect(invitation.answeredCount == 1)
            #expect(invitation.from == "Joe Biden")
            #expect(invitation.eventRef == "ASEAN-US-SUMMIT-2022")
            #expect(invitation.replyBy == nil && invitation.daysOverdue == nil)
            #expect(report.letters.isEmpty)
        }
    }

    @Test("an invitation is listed until its last invitee answers")
    func listedUntilLastAnswer() async throws {
        try await withChancery(foundingExample: true) { database in
            let invitations = InvitationService(database: database)
            var draft = InvitationDraft()
            draft.from = ParticipantDraft(name: "Hun Sen")
            draft.invitees = ["Joe Biden", "Indonesia"]
            draft.date = "2022-05-01"
            draft.replyBy = "2022-05-31"
            let ref = try await invitations.add(draft)
            let pending = PendingService(database: database, today: Self.today)

            let before = try #require(try await pending.pending().invitations.first { $0.ref == ref })
            #expect(before.pendingInvitees == ["Indonesia", "Joe Biden"])
            #expect(before.replyBy?.description == "2022-05-31")
            #expect(before.daysOverdue == 15)
            #expect(before.ageDays == 45)

            _ = try await invitations.respond(ResponseDraft(invitation: ref, invitee: "Joe Biden", status: .accepted, date: "2022-05-10"))
            let after = try #require(try await pending.pending().invitations.first { $0.ref == ref })
            #expect(after.pendingInvitees == ["Indonesia"])
            #expect(after.answeredCount == 1)

            _ = try await invitations.respond(ResponseDraft(invitation: ref, invitee: "Indonesia", status: .declined, date: "2022-05-12"))
            #expect(try await pending.pending().invitations.map(\.ref) == ["INV-US-2022-001"])
        }
    }

    @Test("a letter awaiting a reply is listed until a reply is logged")
    func letterAwaitingReply() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            var question = sampleLetter(subject: "Will you attend?")
            question.date = "2022-05"
            question.awaitingReply = true
            let questionRef = try await letters.add(question)
            let pending = PendingService(database: database, today: Self.today)

            let listed = try await pending.pending().letters
            #expect(listed.map(\.ref) == [questionRef])
            #expect(listed.first?.from == ["Joe Biden"] && listed.first?.to == ["Hun Sen"])
            #expect(listed.first?.ageDays == 15)

            var answer = sampleLetter(subject: "I will attend")
            answer.from = [ParticipantDraft(name: "Hun Sen")]
            answer.to = [ParticipantDraft(name: "Joe Biden")]
            answer.replyTo = [questionRef]
            _ = try await letters.add(answer)
            #expect(try await pending.pending().letters.isEmpty)
        }
    }

    @Test("--older-than compares the latest possible day; an open end is never old enough")
    func olderThan() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            var may = sampleLetter(subject: "Sent in May")
            may.date = "2022-05"
            may.awaitingReply = true
            let mayRef = try await letters.add(may)
            var open = sampleLetter(subject: "Sent in May or later")
            open.date = "2022-05/.."
            open.awaitingReply = true
            let openRef = try await letters.add(open)
            let pending = PendingService(database: database, today: Self.today)

            #expect(Set(try await pending.pending().letters.map(\.ref)) == [mayRef, openRef])
            // Latest day 31 May: 15 days before 15 June.
            #expect(try await pending.pending(olderThan: AgeThreshold(parsing: "15d")).letters.map(\.ref) == [mayRef])
            #expect(try await pending.pending(olderThan: AgeThreshold(parsing: "16")).letters.isEmpty)
            #expect(try await pending.pending(olderThan: AgeThreshold(parsing: "2w")).letters.map(\.ref) == [mayRef])
            // The founding invitation was issued by April 2022 at the latest (its letter's date).
            let monthOld = try await pending.pending(olderThan: AgeThreshold(parsing: "1m"))
            #expect(monthOld.invitations.map(\.ref) == ["INV-US-2022-001"])
            #expect(monthOld.olderThan == "1m")
            #expect(try await pending.pending(olderThan: AgeThreshold(parsing: "1y")).invitations.isEmpty)
        }
    }
}
