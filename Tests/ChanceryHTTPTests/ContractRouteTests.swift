import ChanceryCore
import ChanceryModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// What an outside client (schemathesis, issue 13) found where the API and docs/openapi.json
/// disagreed: text the database cannot store, query strings as forms write them, empty values,
/// header lengths, and the order in which a request's faults are reported. Every response is
/// also checked against the document by `call`.
@Suite("API contract") struct ContractRouteTests {
    @Test func textWithANulIsA422NamingTheFieldAndWritesNothing() async throws {
        try await APIHarness.run { harness, client in
            let events = try await EventService(database: harness.database).list().count
            let event = try await client.call(.post, "/v1/events", token: harness.editor, json: ["name": "\u{0}Summit"])
            #expect(event.status == .unprocessableContent)
            #expect(event.object["field"] as? String == "name")
            #expect((event.object["detail"] as? String)?.contains("NUL") == true)
            #expect(try await EventService(database: harness.database).list().count == events)

            // A name that is only looked up, not stored, is refused the same way, not truncated at the NUL.
            let participant = try await client.call(.post, "/v1/letters/KH-US-2022-001/participants", token: harness.editor,
                                                    json: ["role": "cc", "name": "Indonesia\u{0}x"])
            #expect(participant.status == .unprocessableContent)
            #expect(participant.object["field"] as? String == "cc")
            let filter = try await client.call(.get, "/v1/letters?person=Hun%20Sen%00", token: harness.reader)
            #expect(filter.status == .unprocessableContent)
            #expect(filter.object["field"] as? String == "person")
            let patch = try await client.call(.patch, "/v1/letters/KH-US-2022-001", token: harness.editor,
                                              json: ["summary": "a\u{0}b"], headers: ["If-Match": "\"r1\""])
            #expect(patch.status == .unprocessableContent)
            #expect(patch.object["field"] as? String == "summary")
        }
    }

    @Test func aPlusInTheQueryIsASpace() async throws {
        try await APIHarness.run { harness, client in
            let plus = try await client.call(.get, "/v1/letters?person=Hun+Sen", token: harness.reader)
            let escaped = try await client.call(.get, "/v1/letters?person=Hun%20Sen", token: harness.reader)
            #expect(plus.status == .ok)
            #expect(plus.body == escaped.body)
            #expect(try JSONDecoder().decode(LetterPage.self, from: plus.body).items.count == 2)
        }
    }

    @Test func aParameterWithoutAValueIsA400NamingIt() async throws {
        try await APIHarness.run { harness, client in
            for (path, field) in [("/v1/letters?between=", "between"), ("/v1/letters?person=&kind=letter", "person"),
                                  ("/v1/letters?cursor=", "cursor"), ("/v1/actors?kind=", "kind"), ("/v1/export?text=", "text"),
                                  ("/v1/timeline?country=", "country"), ("/v1/stats?since=", "since")] {
                let response = try await client.call(.get, path, token: harness.reader)
                #expect(response.status == .badRequest, "\(path)")
                #expect(response.object["field"] as? String == field, "\(path)")
            }
            // A flag present without a value still means true, as documented.
            #expect(try await client.call(.get, "/v1/timeline?all&strict", token: harness.reader).status == .ok)
        }
    }

    @Test("a pair is split at its comma even where a combining mark or emoji modifier follows it (one Swift character with it)")
    func pairsSplitAtEveryComma() async throws {
        try await APIHarness.run { harness, client in
            // ",\u{1F3FB}" and ",\u{301}" are single characters: the halves are an unknown country, not a malformed pair.
            for value in ["Tah,%F0%9F%8F%BB", "US,%CC%81KH"] {
                let response = try await client.call(.get, "/v1/letters?between=" + value, token: harness.reader)
                #expect(response.status.code == 422, "\(value): \(response.object)")
                #expect(response.object["field"] as? String == "between", "\(value)")
            }
            for value in ["US,,KH", "US,KH,", ",KH"] {
                let response = try await client.call(.get, "/v1/letters?between=" + value, token: harness.reader)
                #expect(response.status == .badRequest, "\(value)")
            }
            #expect(try await client.call(.get, "/v1/letters?between=%20US%20,%20KH%20", token: harness.reader).status == .ok)
        }
    }

