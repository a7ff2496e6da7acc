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

            let narrowed = try await client.call(.get, "/?text=summit&person=Hun+Sen", conforming: false)
            #expect(narrowed.status == .ok)
            #expect(narrowed.text.contains(">KH-US-2022-001<") && narrowed.text.contains(">US-KH-2022-001<"))
            #expect(!narrowed.text.contains(">US-ASEAN-2022-001<"))
            #expect(narrowed.text.contains(#"value="Hun Sen""#))
            // Removing the person keeps the search, and the other way round.
            #expect(narrowed.text.contains(#"href="/?text=summit""#))
            #expect(narrowed.text.contains(#"href="/?person=Hun+Sen""#))
            #expect(narrowed.text.contains("Jan–Apr 2022"))
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
            let page = try await client.call(.get, "/letters/KH-US-2022-001", conforming: false)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Reply: full support"))
            #expect(page.text.contains("between 2022-01-01 and 2022-04-30"))
            #expect(page.text.contains(#"<a href="/actors/Hun%20Sen">Hun Sen</a> — Prime Minister of Cambodia, 2022 ASEAN Chair, for Cambodia (KH)"#))
            #expect(page.text.contains(#"Reply to <a href="/letters/US-KH-2022-001">US-KH-2022-001</a>"#))
            #expect(page.text.contains("<blockquote>"))
            let missing = try await client.call(.get, "/letters/NO-SUCH-1", conforming: false)
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("NO-SUCH-1"))
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
            #expect(page.text.contains(#"<a href="https://example.org/report?a=1&amp;b=2" rel="noopener noreferrer">A &quot;quoted&quot; report</a>"#))
            let register = try await client.call(.get, "/?text=alert", conforming: false)
            #expect(!register.text.contains("<script>alert"))
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
            let stylesheet = try await client.call(.get, "/assets/chancery.css", conforming: false)
            #expect(stylesheet.headers[.contentType] == "text/css; charset=utf-8")
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
