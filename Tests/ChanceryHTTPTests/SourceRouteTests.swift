import ChanceryCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `/v1/sources`: found, read with an ETag, corrected under If-Match, removed when unused.
@Suite("HTTP sources") struct SourceRouteTests {
    @Test("the founding article lists, reads with its citations, and is corrected under If-Match; a citing letter's ETag moves")
    func listReadAndCorrect() async throws {
        try await APIHarness.run { harness, client in
            let page = try await client.call(.get, "/v1/sources?text=asean&limit=10", token: harness.reader)
            #expect(page.status == .ok && page.object["total"] as? Int == 1)
            let summary = try #require((page.object["sources"] as? [[String: Any]])?.first)
            #expect(summary["citations"] as? Int == 5 && summary["lettersImported"] as? Int == 0)
            let id = try #require(summary["id"] as? Int)
            #expect((try await client.call(.get, "/v1/sources?kind=edition", token: harness.reader).object["total"] as? Int) == 0)
            #expect(try await client.call(.get, "/v1/sources?kind=novel", token: harness.reader).status == .badRequest)
            #expect(try await client.call(.get, "/v1/sources?limit=0", token: harness.reader).status == .badRequest)

            let letterPath = "/v1/letters/KH-US-2022-001"
            let letter = try await client.call(.get, letterPath, token: harness.reader)
            #expect(((letter.object["sources"] as? [[String: Any]])?.first?["id"] as? Int) == id)
            let letterTag = try #require(letter.headers[.eTag])

            let path = "/v1/sources/\(id)"
            let shown = try await client.call(.get, path, token: harness.reader)
            let tag = try #require(shown.headers[.eTag])
            #expect(shown.object["citationCount"] as? Int == 5 && (shown.object["citations"] as? [Any])?.count == 5)
            #expect(try await client.call(.get, path, token: harness.reader, headers: ["If-None-Match": tag]).status == .notModified)

            let patch: [String: Any] = ["publisher": "Khmer Times", "published": "2022-02"]
            #expect(try await client.call(.patch, path, token: harness.editor, json: patch).status == .preconditionRequired)
            #expect(try await client.call(.patch, path, token: harness.reader, json: patch, headers: ["If-Match": tag]).status == .forbidden)
            let corrected = try await client.call(.patch, path, token: harness.editor, json: patch, headers: ["If-Match": tag])
            #expect(corrected.status == .ok && corrected.object["publisher"] as? String == "Khmer Times")
            let newTag = try #require(corrected.headers[.eTag])
            #expect(newTag != tag)
            #expect(try await client.call(.patch, path, token: harness.editor, json: ["publisher": "AFP"], headers: ["If-Match": tag]).status
                    == .preconditionFailed)

            let again = try await client.call(.get, letterPath, token: harness.reader, headers: ["If-None-Match": letterTag])
            #expect(again.status == .ok && again.headers[.eTag] != letterTag)
            #expect(((again.object["sources"] as? [[String: Any]])?.first?["publisher"] as? String) == "Khmer Times")

            let cleared = try await client.call(.patch, path, token: harness.editor, json: ["publisher": NSNull()], headers: ["If-Match": newTag])
            #expect(cleared.status == .ok && cleared.object["publisher"] == nil)
        }
    }

    @Test("bad values are 422 naming the field, unknown fields 400, clashes 409, unknown sources 404; a used source cannot be removed")
    func refusals() async throws {
        try await APIHarness.run { harness, client in
            let tag = try #require(try await client.call(.get, "/v1/sources/1", token: harness.reader).headers[.eTag])
            let badURL = try await client.call(.patch, "/v1/sources/1", token: harness.editor, json: ["url": "ftp://example.org"], headers: ["If-Match": tag])
            #expect(badURL.status == .unprocessableContent && badURL.object["field"] as? String == "url")
            let tooLong = try await client.call(.patch, "/v1/sources/1", token: harness.editor,
                                                json: ["url": "https://example.org/" + String(repeating: "a", count: 2001)], headers: ["If-Match": "d:#5_Z"])
            #expect(tooLong.status == .unprocessableContent && tooLong.object["field"] as? String == "url",
                    "a body no source could take is refused before If-Match is weighed")
            let unknown = try await client.call(.patch, "/v1/sources/1", token: harness.editor, json: ["quote": "x"], headers: ["If-Match": tag])
            #expect(unknown.status == .badRequest)
            let empty = try await client.call(.patch, "/v1/sources/1", token: harness.editor, json: [:], headers: ["If-Match": tag])
            #expect(empty.status == .unprocessableContent)
            #expect(try await client.call(.get, "/v1/sources/999", token: harness.reader).status == .notFound)
            #expect(try await client.call(.get, "/v1/sources/abc", token: harness.reader).status == .notFound)
            #expect(try await client.call(.patch, "/v1/sources/999", token: harness.editor, json: ["title": "x"], headers: ["If-Match": tag]).status
                    == .notFound)
            let inUse = try await client.call(.delete, "/v1/sources/1", token: harness.editor, headers: ["If-Match": tag])
            #expect(inUse.status == .conflict)
            #expect(try await client.call(.get, "/v1/sources/1", token: harness.reader).headers[.eTag] == tag)
        }
    }

    @Test("a source's ETag names its bytes: a citing letter's new subject is a new tag, and If-Match takes either tag's revision")
    func etagFollowsCitations() async throws {
        try await APIHarness.run { harness, client in
            let first = try #require(try await client.call(.get, "/v1/sources/1", token: harness.reader).headers[.eTag])
            #expect(first.hasPrefix("\"r1."), "\(first)")
            let letter = try #require(try await client.call(.get, "/v1/letters/US-KH-2022-001", token: harness.reader).headers[.eTag])
            let renamed = try await client.call(.patch, "/v1/letters/US-KH-2022-001", token: harness.editor, json: ["subject": "Renamed"],
                                                headers: ["If-Match": letter])
            #expect(renamed.status == .ok)
            let again = try await client.call(.get, "/v1/sources/1", token: harness.reader, headers: ["If-None-Match": first])
            #expect(again.status == .ok && again.headers[.eTag] != first)
            #expect((again.object["citations"] as? [[String: Any]])?.contains { $0["label"] as? String == "Renamed" } == true)
            // The source itself did not change: its revision is what If-Match weighs.
            let corrected = try await client.call(.patch, "/v1/sources/1", token: harness.editor, json: ["publisher": "Khmer Times"],
                                                  headers: ["If-Match": first])
            #expect(corrected.status == .ok && corrected.headers[.eTag]?.hasPrefix("\"r2.") == true)
        }
    }
}
