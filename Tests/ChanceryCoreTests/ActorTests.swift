@testable import ChanceryCore
import Testing
import ChanceryModel

@Suite("Actors and name resolution")
struct ActorTests {
    @Test("names resolve through aliases, case, spacing, ISO codes and Wikidata ids", arguments: [
        ("Jo Biden", "Joe Biden"), ("joe  BIDEN", "Joe Biden"), ("Q6279", "Joe Biden"), ("q6279", "Joe Biden"),
        ("ហ៊ុន សែន", "Hun Sen"), ("KH", "Cambodia"), ("Kingdom of Cambodia", "Cambodia"), ("asean", "ASEAN"),
    ])
    func resolves(input: String, name: String) async throws {
        try await withChancery(foundingExample: true) { database in
            let resolved = try await ActorService(database: database).show(input)
            #expect(resolved.actor.name == name)
        }
    }

    @Test("an ambiguous name lists every match; an unknown one the closest names")
    func ambiguityAndCandidates() async throws {
        try await withChancery(foundingExample: true) { database in
            let actors = ActorService(database: database)
            _ = try await actors.add(ActorDraft(kind: .person, name: "Antony Blinken", aliases: ["The Secretary"]))
            _ = try await actors.add(ActorDraft(kind: .person, name: "Prak Sokhonn", aliases: ["The Secretary"]))
            let ambiguous = await #expect(throws: ChanceryError.self) { try await actors.show("the secretary") }
            #expect(ambiguous?.kind == .ambiguous)
            #expect(ambiguous?.candidates.count == 2)

            let unknown = await #expect(throws: ChanceryError.self) { try await actors.show("Joe Bidn") }
            #expect(unknown?.kind == .notFound)
            #expect(unknown?.candidates.first?.hasPrefix("Joe Biden") == true)
        }
    }

    @Test("bad actors are refused and nothing is written", arguments: [
        ActorDraft(kind: .state, name: "Atlantis", isoCode: "ZZ"),
        ActorDraft(kind: .person, name: "Someone", isoCode: "US"),
        ActorDraft(kind: .person, name: " "),
        ActorDraft(kind: .person, name: String(repeating: "n", count: 201)),
        ActorDraft(kind: .person, name: "X", wikidataId: "P31"),
        ActorDraft(kind: .person, name: "jo biden"),
        ActorDraft(kind: .state, name: "Kampuchea", isoCode: "KH"),
        ActorDraft(kind: .person, name: "Viaf Typo", viafId: "viaf/44318817"),
        ActorDraft(kind: .person, name: "Gnd Typo", gndId: "gnd:118616242"),
    ])
    func refused(draft: ActorDraft) async throws {
        try await withChancery(foundingExample: true) { database in
            let before = try await rowCounts(database)
            await #expect(throws: ChanceryError.self) { try await ActorService(database: database).add(draft) }
            #expect(try await rowCounts(database) == before)
        }
    }

    @Test("VIAF and GND ids are stored and shown; one id names one actor, and a clash names the field")
    func authorityIds() async throws {
        try await withChancery(foundingExample: true) { database in
            let actors = ActorService(database: database)
            _ = try await actors.add(ActorDraft(kind: .person, name: "Philipp Jakob Spener", viafId: " 44318817 ", gndId: "118616242"))
            let profile = try await actors.show("Philipp Jakob Spener")
            #expect(profile.viafId == "44318817" && profile.gndId == "118616242")
            let before = try await rowCounts(database)
            let clash = await #expect(throws: ChanceryError.self) {
                try await actors.add(ActorDraft(kind: .person, name: "Ph. Spener (other record)", gndId: "118616242"))
            }
            #expect(clash?.kind == .conflict && clash?.field == "gndId", "\(String(describing: clash))")
            #expect(try await rowCounts(database) == before)
            let malformed = await #expect(throws: ChanceryError.self) {
                try await actors.add(ActorDraft(kind: .person, name: "Someone Else", viafId: "0123"))
            }
            #expect(malformed?.field == "viafId" && malformed?.message.contains("0123") == true)
        }
    }

    @Test("roles and memberships are recorded over periods and shown with the actor")
    func rolesAndMemberships() async throws {
        try await withChancery(foundingExample: true) { database in
            let actors = ActorService(database: database)
            _ = try await actors.add(ActorDraft(kind: .person, name: "Hun Manet", aliases: ["ហ៊ុន ម៉ាណែត"]))
            let role = try await actors.addRole(holder: "Hun Manet", title: "Prime Minister", of: "KH", period: "2023-08-22/..")
            #expect(role.period?.latest == nil)
            let profile = try await actors.show("Cambodia")
            #expect(profile.roles.contains { $0.holder == "Hun Manet" })
            #expect(profile.memberships.map(\.organization) == ["ASEAN"])
            let error = await #expect(throws: ChanceryError.self) {
                try await actors.addRole(holder: "Hun Manet", title: "Prime Minister", of: "Joe Biden", period: nil)
            }
            #expect(error?.field == "of")
        }
    }

    @Test("aliases added later resolve, and adding one twice changes nothing")
    func addAliases() async throws {
        try await withChancery(foundingExample: true) { database in
            let actors = ActorService(database: database)
            let aliases = try await actors.addAliases(to: "Hun Sen", ["Samdech Hun Sen", "samdech  hun sen", "Hun Sen"])
            #expect(aliases.contains("Samdech Hun Sen"))
            #expect(!aliases.contains("Hun Sen"))
            let before = try await rowCounts(database)
            _ = try await actors.addAliases(to: "Hun Sen", ["Samdech Hun Sen"])
            #expect(try await rowCounts(database) == before)
            let resolved = try await actors.show("SAMDECH HUN SEN")
            #expect(resolved.actor.name == "Hun Sen")
        }
    }
}
