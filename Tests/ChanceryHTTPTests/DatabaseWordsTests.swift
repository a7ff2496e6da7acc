import ChanceryHTTP
import Foundation
import HTTPTypes
import LibPQClient
import Logging
import Testing

/// The constraint-error backstop: when the database itself refuses a write, the client gets a
/// sentence of ours, and the database's words (which name tables and constraints) go to the log
/// under the request's id.
@Suite("Database words stay in the log") struct DatabaseWordsTests {
    /// The server's own vocabulary: none of it may reach a problem document.
    static let serverWords = ["violates", "constraint", "relation", "Key (", "DETAIL", "SQLSTATE"]

    // One scratch database for both refusals: each costs a migrated, seeded database, and the
    // suite runs hundreds of tests at once on small machines.
    @Test func refusalsOnlyTheDatabaseKnowsAnswerOurSentenceAndLogTheServersWords() async throws {
        let log = LogCollector()
        try await APIHarness.run(logger: log.logger("chancery-test")) { harness, client in
            // Rules the services do not check, so the rows reach the database and the backstop answers.
            try await Self.alter(harness, "ALTER TABLE letter ADD CONSTRAINT zz_hidden_subject_rule CHECK (subject <> 'Forbidden') NOT VALID")
            try await Self.alter(harness, "CREATE UNIQUE INDEX zz_hidden_summary_unique ON letter (summary) WHERE summary = 'Said only once'")

            // A CHECK constraint.
            var refusedLetter = AccessTests.newLetter
            refusedLetter["subject"] = "Forbidden"
            let refused = try await client.call(.post, "/v1/letters", token: harness.editor, json: refusedLetter,
                                                headers: ["X-Request-ID": "backstop-check-1"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.object["type"] as? String == "urn:chancery:problem:invalid-input")
            Self.expectNoServerWords(in: refused.text, names: ["zz_hidden_subject_rule", "Forbidden"])
            let checkLine = try #require(Self.databaseLine(in: log, requestID: "backstop-check-1"), "\(log.text)")
            #expect(checkLine.hasPrefix("warning: "), "\(checkLine)")
            #expect(checkLine.contains("zz_hidden_subject_rule"), "\(checkLine)")
            #expect(checkLine.contains("23514"), "\(checkLine)")
            #expect(checkLine.contains("table public.letter"), "\(checkLine)")

            // A unique index: PostgreSQL's detail ("Key (summary)=(Said only once) already exists.") names the column.
            var repeated = AccessTests.newLetter
            repeated["summary"] = "Said only once"
            let first = try await client.call(.post, "/v1/letters", token: harness.editor, json: repeated)
            #expect(first.status == .created)
            let second = try await client.call(.post, "/v1/letters", token: harness.editor, json: repeated,
                                               headers: ["X-Request-ID": "backstop-unique-1"])
            #expect(second.status == .conflict)
            #expect(second.object["detail"] as? String == "that record already exists")
            Self.expectNoServerWords(in: second.text, names: ["zz_hidden_summary_unique", "summary)"])
            let uniqueLine = try #require(Self.databaseLine(in: log, requestID: "backstop-unique-1"), "\(log.text)")
            #expect(uniqueLine.hasPrefix("warning: "), "\(uniqueLine)")
            #expect(uniqueLine.contains("zz_hidden_summary_unique"), "\(uniqueLine)")
            #expect(uniqueLine.contains("Key (summary)"), "\(uniqueLine)")
        }
    }

    /// The log line carrying the database's words for the request with this id.
    private static func databaseLine(in log: LogCollector, requestID: String) -> String? {
        log.text.split(separator: "\n").map(String.init).first { $0.contains("request_id=" + requestID) && $0.contains(" database=") }
    }

    private static func alter(_ harness: APIHarness, _ sql: PostgresQuery) async throws {
        let connection = try await PostgresConnection.connect(harness.configuration)
        defer { connection.close() }
        try await connection.execute(sql)
    }

    private static func expectNoServerWords(in body: String, names: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for word in serverWords + names {
            #expect(!body.contains(word), "the problem carries the database's '\(word)': \(body)", sourceLocation: sourceLocation)
        }
    }
}
