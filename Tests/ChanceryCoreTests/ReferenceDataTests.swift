@testable import ChanceryCore
import ChanceryModel
import ChanceryReference
import EDTF
import LibPQClient
import Testing

// Each test loads the whole reference data, seconds of database work: one at a time, they leave the
// live timing tests elsewhere in the run their share of a two-core machine.
@Suite("Reference data: the world's states and organizations from the start", .serialized)
struct ReferenceDataTests {
    @Test("the bundled files read: ISO 3166-1 with translations, former states with periods, organizations with members")
    func bundledData() throws {
        let data = try ReferenceData.bundled()
        let byKey = Dictionary(uniqueKeysWithValues: data.states.map { ($0.key, $0) })
        #expect(data.states.count >= 250)
        let cambodia = try #require(byKey["KH"])
        #expect(cambodia.name == "Cambodia" && cambodia.wikidata == "Q424")
        #expect(cambodia.otherNames.contains(ReferenceData.Name(text: "Kambodscha", language: "de")))
        #expect(cambodia.otherNames.contains { $0.text == "កម្ពុជា" && $0.language == "km" })
        #expect(cambodia.demonyms.first == "Cambodian")
        #expect(byKey["KR"]?.name == "South Korea" && byKey["CD"]?.name == "Democratic Republic of the Congo")
        #expect(byKey["MM"]?.otherNames.contains { $0.text == "Burma" } == true, "a renamed country's former name is another name of it")
        let soviet = try #require(byKey["SU"])
        #expect(soviet.existed == "1922-12-30/1991-12-26" && soviet.wikidata == "Q15180")
        #expect(soviet.otherNames.contains { $0.text == "Union of Soviet Socialist Republics" })
        #expect(byKey["CSXX"]?.code == nil, "Serbia and Montenegro keeps no alpha-2 code: ISO 3166-1 gave CS to Czechoslovakia first")

        var holders: [String: Set<String>] = [:]
        for state in data.states {
            for name in [state.name] + state.otherNames.map(\.text) { holders[name.lowercased(), default: []].insert(state.key) }
        }
        #expect(holders.filter { $0.value.count > 1 }.isEmpty, "no name may mean two states")

        let asean = try #require(data.organizations.first { $0.name == "ASEAN" })
        #expect(asean.wikidata == "Q7768" && asean.members.count == 11)
        #expect(asean.members.contains { $0.state == "KH" && $0.period == "1999-04-30/.." })
        let g20 = try #require(data.organizations.first { $0.name == "G20" })
        #expect(g20.members.contains { $0.organization == "European Union" })
        #expect(data.sources.contains { $0.contains("iso-codes") })

        // Today's membership, as each organization's own list counts it.
        let today = Dictionary(uniqueKeysWithValues: data.organizations.map { organization in
            (organization.name, Set(organization.members.filter { $0.period.hasSuffix("/..") }.compactMap { $0.state ?? $0.organization }))
        })
        #expect(today["United Nations"]?.count == 193 && today["African Union"]?.count == 55)
        #expect(today["Organization of American States"]?.count == 33 && today["OSCE"]?.count == 57)
        #expect(today["Commonwealth of Nations"]?.count == 56 && today["Arab League"]?.count == 22)
        #expect(today["Organisation of Islamic Cooperation"]?.count == 57 && today["Council of Europe"]?.count == 46)
        #expect(today["Commonwealth of Independent States"]?.count == 9 && today["ECOWAS"]?.count == 12 && today["Caribbean Community"]?.count == 15)
        #expect(data.organizations.allSatisfy { !$0.members.isEmpty && $0.wikidata != nil })
        #expect(today["NATO"]?.count == 32 && today["European Union"]?.count == 27 && today["G20"]?.count == 21)
    }

