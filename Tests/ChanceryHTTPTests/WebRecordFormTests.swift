import ChanceryCore
import ChanceryModel
import Foundation
import HTTPTypes
import HummingbirdTesting
import LibPQClient
import Testing

/// The editors' forms for what letters refer to (issue 11, "Logging and editing"): actors with
/// aliases and ids, offices, memberships, events, invitations and answers. Each saves through
/// the service the CLI uses, refuses bad input beside the field with nothing written, and
/// checks the anti-forgery token.
@Suite("Web record forms")
struct WebRecordFormTests {
    typealias Accounts = WebSignInPageTests
    typealias Forms = WebLetterFormTests

    private static func count(_ harness: APIHarness, _ table: String) async throws -> String? {
        let query: PostgresQuery
        switch table {
        case "actor": query = "SELECT count(*)::text AS value FROM actor"
        case "event": query = "SELECT count(*)::text AS value FROM event"
        case "role_held": query = "SELECT count(*)::text AS value FROM role_held"
        default: query = "SELECT count(*)::text AS value FROM invitation"
        }
        return try await Forms.scalar(harness, query)
    }

    @Test("an editor records an actor with other names and authority ids; a bad id comes back beside its field and nothing is written")
    func actor() async throws {
        try await Accounts.withAccounts { harness, client in
            var browser = try await Forms.signedIn(client, as: "editor")
            let form = try await browser.get("/actors/new")
            #expect(form.status == .ok)
            #expect(form.text.contains(#"<label for="gnd">GND id</label>"#) && form.text.contains(#"<select id="kind" name="kind">"#))
            let csrf = WebVisitor.csrf(in: form) ?? ""
            let before = try await Self.count(harness, "actor")
            let fields = [("csrf", csrf), ("kind", "person"), ("name", "Philipp Jakob Spener"),
                          ("aliases", "Spener\r\nPh. J. Spener"), ("iso", ""), ("wikidata", "Q78653"), ("viaf", "44318817"),
                          ("gnd", "ID 118616242"), ("note", "")]
            let refused = try await browser.post("/actors/new", fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"<p class="field-error" id="gnd-error">invalid GND id"#), "\(refused.text)")
            #expect(refused.text.contains(#"aria-describedby="gnd-hint gnd-error" aria-invalid="true""#))
            #expect(refused.text.contains("Spener\r\nPh. J. Spener</textarea>") || refused.text.contains("Spener\nPh. J. Spener</textarea>"))
            #expect(refused.text.contains(#"<option value="person" selected>"#))
            #expect(try await Self.count(harness, "actor") == before, "nothing written")

            let saved = try await browser.post("/actors/new", fields.map { $0.0 == "gnd" ? ("gnd", "118616242") : $0 })
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/actors/Philipp%20Jakob%20Spener")
            let profile = try await ActorService(database: harness.database).show("Ph. J. Spener")
            #expect(profile.viafId == "44318817" && profile.gndId == "118616242" && profile.actor.wikidataId == "Q78653")
            #expect(profile.aliases == ["Ph. J. Spener", "Spener"])
            let author = try await Forms.scalar(harness, """
                SELECT changed_by AS value FROM history WHERE table_name = 'actor' AND operation = 'INSERT' AND after->>'name' = 'Philipp Jakob Spener'
                """)
            #expect(author == "user:editor")
            let again = try await browser.post("/actors/new", fields.map { $0.0 == "gnd" ? ("gnd", "") : $0 })
            #expect(again.status == .unprocessableContent && again.text.contains("already exists"), "the same person twice is a conflict")
        }
    }

    @Test("offices and memberships open filled from the actor's page and save to it; a bad period is refused beside its field")
    func officesAndMemberships() async throws {
        try await Accounts.withAccounts { harness, client in
            var browser = try await Forms.signedIn(client, as: "editor")
            let actorPage = try await browser.get("/actors/Hun%20Sen")
            #expect(actorPage.text.contains(#"<a href="/offices/new?holder=Hun+Sen">Add an office held</a>"#))
            let form = try await browser.get("/offices/new?holder=Hun+Sen")
            #expect(form.text.contains(#"<input id="holder" name="holder" value="Hun Sen" required data-name-suggestions="plain""#), "\(form.text)")
            let csrf = WebVisitor.csrf(in: form) ?? ""
            let before = try await Self.count(harness, "role_held")
            let refused = try await browser.post("/offices/new", [("csrf", csrf), ("holder", "Hun Sen"), ("title", "President of the Senate"),
                                                                  ("of", "Cambodia"), ("period", "2024-04-03/soon")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"id="period-error""#) && refused.text.contains(#"value="President of the Senate""#))
            #expect(try await Self.count(harness, "role_held") == before)
            let saved = try await browser.post("/offices/new", [("csrf", csrf), ("holder", "Hun Sen"), ("title", "President of the Senate"),
                                                                ("of", "Cambodia"), ("period", "2024-04-03/..")])
            #expect(saved.status == .seeOther && saved.headers[.location] == "/actors/Hun%20Sen")
            let page = try await browser.get("/actors/Hun%20Sen")
            #expect(page.text.contains("Hun Sen: President of the Senate, Cambodia"))

            let membership = try await browser.post("/memberships/new", [("csrf", csrf), ("member", "Timor-Leste"), ("organization", "ASEAN"),
                                                                         ("period", "2025-10-26/..")])
            #expect(membership.status == .unprocessableContent && membership.text.contains(#"id="member-error""#),
                    "no actor Timor-Leste yet: \(membership.text)")
            _ = try await ActorService(database: harness.database).add(ActorDraft(kind: .state, name: "Timor-Leste", isoCode: "TL"))
            let joined = try await browser.post("/memberships/new", [("csrf", csrf), ("member", "Timor-Leste"), ("organization", "ASEAN"),
                                                                     ("period", "2025-10-26/..")])
            #expect(joined.status == .seeOther && joined.headers[.location] == "/actors/ASEAN")
            let asean = try await browser.get("/actors/ASEAN")
            #expect(asean.text.contains("Timor-Leste in ASEAN"))
        }
    }

    @Test("an event, an invitation carried by a letter, and an answer: each shows where it belongs")
    func eventInvitationAndAnswer() async throws {
        try await Accounts.withAccounts { harness, client in
            var browser = try await Forms.signedIn(client, as: "editor")
            let csrf = WebVisitor.csrf(in: try await browser.get("/events/new")) ?? ""
            let events = try await Self.count(harness, "event")
            let undated = try await browser.post("/events/new", [("csrf", csrf), ("name", "ASEAN–U.S. Commemorative Summit"), ("kind", "summit"),
                                                                 ("status", "held"), ("date", ""), ("country", "US")])
            #expect(undated.status == .unprocessableContent && undated.text.contains(#"<p class="field-error" id="date-error">a held event needs a date"#),
                    "\(undated.text)")
            #expect(undated.text.contains(#"<option value="held" selected>held</option>"#))
            #expect(try await Self.count(harness, "event") == events)
            let event = try await browser.post("/events/new", [("csrf", csrf), ("name", "ASEAN–U.S. Commemorative Summit"), ("kind", "summit"),
                                                               ("status", "proposed"), ("date", "2022-11"), ("country", "KH"),
                                                               ("participants", "United States\nASEAN")])
            #expect(event.status == .seeOther)
            let eventLocation = try #require(event.headers[.location])
            #expect(eventLocation.hasPrefix("/timeline?event=EV-2022-"), "\(eventLocation)")
            let eventRef = String(eventLocation.dropFirst("/timeline?event=".count))

            let letter = try await browser.get("/letters/KH-US-2022-001")
            #expect(letter.text.contains("/invitations/new?letter=KH-US-2022-001&amp;from=Hun+Sen"))
            let invitation = try await browser.post("/invitations/new", [
                ("csrf", csrf), ("from", "Hun Sen | Prime Minister | Cambodia"), ("invitees", "Joe Biden"), ("event", eventRef),
                ("letter", "KH-US-2022-001"), ("date", ""), ("reply-by", "2022-09"), ("summary", "Invites the President to Phnom Penh."),
            ])
            let ref = try #require(try await Forms.scalar(harness, "SELECT ref AS value FROM invitation WHERE summary LIKE 'Invites the President%'"))
            #expect(invitation.status == .seeOther && invitation.headers[.location] == "/invitations/" + ref, "\(invitation.text)")
            let own = try await browser.get("/invitations/" + ref)
            #expect(own.text.contains(#"<dt>Carried by</dt><dd><a href="/letters/KH-US-2022-001">KH-US-2022-001</a></dd>"#), "\(own.text)")
            #expect(own.text.contains(#"<p class="actions"><a href="/answers/new?invitation="#), "an editor may record an answer")
            let carried = try await browser.get("/letters/KH-US-2022-001")
            #expect(carried.text.contains("Invites the President to Phnom Penh."))
            #expect(carried.text.contains(#"<span class="mark">pending</span> <a href="/answers/new?invitation="#))

            let wrongInvitee = try await browser.post("/answers/new", [("csrf", csrf), ("invitation", ref), ("invitee", "Hun Sen"),
                                                                       ("status", "accepted"), ("letter", ""), ("date", "2022-10"), ("note", "")])
            #expect(wrongInvitee.status == .unprocessableContent && wrongInvitee.text.contains(#"id="invitee-error""#), "\(wrongInvitee.text)")
            let answered = try await browser.post("/answers/new", [("csrf", csrf), ("invitation", ref), ("invitee", "Joe Biden"),
                                                                   ("status", "accepted"), ("letter", ""), ("date", "2022-10"), ("note", "")])
            #expect(answered.status == .seeOther && answered.headers[.location] == "/invitations/" + ref + "#answers")
            let answeredPage = try await browser.get("/invitations/" + ref)
            #expect(answeredPage.text.contains("<strong>An answer recorded: Joe Biden</strong> by user:editor"), "\(answeredPage.text)")
            #expect(!answeredPage.text.contains(#"<p class="actions">"#), "nothing is left to answer")
            // An answer given can be corrected: the form opens filled with it.
            #expect(answeredPage.text.contains("accepted <a href=\"/answers/new?invitation=\(ref)&amp;invitee=Joe+Biden&amp;status=accepted&amp;letter=&amp;date=2022-10&amp;note=\">Correct</a>"),
                    "\(answeredPage.text)")
            let correction = try await browser.get("/answers/new?invitation=\(ref)&invitee=Joe+Biden&status=accepted&letter=&date=2022-10&note=")
            #expect(correction.text.contains(#"<option value="accepted" selected>accepted</option>"#), "\(correction.text)")
            // A note added, then erased in the form, is gone.
            for note in ["By telephone, then in writing", ""] {
                let corrected = try await browser.post("/answers/new", [("csrf", csrf), ("invitation", ref), ("invitee", "Joe Biden"),
                                                                        ("status", "accepted"), ("letter", ""), ("date", "2022-10"), ("note", note)])
                #expect(corrected.status == .seeOther, "\(corrected.text)")
                let stored = try await WebLetterFormTests.scalar(harness, """
                    SELECT coalesce(v.note, '(none)') AS value FROM invitation_invitee v
                    JOIN invitation i ON i.id = v.invitation_id JOIN actor a ON a.id = v.invitee_id
                    WHERE i.ref = \(ref) AND a.name = 'Joe Biden'
                    """)
                #expect(stored == (note.isEmpty ? "(none)" : note))
            }
            let after = try await browser.get("/letters/KH-US-2022-001")
            #expect(after.text.contains(#"<a href="/actors/Joe%20Biden">Joe Biden"#) && after.text.contains("</a></td><td>accepted"), "\(after.text)")
        }
    }

    @Test("the record forms refuse a post without the session's token and a reader's session, writing nothing")
    func forgeryAndRoles() async throws {
        try await Accounts.withAccounts { harness, client in
            var editor = try await Forms.signedIn(client, as: "editor")
            let before = try await Self.count(harness, "actor")
            let forged = try await editor.post("/actors/new", [("csrf", "forged"), ("kind", "state"), ("name", "Atlantis")])
            #expect(forged.status == .forbidden)
            var reader = try await Forms.signedIn(client, as: "reader")
            let csrf = WebVisitor.csrf(in: try await reader.get("/")) ?? ""
            for path in ["/actors/new", "/offices/new", "/memberships/new", "/events/new", "/invitations/new", "/answers/new"] {
                let form = try await reader.get(path)
                #expect(form.status == .forbidden, "\(path)")
                let posted = try await reader.post(path, [("csrf", csrf), ("kind", "state"), ("name", "Atlantis")])
                #expect(posted.status == .forbidden, "\(path)")
            }
            #expect(try await Self.count(harness, "actor") == before)
            let readerPage = try await reader.get("/actors/Hun%20Sen")
            #expect(!readerPage.text.contains("Add an office held"))
        }
    }
}
