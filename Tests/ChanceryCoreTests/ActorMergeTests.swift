@testable import ChanceryCore
import Testing
import ChanceryModel

@Suite("Merging and editing actors")
struct ActorMergeTests {
    /// "Joseph Biden", recorded again with a VIAF id, writes one letter to Hun Sen and one to
    /// ASEAN, holds a role and is cited: a duplicate of the founding example's Joe Biden.
    static func duplicate(_ database: ChanceryDatabase) async throws -> [String] {
        let actors = ActorService(database: database)
        _ = try await actors.add(ActorDraft(kind: .person, name: "Joseph Biden", aliases: ["J. Biden"], viafId: "59894734", note: "From a CMIF file."))
        _ = try await actors.addRole(holder: "Joseph Biden", title: "Senator", of: "US", period: "1973/2009")
        var refs: [String] = []
        for (recipient, subject) in [("Hun Sen", "A zanzibarian greeting"), ("ASEAN", "On the summit agenda")] {
            var draft = sampleLetter(subject: subject)
            draft.from = [ParticipantDraft(name: "Joseph Biden")]
            draft.to = [ParticipantDraft(name: recipient)]
            // Both spellings on one letter: after the merge, one actor named twice as author.
            if recipient == "ASEAN" { draft.from.append(ParticipantDraft(name: "Joe Biden")) }
            refs.append(try await LetterService(database: database).add(draft))
        }
        return refs
    }

    @Test("a merge of two actors who both wrote letters leaves every letter, timeline, network and search result with the kept one")
    func mergeMovesEverything() async throws {
        try await withChancery(foundingExample: true) { database in
            let refs = try await Self.duplicate(database)
            let before = try await LetterService(database: database).show(refs[0])
            let report = try await ActorService(database: database).merge("Joseph Biden", into: "Joe Biden").value
            #expect(report.participations == 1, "the other was the second author of a letter Joe Biden wrote too")
            #expect(report.letters == 2)
            #expect(report.roles == 1)
            #expect(report.combined == 1, "the letter naming both keeps one author")
            #expect(report.fieldsTaken == ["viafId", "note"])
            #expect(report.kept.viafId == "59894734")
            #expect(report.kept.aliases.contains("Joseph Biden") && report.kept.aliases.contains("J. Biden"))
            #expect(report.kept.letterCount == 5)
            #expect(report.kept.merged.map(\.name) == ["Joseph Biden"] && report.kept.merged.first?.by == "test-suite")

            let letters = LetterService(database: database)
            let after = try await letters.show(refs[0])
            #expect(after.participants.filter { $0.role == .author }.map(\.name) == ["Joe Biden"])
            #expect(after.revision == before.revision + 1)
            let both = try await letters.show(refs[1])
            #expect(both.participants.filter { $0.role == .author }.map(\.name) == ["Joe Biden"])
            var byPerson = LetterQuery()
            byPerson.person = "Joe Biden"
            let listed = try await letters.list(byPerson).map(\.ref)
            #expect(Set(refs).isSubset(of: Set(listed)) && listed.count == 5)
            byPerson.person = "Joseph Biden"
            let listedByOldName = try await letters.list(byPerson).map(\.ref)
            #expect(listedByOldName == listed, "the duplicate's name now names the kept actor")

            let timeline = try await TimelineService(database: database).timeline(.person("Joe Biden"))
            #expect(Set(refs).isSubset(of: Set(timeline.items.map(\.ref))))
            let network = try await NetworkService(database: database).network(NetworkRequest())
            #expect(!network.nodes.contains { $0.label == "Joseph Biden" })
            let found = try await SearchService(database: database).search("zanzibarian").letters
            #expect(found.map(\.letter.from) == [["Joe Biden"]])
            let actorHits = try await SearchService(database: database).search("Joseph Biden").actors.map(\.name)
            #expect(actorHits == ["Joe Biden"])
            let profile = try await ActorService(database: database).show("Joe Biden")
            #expect(profile.roles.contains { $0.title == "Senator" && $0.holder == "Joe Biden" })

            // The history holds the moves, and the duplicate's deletion.
            let deleted = try await database.read { connection in
                try await connection.query(
                    "SELECT count(*) AS n FROM history WHERE table_name = 'actor' AND operation = 'DELETE' AND before ->> 'name' = 'Joseph Biden'"
                ).rows[0].decode("n", as: Int.self)
            }
            #expect(deleted == 1)
            let letterHistory = try await letters.history(of: refs[0])
            #expect(letterHistory.contains { entry in
                entry.table == "letter_participant" && entry.changes.contains {
                    $0.field == "actor" && $0.before == .string("Joseph Biden") && $0.after == .string("Joe Biden")
                }
            }, "the letter's history names both actors of the merge")

