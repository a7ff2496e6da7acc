import ChanceryCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Changing and merging actors and restoring letters over HTTP; every answer is checked against
/// the OpenAPI document by the harness.
@Suite("HTTP curation") struct CurationRouteTests {
    @Test func patchAndMergeActors() async throws {
        try await APIHarness.run { harness, client in
            let changed = try await client.call(.patch, "/v1/actors/Hun%20Sen", token: harness.editor,
                                                json: ["gndId": "119358042", "addAliases": ["Samdech Hun Sen"], "note": nil])
            #expect(changed.status == .ok)
            #expect(changed.object["gndId"] as? String == "119358042")
            #expect((changed.object["aliases"] as? [String])?.contains("Samdech Hun Sen") == true)
            #expect(try await client.call(.patch, "/v1/actors/Hun%20Sen", token: harness.reader, json: ["note": "x"]).status == .forbidden)
            #expect(try await client.call(.patch, "/v1/actors/Hun%20Sen", token: harness.editor, json: ["kind": "state"]).status == .badRequest)
            #expect(try await client.call(.patch, "/v1/actors/Hun%20Sen", token: harness.editor, json: ["wikidataId": "Q6279"]).status == .conflict)
            #expect(try await client.call(.patch, "/v1/actors/Nobody", token: harness.editor, json: ["note": "x"]).status == .notFound)
            #expect(try await client.call(.patch, "/v1/actors/Hun%20Sen", token: harness.editor, json: [String: Any]()).status == .unprocessableContent)

            let added = try await client.call(.post, "/v1/actors", token: harness.editor, json: ["kind": "person", "name": "Joseph Biden"])
            #expect(added.status == .created)
            let letter = try await client.call(.post, "/v1/letters", token: harness.editor,
                                               json: ["from": [["name": "Joseph Biden"]], "to": [["name": "Hun Sen"]], "date": "2022-06", "subject": "Thanks"])
            #expect(letter.status == .created)
            let ref = try #require(letter.object["ref"] as? String)
            let merged = try await client.call(.post, "/v1/actors/Joseph%20Biden/merge", token: harness.editor, json: ["into": "Joe Biden"])
            #expect(merged.status == .ok)
            #expect(merged.object["participations"] as? Int == 1)
            let shown = try await client.call(.get, "/v1/letters/" + ref, token: harness.reader)
            #expect((shown.object["participants"] as? [[String: Any]])?.contains { $0["name"] as? String == "Joe Biden" } == true)
            let again = try await client.call(.post, "/v1/actors/Joseph%20Biden/merge", token: harness.editor, json: ["into": "Joe Biden"])
            #expect(again.status == .conflict)
            #expect(try await client.call(.post, "/v1/actors/Nobody/merge", token: harness.editor, json: ["into": "Joe Biden"]).status == .notFound)
            #expect(try await client.call(.post, "/v1/actors/Hun%20Sen/merge", token: harness.editor, json: ["into": "Nobody"]).status == .unprocessableContent)
        }
    }

    @Test func restoreLetters() async throws {
        try await APIHarness.run { harness, client in
            let path = "/v1/letters/US-KH-2022-001"
            let etag = try #require(try await client.call(.get, path, token: harness.reader).headers[.eTag])
            #expect(try await client.call(.delete, path, token: harness.editor, headers: ["If-Match": etag]).status == .noContent)
            #expect(try await client.call(.get, path, token: harness.reader).status == .notFound)
            #expect(try await client.call(.post, path + "/restore", token: harness.reader).status == .forbidden)
            let restored = try await client.call(.post, path + "/restore", token: harness.editor)
            #expect(restored.status == .ok)
            #expect(restored.headers[.eTag] != nil && restored.headers[.eTag] != etag)
            #expect(try await client.call(.get, path, token: harness.reader).status == .ok)
            #expect(try await client.call(.post, path + "/restore", token: harness.editor).status == .conflict)
            #expect(try await client.call(.post, "/v1/letters/XX-XX-1999-001/restore", token: harness.editor).status == .notFound)
        }
    }
}
