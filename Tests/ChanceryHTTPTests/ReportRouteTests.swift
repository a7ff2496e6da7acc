@testable import ChanceryHTTP
import NIOCore
import Synchronization
@testable import ChanceryCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import ChanceryModel
import ChanceryRendering

/// Timelines, search, threads, open items, statistics and networks: what the CLI prints.
@Suite("HTTP reports") struct ReportRouteTests {
    @Test func timelinesInEveryFormatMatchTheCLIRendering() async throws {
        try await APIHarness.run { harness, client in
            let timeline = try await TimelineService(database: harness.database).timeline(TimelineRequest(.between("US", "KH")))
            for format in TimelineFormat.allCases {
                let response = try await client.call(.get, "/v1/timeline?between=US,KH&format=" + format.rawValue, token: harness.reader)
                #expect(response.status == .ok, "\(format)")
                #expect(response.text == (try format.render(timeline)), "\(format)")
            }
        }
    }

    @Test func theAcceptHeaderChoosesTheFormat() async throws {
        try await APIHarness.run { harness, client in
            let expectations = [("text/calendar", "text/calendar"), ("text/html;q=0.9, text/csv", "text/csv"),
                                ("text/markdown", "text/markdown"), ("*/*", "application/json")]
            for (accept, expected) in expectations {
                let response = try await client.call(.get, "/v1/timeline?event=ASEAN-US-SUMMIT-2022", token: harness.reader,
                                                     headers: ["Accept": accept])
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix(expected) == true, "\(accept)")
            }
            let refused = try await client.call(.get, "/v1/timeline?all=true", token: harness.reader, headers: ["Accept": "image/png"])
            #expect(refused.status == .notAcceptable)
            let noScope = try await client.call(.get, "/v1/timeline", token: harness.reader)
            #expect(noScope.status == .unprocessableContent)
        }
    }

    @Test func searchThreadPendingStatsAndNetworkMatchTheServices() async throws {
        try await APIHarness.run { harness, client in
            let database = harness.database
            let search = try await client.call(.get, "/v1/search?q=summit", token: harness.reader)
            #expect(try JSONDecoder().decode(SearchResults.self, from: search.body) == (try await SearchService(database: database).search("summit")))

            let thread = try await client.call(.get, "/v1/letters/KH-US-2022-001/thread", token: harness.reader)
            #expect(thread.status == .ok)
            #expect(try JSONSerialization.jsonObject(with: thread.body) as? NSDictionary
                    == (try JSONSerialization.jsonObject(with: Data(JSONOutput.encode(try await ThreadService(database: database).thread(of: "KH-US-2022-001").root).utf8)) as? NSDictionary))

            let pending = try await client.call(.get, "/v1/pending", token: harness.reader)
            #expect(try JSONDecoder().decode(PendingReport.self, from: pending.body) == (try await PendingService(database: database).pending()))

            let stats = try await client.call(.get, "/v1/stats?top=3", token: harness.reader)
            #expect(try JSONDecoder().decode(Statistics.self, from: stats.body) == (try await StatisticsService(database: database).statistics(StatisticsRequest(top: 3))))

            let network = try await client.call(.get, "/v1/network?format=dot&level=country", token: harness.reader)
            #expect(network.text == NetworkFormat.dot.write(try await NetworkService(database: database).network(NetworkRequest(level: .country))))
            #expect(try await client.call(.get, "/v1/network?format=png", token: harness.reader).status == .badRequest)
            #expect(try await client.call(.get, "/v1/search", token: harness.reader).status == .badRequest)
            #expect(try await client.call(.get, "/v1/pending?older-than=soon", token: harness.reader).status == .unprocessableContent)
        }
    }

    @Test("a network over the whole register, in every format, follows every write")
    func networksFollowWrites() async throws {
        try await APIHarness.run { harness, client in
            func expectServed(_ step: String) async throws {
                // Read afresh, not through the networks the service keeps.
                let network = try await harness.database.read { connection in
                    try await NetworkService.wholeRegister(KeptNetworks.Key(level: .country, includeCC: false), on: connection)
                }
                for _ in 0..<2 {
                    let json = try await client.call(.get, "/v1/network?level=country", token: harness.reader)
                    #expect(try JSONDecoder().decode(CorrespondenceNetwork.self, from: json.body) == network, "\(step)")
                    let dot = try await client.call(.get, "/v1/network?level=country&format=dot", token: harness.reader)
                    #expect(dot.text == NetworkFormat.dot.write(network), "\(step)")
                    let gexf = try await client.call(.get, "/v1/network?level=country&format=gexf", token: harness.reader)
                    #expect(gexf.text == NetworkFormat.gexf.write(network), "\(step)")
                    #expect(gexf.headers[.contentType] == "application/gexf+xml; charset=utf-8")
                }
            }
            try await expectServed("at first")
            var draft = LetterDraft()
            (draft.from, draft.to, draft.date, draft.subject) = ([ParticipantDraft(name: "Hun Sen")], [ParticipantDraft(name: "Indonesia")],
                                                                 "2022-07", "A new pair of countries")
            _ = try await LetterService(database: harness.database).add(draft)
            try await expectServed("after a letter")
            let dot = try await client.call(.get, "/v1/network?level=country&format=dot", token: harness.reader)
            #expect(dot.text.contains("\"KH\" -> \"ID\""))
        }
    }
}

