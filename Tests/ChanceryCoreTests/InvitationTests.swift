@testable import ChanceryCore
import Testing
import ChanceryModel
import ChanceryInterchange
import Foundation
import TestFiles

@Suite("Invitations and responses")
struct InvitationTests {
    @Test("an invitation stays pending until its last invitee answers")
    func pendingUntilLastAnswer() async throws {
        try await withChancery(foundingExample: true) { database in
            let invitations = InvitationService(database: database)
            #expect(try await invitations.list(pendingOnly: true).map(\.ref) == ["INV-US-2022-001"])
            let updated = try await invitations.respond(
                ResponseDraft(invitation: "INV-US-2022-001", invitee: "ASEAN", status: .accepted, date: "2022-03"))
            #expect(!updated.isPending)
            #expect(try await invitations.list(pendingOnly: true).isEmpty)
            #expect(try await invitations.list().count == 1)
        }
    }

    @Test("answering the same way twice records one change")
    func respondIdempotent() async throws {
        try await withChancery(foundingExample: true) { database in
            let invitations = InvitationService(database: database)
            let draft = ResponseDraft(invitation: "INV-US-2022-001", invitee: "Hun Sen", status: .accepted, letter: "KH-US-2022-001")
            let before = try await rowCounts(database)
            _ = try await invitations.respond(draft)
            #expect(try await rowCounts(database) == before)
            // The same answer with another date, or a note, is a correction, not the same answer.
            var corrected = draft
            corrected.date = "2022-02-20"
            corrected.note = "Answered by hand first"
            let answer = try await invitations.respond(corrected).invitees.first { $0.name == "Hun Sen" }
            #expect(answer?.responded?.edtf == "2022-02-20" && answer?.note == "Answered by hand first", "\(String(describing: answer))")

            // A note belongs to its answer: another answer has none of its own unless given; the
            // same answer with another date keeps it; an empty note clears it.
            func note(after draft: ResponseDraft) async throws -> String? {
                try await invitations.respond(draft).invitees.first { $0.name == "Hun Sen" }?.note
            }
            #expect(try await note(after: ResponseDraft(invitation: "INV-US-2022-001", invitee: "Hun Sen", status: .declined, date: "2022-03")) == nil)
            #expect(try await note(after: ResponseDraft(invitation: "INV-US-2022-001", invitee: "Hun Sen", status: .declined, date: "2022-03",
                                                        note: "Declined by note verbale")) == "Declined by note verbale")
            #expect(try await note(after: ResponseDraft(invitation: "INV-US-2022-001", invitee: "Hun Sen", status: .declined, date: "2022-03-04"))
                    == "Declined by note verbale")
            #expect(try await note(after: ResponseDraft(invitation: "INV-US-2022-001", invitee: "Hun Sen", status: .declined, date: "2022-03-04",
                                                        note: "")) == nil)

            // The recorded answer given again with only a note changes the note and keeps its
            // date and letter; another answer still needs a date or a letter.
            _ = try await invitations.respond(draft)
            let noted = try await invitations.respond(ResponseDraft(invitation: "INV-US-2022-001", invitee: "Hun Sen", status: .accepted,
                                                                    note: "Confirmed in person")).invitees.first { $0.name == "Hun Sen" }
            #expect(noted?.note == "Confirmed in person" && noted?.letter == "KH-US-2022-001" && noted?.responded?.edtf == "2022-01/2022-04",
                    "\(String(describing: noted))")
            let redated = try await invitations.respond(ResponseDraft(invitation: "INV-US-2022-001", invitee: "Hun Sen", status: .accepted,
                                                                      date: "2022-04-02")).invitees.first { $0.name == "Hun Sen" }
            #expect(redated?.letter == "KH-US-2022-001" && redated?.responded?.edtf == "2022-04-02" && redated?.note == "Confirmed in person",
                    "a corrected date keeps the answer's letter and note: \(String(describing: redated))")
            let unchanged = try await rowCounts(database)
            let error = await #expect(throws: ChanceryError.self) {
                try await invitations.respond(ResponseDraft(invitation: "INV-US-2022-001", invitee: "Hun Sen", status: .tentative, note: "Maybe"))
            }
            #expect(error?.field == "date")
            #expect(error?.message.contains("tentative is another answer than the one recorded (accepted)") == true, "\(String(describing: error))")
            #expect(try await rowCounts(database) == unchanged)
        }
    }

    @Test("a new invitation takes its letter's date and gets a reference", arguments: [true, false])
    func addInvitation(withEvent: Bool) async throws {
        try await withChancery(foundingExample: true) { database in
            var draft = InvitationDraft()
            draft.from = ParticipantDraft(name: "Hun Sen")
            draft.invitees = ["Joe Biden"]
            draft.letter = "KH-US-2022-001"
            if withEvent { draft.event = "Special ASEAN–U.S. Summit" }
            let ref = try await InvitationService(database: database).add(draft)
            #expect(ref == "INV-KH-2022-001")
            let stored = try #require(try await InvitationService(database: database).list().first { $0.ref == ref })
            #expect(stored.date.edtf == "2022-01/2022-04")
            #expect(stored.from.onBehalfOf == "Cambodia")
            #expect(stored.eventRef == (withEvent ? "ASEAN-US-SUMMIT-2022" : nil))
        }
    }

    @Test("responses from someone not invited are refused and write nothing")
    func notInvited() async throws {
        try await withChancery(foundingExample: true) { database in
            let before = try await rowCounts(database)
            let error = await #expect(throws: ChanceryError.self) {
                try await InvitationService(database: database).respond(
                    ResponseDraft(invitation: "INV-US-2022-001", invitee: "Indonesia", status: .declined, date: "2022-03"))
            }
            #expect(error?.hint?.contains("Hun Sen") == true)
            #expect(try await rowCounts(database) == before)
        }
    }
}

