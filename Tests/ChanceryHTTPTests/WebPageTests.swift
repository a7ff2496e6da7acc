import ChanceryCore
import ChanceryModel
import Foundation
import HTTPTypes
import HummingbirdTesting
import LibPQClient
import Testing

/// The web interface's reading room (issue 11, first pages): the register, a letter's page and an
/// actor's page, served by the same router as the API, rendered from templates with escaping.
@Suite("Web pages")
struct WebPageTests {
    private static func open(_ configure: Bool = true,
                             _ body: @Sendable @escaping (APIHarness, any TestClientProtocol) async throws -> Void) async throws {
        try await APIHarness.run(configure: { $0.allowsAnonymousReads = configure }, body)
    }

    @Test("without anonymous reads a visitor is sent to sign in, back to where they were going, and sees no letter")
    func closedWithoutAnonymousReads() async throws {
        try await Self.open(false) { _, client in
            let page = try await client.call(.get, "/", conforming: false)
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/sign-in")
            #expect(!page.text.contains("KH-US-2022-001"))
            let letter = try await client.call(.get, "/letters/KH-US-2022-001", conforming: false)
            #expect(letter.status == .seeOther)
            #expect(letter.headers[.location] == "/sign-in?next=%2Fletters%2FKH-US-2022-001")
            #expect(!letter.text.contains("Reply: full support"))
        }
    }

    @Test("the register lists letters in date order, narrows by search and person (+ is a space), and every filter is removable")
    func register() async throws {
        try await Self.open { _, client in
            let all = try await client.call(.get, "/", conforming: false)
            #expect(all.status == .ok)
            #expect(all.headers[.contentType] == "text/html; charset=utf-8")
            #expect(all.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            let order = ["US-ASEAN-2022-001", "US-KH-2022-001", "KH-US-2022-001"].map { all.text.range(of: ">" + $0 + "<")?.lowerBound }
            #expect(order.allSatisfy { $0 != nil })
            #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
            // Intermediaries come after the recipients, each described like the senders.
            #expect(all.text.contains("<td>Joe Biden (President, for United States) → ASEAN (ASEAN leaders); via Indonesia (Country Coordinator for the United States in ASEAN)</td>"), "\(all.text)")

            let narrowed = try await client.call(.get, "/?text=summit&person=Hun+Sen", conforming: false)
            #expect(narrowed.status == .ok)
            #expect(narrowed.text.contains(">KH-US-2022-001<") && narrowed.text.contains(">US-KH-2022-001<"))
            #expect(!narrowed.text.contains(">US-ASEAN-2022-001<"))
            #expect(narrowed.text.contains(#"value="Hun Sen""#))
            // Removing the person keeps the search, and the other way round.
            #expect(narrowed.text.contains(#"href="/?text=summit""#))
            #expect(narrowed.text.contains(#"href="/?person=Hun+Sen""#))
            #expect(narrowed.text.contains("Jan–Apr 2022"))
            // Sender → recipient with capacities and whom they wrote for.
            #expect(narrowed.text.contains("<td>Hun Sen (Prime Minister of Cambodia, 2022 ASEAN Chair, for Cambodia) → Joe Biden (President, for United States)</td>"), "\(narrowed.text)")
        }
    }

    @Test("a bad filter comes back on the page with the reason, and what was typed is kept")
    func badFilter() async throws {
        try await Self.open { _, client in
            let page = try await client.call(.get, "/?since=sometime&country=KH", conforming: false)
            #expect(page.status == .badRequest)
            #expect(page.text.contains("There is a problem"))
            #expect(page.text.contains("invalid"))
            #expect(page.text.contains(#"value="sometime""#) && page.text.contains(#"value="KH""#))
        }
    }

