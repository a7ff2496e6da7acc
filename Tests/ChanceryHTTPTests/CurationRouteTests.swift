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

    @Test("an actor standing for someone unnamed says so; PATCH sets the flag, and null is refused")
    func unidentifiedActors() async throws {
        try await APIHarness.run { harness, client in
            let added = try await client.call(.post, "/v1/actors", token: harness.editor, json: ["kind": "person", "name": "einen Amtsbruder"])
            #expect(added.status == .created)
            let shown = try await client.call(.get, "/v1/actors/einen%20Amtsbruder", token: harness.reader)
            #expect(shown.object["unidentified"] as? Bool == true)
            #expect(try await client.call(.get, "/v1/actors/Hun%20Sen", token: harness.reader).object["unidentified"] as? Bool == false)
            let cleared = try await client.call(.patch, "/v1/actors/einen%20Amtsbruder", token: harness.editor, json: ["unidentified": false])
            #expect(cleared.status == .ok)
            #expect(cleared.object["unidentified"] as? Bool == false)
            let refused = try await client.call(.patch, "/v1/actors/einen%20Amtsbruder", token: harness.editor, json: ["unidentified": nil])
            #expect(refused.status == .unprocessableContent)
            let marked = try await client.call(.post, "/v1/actors", token: harness.editor,
                                               json: ["kind": "person", "name": "Hans", "unidentified": true])
            #expect(marked.status == .created)
            #expect(try await client.call(.get, "/v1/actors/Hans", token: harness.reader).object["unidentified"] as? Bool == true)
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

    @Test func patchEventsInvitationsAndRoles() async throws {
        try await APIHarness.run { harness, client in
            let event = try await client.call(.patch, "/v1/events/ASEAN-US-SUMMIT-2022", token: harness.editor,
                                              json: ["city": "Washington", "addParticipants": ["Indonesia"], "cameoCode": NSNull()])
            #expect(event.status == .ok)
            #expect((event.object["participants"] as? [String])?.contains("Indonesia") == true)
            #expect(event.object["cameoCode"] == nil)
            #expect(try await client.call(.patch, "/v1/events/ASEAN-US-SUMMIT-2022", token: harness.editor, json: ["date": NSNull()]).status == .unprocessableContent)
            #expect(try await client.call(.patch, "/v1/events/ASEAN-US-SUMMIT-2022", token: harness.editor, json: ["ref": "X"]).status == .badRequest)
            #expect(try await client.call(.patch, "/v1/events/NO-SUCH-EVENT", token: harness.editor, json: ["city": "Paris"]).status == .notFound)

            let invitation = try await client.call(.patch, "/v1/invitations/INV-US-2022-001", token: harness.editor,
                                                   json: ["addInvitees": ["Indonesia"], "replyBy": "2022-03-31"])
            #expect(invitation.status == .ok)
            #expect(invitation.object["replyBy"] as? String == "2022-03-31")
            let notInvited = try await client.call(.patch, "/v1/invitations/INV-US-2022-001", token: harness.editor,
                                                   json: ["removeInvitees": ["Joe Biden"]])
            #expect(notInvited.status == .unprocessableContent, "a name in the body that names no invitee is the body's fault")
            #expect(try await client.call(.patch, "/v1/invitations/INV-XX-1999-001", token: harness.editor, json: ["summary": "x"]).status == .notFound)

            let profile = try await client.call(.get, "/v1/actors/Hun%20Sen", token: harness.reader)
            let role = try #require((profile.object["roles"] as? [[String: Any]])?.first { $0["title"] as? String == "Prime Minister" })
            let id = try #require(role["id"] as? Int)
            let ended = try await client.call(.post, "/v1/roles/\(id)/end", token: harness.editor, json: ["on": "2023-08-22"])
            #expect(ended.status == .conflict, "the founding example's role has ended already")
            let changed = try await client.call(.patch, "/v1/roles/\(id)", token: harness.editor, json: ["period": "1985-01-14/.."])
            #expect(changed.status == .ok)
            let endedNow = try await client.call(.post, "/v1/roles/\(id)/end", token: harness.editor, json: ["on": "2023-08-22"])
            #expect(endedNow.status == .ok)
            #expect((endedNow.object["period"] as? [String: Any])?["edtf"] as? String == "1985-01-14/2023-08-22")
            #expect(try await client.call(.patch, "/v1/roles/abc", token: harness.editor, json: ["title": "x"]).status == .badRequest)
            #expect(try await client.call(.patch, "/v1/roles/99999", token: harness.editor, json: ["title": "x"]).status == .notFound)

            let cambodia = try await client.call(.get, "/v1/actors/KH", token: harness.reader)
            let asean = try #require((cambodia.object["memberships"] as? [[String: Any]])?.first { $0["organization"] as? String == "ASEAN" })
            let membership = try #require(asean["id"] as? Int)
            let left = try await client.call(.post, "/v1/memberships/\(membership)/end", token: harness.editor, json: ["on": "2040"])
            #expect(left.status == .ok)
            let again = try await client.call(.post, "/v1/memberships/\(membership)/end", token: harness.editor, json: ["on": "2041"])
            #expect(again.status == .conflict)
            let corrected = try await client.call(.patch, "/v1/memberships/\(membership)", token: harness.editor, json: ["period": "1999-04-30/2040-06"])
            #expect(corrected.status == .ok)
            #expect(try await client.call(.patch, "/v1/memberships/99999", token: harness.editor, json: ["period": NSNull()]).status == .notFound)
        }
    }
}
