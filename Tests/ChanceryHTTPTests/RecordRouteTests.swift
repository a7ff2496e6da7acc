import ChanceryCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Actors, roles, memberships, events, invitations and their answers, and a letter's parts.
@Suite("HTTP records") struct RecordRouteTests {
    @Test func actorsRolesAndMemberships() async throws {
        try await APIHarness.run { harness, client in
            let created = try await client.call(.post, "/v1/actors", token: harness.editor,
                                                json: ["kind": "person", "name": "Retno Marsudi", "aliases": ["Retno L. P. Marsudi"]])
            #expect(created.status == .created)
            #expect(created.headers[.location] == "/v1/actors/Retno%20Marsudi")
            let role = try await client.call(.post, "/v1/roles", token: harness.editor,
                                             json: ["holder": "Retno Marsudi", "title": "Minister of Foreign Affairs", "of": "Indonesia", "period": "2014-10-27/2024-10-20"])
            #expect(role.status == .created)
            #expect((role.object["period"] as? [String: Any])?["earliest"] as? String == "2014-10-27")
            let aliases = try await client.call(.post, "/v1/actors/Retno%20Marsudi/aliases", token: harness.editor, json: ["aliases": ["Menlu Retno"]])
            #expect(aliases.status == .created)
            let shown = try await client.call(.get, "/v1/actors/Retno%20Marsudi", token: harness.reader)
            #expect(shown.status == .ok)
            #expect((shown.object["aliases"] as? [String])?.contains("Menlu Retno") == true)
            #expect((shown.object["roles"] as? [[String: Any]])?.count == 1)
            let people = try await client.call(.get, "/v1/actors?kind=person", token: harness.reader)
            #expect((people.object["items"] as? [[String: Any]])?.count == 3)
            let membership = try await client.call(.post, "/v1/memberships", token: harness.editor,
                                                   json: ["member": "United States", "organization": "ASEAN", "period": "2022"])
            #expect(membership.status == .created)
            let unknown = try await client.call(.get, "/v1/actors/Nobody", token: harness.reader)
            #expect(unknown.status == .notFound)
            let duplicate = try await client.call(.post, "/v1/actors", token: harness.editor, json: ["kind": "state", "name": "Laos", "isoCode": "KH"])
            #expect(duplicate.status == .conflict)
        }
    }

    @Test func eventsInvitationsAndAnswers() async throws {
        try await APIHarness.run { harness, client in
            let event = try await client.call(.post, "/v1/events", token: harness.editor,
                                              json: ["name": "ASEAN–U.S. Commemorative Summit", "kind": "summit", "date": "2022-11-12", "host": "Cambodia"])
            #expect(event.status == .created)
            let eventRef = try #require(event.object["ref"] as? String)
            #expect(try await client.call(.get, "/v1/events/" + eventRef, token: harness.reader).status == .ok)
            #expect((try await client.call(.get, "/v1/events", token: harness.reader).object["items"] as? [Any])?.count == 2)

            let invitation = try await client.call(.post, "/v1/invitations", token: harness.editor,
                                                   json: ["from": ["name": "Hun Sen"], "invitees": ["Joe Biden"], "event": eventRef, "date": "2022-09"])
            #expect(invitation.status == .created)
            let ref = try #require(invitation.object["ref"] as? String)
            let pendingBefore = try await client.call(.get, "/v1/invitations?pending=true", token: harness.reader)
            #expect((pendingBefore.object["items"] as? [[String: Any]])?.contains { $0["ref"] as? String == ref } == true)
            let answer = try await client.call(.post, "/v1/invitations/\(ref)/responses", token: harness.editor,
                                               json: ["invitee": "Joe Biden", "status": "accepted", "date": "2022-10"])
            #expect(answer.status == .created)
            let shown = try await client.call(.get, "/v1/invitations/" + ref, token: harness.reader)
            #expect(((shown.object["invitees"] as? [[String: Any]])?.first?["status"] as? String) == "accepted")
            #expect(try await client.call(.get, "/v1/invitations/INV-XX-1999-001", token: harness.reader).status == .notFound)
        }
    }

    @Test func participantsLinksAndSourcesChangeTheLettersETag() async throws {
        try await APIHarness.run { harness, client in
            let path = "/v1/letters/US-KH-2022-001"
            let start = try #require(try await client.call(.get, path, token: harness.reader).headers[.eTag])
            let added = try await client.call(.post, path + "/participants", token: harness.editor,
                                              json: ["role": "cc", "name": "Indonesia"], headers: ["If-Match": start])
            #expect(added.status == .created)
            let afterAdd = try #require(added.headers[.eTag])
            #expect(afterAdd != start)
            #expect((added.object["participants"] as? [[String: Any]])?.contains { $0["role"] as? String == "cc" } == true)

            #expect(try await client.call(.delete, path + "/participants/cc/1", token: harness.editor, headers: ["If-Match": start]).status == .preconditionFailed)
            let removed = try await client.call(.delete, path + "/participants/cc/1", token: harness.editor, headers: ["If-Match": afterAdd])
            #expect(removed.status == .ok)
            let afterRemove = try #require(removed.headers[.eTag])
            #expect(try await client.call(.delete, path + "/participants/cc/1", token: harness.editor, headers: ["If-Match": afterRemove]).status == .notFound)

            let link = try await client.call(.post, path + "/links", token: harness.editor, json: ["kind": "refers_to", "target": "US-ASEAN-2022-001"])
            #expect(link.status == .created)
            let afterLink = try #require(link.headers[.eTag])
            let unlinked = try await client.call(.delete, path + "/links/refers_to/US-ASEAN-2022-001", token: harness.editor, headers: ["If-Match": afterLink])
            #expect(unlinked.status == .ok)
            let selfLink = try await client.call(.post, path + "/links", token: harness.editor, json: ["kind": "refers_to", "target": "US-KH-2022-001"])
            #expect(selfLink.status == .unprocessableContent)

            let source = try await client.call(.post, path + "/sources", token: harness.editor,
                                               json: ["kind": "news", "title": "Biden invites ASEAN leaders", "url": "https://example.org/asean-2022"])
            #expect(source.status == .created)
            #expect((source.object["sources"] as? [[String: Any]])?.contains { $0["title"] as? String == "Biden invites ASEAN leaders" } == true)
        }
    }
}