            let again = await #expect(throws: ChanceryError.self) {
                try await ActorService(database: database).merge("Joseph Biden", into: "Joe Biden")
            }
            #expect(again?.kind == .conflict)
            #expect(again?.message.contains("already Joe Biden (merged into it on") == true, "\(String(describing: again))")
        }
    }

    @Test("two different ids of one authority refuse the merge, naming both values, and nothing is written")
    func conflictingIdsRefuseTheMerge() async throws {
        try await withChancery(foundingExample: true) { database in
            _ = try await ActorService(database: database).add(ActorDraft(kind: .person, name: "Joseph R. Biden", wikidataId: "Q1124"))
            let before = try await rowCounts(database)
            let error = await #expect(throws: ChanceryError.self) {
                try await ActorService(database: database).merge("Joseph R. Biden", into: "Joe Biden")
            }
            #expect(error?.kind == .conflict)
            #expect(error?.message.contains("Wikidata ids") == true)
            #expect(error?.message.contains("Q1124") == true && error?.message.contains("Q6279") == true)
            #expect(try await rowCounts(database) == before)

            _ = try await ActorService(database: database).add(ActorDraft(kind: .state, name: "Kampuchea", isoCode: "KP"))
            let iso = await #expect(throws: ChanceryError.self) {
                try await ActorService(database: database).merge("Kampuchea", into: "Cambodia")
            }
            #expect(iso?.message.contains("ISO codes") == true && iso?.message.contains("KP") == true && iso?.message.contains("KH") == true)
            var existed = ActorChanges()
            existed.isoCode = .clear
            existed.existed = .set("1975-04-17/1979-01-07")
            _ = try await ActorService(database: database).edit("Kampuchea", existed)
            var cambodia = ActorChanges()
            cambodia.existed = .set("1953-11-09/..")
            _ = try await ActorService(database: database).edit("Cambodia", cambodia)
            let periods = await #expect(throws: ChanceryError.self) {
                try await ActorService(database: database).merge("Kampuchea", into: "Cambodia")
            }
            #expect(periods?.message.contains("existence periods") == true && periods?.message.contains("1975-04-17/1979-01-07") == true)
            let settled = try await rowCounts(database)

            let kinds = await #expect(throws: ChanceryError.self) {
                try await ActorService(database: database).merge("Cambodia", into: "Hun Sen")
            }
            #expect(kinds?.kind == .invalidInput)
            #expect(try await rowCounts(database) == settled)
        }
    }

    @Test("merging states moves memberships, roles of the state and the parties letters are listed under")
    func mergingStates() async throws {
        try await withChancery(foundingExample: true) { database in
            let actors = ActorService(database: database)
            _ = try await actors.add(ActorDraft(kind: .state, name: "Kampuchea"))
            _ = try await actors.addMembership(member: "Kampuchea", organization: "ASEAN", period: "1999-04-30/..")
            _ = try await actors.addRole(holder: "Hun Sen", title: "Premier", of: "Kampuchea", period: nil)
            var draft = sampleLetter(subject: "From the other spelling")
            draft.from = [ParticipantDraft(name: "Hun Sen", onBehalfOf: "Kampuchea")]
            draft.to = [ParticipantDraft(name: "Joe Biden")]
            let ref = try await LetterService(database: database).add(draft)
            let report = try await actors.merge("Kampuchea", into: "Cambodia").value
            #expect(report.combined == 1, "the ASEAN membership Cambodia already had")
            #expect(report.roles == 1)
            var byCountry = LetterQuery()
            byCountry.country = "KH"
            #expect(try await LetterService(database: database).list(byCountry).contains { $0.ref == ref })
            #expect(try await actors.show("Kampuchea").actor.name == "Cambodia")
        }
    }

    @Test("editing an actor: rename keeps the old name findable; ids others hold and names others bear are refused")
    func editing() async throws {
        try await withChancery(foundingExample: true) { database in
            let actors = ActorService(database: database)
            var rename = ActorChanges()
            rename.name = "Samdech Hun Sen"
            rename.gndId = .set("119358042")
            rename.addedAliases = ["Hun Sen of Cambodia"]
            let renamed = try await actors.edit("Hun Sen", rename).value
            #expect(renamed.actor.name == "Samdech Hun Sen")
            #expect(renamed.gndId == "119358042")
            #expect(renamed.aliases.contains("Hun Sen") && renamed.aliases.contains("Hun Sen of Cambodia"))
            #expect(try await actors.show("Hun Sen").actor.name == "Samdech Hun Sen")

            let before = try await rowCounts(database)
            var taken = ActorChanges()
            taken.wikidataId = .set("Q6279")
            taken.note = .set("should not be written")
            let error = await #expect(throws: ChanceryError.self) { try await actors.edit("Hun Sen", taken) }
            #expect(error?.kind == .conflict)
            #expect(error?.message.contains("Joe Biden") == true)
            var clash = ActorChanges()
            clash.name = "Jo Biden"
            let named = await #expect(throws: ChanceryError.self) { try await actors.edit("Hun Sen", clash) }
            #expect(named?.kind == .conflict)
            var iso = ActorChanges()
            iso.isoCode = .set("KH")
            let notState = await #expect(throws: ChanceryError.self) { try await actors.edit("Hun Sen", iso) }
            #expect(notState?.kind == .invalidInput)
            var gone = ActorChanges()
            gone.removedAliases = ["Nobody"]
            let missing = await #expect(throws: ChanceryError.self) { try await actors.edit("Hun Sen", gone) }
            #expect(missing?.kind == .notFound)
            #expect(try await rowCounts(database) == before)
            #expect(try await actors.show("Hun Sen").note == nil)
        }
    }
}
