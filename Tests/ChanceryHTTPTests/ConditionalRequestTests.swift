@testable import ChanceryHTTP
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `If-None-Match` and `If-Match` as RFC 9110 reads them: a read compares ETags weakly (`W/"r2"`
/// names the copy `"r2"` names, `*` any current one), a change strongly (a weak tag names no
/// revision a change may be based on).
@Suite("HTTP conditional requests") struct ConditionalRequestTests {
    // MARK: - the header values, without a database

    @Test("If-None-Match: exact, weak, lists with and without spaces, * and tags that do not match")
    func ifNoneMatchComparesWeakly() {
        let current = "\"r2\""
        for value in ["\"r2\"", "W/\"r2\"", "\"r1\", \"r2\"", "\"r1\",\"r2\"", "  \"r1\" ,\t W/\"r2\"  ", "\"r2\", \"r1\"", "*", " * ",
                      "\"r1\", , \"r2\"", ", \"r2\","] {
            #expect(ETag.noneMatchNamesCurrent(value, current: current), "\(value)")
        }
        for value in ["\"r1\"", "W/\"r1\"", "\"r3\"", "\"r1\", W/\"r3\"", "\"r2 \"", "\"R2\"", "\"r02\"", "\"\"", "", "  ", ","] {
            #expect(!ETag.noneMatchNamesCurrent(value, current: current), "\(value)")
        }
        #expect(!ETag.noneMatchNamesCurrent(nil, current: current))
    }

    @Test("a malformed If-None-Match names nothing")
    func malformedIfNoneMatchIsIgnored() {
        for value in ["r2", "W/r2", "\"r2", "r2\"", "w/\"r2\"", "W/ \"r2\"", "\"r2\" x", "\"r2\"\"r1\"", "\"r1\", *", "*, \"r2\"", "**",
                      "\"r\u{1}2\"", "\"r2\";q=1"] {
            #expect(ETag.condition(value) == nil, "\(value)")
            #expect(!ETag.noneMatchNamesCurrent(value, current: "\"r2\""), "\(value)")
        }
    }

    @Test("entity-tags are read whole: weakness, a comma inside quotes, characters beyond ASCII")
    func entityTagsAreParsed() {
        #expect(ETag.condition("*") == .any)
        #expect(ETag.condition("W/\"a,b\", \"c\"") == .tags([ETag.Tag(isWeak: true, opaque: "\"a,b\""), ETag.Tag(isWeak: false, opaque: "\"c\"")]))
        #expect(ETag.condition("\"é\"") == .tags([ETag.Tag(isWeak: false, opaque: "\"é\"")]))
        #expect(ETag.condition("") == .tags([]))
    }

    @Test("If-Match compares strongly: a weak tag names no revision")
    func ifMatchComparesStrongly() {
        #expect(ETag.revision(fromIfMatch: "\"r2\"") == 2)
        #expect(ETag.revision(fromIfMatch: " \"r12\" ") == 12)
        #expect(ETag.revision(fromIfMatch: "W/\"r2\"") == nil)
        #expect(ETag.revision(fromIfMatch: "W/\"r2\", \"r1\"") == 1)
        #expect(ETag.revision(fromIfMatch: "W/\"r3\", \"r2\"") == 2)
        // Of a list, the highest: revisions only grow, so the current one is listed exactly when it is the highest.
        #expect(ETag.revision(fromIfMatch: "\"r1\", \"r2\"") == 2)
        #expect(ETag.revision(fromIfMatch: "\"r2\",\"r1\"") == 2)
        for value in ["r2", "\"r2", "\"r02\"", "\"r+2\"", "\"r-2\"", "\"r\"", "\"x2\"", "\"r2\" x", "*", "\"r1\", *", "", "W/\"r2\", w/\"r2\""] {
            #expect(ETag.revision(fromIfMatch: value) == nil, "\(value)")
        }
    }

    // MARK: - through the API

    @Test("GET answers 304 with the ETag for the current tag, weak or strong, listed or *, and 200 otherwise")
    func conditionalReads() async throws {
        try await APIHarness.run { harness, client in
            let path = "/v1/letters/KH-US-2022-001"
            let changed = try await client.call(.patch, path, token: harness.editor, json: ["summary": "Revised."], headers: ["If-Match": "\"r1\""])
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] == "\"r2\"")
            for value in ["\"r2\"", "W/\"r2\"", "\"r1\", \"r2\"", "\"r1\",W/\"r2\"", " \"r1\" , \"r2\" ", "*"] {
                let response = try await client.call(.get, path, token: harness.reader, headers: ["If-None-Match": value])
                #expect(response.status == .notModified, "\(value)")
                #expect(response.headers[.eTag] == "\"r2\"", "\(value)")
                #expect(response.body.isEmpty, "\(value)")
            }
            // Not the current copy, or not a list of entity-tags at all: the letter, whole.
            for value in ["\"r1\"", "W/\"r1\"", "\"r3\"", "\"r1\", \"r3\"", "r2", "\"r2", "w/\"r2\"", "\"r1\", *", "\"r2\" junk", ""] {
                let response = try await client.call(.get, path, token: harness.reader, headers: ["If-None-Match": value])
                #expect(response.status == .ok, "\(value)")
                #expect(response.headers[.eTag] == "\"r2\"", "\(value)")
                #expect(response.object["revision"] as? Int == 2, "\(value)")
            }
            // * names a current representation; a letter that does not exist has none.
            let missing = try await client.call(.get, "/v1/letters/XX-YY-1999-001", token: harness.reader, headers: ["If-None-Match": "*"])
            #expect(missing.status == .notFound)
        }
    }

    @Test("a change with a weak If-Match is refused with 412; a strong tag in a list is honoured")
    func conditionalChanges() async throws {
        try await APIHarness.run { harness, client in
            let path = "/v1/letters/KH-US-2022-001"
            let weak = try await client.call(.patch, path, token: harness.editor, json: ["summary": "Weak."], headers: ["If-Match": "W/\"r1\""])
            #expect(weak.status == .preconditionFailed)
            #expect(weak.object["field"] as? String == "If-Match")
            let weakDelete = try await client.call(.delete, path, token: harness.editor, headers: ["If-Match": "W/\"r1\""])
            #expect(weakDelete.status == .preconditionFailed)
            let weakParticipant = try await client.call(.post, path + "/participants", token: harness.editor,
                                                        json: ["role": "cc", "name": "Indonesia"], headers: ["If-Match": "W/\"r1\""])
            #expect(weakParticipant.status == .preconditionFailed)
            #expect(try await client.call(.get, path, token: harness.reader).object["revision"] as? Int == 1)

            let listed = try await client.call(.patch, path, token: harness.editor, json: ["summary": "Listed."],
                                               headers: ["If-Match": "W/\"r1\", \"r1\""])
            #expect(listed.status == .ok)
            #expect(listed.headers[.eTag] == "\"r2\"")
            let stale = try await client.call(.patch, path, token: harness.editor, json: ["summary": "Stale."], headers: ["If-Match": "\"r1\""])
            #expect(stale.status == .preconditionFailed)
            let both = try await client.call(.patch, path, token: harness.editor, json: ["summary": "Both."], headers: ["If-Match": "\"r1\", \"r2\""])
            #expect(both.status == .ok)
            #expect(both.headers[.eTag] == "\"r3\"")
            #expect(try await client.call(.patch, path, token: harness.editor, json: ["summary": "Any."], headers: ["If-Match": "*"]).status.code == 428)
            #expect(try await client.call(.patch, path, token: harness.editor, json: ["summary": "Junk."], headers: ["If-Match": "r3"]).status
                == .preconditionFailed)
            #expect(try await client.call(.get, path, token: harness.reader).object["summary"] as? String == "Both.")
        }
    }
}
