@testable import ChanceryCore
import Foundation
import Testing
import ChanceryModel

/// The `create…(once:)` variants the HTTP API calls: a retried request with the same
/// Idempotency-Key gets the first result back and writes nothing; the same key with another
/// request is refused and writes nothing.
@Suite("Idempotent creates")
struct IdempotentCreateTests {
    /// Runs `create` with a fresh key twice, then with the same key and another fingerprint,
    /// checking what each wrote. `create` gets the key and whether this is the differing request
    /// (which should ask for something else, to prove it is not carried out).
    static func checkOnce<T: Equatable & Sendable>(
        _ database: ChanceryDatabase,
        _ create: (IdempotencyKey, _ different: Bool) async throws -> WriteOutcome<T>
    ) async throws -> T {
        let key = IdempotencyKey(scope: "test-token", key: UUID().uuidString, fingerprint: "POST /v1/things {\"a\":1}")
        let before = try await rowCounts(database)
        let first = try await create(key, false)
        #expect(!first.replayed)
        let afterFirst = try await rowCounts(database)
        #expect(afterFirst != before, "the first request wrote nothing")

        let second = try await create(key, false)
        #expect(second.replayed)
        #expect(second.value == first.value)
        #expect(try await rowCounts(database) == afterFirst, "the retry wrote something")

        var other = key
        other.fingerprint = "POST /v1/things {\"a\":2}"
        let refused = await #expect(throws: ChanceryError.self) { _ = try await create(other, true) }
        #expect(refused?.kind == .invalidInput && refused?.field == "Idempotency-Key")
        #expect(try await rowCounts(database) == afterFirst, "the refused request wrote something")

        let stored: Int = try await database.read { connection in
            try await connection.query("SELECT count(*) AS n FROM idempotent_request WHERE scope = 'test-token' AND key = \(key.key)").rows[0].decode("n")
        }
        #expect(stored == 1)
        return first.value
    }

    @Test("actor")
    func actor() async throws {
        try await withChancery(foundingExample: true) { database in
            let service = ActorService(database: database)
            let profile = try await Self.checkOnce(database) { key, different in
                try await service.create(ActorDraft(kind: .person, name: different ? "Someone Else" : "Hun Manet",
                                                    aliases: ["ហ៊ុន ម៉ាណែត"], note: "Prime Minister from 2023"), once: key)
            }
            #expect(profile.actor.name == "Hun Manet" && profile.aliases == ["ហ៊ុន ម៉ាណែត"] && profile.letterCount == 0)
            #expect(try await service.show("Hun Manet") == profile)
            #expect(try await service.list(kind: .person).filter { $0.actor.name == "Someone Else" }.isEmpty)
        }
    }

    @Test("role")
    func role() async throws {
        try await withChancery(foundingExample: true) { database in
            let service = ActorService(database: database)
            let role = try await Self.checkOnce(database) { key, different in
                try await service.createRole(holder: "Hun Sen", title: different ? "King" : "President of the Senate", of: "KH",
                                             period: "2024-04-03/..", once: key)
            }
            #expect(role.title == "President of the Senate" && role.period?.edtf == "2024-04-03/..")
            #expect(try await service.show("Hun Sen").roles.contains(role))
        }
    }

    @Test("aliases")
    func aliases() async throws {
        try await withChancery(foundingExample: true) { database in
            let service = ActorService(database: database)
            let aliases = try await Self.checkOnce(database) { key, different in
                try await service.createAliases(to: "Joe Biden", [different ? "Uncle Joe" : "Joseph Robinette Biden"], once: key)
            }
            #expect(aliases.contains("Joseph Robinette Biden") && !aliases.contains("Uncle Joe"))
        }
    }

    @Test("membership")
    func membership() async throws {
        try await withChancery(foundingExample: true) { database in
            let service = ActorService(database: database)
            _ = try await service.add(ActorDraft(kind: .organization, name: "Mekong–Lancang Cooperation"))
            let membership = try await Self.checkOnce(database) { key, different in
                try await service.createMembership(member: different ? "US" : "KH", organization: "Mekong–Lancang Cooperation",
                                                   period: "2016/..", once: key)
            }
            #expect(membership.member == "Cambodia" && membership.period?.edtf == "2016/..")
        }
    }

    @Test("event")
    func event() async throws {
        try await withChancery(foundingExample: true) { database in
            let service = EventService(database: database)
            let event = try await Self.checkOnce(database) { key, different in
                var draft = EventDraft()
                draft.name = different ? "Another summit" : "ASEAN–U.S. Commemorative Summit"
                draft.kind = .summit
                draft.status = .held
                draft.date = "2022-05-12/2022-05-13"
                draft.host = "US"
                draft.participants = ["Joe Biden", "Hun Sen"]
                draft.sources = [SourceDraft(kind: .news, title: "Leaders meet", url: "https://example.org/summit", published: "2022-05~")]
                return try await service.create(draft, once: key)
            }
            #expect(event.name == "ASEAN–U.S. Commemorative Summit" && event.sources.count == 1)
            #expect(try await service.show(event.ref) == event)
            #expect(try await service.list().filter { $0.name == "Another summit" }.isEmpty)
        }
    }

    @Test("invitation")
    func invitation() async throws {
        try await withChancery(foundingExample: true) { database in
            let service = InvitationService(database: database)
            let invitation = try await Self.checkOnce(database) { key, different in
                var draft = InvitationDraft()
                draft.from = ParticipantDraft(name: "Joe Biden")
                draft.invitees = [different ? "ASEAN" : "Hun Sen"]
                draft.event = "ASEAN-US-SUMMIT-2022"
                draft.date = "2022-02"
                draft.replyBy = "2022-03-01"
                return try await service.create(draft, once: key)
            }
            #expect(invitation.invitees.map(\.name) == ["Hun Sen"] && invitation.isPending)
            #expect(try await service.show(invitation.ref) == invitation)
            #expect(try await service.show(invitation.ref.lowercased()) == invitation)
        }
    }

    @Test("response")
    func response() async throws {
        try await withChancery(foundingExample: true) { database in
            let service = InvitationService(database: database)
            let invitation = try await Self.checkOnce(database) { key, different in
                try await service.respond(ResponseDraft(invitation: "INV-US-2022-001", invitee: "ASEAN",
                                                        status: different ? .declined : .accepted, date: "2022-03"), once: key)
            }
            #expect(invitation.invitees.first { $0.name == "ASEAN" }?.status == .accepted)
            #expect(try await service.show("INV-US-2022-001") == invitation)
        }
    }

    @Test("without a key, a create simply writes")
    func withoutKey() async throws {
        try await withChancery(foundingExample: true) { database in
            let outcome = try await ActorService(database: database).create(ActorDraft(kind: .person, name: "Prak Sokhonn"))
            #expect(!outcome.replayed && outcome.value.actor.name == "Prak Sokhonn")
            let stored: Int = try await database.read { connection in
                try await connection.query("SELECT count(*) AS n FROM idempotent_request").rows[0].decode("n")
            }
            #expect(stored == 0)
        }
    }

    @Test("showing an unknown invitation is not found, on field ref")
    func showUnknownInvitation() async throws {
        try await withChancery { database in
            let error = await #expect(throws: ChanceryError.self) { try await InvitationService(database: database).show("INV-NOPE-1") }
            #expect(error?.kind == .notFound && error?.field == "ref")
        }
    }
}
