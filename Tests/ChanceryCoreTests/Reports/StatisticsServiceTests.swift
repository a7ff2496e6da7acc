@testable import ChanceryCore
import Testing
import ChanceryModel

@Suite("Statistics")
struct StatisticsServiceTests {
    @Test("the founding example's counts by country, year, kind and status")
    func foundingExample() async throws {
        try await withChancery(foundingExample: true) { database in
            let statistics = try await StatisticsService(database: database).statistics()
            #expect(statistics.letters == 3)
            let countries = Dictionary(uniqueKeysWithValues: statistics.byCountry.map { ($0.code, $0) })
            #expect(statistics.byCountry.map(\.code) == ["US", "KH", "ID"])
            // Biden writes for the US twice (to Hun Sen, and the enclosure to ASEAN) and is written to once.
            #expect(countries["US"].map { [$0.sent, $0.received, $0.conveyed, $0.total] } == [2, 1, 0, 3])
            #expect(countries["KH"].map { [$0.sent, $0.received, $0.conveyed, $0.total] } == [1, 1, 0, 2])
            #expect(countries["ID"].map { [$0.sent, $0.received, $0.conveyed, $0.total] } == [0, 0, 1, 1])
            #expect(countries["KH"]?.name == "Cambodia")
            // The three letters, the enclosure among them, fall in 2022.
            #expect(statistics.byYear == [YearLetterCount(year: 2022, letters: 3)])
            #expect(statistics.byKind == [KindLetterCount(kind: .letter, letters: 3)])
            #expect(statistics.invitations == 1 && statistics.openInvitations == 1)
            #expect(statistics.invitationResponses.map(\.status) == ["pending", "accepted", "declined", "tentative"])
            #expect(statistics.invitationResponses.map(\.count) == [1, 1, 0, 0])
            #expect(statistics.eventsByStatus.first { $0.status == "held" }?.count == 1)
            #expect(statistics.eventsByStatus.map(\.count).reduce(0, +) == 1)
            #expect(Set(statistics.topCorrespondents) == [CorrespondentPair(from: "Joe Biden", to: "Hun Sen", letters: 1),
                                                          CorrespondentPair(from: "Joe Biden", to: "ASEAN", letters: 1),
                                                          CorrespondentPair(from: "Hun Sen", to: "Joe Biden", letters: 1)])
            #expect(statistics.topCountryPairs == [CorrespondentPair(from: "KH", to: "US", letters: 1),
                                                   CorrespondentPair(from: "US", to: "KH", letters: 1)])
        }
    }

    @Test("pairs rank by letters and --top cuts the list; years and kinds follow new letters")
    func rankingAndTop() async throws {
        try await withChancery(foundingExample: true) { database in
            let letters = LetterService(database: database)
            for (index, date) in ["2023-02", "2023-03", "../2021"].enumerated() {
                var draft = sampleLetter(subject: "Follow-up \(index)")
                draft.date = date
                draft.kind = index == 0 ? .noteVerbale : .letter
                _ = try await letters.add(draft)
            }
            let statistics = try await StatisticsService(database: database).statistics(StatisticsRequest(top: 1))
            #expect(statistics.topCorrespondents == [CorrespondentPair(from: "Joe Biden", to: "Hun Sen", letters: 4)])
            #expect(statistics.topCountryPairs == [CorrespondentPair(from: "US", to: "KH", letters: 4)])
            #expect(statistics.byYear == [YearLetterCount(year: 2021, letters: 1), YearLetterCount(year: 2022, letters: 3),
                                          YearLetterCount(year: 2023, letters: 2)])
            #expect(statistics.byKind == [KindLetterCount(kind: .letter, letters: 5), KindLetterCount(kind: .noteVerbale, letters: 1)])
        }
    }

    @Test("a window keeps letters, invitations and events whose dates overlap it")
    func window() async throws {
        try await withChancery(foundingExample: true) { database in
            let service = StatisticsService(database: database)
            let later = try await service.statistics(StatisticsRequest(since: "2023"))
            #expect(later.letters == 0 && later.byCountry.isEmpty && later.byYear.isEmpty && later.topCorrespondents.isEmpty)
            #expect(later.invitations == 0)
            #expect(later.eventsByStatus.map(\.count) == [0, 0, 0, 0, 0])
            let may = try await service.statistics(StatisticsRequest(since: "2022-05", until: "2022-05"))
            #expect(may.letters == 0)
            #expect(may.eventsByStatus.first { $0.status == "held" }?.count == 1)
            let spring = try await service.statistics(StatisticsRequest(since: "2022-03", until: "2022-03"))
            #expect(spring.letters == 3 && spring.invitations == 1)
        }
    }

    @Test("top below 1 and a reversed window are refused")
    func refused() async throws {
        try await withChancery { database in
            let service = StatisticsService(database: database)
            let top = await #expect(throws: ChanceryError.self) { try await service.statistics(StatisticsRequest(top: 0)) }
            #expect(top?.field == "top")
            let window = await #expect(throws: ChanceryError.self) {
                try await service.statistics(StatisticsRequest(since: "2023", until: "2022"))
            }
            #expect(window?.field == "until")
        }
    }
}