/// Listings read every invitation and event at once, not one by one: each keeps its own
/// invitees, answers and sources, in date order.
@Suite("Invitation and event listings")
struct RecordListingTests {
    static let records = ForeignReferenceImportTests.people + [
        #"{"type":"event","ref":"EV-L-A","name":"Synod of 1700","kind":"other","date":"1700-09","sources":[{"title":"Acta synodalia","kind":"archive"}]}"#,
        #"{"type":"event","ref":"EV-L-B","name":"Council of 1699","kind":"other","date":"1699-05"}"#,
        #"{"type":"invitation","ref":"INV-L-2","from":{"name":"Anna"},"invitees":["Dora","Bob"],"event":"EV-L-A","date":"1700-03"}"#,
        #"{"type":"invitation","ref":"INV-L-1","from":{"name":"Bob"},"invitees":["Carl"],"event":"EV-L-A","date":"1700-01"}"#,
        #"{"type":"invitation","ref":"INV-L-3","from":{"name":"Carl"},"invitees":["Anna","Bob","Dora"],"event":"EV-L-B","date":"1700-02"}"#,
        #"{"type":"response","invitation":"INV-L-3","invitee":"Bob","status":"accepted","date":"1700-02-20"}"#,
    ]

    @Test("every invitation with its own invitees and answers, every event with its own sources and invitations")
    func listings() async throws {
        try await withTemporaryFolder { folder in
            let file = try writeDataset(Self.records, named: "records.jsonl", in: folder)
            try await withChancery { database in
                #expect(try await ImportService(database: database).run([file], options: ImportOptions()).committed)
                let invitations = try await InvitationService(database: database).list()
                #expect(invitations.map { "\($0.ref) \($0.from.name): " + $0.invitees.map { "\($0.name) \($0.status.rawValue)" }.joined(separator: ", ") }
                        == ["INV-L-1 Bob: Carl pending",
                            "INV-L-3 Carl: Anna pending, Bob accepted, Dora pending",
                            "INV-L-2 Anna: Bob pending, Dora pending"])
                #expect(try await InvitationService(database: database).list(pendingOnly: true).map(\.ref) == ["INV-L-1", "INV-L-3", "INV-L-2"])
                let events = try await EventService(database: database).list()
                #expect(events.map { "\($0.ref): \($0.invitations.joined(separator: " ")); " + $0.sources.map(\.title).joined(separator: ", ") }
                        == ["EV-L-B: INV-L-3; ", "EV-L-A: INV-L-1 INV-L-2; Acta synodalia"])
            }
        }
    }
}
