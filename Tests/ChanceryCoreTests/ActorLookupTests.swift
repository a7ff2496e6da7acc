@testable import ChanceryCore
import Testing
import ChanceryModel

/// How a name typed in a filter finds its actor, and what a miss says.
@Suite("Looking actors up by name")
struct ActorLookupTests {
    @Test("a name of another kind of actor says what it is instead of suggesting a new actor")
    func otherKind() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            var byPerson = LetterQuery()
            byPerson.person = "ASEAN"
            let person = await #expect(throws: ChanceryError.self) { try await letters.list(byPerson) }
            #expect(person?.kind == .notFound && person?.field == "person")
            #expect(person?.message.contains("ASEAN is an organization") == true, "\(String(describing: person?.message))")
            #expect(person?.hint == "Look for ASEAN as an organization." && person?.next.isEmpty == true)
            var byOrganization = LetterQuery()
            byOrganization.organization = "Hun Sen"
            let organization = await #expect(throws: ChanceryError.self) { try await letters.list(byOrganization) }
            #expect(organization?.message.contains("Hun Sen is a person") == true, "\(String(describing: organization?.message))")
            // A name nobody bears still offers to record the actor.
            byPerson.person = "Nobody At All"
            let nobody = await #expect(throws: ChanceryError.self) { try await letters.list(byPerson) }
            #expect(nobody?.next.isEmpty == false)
        }
    }

    @Test("gnd: and viaf: ids name the actor holding them, in any letter case")
    func authorityIDs() async throws {
        try await withChancery(foundingExample: true) { database in
            var changes = ActorChanges()
            changes.gndId = .set("118616315")
            changes.viafId = .set("12345")
            _ = try await ActorService(database: database).edit("Hun Sen", changes)
            let letters = LetterService(database: database)
            var byName = LetterQuery()
            byName.person = "Hun Sen"
            let expected = try await letters.list(byName).map(\.ref)
            #expect(!expected.isEmpty)
            for id in ["gnd:118616315", "GND: 118616315", "viaf:12345"] {
                var query = LetterQuery()
                query.person = id
                #expect(try await letters.list(query).map(\.ref) == expected, "\(id)")
            }
            var unknown = LetterQuery()
            unknown.person = "gnd:999"
            let missing = await #expect(throws: ChanceryError.self) { try await letters.list(unknown) }
            #expect(missing?.message.contains("authority id") == true && missing?.next.isEmpty == true, "no actor named gnd:999 is offered")
            var organization = ActorChanges()
            organization.gndId = .set("5069813-0")
            _ = try await ActorService(database: database).edit("ASEAN", organization)
            var asPerson = LetterQuery()
            asPerson.person = "gnd:5069813-0"
            let other = await #expect(throws: ChanceryError.self) { try await letters.list(asPerson) }
            #expect(other?.message.contains("ASEAN is an organization") == true, "\(String(describing: other?.message))")
        }
    }
}