@Suite("Networks as last written")
struct RenderedNetworkTests {
    static let key = RenderedNetworks.Key(level: .country, includeCC: false, format: "json")
    static let first = CorrespondenceNetwork(level: .country, nodes: [NetworkNode(id: "KH", label: "Cambodia", kind: "country", country: "KH")],
                                             edges: [NetworkEdge(source: "KH", target: "US", weight: 1)])

    /// Writes bodies of `size` bytes ending in the number of writes so far.
    final class Writer {
        let rendered: RenderedNetworks
        var writes = 0
        init(budget: Int) { rendered = RenderedNetworks(byteBudget: budget) }
        func body(_ network: CorrespondenceNetwork, key: RenderedNetworks.Key = RenderedNetworkTests.key, size: Int = 8) async -> String {
            String(buffer: await rendered.body(for: key, of: network) {
                writes += 1
                return ByteBuffer(string: String(repeating: "x", count: size - 1) + String(writes))
            })
        }
    }

    @Test("a network is written once while it stays the same, and again when it changes")
    func writtenOnce() async throws {
        let writer = Writer(budget: 64)
        #expect(await writer.body(Self.first) == "xxxxxxx1")
        #expect(await writer.body(Self.first) == "xxxxxxx1")
        // An equal network read afresh is the same network.
        #expect(await writer.body(CorrespondenceNetwork(level: .country, nodes: Self.first.nodes, edges: Array(Self.first.edges))) == "xxxxxxx1")
        var second = Self.first
        second.edges[0].weight = 2
        #expect(await writer.body(second) == "xxxxxxx2")
        #expect(await writer.body(Self.first) == "xxxxxxx3")
        // Too large to keep: written every time.
        #expect(await writer.body(second, size: 65).hasSuffix("4"))
        #expect(await writer.body(second, size: 65).hasSuffix("5"))
        #expect(writer.writes == 5)
    }

    @Test("a name renamed to another Unicode form of itself is written again")
    func unicodeForms() async throws {
        let writer = Writer(budget: 64)
        var composed = Self.first, decomposed = Self.first
        composed.nodes[0].label = "Caf\u{E9}"
        decomposed.nodes[0].label = "Cafe\u{301}"
        #expect(composed == decomposed, "Swift calls them equal")
        #expect(await writer.body(composed) == "xxxxxxx1")
        #expect(await writer.body(decomposed) == "xxxxxxx2")
    }

    @Test("the bodies least recently used go when the bytes held would pass the budget")
    func byteBudget() async throws {
        let writer = Writer(budget: 64)
        let dot = RenderedNetworks.Key(level: .country, includeCC: false, format: "dot")
        let gexf = RenderedNetworks.Key(level: .country, includeCC: false, format: "gexf")
        _ = await writer.body(Self.first, size: 30)
        _ = await writer.body(Self.first, key: dot, size: 30)
        _ = await writer.body(Self.first, size: 30)       // used again: the dot body is now the older
        _ = await writer.body(Self.first, key: gexf, size: 30)
        #expect(writer.writes == 3)
        _ = await writer.body(Self.first, size: 30)
        #expect(writer.writes == 3, "the JSON body was kept")
        _ = await writer.body(Self.first, key: dot, size: 30)
        #expect(writer.writes == 4, "the DOT body was let go")
    }

    @Test("requests that find no body for their network write it once between them")
    func writtenOnceForConcurrentRequests() async throws {
        final class Progress: Sendable {
            let writes = Mutex(0), firstWriting = Mutex(false)
        }
        let rendered = RenderedNetworks(), progress = Progress()
        @Sendable func body() async -> String {
            String(buffer: await rendered.body(for: Self.key, of: Self.first) {
                let write = progress.writes.withLock { $0 += 1; return $0 }
                progress.firstWriting.withLock { $0 = true }
                // Long enough for the other request to arrive while this one writes.
                Thread.sleep(forTimeInterval: 0.3)
                return ByteBuffer(string: "body \(write)")
            })
        }
        async let first = body()
        while !progress.firstWriting.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        async let second = body()
        let bodies = await [first, second]
        #expect(bodies == ["body 1", "body 1"])
        #expect(progress.writes.withLock { $0 } == 1, "the second request waited for the first one's body")
    }
}
