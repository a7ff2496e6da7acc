@testable import ChanceryCore
import ChanceryModel
import LibPQClient
import TestSupport
import Testing

/// The register's facets: counts that agree with the letters the same query lists.
@Suite("Letter facets")
struct LetterFacetTests {
    @Test("the founding example divides by year, kind, country, person and organization; counts match the listing")
    func foundingExample() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            let all = try #require(try await letters.facets(LetterQuery()))
            let listed = try await letters.list(LetterQuery())
            #expect(all.total == listed.count)
            #expect(all.years.map(\.value) == ["2022"] && all.years.first?.count == listed.count)
            #expect(all.kinds == [LetterFacets.Count(value: "letter", label: "letter", count: listed.count)])
            #expect(all.countries.first?.value == "US" && all.countries.first?.count == 3, "\(all.countries)")
            #expect(all.countries.contains { $0.value == "KH" && $0.label == "Cambodia" && $0.count == 2 }, "\(all.countries)")
            #expect(all.people.first == LetterFacets.Count(value: "Joe Biden", label: "Joe Biden", count: 3), "\(all.people)")
            #expect(all.organizations.contains { $0.value == "ASEAN" }, "\(all.organizations)")

            // Each country's count is what narrowing to it lists.
            for country in all.countries {
                var narrowed = LetterQuery()
                narrowed.country = country.value
                let count = try await letters.list(narrowed).count
                #expect(count == country.count, "\(country.value)")
            }
            var khmer = LetterQuery()
            khmer.country = "KH"
            let narrowed = try #require(try await letters.facets(khmer))
            #expect(narrowed.total == 2 && narrowed.people.map(\.value).sorted() == ["Hun Sen", "Joe Biden"])
            let top = try #require(try await letters.facets(LetterQuery(), top: 1))
            #expect(top.countries.count == 1 && top.people.count == 1)
        }
    }

    @Test("countries by side, pairs of countries and events: each count is what narrowing to it lists")
    func sidesPairsAndEvents() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            var debrief = LetterDraft()
            debrief.from = [ParticipantDraft(name: "Hun Sen", onBehalfOf: "Cambodia")]
            debrief.to = [ParticipantDraft(name: "Joe Biden", onBehalfOf: "United States")]
            debrief.date = "2022-05-20"
            debrief.subject = "Thanks for the summit"
            debrief.events = ["ASEAN-US-SUMMIT-2022"]
            _ = try await letters.add(debrief)
            let all = try #require(try await letters.facets(LetterQuery()))
            // The debrief, and the letters carrying the invitation and its acceptance: the event's dossier.
            #expect(all.events == [LetterFacets.Count(value: "ASEAN-US-SUMMIT-2022", label: "Special ASEAN–U.S. Summit", count: 3)])
            #expect(all.sendingCountries.contains(LetterFacets.Count(value: "US", label: "United States", count: 2)), "\(all.sendingCountries)")
            #expect(all.receivingCountries.contains { $0.value == "KH" }, "\(all.receivingCountries)")
            #expect(all.pairs.contains { Set($0.value.split(separator: ",").map(String.init)) == ["US", "KH"] }, "\(all.pairs)")
            for country in all.sendingCountries {
                var narrowed = LetterQuery()
                narrowed.fromCountry = country.value
                let count = try await letters.list(narrowed).count
                #expect(count == country.count, "sent from \(country.value)")
            }
            for country in all.receivingCountries {
                var narrowed = LetterQuery()
                narrowed.toCountry = country.value
                let count = try await letters.list(narrowed).count
                #expect(count == country.count, "sent to \(country.value)")
            }
            for pair in all.pairs {
                let codes = pair.value.split(separator: ",").map(String.init)
                var narrowed = LetterQuery()
                narrowed.between = (codes[0], codes[1])
                let count = try await letters.list(narrowed).count
                #expect(count == pair.count, "between \(pair.value)")
            }
            for event in all.events {
                var narrowed = LetterQuery()
                narrowed.event = event.value
                let count = try await letters.list(narrowed).count
                #expect(count == event.count, "event \(event.value)")
            }
            var unknown = LetterQuery()
            unknown.event = "No Such Summit"
            await #expect(throws: ChanceryError.self) { _ = try await letters.list(unknown) }
        }
    }

    @Test("awaiting a reply is a filter and a count")
    func awaitingReply() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            _ = try await database.write { connection in
                try await connection.execute("UPDATE letter SET awaiting_reply = (ref = 'US-ASEAN-2022-001')")
            }
            let facets = try #require(try await letters.facets(LetterQuery()))
            #expect(facets.awaitingReply == 1)
            var awaiting = LetterQuery()
            awaiting.awaitingReply = true
            let listed = try await letters.list(awaiting)
            #expect(listed.map(\.ref) == ["US-ASEAN-2022-001"])
        }
    }

    @Test("counts that take longer than their time limit are abandoned (nil), and the page's reading goes on")
    func timeLimit() async throws {
        try await TestDatabase.withScratchDatabase { configuration in
            let database = ChanceryDatabase(configuration: configuration, changedBy: "test-suite")
            _ = try await database.migrate()
            _ = try await FoundingExample.load(into: database)
            // Another session holds the listing table: counting waits on its lock past the limit.
            let blocker = try await PostgresConnection.connect(configuration)
            try await blocker.execute("BEGIN")
            try await blocker.execute("LOCK TABLE letter_by_party IN ACCESS EXCLUSIVE MODE")
            let abandoned = try await LetterService(database: database).facets(LetterQuery(), timeLimit: .milliseconds(300))
            #expect(abandoned == nil)
            try await blocker.execute("ROLLBACK")
            blocker.close()
            let counted = try await LetterService(database: database).facets(LetterQuery(), timeLimit: .milliseconds(300))
            #expect(counted?.total == 3)
            await database.close()
        }
    }
}
