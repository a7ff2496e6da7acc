import ChanceryCore
import ChanceryHTTP
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A write's response carries its commit position; a read that brings it back sees the write even
/// when a hot standby serves it; the metrics count reads per server.
@Suite("Read-your-writes over HTTP") struct ReadYourWritesRouteTests {
    static let commit = HTTPField.Name("Chancery-Commit-LSN")!

    @Test("POST answers with Chancery-Commit-LSN; a GET bringing it back as Chancery-Read-After sees the letter from the standby")
    func positionRoundTrip() async throws {
        try await APIHarness.run(readsFromStandby: true) { harness, client in
            let created = try await client.call(.post, "/v1/letters", token: harness.editor, json: AccessTests.newLetter)
            #expect(created.status == .created)
            let position = try #require(created.headers[Self.commit])
            #expect(CommitPosition(position) != nil, "\(position)")
            let ref = try #require(created.object["ref"] as? String)
            let read = try await client.call(.get, "/v1/letters/" + ref, token: harness.reader, headers: ["Chancery-Read-After": position])
            #expect(read.status == .ok)
            #expect(read.headers[Self.commit] == nil, "a read commits nothing")
            let metrics = try await client.call(.get, "/metrics").text
            #expect(metrics.contains(#"chancery_database_reads_total{target="standby-1"} 1"#), "\(metrics)")
            #expect(metrics.contains(#"chancery_standby_replay_lag_seconds{target="standby-1"} "#))
        }
    }

    @Test("a Chancery-Read-After that is not a log position is refused with the reason, once the request is authorized")
    func malformedPosition() async throws {
        try await APIHarness.run(seed: false) { harness, client in
            let refused = try await client.call(.get, "/v1/letters", token: harness.reader, headers: ["Chancery-Read-After": "yesterday"])
            #expect(refused.status == .badRequest)
            #expect(refused.object["field"] as? String == "Chancery-Read-After")
            #expect((refused.object["detail"] as? String)?.contains("not a log position") == true, "\(refused.object)")
            // Authentication comes first: without a token the answer is 401, whatever the header says.
            let anonymous = try await client.call(.get, "/v1/letters", headers: ["Chancery-Read-After": "yesterday"])
            #expect(anonymous.status == .unauthorized)
        }
    }
}