    @Test("a fresh register knows India, Kambodscha, the Soviet Union with its period, and ASEAN's ten members of 2022")
    func freshRegister() async throws {
        try await withChancery { database in
            let report = try await ReferenceService(database: database).apply()
            #expect(report.statesAdded >= 250 && report.organizationsAdded >= 15 && report.namesAdded > 10_000)
            #expect(report.membershipsAdded > 100 && report.demonymsAdded > 200 && report.conflicts.isEmpty)

            var query = LetterQuery()
            query.country = "IN"
            let indian = try await LetterService(database: database).list(query)
            #expect(indian.isEmpty)
            let actors = ActorService(database: database)
            let india = try await actors.show("IN")
            #expect(india.actor.name == "India" && india.actor.wikidataId == "Q668" && india.demonyms.contains("Indian"))
            let cambodia = try await actors.show("Kambodscha")
            #expect(cambodia.actor.isoCode == "KH")
            #expect(try await actors.show("Cambodian").actor.isoCode == "KH", "a demonym names its state")
            #expect(try await actors.show("Coisse d' Ivwere").actor.isoCode == "CI", "an alias written with a no-break space, found with a space")
            let aliases: [String] = try await database.read { connection in
                try await connection.query("SELECT alias FROM actor_alias").rows.map { try $0.decode("alias") }
            }
            #expect(aliases.filter { InputValidation.normalizedName($0) != $0 }.isEmpty, "aliases are stored as an import would store them")
            let soviet = try await actors.show("Union of Soviet Socialist Republics")
            #expect(soviet.actor.isoCode == "SU" && soviet.existed?.edtf == "1922-12-30/1991-12-26")

            let asean = try await actors.show("ASEAN")
            let mid2022 = try CalendarDay(year: 2022, month: 6, day: 30)
            let members2022 = asean.memberships.filter { membership in
                guard let period = membership.period else { return true }
                return (period.earliest.map { $0 <= mid2022 } ?? true) && (period.latest.map { $0 >= mid2022 } ?? true)
            }
            #expect(Set(members2022.map(\.member)).count == 10, "\(members2022.map(\.member))")
            #expect(!members2022.contains { $0.member == "Timor-Leste" })
            let un = try await actors.show("United Nations")
            let unMembers2022 = un.memberships.filter { membership in
                guard let period = membership.period else { return true }
                return (period.earliest.map { $0 <= mid2022 } ?? true) && (period.latest.map { $0 >= mid2022 } ?? true)
            }
            #expect(Set(unMembers2022.map(\.member)).count == 193)

            query = LetterQuery()
            query.country = "Cambodge"
            _ = try await LetterService(database: database).list(query)
            query.country = "Dominican"
            let ambiguous = await #expect(throws: ChanceryError.self) { try await LetterService(database: database).list(query) }
            #expect(ambiguous?.message.contains("DM") == true && ambiguous?.message.contains("DO") == true)

            let authors: [String] = try await database.read { connection in
                try await connection.query("SELECT DISTINCT changed_by FROM history WHERE table_name = 'actor'").rows.map { try $0.decode("changed_by") }
            }
            #expect(authors == [ReferenceService.author])
        }
    }

    @Test("a second load changes nothing; a user's edit and deletion survive a reload")
    func reloadKeepsUsersWork() async throws {
        try await withChancery { database in
            let service = ReferenceService(database: database)
            _ = try await service.apply()
            let before = try await rowCounts(database)
            let again = try await service.apply()
            #expect(again.changedNothing && again.conflicts.isEmpty)
            #expect(try await rowCounts(database) == before)

            try await database.write { connection in
                try await connection.execute("UPDATE actor SET wikidata_id = 'Q99999999', name = 'Kingdom of Cambodia' WHERE iso_code = 'KH'")
                try await connection.execute("DELETE FROM actor_alias WHERE alias = 'Kambodscha'")
                try await connection.execute("DELETE FROM membership WHERE member_id = (SELECT id FROM actor WHERE iso_code = 'LA')")
            }
            let reload = try await service.apply()
            #expect(reload.changedNothing && reload.conflicts.isEmpty, "\(reload)")
            let cambodia = try await ActorService(database: database).show("KH")
            #expect(cambodia.actor.name == "Kingdom of Cambodia" && cambodia.actor.wikidataId == "Q99999999")
            #expect(!cambodia.aliases.contains("Kambodscha"))
            let laos = try await ActorService(database: database).show("LA")
            #expect(laos.memberships.isEmpty)
        }
    }

    @Test("a register with its own records: matched, filled in where empty, contradictions reported and kept")
    func existingRecords() async throws {
        try await withChancery { database in
            let actors = ActorService(database: database)
            _ = try await actors.add(ActorDraft(kind: .state, name: "Kampuchea", aliases: [], isoCode: "KH", wikidataId: "Q1"))
            _ = try await actors.add(ActorDraft(kind: .state, name: "India", aliases: []))
            _ = try await actors.add(ActorDraft(kind: .organization, name: "Association of Southeast Asian Nations", aliases: []))
            let report = try await ReferenceService(database: database).apply()
            #expect(report.conflicts.count == 1)
            #expect(report.conflicts.first?.contains("Kampuchea has the Wikidata id Q1 where the reference data has Q424") == true)
            let cambodia = try await actors.show("KH")
            #expect(cambodia.actor.name == "Kampuchea" && cambodia.actor.wikidataId == "Q1")
            #expect(cambodia.aliases.contains("Cambodia"), "the reference name becomes another name")
            let india = try await actors.show("India")
            #expect(india.actor.isoCode == "IN" && india.actor.wikidataId == "Q668", "a state known by name gets its code and id")
            let asean = try await actors.show("ASEAN")
            #expect(asean.actor.name == "Association of Southeast Asian Nations" && asean.memberships.count == 11)
            let states: Int = try await database.read { connection in
                try await connection.query("SELECT count(*)::int AS n FROM actor WHERE lower(name) IN ('india', 'cambodia', 'kampuchea')").rows[0].decode("n")
            }
            #expect(states == 2)
            let second = try await ReferenceService(database: database).apply()
            #expect(second.changedNothing && second.conflicts.count == 1, "a contradiction is reported until resolved")
        }
    }

