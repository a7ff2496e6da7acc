@testable import ChanceryCore
import Testing
import ChanceryModel

@Suite("Correspondence networks")
struct NetworkServiceTests {
    @Test("actors: Biden, Hun Sen and ASEAN, three directed edges; Indonesia only conveyed")
    func actorLevel() async throws {
        try await withChancery(foundingExample: true) { database in
            let network = try await NetworkService(database: database).network(NetworkRequest())
            #expect(network.nodes.map(\.label) == ["ASEAN", "Hun Sen", "Joe Biden"])
            #expect(network.nodes.map(\.kind) == ["organization", "person", "person"])
            #expect(network.nodes.map(\.country) == [nil, "KH", "US"])
            let names = Dictionary(uniqueKeysWithValues: network.nodes.map { ($0.id, $0.label) })
            let edges = Set(network.edges.map { [names[$0.source]!, names[$0.target]!, String($0.weight)] })
            #expect(edges == [["Joe Biden", "Hun Sen", "1"], ["Joe Biden", "ASEAN", "1"], ["Hun Sen", "Joe Biden", "1"]])
        }
    }

    @Test("countries: US and KH, one edge each way; ASEAN has no country")
    func countryLevel() async throws {
        try await withChancery(foundingExample: true) { database in
            let network = try await NetworkService(database: database).network(NetworkRequest(level: .country))
            #expect(network.nodes.map(\.id) == ["KH", "US"])
            #expect(network.nodes.map(\.label) == ["Cambodia", "United States"])
            #expect(network.edges == [NetworkEdge(source: "KH", target: "US", weight: 1), NetworkEdge(source: "US", target: "KH", weight: 1)])
        }
    }

    @Test("copies count only with includeCC; weights count letters; the window filters")
    func copiesWeightsAndWindow() async throws {
        try await withChancery(foundingExample: true) { database in
            var draft = sampleLetter()
            draft.cc = [ParticipantDraft(name: "Indonesia")]
            _ = try await LetterService(database: database).add(draft)
            let service = NetworkService(database: database)
            let plain = try await service.network(NetworkRequest(level: .country))
            #expect(plain.edges.contains(NetworkEdge(source: "US", target: "KH", weight: 2)))
            #expect(plain.edges.filter { $0.target == "ID" }.isEmpty)
            let copied = try await service.network(NetworkRequest(level: .country, includeCC: true))
            #expect(copied.edges.contains(NetworkEdge(source: "US", target: "ID", weight: 1)))
            #expect(copied.nodes.map(\.id).contains("ID"))
            let june = try await service.network(NetworkRequest(since: "2022-06", until: "2022-06"))
            #expect(june.edges.count == 1 && june.nodes.count == 2)
        }
    }
}