    @Test("a letter's page: date as known, participants with capacities, the thread, sources; unknown refs are 404")
    func letterPage() async throws {
        try await Self.open { _, client in
            var page = try await client.call(.get, "/letters/KH-US-2022-001", conforming: false)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Reply: full support"))
            #expect(page.text.contains("between 2022-01-01 and 2022-04-30"))
            #expect(page.text.contains(#"<a href="/actors/Hun%20Sen">Hun Sen</a> — Prime Minister of Cambodia, 2022 ASEAN Chair, for Cambodia (KH)"#))
            // The letter comes at once, with its direct links; its thread and history follow on
            // their own requests, or in the page with ?full=yes.
            #expect(page.text.contains(#"<section aria-labelledby="thread" data-fragment="/fragments/thread/KH-US-2022-001">"#))
            #expect(page.text.contains(#"Reply to <a href="/letters/US-KH-2022-001">US-KH-2022-001</a>"#))
            #expect(page.text.contains(#"<a href="/letters/KH-US-2022-001?full=yes#thread">Show the whole thread</a>"#))
            #expect(page.text.contains(#"data-fragment="/fragments/history/KH-US-2022-001""#))
            let fragment = try await client.call(.get, "/fragments/thread/KH-US-2022-001", conforming: false)
            #expect(fragment.status == .ok && !fragment.text.contains("<html") && fragment.text.contains("Thread <span"))
            let history = try await client.call(.get, "/fragments/history/KH-US-2022-001", conforming: false)
            #expect(history.text.contains(#"<h2 id="history">History</h2>"#) && history.text.contains("by cli:test-setup") || history.text.contains("<strong>The letter added</strong>"),
                    "\(history.text)")
            let full = try await client.call(.get, "/letters/KH-US-2022-001?full=yes", conforming: false)
            #expect(!full.text.contains("data-fragment") && full.text.contains(#"<h2 id="history">History</h2>"#))
            // The thread as a tree: this letter marked, the others links, each with how it hangs.
            page = full
            #expect(page.text.contains(#"<strong aria-current="page">KH-US-2022-001</strong>"#))
            #expect(page.text.contains(#"<a href="/letters/US-KH-2022-001">US-KH-2022-001</a>"#))
            #expect(page.text.contains(#"<a href="/letters/US-ASEAN-2022-001">US-ASEAN-2022-001</a>"#))
            #expect(page.text.contains(#"<span class="role">reply</span> <strong aria-current="page">KH-US-2022-001"#))
            #expect(page.text.contains("Thread <span class=\"quiet\">(3 letters)</span>"))
            #expect(page.text.contains("<blockquote>"))
            let missing = try await client.call(.get, "/letters/NO-SUCH-1", conforming: false)
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("NO-SUCH-1"))
        }
    }

    @Test("a letter's page shows the invitations it carries with each invitee's answer, and the events it concerns")
    func invitationsAndEvents() async throws {
        try await Self.open { harness, client in
            let page = try await client.call(.get, "/letters/US-ASEAN-2022-001", conforming: false)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<h2 id="invitations">Invitations it carries</h2>"#))
            #expect(page.text.contains("INV-US-2022-001"))
            #expect(page.text.contains(#"to <a href="/timeline?event=ASEAN-US-SUMMIT-2022">Special ASEAN–U.S. Summit</a>"#), "\(page.text)")
            // Hun Sen accepted in his reply; ASEAN has not answered.
            #expect(page.text.contains(#"<td><a href="/actors/Hun%20Sen">Hun Sen for Cambodia</a></td><td>accepted"#))
            #expect(page.text.contains(#"<a href="/letters/KH-US-2022-001">KH-US-2022-001</a></td></tr>"#))
            #expect(page.text.contains(#"<a href="/actors/ASEAN">ASEAN</a></td><td><span class="mark">pending</span>"#))
            #expect(!page.text.contains(#"<h2 id="events">"#))

            var debrief = LetterDraft()
            debrief.ref = "KH-US-2022-050"
            debrief.from = [ParticipantDraft(name: "Hun Sen")]
            debrief.to = [ParticipantDraft(name: "Joe Biden")]
            debrief.date = "2022-05-20"
            debrief.subject = "Thanks for the summit"
            debrief.events = ["ASEAN-US-SUMMIT-2022"]
            _ = try await LetterService(database: harness.database).add(debrief)
            let withEvent = try await client.call(.get, "/letters/KH-US-2022-050", conforming: false)
            #expect(withEvent.text.contains(#"<li><a href="/timeline?event=ASEAN-US-SUMMIT-2022">Special ASEAN–U.S. Summit</a> <span class="quiet">summit · held · 12–13 May 2022"#), "\(withEvent.text)")
            #expect(!withEvent.text.contains(#"<h2 id="thread">"#), "a letter on its own has no thread")
        }
    }

    @Test("names as written, the editor's marks and dates as written show on the letter; what a user typed is escaped")
    func escapingAndMarks() async throws {
        try await Self.open { harness, client in
            var draft = LetterDraft()
            draft.ref = "KH-US-2022-099"
            draft.from = [ParticipantDraft(name: "Hun Sen", nameAsWritten: "Samdech <b>Hun</b> Sen", nameSupplied: true, nameUncertain: true)]
            draft.to = [ParticipantDraft(name: "Joe Biden")]
            draft.date = "/2022-07-18"
            draft.dateAsWritten = "[kurz vor Juli 18]"
            draft.subject = "<script>alert(1)</script>"
            draft.sources = [SourceDraft(title: "A \"quoted\" report", url: "https://example.org/report?a=1&b=2")]
            _ = try await LetterService(database: harness.database).add(draft)
            let page = try await client.call(.get, "/letters/KH-US-2022-099", conforming: false)
            #expect(page.status == .ok)
            #expect(!page.text.contains("<script>alert(1)"))
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.text.contains("written “Samdech &lt;b&gt;Hun&lt;/b&gt; Sen”"))
            #expect(page.text.contains("name supplied by the editor") && page.text.contains(">uncertain<"))
            #expect(page.text.contains("As written: “[kurz vor Juli 18]”"))
            #expect(page.text.range(of: #"<a href="/sources/[0-9]+">A &quot;quoted&quot; report</a>"#, options: .regularExpression) != nil)
            #expect(page.text.contains(#"<a href="https://example.org/report?a=1&amp;b=2" rel="noopener noreferrer">the original</a>"#))
            let register = try await client.call(.get, "/?text=alert", conforming: false)
            #expect(!register.text.contains("<script>alert"))
            let listed = try await client.call(.get, "/?country=KH", conforming: false)
            #expect(listed.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !listed.text.contains("<script>alert"))
        }
    }

    @Test("an actor's page: other names in every script, offices, and a link to their letters")
    func actorPage() async throws {
        try await Self.open { _, client in
            let page = try await client.call(.get, "/actors/Hun%20Sen", conforming: false)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Hun Sen</h1>"))
            #expect(page.text.contains("ហ៊ុន សែន"))
            #expect(page.text.contains("Prime Minister, Cambodia (Jan 1985 – Aug 2023)"))
            #expect(page.text.contains(#"<a href="/?person=Hun+Sen">2</a>"#))
            let state = try await client.call(.get, "/actors/KH", conforming: false)
            #expect(state.text.contains(#"href="/?country=KH""#))
            #expect(state.text.contains(#"<a href="https://www.iso.org/obp/ui/#iso:code:3166:KH" rel="noopener noreferrer">KH</a>"#))
            // Busiest correspondents, with the letters each way.
            #expect(page.text.contains(#"<h2 id="correspondents">Busiest correspondents</h2>"#))
            #expect(page.text.contains(#"<td><a href="/actors/Joe%20Biden">Joe Biden</a> <span class="quiet">person</span></td><td>2 letters</td><td>1 sent, 1 received</td>"#),
                    "\(page.text)")
            let stylesheet = try await client.call(.get, "/assets/chancery.css", conforming: false)
            #expect(stylesheet.headers[.contentType] == "text/css; charset=utf-8")
        }
    }

    @Test("an actor's authority ids are links: Wikidata, VIAF and GND")
    func authorityLinks() async throws {
        try await Self.open { harness, client in
            _ = try await ActorService(database: harness.database).add(
                ActorDraft(kind: .person, name: "Philipp Jakob Spener", wikidataId: "Q78653", viafId: "44318817", gndId: "118616242"))
            let page = try await client.call(.get, "/actors/Philipp%20Jakob%20Spener", conforming: false)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<a href="https://viaf.org/viaf/44318817" rel="noopener noreferrer">44318817</a>"#))
            #expect(page.text.contains(#"<a href="https://d-nb.info/gnd/118616242" rel="noopener noreferrer">118616242</a>"#))
            #expect(page.text.contains(#"<a href="https://www.wikidata.org/wiki/Q78653" rel="noopener noreferrer">Q78653</a>"#))
            #expect(!page.text.contains("Busiest correspondents"), "no letters, no correspondents")
            #expect(!page.text.contains("Unidentified"))
            _ = try await ActorService(database: harness.database).add(ActorDraft(kind: .person, name: "einen Amtsbruder"))
            let described = try await client.call(.get, "/actors/einen%20Amtsbruder", conforming: false)
            #expect(described.text.contains("<dt>Identity</dt><dd>Unidentified: stands for someone the sources do not name"), "\(described.text)")
            // The ranking on the writer's page says what it leaves out.
            var letter = LetterDraft()
            letter.from = [ParticipantDraft(name: "Philipp Jakob Spener")]
            letter.to = [ParticipantDraft(name: "einen Amtsbruder")]
            letter.date = "1680-01-01"
            letter.subject = "To a fellow minister"
            _ = try await LetterService(database: harness.database).add(letter)
            let writer = try await client.call(.get, "/actors/Philipp%20Jakob%20Spener", conforming: false)
            #expect(writer.text.contains(#"<p class="hint">1 letter with correspondents the sources do not name (unidentified actors, "#
                + "who stand for many people) is not ranked here.</p>"), "\(writer.text)")
        }
    }

    @Test("open items: the invitation still awaiting ASEAN's answer")
    func pendingPage() async throws {
        try await Self.open { _, client in
            let page = try await client.call(.get, "/pending", conforming: false)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Open items</h1>"))
            #expect(page.text.contains("INV-US-2022-001"))
            #expect(page.text.contains("ASEAN"))
            #expect(page.text.contains(#"<a href="/pending">Open items</a>"#))
        }
    }

    @Test("a timeline page: the chart, the items with links to letters, downloads in all six formats; one scope at a time")
    func timelinePage() async throws {
        try await Self.open { _, client in
            let empty = try await client.call(.get, "/timeline", conforming: false)
            #expect(empty.status == .ok && empty.text.contains("<h1>Timelines</h1>"))
            let page = try await client.call(.get, "/timeline?between=US%2CKH", conforming: false)
            #expect(page.status == .ok)
            #expect(page.text.contains("<svg") && page.text.contains(#"<figure class="chart" tabindex="0""#))
            #expect(page.text.contains(#"<a href="/letters/KH-US-2022-001">KH-US-2022-001</a>"#))
            #expect(page.text.contains("Jan–Apr 2022"))
            #expect(page.text.contains(#"value="US,KH""#))
            for format in ["text", "md", "json", "csv", "html", "ics"] {
                #expect(page.text.contains("/timeline/download?between=US%2CKH&amp;format=\(format)"), "\(format)")
            }
            let csv = try await client.call(.get, "/timeline/download?between=US%2CKH&format=csv", conforming: false)
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"timeline-") == true)
            #expect(csv.headers[.contentDisposition]?.hasSuffix(".csv\"") == true)
            #expect(csv.text.contains("KH-US-2022-001"))
            let ics = try await client.call(.get, "/timeline/download?country=KH&format=ics", conforming: false)
            #expect(ics.status == .ok && ics.text.hasPrefix("BEGIN:VCALENDAR"))

            let two = try await client.call(.get, "/timeline?country=KH&person=Hun+Sen", conforming: false)
            #expect(two.status == .badRequest && two.text.contains("a timeline is of one thing"))
            #expect(two.text.contains(#"value="KH""#) && two.text.contains(#"value="Hun Sen""#))
            let unknown = try await client.call(.get, "/timeline?person=Nobody+Known", conforming: false)
            #expect(unknown.status == .notFound && unknown.text.contains("Nobody Known"))
            let badFormat = try await client.call(.get, "/timeline/download?country=KH&format=pdf", conforming: false)
            #expect(badFormat.status == .badRequest)

            // A page shows its first items and links to twice as many; the downloads hold them all.
            #expect(!page.text.contains(#"class="more""#), "the pair's few items fit on one page")
            let first = try await client.call(.get, "/timeline?between=US%2CKH&limit=2", conforming: false)
            #expect(first.status == .ok && first.text.contains("First 2 items shown; more match."), "\(first.text)")
            #expect(first.text.components(separatedBy: "<tr class=").count - 1 == 2)
            #expect(first.text.contains(#"<p class="more"><a href="/timeline?between=US%2CKH&amp;limit=4">Show the first 4 items</a>"#), "\(first.text)")
            #expect(first.text.contains("/timeline/download?between=US%2CKH&amp;format=csv"), "downloads carry no limit")
            for bad in ["0", "many", "100001"] {
                let refused = try await client.call(.get, "/timeline?between=US%2CKH&limit=" + bad, conforming: false)
                #expect(refused.status == .badRequest && refused.text.contains("is not a number of items from 1 to 100000"), "\(bad)")
            }
        }
    }

    @Test("the register's facets: counts per year, country, person, organization and kind, each a link that narrows and keeps the search")
    func facets() async throws {
        try await Self.open { _, client in
            let page = try await client.call(.get, "/?text=summit", conforming: false)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<h2 id="facets-heading">Narrow"#))
            #expect(page.text.contains(#"<a href="/?text=summit&amp;country=KH">Cambodia</a> <span class="count">2</span>"#), "\(page.text)")
            #expect(page.text.contains(#"href="/?text=summit&amp;since=2022&amp;until=2022">2022</a>"#))
            #expect(page.text.contains(#"<meter min="0" max="#))
            #expect(page.text.contains(#"href="/?text=summit&amp;kind=letter">letter</a>"#))

            let narrowed = try await client.call(.get, "/?text=summit&country=KH", conforming: false)
            #expect(narrowed.text.contains(#"<a href="/?text=summit&amp;country=KH" aria-current="true">Cambodia</a>"#))
            #expect(!narrowed.text.contains(">US-ASEAN-2022-001<"))
            let kind = try await client.call(.get, "/?kind=note_verbale", conforming: false)
            #expect(kind.status == .ok && kind.text.contains("No letters match."))
            let badKind = try await client.call(.get, "/?kind=postcard", conforming: false)
            #expect(badKind.status == .badRequest && badKind.text.contains("unknown kind"))
        }
    }

    @Test("the register's facets also count countries by side, pairs of countries and events; an organization can take its members")
    func sidedFacets() async throws {
        try await Self.open { _, client in
            let page = try await client.call(.get, "/", conforming: false)
            #expect(page.text.contains(#"<h3 id="facet-sending">Sent from</h3>"#))
            #expect(page.text.contains(#"<a href="/?from=US">United States</a> <span class="count">2</span>"#), "\(page.text)")
            #expect(page.text.contains(#"<a href="/?to=KH">Cambodia</a> <span class="count">1</span>"#))
            #expect(page.text.contains(#"<h3 id="facet-pairs">Between</h3>"#))
            let fromKH = try await client.call(.get, "/?from=KH", conforming: false)
            #expect(fromKH.text.contains(">KH-US-2022-001<") && !fromKH.text.contains(">US-KH-2022-001<"))
            let pair = try await client.call(.get, "/?between=KH,US", conforming: false)
            #expect(pair.status == .ok && pair.text.contains(">KH-US-2022-001<") && pair.text.contains(">US-KH-2022-001<"))
            #expect(!pair.text.contains(">US-ASEAN-2022-001<"))
            let badPair = try await client.call(.get, "/?between=KH", conforming: false)
            #expect(badPair.status == .badRequest && badPair.text.contains("is not a pair of countries"))
            let members = try await client.call(.get, "/?org=ASEAN&members=yes", conforming: false)
            #expect(members.status == .ok && members.text.contains(">KH-US-2022-001<"), "Cambodia was a member of ASEAN")
            #expect(members.text.contains(#"name="members" value="yes" checked"#))
            let membersAlone = try await client.call(.get, "/?members=yes", conforming: false)
            #expect(membersAlone.status == .badRequest && membersAlone.text.contains("Organization field"))
        }
    }

    @Test("the register pages by cursor: the next page follows the last letter shown, even after an earlier letter is logged")
    func cursorPaging() async throws {
        try await Self.open { harness, client in
            let letters = LetterService(database: harness.database)
            for index in 0..<55 {
                var draft = LetterDraft()
                draft.ref = String(format: "PG-%03d", index)
                draft.from = [ParticipantDraft(name: "Joe Biden")]
                draft.to = [ParticipantDraft(name: "Hun Sen")]
                draft.date = "2023-02-01"
                draft.subject = "Paging letter \(index)"
                _ = try await letters.add(draft)
            }
            func refs(_ text: String) -> [String] {
                text.components(separatedBy: #"<td class="ref"><a href="/letters/"#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
            }
            let first = try await client.call(.get, "/?since=2023", conforming: false)
            let firstRefs = refs(first.text)
            #expect(firstRefs.count == 50 && firstRefs.first == "PG-000" && firstRefs.last == "PG-049")
            #expect(first.text.contains(#"<a rel="next" href="/?since=2023&amp;after=PG-049">"#), "\(first.text)")
            #expect(!first.text.contains(#"rel="prev""#))

            var early = LetterDraft()
            early.from = [ParticipantDraft(name: "Joe Biden")]
            early.to = [ParticipantDraft(name: "Hun Sen")]
            early.date = "2023-01-15"
            early.subject = "Logged while someone reads"
            let earlyRef = try await letters.add(early)
            let second = try await client.call(.get, "/?since=2023&after=PG-049", conforming: false)
            // Offset paging would show PG-049 again; the cursor goes on after it.
            #expect(refs(second.text) == ["PG-050", "PG-051", "PG-052", "PG-053", "PG-054"], "\(refs(second.text))")
            #expect(!second.text.contains(#"rel="next""#))
            #expect(second.text.contains(#"<a rel="prev" href="/?since=2023&amp;before=PG-050">"#))
            #expect(second.text.contains(#"href="/?since=2023">⇤ First page</a>"#))
            let back = try await client.call(.get, "/?since=2023&before=PG-050", conforming: false)
            #expect(refs(back.text) == firstRefs, "the 50 letters right before PG-050")
            #expect(back.text.contains(#"<a rel="prev" href="/?since=2023&amp;before=PG-000">"#), "the new letter is before them")
            let start = try await client.call(.get, "/?since=2023&before=PG-000", conforming: false)
            #expect(refs(start.text) == [earlyRef] && !start.text.contains(#"rel="prev""#))
            #expect(back.text.contains(#"<a rel="next" href="/?since=2023&amp;after=PG-049">"#))
            let stale = try await client.call(.get, "/?after=NO-SUCH-9", conforming: false)
            #expect(stale.status == .badRequest && stale.text.contains("NO-SUCH-9"))
        }
    }

    @Test("a broad selection's counts come on their own request (or a link without the script); a narrow one's with the page")
    func deferredFacets() async throws {
        try await Self.open { harness, client in
            let lines = ["{\"type\": \"chancery-dataset\", \"version\": 1, \"name\": \"Many letters\"}"] + (0..<520).map { index in
                #"{"type": "letter", "ref": "MANY-\#(index)", "from": [{"name": "Joe Biden"}], "to": [{"name": "Hun Sen"}], "#
                    + #""date": "2023-03-\#(String(format: "%02d", index % 28 + 1))", "subject": "Routine note \#(index)"}"#
            }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("many-\(UUID().uuidString).jsonl")
            try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            _ = try await ImportService(database: harness.database).run([file.path], options: ImportOptions())

            let broad = try await client.call(.get, "/?person=Hun+Sen", conforming: false)
            #expect(broad.status == .ok)
            #expect(broad.text.contains(#"data-fragment="/register/facets?person=Hun+Sen""#), "\(broad.text)")
            #expect(broad.text.contains(#"<a href="/?person=Hun+Sen&amp;counts=yes">Count them</a>"#))
            #expect(!broad.text.contains(#"<h3 id="facet-years">"#))
            let fragment = try await client.call(.get, "/register/facets?person=Hun+Sen", conforming: false)
            #expect(fragment.status == .ok && !fragment.text.contains("<html"))
            #expect(fragment.text.contains(#"<h2 id="facets-heading">Narrow 522 letters</h2>"#), "\(fragment.text)")
            #expect(fragment.text.contains(#"<a href="/?person=Hun+Sen&amp;since=2023&amp;until=2023">2023</a> <span class="count">520</span>"#))
            let counted = try await client.call(.get, "/?person=Hun+Sen&counts=yes", conforming: false)
            #expect(counted.text.contains("Narrow 522 letters") && !counted.text.contains(#"data-fragment="/register"#))
            let narrow = try await client.call(.get, "/?person=Hun+Sen&since=2022&until=2022", conforming: false)
            #expect(narrow.text.contains("Narrow 2 letters") && !narrow.text.contains(#"data-fragment="/register"#))
            let badFragment = try await client.call(.get, "/register/facets?kind=postcard", conforming: false)
            #expect(badFragment.status == .badRequest || badFragment.status == .unprocessableContent, "\(badFragment.status)")
        }
    }

    @Test("a letter downloads as JSON, and as CMIF with the letter it answers so the file imports on its own")
    func letterDownloads() async throws {
        try await Self.open { _, client in
            let page = try await client.call(.get, "/letters/KH-US-2022-001", conforming: false)
            #expect(page.text.contains(#"<a href="/letters/KH-US-2022-001/download?format=cmif">CMIF (TEI)</a>"#))
            let json = try await client.call(.get, "/letters/KH-US-2022-001/download?format=json", conforming: false)
            #expect(json.status == .ok && json.headers[.contentDisposition] == #"attachment; filename="letter-KH-US-2022-001.json""#)
            #expect(json.object["ref"] as? String == "KH-US-2022-001" && json.object["revision"] != nil)
            let cmif = try await client.call(.get, "/letters/KH-US-2022-001/download?format=cmif", conforming: false)
            #expect(cmif.status == .ok && cmif.headers[.contentType] == "application/tei+xml")
            #expect(cmif.text.components(separatedBy: "<correspDesc").count - 1 == 3, "KH-US-2022-001, the letter it answers, and that one's enclosure")
            #expect(cmif.text.contains("Hun Sen"))
            let csv = try await client.call(.get, "/letters/US-ASEAN-2022-001/download?format=csv", conforming: false)
            #expect(csv.status == .ok && csv.text.contains("US-ASEAN-2022-001") && !csv.text.contains("KH-US-2022-001"))
            #expect(try await client.call(.get, "/letters/KH-US-2022-001/download?format=pdf", conforming: false).status == .badRequest)
            #expect(try await client.call(.get, "/letters/NO-SUCH-1/download?format=cmif", conforming: false).status == .notFound)
        }
    }

    @Test("when counting takes too long the register still lists its letters, and says the counts are left out")
    func facetsLeftOut() async throws {
        try await Self.open { harness, client in
            let blocker = try await PostgresConnection.connect(harness.configuration)
            try await blocker.execute("BEGIN")
            try await blocker.execute("LOCK TABLE letter_by_party IN ACCESS EXCLUSIVE MODE")
            let page = try await client.call(.get, "/", conforming: false)
            try await blocker.execute("ROLLBACK")
            blocker.close()
            #expect(page.status == .ok)
            #expect(page.text.contains(">KH-US-2022-001<"))
            #expect(page.text.contains("Counts are left out") && !page.text.contains("facets-heading"))
        }
    }
}
