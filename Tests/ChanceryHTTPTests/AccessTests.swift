import ChanceryCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Who may do what: 401 without or with a bad token, 403 with too low a role, and writes
/// recorded in history under the token's name.
@Suite("HTTP access control") struct AccessTests {
    static var newLetter: [String: Any] { [
        "from": [["name": "Hun Sen", "onBehalfOf": "Cambodia"]], "to": [["name": "Joe Biden"]],
        "date": "2022-06-01", "subject": "Thanks for the summit",
    ] }

    @Test func writesNeedAnEditorAndAreRecordedUnderTheTokensName() async throws {
        try await APIHarness.run { harness, client in
            let anonymous = try await client.call(.post, "/v1/letters", json: Self.newLetter)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.contentType] == "application/problem+json")
            #expect(anonymous.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)

            let reader = try await client.call(.post, "/v1/letters", token: harness.reader, json: Self.newLetter)
            #expect(reader.status == .forbidden)
            #expect(reader.object["detail"] as? String == "the token test-reader has the reader role; this needs editor")

            let editor = try await client.call(.post, "/v1/letters", token: harness.editor, json: Self.newLetter)
            #expect(editor.status == .created)
            let ref = try #require(editor.object["ref"] as? String)
            #expect(editor.headers[.location] == "/v1/letters/" + ref)

            let history = try await client.call(.get, "/v1/letters/\(ref)/history", token: harness.reader)
            #expect(history.status == .ok)
            let entries = try #require(history.object["items"] as? [[String: Any]])
            #expect(!entries.isEmpty)
            #expect(entries.allSatisfy { $0["by"] as? String == "token:test-editor" })
            #expect(entries.contains { $0["table"] as? String == "letter" && $0["operation"] as? String == "INSERT" })
        }
    }

    @Test func badAndRevokedTokensAreUnauthenticatedNotForbidden() async throws {
        try await APIHarness.run(seed: false) { harness, client in
            #expect(try await client.call(.get, "/v1/letters", token: "chancery_not-a-real-token").status == .unauthorized)
            #expect(try await client.call(.get, "/v1/letters", headers: ["Authorization": "Basic abc"]).status == .unauthorized)

            let issued = try await client.call(.post, "/v1/tokens", token: harness.admin, json: ["name": "desk-7", "role": "reader"])
            #expect(issued.status == .created)
            let secret = try #require(issued.object["secret"] as? String)
            #expect(try await client.call(.get, "/v1/letters", token: secret).status == .ok)

            let revoked = try await client.call(.delete, "/v1/tokens/desk-7", token: harness.admin)
            #expect(revoked.status == .ok)
            #expect(revoked.object["revokedAt"] is String)
            #expect(try await client.call(.get, "/v1/letters", token: secret).status == .unauthorized)
        }
    }

    @Test func onlyAdminsManageTokens() async throws {
        try await APIHarness.run(seed: false) { harness, client in
            #expect(try await client.call(.get, "/v1/tokens", token: harness.editor).status == .forbidden)
            #expect(try await client.call(.post, "/v1/tokens", token: harness.editor, json: ["name": "x", "role": "admin"]).status == .forbidden)
            let listed = try await client.call(.get, "/v1/tokens", token: harness.admin)
            #expect(listed.status == .ok)
            let names = (listed.object["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names == ["test-admin", "test-editor", "test-reader"])
            // The secret is shown once, at creation, and never listed.
            #expect(!listed.text.contains("chancery_"))
            let duplicate = try await client.call(.post, "/v1/tokens", token: harness.admin, json: ["name": "test-reader", "role": "reader"])
            #expect(duplicate.status == .conflict)
        }
    }

    @Test func anonymousReadsOnlyWhenTheOperatorAllowsThem() async throws {
        try await APIHarness.run(seed: false) { _, client in
            let status = try await client.call(.get, "/v1/letters").status
            #expect(status == .unauthorized)
        }
        try await APIHarness.run(seed: false, configure: { $0.allowsAnonymousReads = true }) { _, client in
            let read = try await client.call(.get, "/v1/letters").status
            let write = try await client.call(.post, "/v1/letters", json: Self.newLetter).status
            #expect(read == .ok)
            #expect(write == .unauthorized)
        }
    }

    @Test func probesNeedNoToken() async throws {
        try await APIHarness.run(seed: false) { _, client in
            for path in ["/healthz", "/readyz", "/openapi.json", "/metrics"] {
                let status = try await client.call(.get, path).status
                #expect(status == .ok, "\(path)")
            }
        }
    }
}
