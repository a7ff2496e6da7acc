@testable import ChanceryCore
import Testing

@Suite("The founding example")
struct FoundingExampleTests {
    @Test("loads the seed article's records, and a second load changes nothing")
    func loadsIdempotently() async throws {
        try await withChancery { database in
            let first = try await FoundingExample.load(into: database)
            #expect(first.counts["letter"]?.new == 3)
            #expect(first.counts["actor"]?.new == 6)
            #expect(first.counts["invitation"]?.new == 1)
            #expect(first.counts["response"]?.new == 1)
            #expect(first.counts["event"]?.new == 1)
            #expect(first.committed)
            let counts = try await rowCounts(database)
            #expect(counts["letter"] == 3)
            #expect(counts["source"] == 1)
            #expect(counts["role_held"] == 4)
            #expect(counts["membership"] == 2)

            let second = try await FoundingExample.load(into: database)
            #expect(second.counts.values.allSatisfy { $0.new == 0 && $0.updated == 0 && $0.rejected == 0 })
            #expect(second.counts["letter"]?.unchanged == 3)
            #expect(try await rowCounts(database) == counts)
        }
    }

    @Test("the US–KH timeline has the invitation, both letters, the acceptance and the summit in date order")
    func timelineOrder() async throws {
        try await withChancery(foundingExample: true) { database in
            let timeline = try await TimelineService(database: database).timeline(.between("US", "KH"))
            #expect(timeline.items.map(\.kind) == [.invitation, .letter, .letter, .response, .event])
            #expect(timeline.items.map(\.ref) == ["INV-US-2022-001", "US-KH-2022-001", "KH-US-2022-001",
                                                  "INV-US-2022-001", "ASEAN-US-SUMMIT-2022"])
            #expect(timeline.items[3].status == "accepted")
            #expect(timeline.items[4].date?.display == "12–13 May 2022")
            #expect(timeline.items[1].date?.precision == .month)
        }
    }

    @Test("the enclosure travelled via Indonesia as country coordinator, inside Biden's letter")
    func enclosure() async throws {
        try await withChancery(foundingExample: true) { database in
            let enclosure = try await LetterService(database: database).show("US-ASEAN-2022-001")
            let via = try #require(enclosure.participants.first { $0.role == .transmitter })
            #expect(via.name == "Indonesia")
            #expect(via.capacity == "Country Coordinator for the United States in ASEAN")
            #expect(enclosure.linkedFrom.map(\.ref) == ["US-KH-2022-001"])
            #expect(enclosure.linkedFrom.first?.kind == .encloses)
            #expect(enclosure.invitations == ["INV-US-2022-001"])

            let reply = try await LetterService(database: database).show("KH-US-2022-001")
            #expect(reply.links.map(\.ref) == ["US-KH-2022-001"])
            #expect(reply.links.first?.kind == .replyTo)
            let author = try #require(reply.participants.first { $0.role == .author })
            #expect(author.onBehalfOf == "Cambodia")
            #expect(author.country == "KH")
            #expect(reply.sources.first?.quote?.contains("full support") == true)
        }
    }
}