    @Test func parametersThatGoTogetherGivenApartAre422s() async throws {
        try await APIHarness.run { harness, client in
            for (path, field) in [("/v1/letters?members=true", "members"), ("/v1/export?members=yes", "members"),
                                  ("/v1/letters?strict=true", "strict"), ("/v1/export?strict&kind=letter", "strict"),
                                  ("/v1/letters?between=KH,Cambodia", "between"),
                                  ("/v1/timeline?all=true&side=sender", "side"), ("/v1/timeline?all=true&members", "members"),
                                  ("/v1/timeline?all=true&deadlines=true", "deadlines"), ("/v1/timeline?person=Hun+Sen&org=ASEAN", nil)] {
                let response = try await client.call(.get, path, token: harness.reader)
                #expect(response.status == .unprocessableContent, "\(path)")
                #expect(response.object["field"] as? String == field, "\(path)")
            }
            #expect(try await client.call(.get, "/v1/letters?members=false", token: harness.reader).status == .ok)
            #expect(try await client.call(.get, "/v1/letters?strict=true&until=2022", token: harness.reader).status == .ok)
        }
    }

    @Test func idempotencyKeysOutsideTheDocumentedLengthAre400s() async throws {
        try await APIHarness.run { harness, client in
            for key in ["", String(repeating: "k", count: 256)] {
                let response = try await client.call(.post, "/v1/events", token: harness.editor, json: ["name": "Keyed summit"],
                                                     headers: ["Idempotency-Key": key])
                #expect(response.status == .badRequest, "\(key.count)")
                #expect(response.object["field"] as? String == "Idempotency-Key")
            }
            let longest = try await client.call(.post, "/v1/events", token: harness.editor, json: ["name": "Keyed summit"],
                                                headers: ["Idempotency-Key": String(repeating: "k", count: 255)])
            #expect(longest.status == .created)
        }
    }

    @Test func aMalformedRequestIsA400WhateverItsIfMatchSays() async throws {
        try await APIHarness.run { harness, client in
            // Preconditions are weighed only for an otherwise well-formed request (RFC 9110, 13.2.1).
            let badBody = try await client.call(.patch, "/v1/letters/KH-US-2022-001", token: harness.editor, rawBody: "\u{0}",
                                                headers: ["If-Match": "\"r99\"", "Content-Type": "application/merge-patch+json"])
            #expect(badBody.status == .badRequest)
            let badKey = try await client.call(.post, "/v1/letters/KH-US-2022-001/sources", token: harness.editor,
                                               json: ["title": "A source"], headers: ["If-Match": "\"r99\"", "Idempotency-Key": ""])
            #expect(badKey.status == .badRequest)
            #expect(badKey.object["field"] as? String == "Idempotency-Key")
            let empty = try await client.call(.delete, "/v1/letters/KH-US-2022-001", token: harness.editor, headers: ["If-Match": ""])
            #expect(empty.status == .badRequest)
            #expect(empty.object["field"] as? String == "If-Match")
            let missing = try await client.call(.delete, "/v1/letters/KH-US-2022-001", token: harness.editor)
            #expect(missing.status == .preconditionRequired)
        }
    }

    @Test func aDatasetRecordTypeMustBeTheEndpointsOwn() async throws {
        try await APIHarness.run { harness, client in
            let wrong = try await client.call(.post, "/v1/events", token: harness.editor, json: ["name": "Typed summit", "type": "letter"])
            #expect(wrong.status == .badRequest)
            #expect(wrong.object["field"] as? String == "type")
            let right = try await client.call(.post, "/v1/events", token: harness.editor, json: ["name": "Typed summit", "type": "event"])
            #expect(right.status == .created)
        }
    }
}
