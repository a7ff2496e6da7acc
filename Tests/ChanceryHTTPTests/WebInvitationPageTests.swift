import ChanceryCore
import ChanceryModel
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// An invitation's own page: who extended it to what, the letter carrying it, each answer, the
/// sources reporting it and its history; and the pages that name an invitation link to it.
@Suite("Web invitation page")
struct WebInvitationPageTests {
    private static func open(_ body: @Sendable @escaping (APIHarness, any TestClientProtocol) async throws -> Void) async throws {
        try await APIHarness.run(configure: { $0.allowsAnonymousReads = true }, body)
    }

    @Test("the founding invitation: inviter, summit, carrying letter, Hun Sen's acceptance in his reply, ASEAN still pending, its source")
    func foundingInvitation() async throws {
        try await Self.open { harness, client in
            let page = try await client.call(.get, "/invitations/INV-US-2022-001", conforming: false)
            #expect(page.status == .ok)
            #expect(page.text.contains("<title>Invitation INV-US-2022-001 to Special ASEAN–U.S. Summit"), "\(page.text)")
            #expect(page.text.contains("<h1>Invitation to Special ASEAN–U.S. Summit</h1>"))
            #expect(page.text.contains(#"<dt>Extended by</dt><dd><a href="/actors/Joe%20Biden">Joe Biden</a> — President, for United States</dd>"#), "\(page.text)")
            #expect(page.text.contains(#"<dt>To</dt><dd><a href="/timeline?event=ASEAN-US-SUMMIT-2022">Special ASEAN–U.S. Summit</a></dd>"#))
            #expect(page.text.contains(#"<dt>Carried by</dt><dd><a href="/letters/US-ASEAN-2022-001">US-ASEAN-2022-001</a></dd>"#))
            #expect(page.text.contains(#"<td><a href="/actors/Hun%20Sen">Hun Sen for Cambodia</a></td><td>accepted"#))
            #expect(page.text.contains(#"<a href="/letters/KH-US-2022-001">KH-US-2022-001</a></td></tr>"#))
            #expect(page.text.contains(#"<a href="/actors/ASEAN">ASEAN</a></td><td><span class="mark">pending</span>"#))
            // A reader is not offered the answer form.
            #expect(!page.text.contains("/answers/new"))
            let sourceID = try #require(try await WebLetterFormTests.scalar(harness, """
                SELECT s.id::text AS value FROM citation c JOIN source s ON s.id = c.source_id JOIN invitation i ON i.id = c.invitation_id
                WHERE i.ref = 'INV-US-2022-001'
                """))
            #expect(page.text.contains(#"<h2 id="sources">Sources</h2>"#) && page.text.contains(#"<a href="/sources/\#(sourceID)">"#), "\(page.text)")
            #expect(page.text.contains(#"<h2 id="history">History</h2>"#))

            // Found whatever the case of its reference; an unknown one is a 404 page.
            let lower = try await client.call(.get, "/invitations/inv-us-2022-001", conforming: false)
            #expect(lower.status == .ok && lower.text.contains("<h1>Invitation to Special ASEAN–U.S. Summit</h1>"))
            let missing = try await client.call(.get, "/invitations/INV-NONE-1", conforming: false)
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("no invitation with ref") && missing.text.contains("INV-NONE-1"), "\(missing.text)")
        }
    }

    @Test("an invitation without letter or event says so, and what was typed into it is escaped")
    func bareInvitation() async throws {
        try await Self.open { harness, client in
            var draft = InvitationDraft()
            draft.from = ParticipantDraft(name: "Hun Sen", capacity: "Prime Minister")
            draft.invitees = ["Joe Biden"]
            draft.date = "2022-06"
            draft.replyBy = "2022-08"
            draft.summary = "<script>alert(1)</script> Phnom Penh"
            let ref = try await InvitationService(database: harness.database).add(draft)
            let page = try await client.call(.get, "/invitations/" + ref, conforming: false)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Invitation \(ref)</h1>"))
            #expect(page.text.contains("<dt>Carried by</dt><dd>none in the register</dd>"))
            #expect(page.text.contains("<dt>Answer asked by</dt><dd>31 August 2022</dd>"), "\(page.text)")
            #expect(!page.text.contains("<script>alert(1)</script>") && page.text.contains("&lt;script&gt;"))
            #expect(!page.text.contains(#"<h2 id="sources">"#))
        }
    }

    @Test("the letter page, open items, a source and the event's timeline link to the invitation's page")
    func linksToIt() async throws {
        try await Self.open { _, client in
            let letter = try await client.call(.get, "/letters/US-ASEAN-2022-001", conforming: false)
            #expect(letter.text.contains(#"<a class="ref" href="/invitations/INV-US-2022-001">INV-US-2022-001</a>"#), "\(letter.text)")
            let pending = try await client.call(.get, "/pending", conforming: false)
            #expect(pending.text.contains(#"<a href="/invitations/INV-US-2022-001">Joe Biden invites to Special ASEAN–U.S. Summit</a>"#), "\(pending.text)")
            let timeline = try await client.call(.get, "/timeline?event=ASEAN-US-SUMMIT-2022", conforming: false)
            #expect(timeline.text.contains(#"<a href="/invitations/INV-US-2022-001">INV-US-2022-001</a>"#), "\(timeline.text)")
            let sources = try await client.call(.get, "/sources/1", conforming: false)
            #expect(sources.text.contains(#"<a href="/invitations/INV-US-2022-001">INV-US-2022-001</a>"#), "\(sources.text)")
        }
    }

    @Test("/invitations lists every invitation with its answers, or those awaiting one, fifty to a page; the 404 of an unknown one leads there")
    func invitationList() async throws {
        try await Self.open { harness, client in
            let all = try await client.call(.get, "/invitations", conforming: false)
            #expect(all.status == .ok)
            #expect(all.text.contains(#"<a class="ref" href="/invitations/INV-US-2022-001">INV-US-2022-001</a>"#), "\(all.text)")
            #expect(all.text.contains("ASEAN pending, Hun Sen accepted (1 of 2 answered)"), "\(all.text)")
            #expect(all.text.contains("1–1 of 1 invitation"), "\(all.text)")
            #expect(all.text.contains(#"<a href="/invitations">Invitations</a>"#), "the sections name it")
            let awaited = try await client.call(.get, "/invitations?answers=awaited", conforming: false)
            #expect(awaited.text.contains("1–1 of 1 invitation awaiting an answer") && awaited.text.contains("INV-US-2022-001"), "\(awaited.text)")
            let wrong = try await client.call(.get, "/invitations?answers=maybe", conforming: false)
            #expect(wrong.status == .badRequest && wrong.text.contains("unknown choice"), "\(wrong.text)")
            let missing = try await client.call(.get, "/invitations/INV-NONE-1", conforming: false)
            #expect(missing.text.contains(#"<a href="/invitations">The invitations</a>"#), "\(missing.text)")

            // Fifty-one more, answered: two pages of all, and still one awaiting an answer.
            var draft = InvitationDraft()
            draft.from = ParticipantDraft(name: "Hun Sen")
            draft.invitees = ["Joe Biden"]
            for day in 1...51 {
                draft.date = String(format: "2023-01-%02d", day % 28 + 1)
                let ref = try await InvitationService(database: harness.database).add(draft)
                _ = try await InvitationService(database: harness.database).respond(
                    ResponseDraft(invitation: ref, invitee: "Joe Biden", status: .declined, date: "2023-03"))
            }
            let first = try await client.call(.get, "/invitations", conforming: false)
            #expect(first.text.contains("1–50 of 52 invitations") && first.text.contains(#"<a href="/invitations?offset=50" rel="next">Next 50</a>"#),
                    "\(first.text)")
            let second = try await client.call(.get, "/invitations?offset=50", conforming: false)
            #expect(second.text.contains("51–52 of 52 invitations") && second.text.contains(#"<a href="/invitations" rel="prev">Previous 50</a>"#),
                    "\(second.text)")
            let stillAwaited = try await client.call(.get, "/invitations?answers=awaited", conforming: false)
            #expect(stillAwaited.text.contains("1–1 of 1 invitation awaiting an answer"), "\(stillAwaited.text)")
        }
    }

    @Test("the letter carrying an answer names the invitation it answers and whose answer it is; a letter answering none says nothing of it")
    func answeringLetter() async throws {
        try await Self.open { _, client in
            let reply = try await client.call(.get, "/letters/KH-US-2022-001", conforming: false)
            #expect(reply.text.contains(#"<h2 id="answers-carried">Answers it carries</h2>"#), "\(reply.text)")
            #expect(reply.text.contains(#"<li><a class="ref" href="/invitations/INV-US-2022-001">INV-US-2022-001</a>, the invitation to "#
                                        + #"<a href="/timeline?event=ASEAN-US-SUMMIT-2022">Special ASEAN–U.S. Summit</a>: Hun Sen for Cambodia accepted</li>"#),
                    "\(reply.text)")
            let invitationLetter = try await client.call(.get, "/letters/US-ASEAN-2022-001", conforming: false)
            #expect(invitationLetter.status == .ok && !invitationLetter.text.contains("Answers it carries"))
        }
    }
}
