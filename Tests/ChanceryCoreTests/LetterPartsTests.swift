@testable import ChanceryCore
import Testing
import ChanceryModel

@Suite("Editing a letter's participants, links and sources")
struct LetterPartsTests {
    @Test("participants are added after those in their role, resolved at the letter's date, and removed with renumbering")
    func participants() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            let ref = try await letters.add(sampleLetter())
            var revision = 1
            for name in ["Indonesia", "KH", "ASEAN"] {
                let added = try await letters.addParticipant(to: ref, ifRevision: revision, role: .transmitter,
                                                             participant: ParticipantDraft(name: name))
                #expect(!added.replayed)
                #expect(added.value.revision == revision + 1)
                revision = added.value.revision
            }
            let transmitters = { (letter: LetterDetail) in letter.participants.filter { $0.role == .transmitter } }
            #expect(transmitters(try await letters.show(ref)).map(\.name) == ["Indonesia", "Cambodia", "ASEAN"])
            #expect(transmitters(try await letters.show(ref)).map(\.position) == [1, 2, 3])

            // A person's capacity and country are read off the roles they hold at the letter's date.
            let signed = try await letters.addParticipant(to: ref, ifRevision: nil, role: .cc, participant: ParticipantDraft(name: "Jo Biden"))
            let cc = try #require(signed.value.participants.first { $0.role == .cc })
            #expect(cc.name == "Joe Biden" && cc.capacity == "President" && cc.onBehalfOf == "United States")
            revision = signed.value.revision