    @Test("a code ISO gave twice, a state known by its long name, a membership dated otherwise: no duplicates, contradictions said")
    func ambiguousRecords() async throws {
        try await withChancery { database in
            let actors = ActorService(database: database)
            _ = try await actors.add(ActorDraft(kind: .state, name: "Serbia and Montenegro", aliases: [], isoCode: "CS"))
            _ = try await actors.add(ActorDraft(kind: .state, name: "Kingdom of Cambodia", aliases: []))
            _ = try await actors.add(ActorDraft(kind: .state, name: "United States", aliases: [], isoCode: "US"))
            _ = try await actors.add(ActorDraft(kind: .organization, name: "NATO", aliases: []))
            _ = try await actors.addMembership(member: "United States", organization: "NATO", period: "1949-04-04/..")
            let report = try await ReferenceService(database: database).apply()
            #expect(report.conflicts.contains("The ISO code CS (Czechoslovakia) is recorded for Serbia and Montenegro, a state; no state was added for it."),
                    "\(report.conflicts)")
            #expect(report.conflicts.contains { $0.hasPrefix("United States in NATO is recorded as 1949-04-04/..; the reference data has 1949-08-24/..") },
                    "\(report.conflicts)")
            let serbia = try await actors.show("Serbia and Montenegro")
            #expect(serbia.actor.isoCode == "CS" && serbia.actor.wikidataId == "Q37024" && serbia.existed?.edtf == "1992-04-27/2006-06-05")
            #expect(!serbia.demonyms.contains("Czechoslovak"))
            let cambodia = try await actors.show("KH")
            #expect(cambodia.actor.name == "Kingdom of Cambodia" && cambodia.aliases.contains("Cambodia"))
            let nato = try await actors.show("United States").memberships.filter { $0.organization == "NATO" }
            #expect(nato.map { $0.period?.edtf } == ["1949-04-04/.."])

            #expect(try await actors.show("Turkey").actor.isoCode == "TR")
            #expect(try await actors.show("UK").actor.isoCode == "GB")
            #expect(try await actors.show("DRC").actor.isoCode == "CD")
            let dominican = await #expect(throws: ChanceryError.self) { try await actors.show("Dominican") }
            #expect(dominican?.kind == .ambiguous && dominican?.candidates.count == 2)
        }
    }

    @Test("the founding example loads unchanged into a register that has the reference data")
    func foundingExampleAfterReference() async throws {
        try await withChancery { database in
            _ = try await ReferenceService(database: database).apply()
            let loaded = try await FoundingExample.load(into: database)
            #expect(loaded.rejected.isEmpty)
            var query = LetterQuery()
            query.country = "KH"
            #expect(try await LetterService(database: database).list(query).map(\.ref) == ["US-KH-2022-001", "KH-US-2022-001"])
            let cambodias: Int = try await database.read { connection in
                try await connection.query("SELECT count(*)::int AS n FROM actor WHERE kind = 'state' AND name = 'Cambodia'").rows[0].decode("n")
            }
            #expect(cambodias == 1)
            let asean = try await ActorService(database: database).show("ASEAN")
            #expect(asean.memberships.count == 11, "the example's memberships are the reference's, not added twice")

            // A demonym in a search also stands for its state's name.
            let found = try await SearchService(database: database).search("Cambodian summit")
            #expect(found.letters.map(\.letter.ref).contains("US-KH-2022-001"), "\(found.letters.map(\.letter.ref))")
            let demonymAlone = try await SearchService(database: database).search("Cambodian")
            #expect(demonymAlone.actors.contains { $0.name == "Cambodia" })
            let plain = try await SearchService(database: database).search("Cambodians")
            #expect(plain.letters.isEmpty, "only the demonym itself is widened")
        }
    }
}
