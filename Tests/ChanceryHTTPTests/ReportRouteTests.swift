import ChanceryCore
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
}