            let twice = await #expect(throws: ChanceryError.self) {
                try await letters.addParticipant(to: ref, ifRevision: nil, role: .transmitter, participant: ParticipantDraft(name: "Cambodia"))
            }
            #expect(twice?.kind == .invalidInput)
            #expect(twice?.field == "via")
            let unknown = await #expect(throws: ChanceryError.self) {
                try await letters.addParticipant(to: ref, ifRevision: nil, role: .recipient, participant: ParticipantDraft(name: "Nobody Atall"))
            }
            #expect(unknown?.kind == .notFound)
            #expect(unknown?.field == "to")

            let removed = try await letters.removeParticipant(from: ref, ifRevision: revision, role: .transmitter, position: 1)
            #expect(transmitters(removed).map(\.name) == ["Cambodia", "ASEAN"])
            #expect(transmitters(removed).map(\.position) == [1, 2])
            let middle = try await letters.addParticipant(to: ref, ifRevision: removed.revision, role: .transmitter,
                                                          participant: ParticipantDraft(name: "Indonesia"))
            let again = try await letters.removeParticipant(from: ref, ifRevision: middle.value.revision, role: .transmitter, position: 2)
            #expect(transmitters(again).map(\.name) == ["Cambodia", "Indonesia"])
            #expect(transmitters(again).map(\.position) == [1, 2])
            revision = again.revision

            let missing = await #expect(throws: ChanceryError.self) {
                try await letters.removeParticipant(from: ref, ifRevision: revision, role: .transmitter, position: 3)
            }
            #expect(missing?.kind == .notFound)
            #expect(missing?.field == "position")
            for role in [ParticipantRole.author, .recipient] {
                let last = await #expect(throws: ChanceryError.self) {
                    try await letters.removeParticipant(from: ref, ifRevision: revision, role: role, position: 1)
                }
                #expect(last?.kind == .invalidInput, "\(role)")
            }
            let stale = await #expect(throws: ChanceryError.self) {
                try await letters.removeParticipant(from: ref, ifRevision: revision - 1, role: .transmitter, position: 1)
            }
            #expect(stale?.kind == .stale)
            let staleAdd = await #expect(throws: ChanceryError.self) {
                try await letters.addParticipant(to: ref, ifRevision: revision - 1, role: .cc, participant: ParticipantDraft(name: "ASEAN"))
            }
            #expect(staleAdd?.kind == .stale)
            #expect(try await letters.show(ref).revision == revision)

            // A second author lets the first go; the listings follow.
            let second = try await letters.addParticipant(to: ref, ifRevision: revision, role: .author, participant: ParticipantDraft(name: "Hun Sen"))
            let first = try await letters.removeParticipant(from: ref, ifRevision: second.value.revision, role: .author, position: 1)
            #expect(first.participants.filter { $0.role == .author }.map(\.name) == ["Hun Sen"])
            #expect(first.participants.filter { $0.role == .author }.map(\.position) == [1])
            var query = LetterQuery()
            query.person = "Joe Biden"
            #expect(try await letters.list(query).map(\.ref).contains(ref))  // still a cc
            query.fromCountry = "US"
            #expect(try await !letters.list(query).map(\.ref).contains(ref))
        }
    }

    @Test("adding a participant with an idempotency key twice adds it once")
    func idempotentParticipant() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            let ref = try await letters.add(sampleLetter())
            let key = IdempotencyKey(scope: "editor", key: "p-1", fingerprint: "POST participants ASEAN")
            let first = try await letters.addParticipant(to: ref, ifRevision: 1, role: .cc, participant: ParticipantDraft(name: "ASEAN"), once: key)
            let second = try await letters.addParticipant(to: ref, ifRevision: 1, role: .cc, participant: ParticipantDraft(name: "ASEAN"), once: key)
            #expect(second.replayed)
            #expect(second.value == first.value)
            #expect(try await letters.show(ref) == first.value)
        }
    }

    @Test("links are added once, never to the letter itself or a missing letter, and removed")
    func links() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            let ref = try await letters.add(sampleLetter())
            let linked = try await letters.addLink(from: ref, ifRevision: 1, kind: .replyTo, to: "kh-us-2022-001")
            #expect(linked.value.revision == 2)
            #expect(linked.value.links.map(\.ref) == ["KH-US-2022-001"])
            #expect(try await letters.show("KH-US-2022-001").linkedFrom.map(\.ref).contains(ref))
            // The letter linked to is not changed: its revision stays.
            #expect(try await letters.show("KH-US-2022-001").revision == 1)

            let counts = try await rowCounts(database)
            for (target, kind, field) in [("KH-US-2022-001", ChanceryError.Kind.conflict, "target"), (ref, .invalidInput, "target"),
                                          ("XX-YY-1999-001", .notFound, "target")] {
                let error = await #expect(throws: ChanceryError.self) {
                    try await letters.addLink(from: ref, ifRevision: 2, kind: .replyTo, to: target)
                }
                #expect(error?.kind == kind, "\(target)")
                #expect(error?.field == field, "\(target)")
            }
            #expect(try await rowCounts(database) == counts)

            let unlinked = try await letters.removeLink(from: ref, ifRevision: 2, kind: .replyTo, to: "KH-US-2022-001")
            #expect(unlinked.links == [])
            #expect(unlinked.revision == 3)
            let gone = await #expect(throws: ChanceryError.self) {
                try await letters.removeLink(from: ref, ifRevision: 3, kind: .replyTo, to: "KH-US-2022-001")
            }
            #expect(gone?.kind == .notFound)
            #expect(gone?.field == "target")
        }
    }

    @Test("a source is cited for the letter and bumps its revision; an invalid one writes nothing")
    func sources() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            let ref = try await letters.add(sampleLetter())
            let cited = try await letters.addSource(to: ref, ifRevision: 1, source: SourceDraft(
                kind: .officialStatement, title: "Readout", url: "https://example.org/readout", quote: "They spoke."))
            #expect(cited.value.revision == 2)
            #expect(cited.value.sources.map(\.title) == ["Readout"])
            #expect(cited.value.sources.first?.quote == "They spoke.")

            let counts = try await rowCounts(database)
            let error = await #expect(throws: ChanceryError.self) {
                try await letters.addSource(to: ref, ifRevision: 2, source: SourceDraft(title: "Bad", url: "ftp://example.org"))
            }
            #expect(error?.field == "source-url")
            #expect(try await rowCounts(database) == counts)
            #expect(try await letters.show(ref).revision == 2)
        }
    }
}
