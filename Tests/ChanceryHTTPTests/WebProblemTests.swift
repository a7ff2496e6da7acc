@testable import ChanceryWeb
import ChanceryCore
import ChanceryModel
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// What the web pages say when something is refused or missing: ChanceryCore's errors speak to
/// the command line, the pages to a browser. No page tells a reader to run `chancery …` or pass a
/// `--flag`; the closest names are listed (as links where the page can send the reader), and
/// "Did you mean one of these?" is said only above such a list.
@Suite("Web problems and years")
struct WebProblemTests {
    private static func open(_ body: @Sendable @escaping (APIHarness, any TestClientProtocol) async throws -> Void) async throws {
        try await APIHarness.run(configure: { $0.allowsAnonymousReads = true }, body)
    }

    /// The part of a page inside `<main>`: the layout (search form, footer) says nothing of errors.
    static func main(_ html: String) -> String {
        guard let start = html.range(of: "<main"), let end = html.range(of: "</main>") else { return html }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// A command (`chancery actor add`, backticked or not) or a flag (`--to`) anywhere in `html`.
    static func commandLine(in html: String) -> String? {
        for pattern in [#"chancery [a-z]"#, #"`"#, #"(^|[\s(>"'])--[a-z]"#] {
            if let found = html.range(of: pattern, options: .regularExpression) {
                let start = html.index(found.lowerBound, offsetBy: -40, limitedBy: html.startIndex) ?? html.startIndex
                return String(html[start..<found.upperBound])
            }
        }
        return nil
    }

    // MARK: - Years before the common era

    @Test("a letter of 45 BC is counted under “45 BC”, its facet links to the EDTF year -0044, and that address lists it")
    func yearsBeforeTheCommonEra() async throws {
        try await Self.open { harness, client in
            let letters = LetterService(database: harness.database)
            for (ref, date) in [("ROMA-1", "-0044-03-15"), ("ROMA-2", "-0043-05"), ("ROMA-3", "0000-06-01")] {
                var draft = LetterDraft()
                draft.ref = ref
                draft.from = [ParticipantDraft(name: "Joe Biden", nameAsWritten: "Gaius")]
                draft.to = [ParticipantDraft(name: "Hun Sen")]
                draft.date = date
                draft.subject = "Letter " + ref
                _ = try await letters.add(draft)
            }
            let fragment = try await client.call(.get, "/register/facets?", conforming: false)
            #expect(fragment.status == .ok)
            // PostgreSQL counts 45 BC as -45; EDTF, and the filters, as -0044.
            #expect(fragment.text.contains(#"<a href="/?since=-0044&amp;until=-0044">45 BC</a> <span class="count">1</span>"#), "\(fragment.text)")
            #expect(fragment.text.contains(#"<a href="/?since=-0043&amp;until=-0043">44 BC</a>"#))
            #expect(fragment.text.contains(#"<a href="/?since=0000&amp;until=0000">1 BC</a>"#))
            #expect(fragment.text.contains(#"aria-label="45 BC: 1 letter""#) && fragment.text.contains(#"aria-label="2022: 3 letters""#))
            #expect(!fragment.text.contains(">-45<") && !fragment.text.contains("since=-45"))

            let year = try await client.call(.get, "/?since=-0044&until=-0044", conforming: false)
            #expect(year.status == .ok)
            #expect(year.text.contains(">ROMA-1<") && !year.text.contains(">ROMA-2<") && !year.text.contains(">KH-US-2022-001<"))
            #expect(year.text.contains(#"<h2 id="facets-heading">Narrow 1 letter</h2>"#), "\(year.text)")
            #expect(year.text.contains(#"<a href="/?since=-0044&amp;until=-0044" aria-current="true">45 BC</a>"#))
            #expect(year.text.contains("<caption>1 letter, 15 March 45 BC</caption>"), "\(year.text)")
            let firstBC = try await client.call(.get, "/?since=0000&until=0000", conforming: false)
            #expect(firstBC.status == .ok && firstBC.text.contains(">ROMA-3<") && !firstBC.text.contains(">ROMA-2<"))

            // The years of a spelling on the actor's page are read the same way.
            let actor = try await client.call(.get, "/actors/Joe%20Biden", conforming: false)
            #expect(actor.text.contains("Gaius (3 letters, 45–1 BC)"), "\(Self.main(actor.text))")
        }
    }

    @Test("years are named and written as EDTF astronomically", arguments: [
        (-44, "-0044", "45 BC"), (0, "0000", "1 BC"), (2022, "2022", "2022"), (800, "0800", "800"), (12345, "Y12345", "12345"),
    ])
    func yearNumbering(astronomical: Int, edtf: String, name: String) {
        #expect(WebYears.edtf(astronomical) == edtf)
        #expect(WebYears.name(astronomical) == name)
    }

    @Test("a year span reads as people read it")
    func yearSpans() {
        #expect(WebYears.span(1547, 1553) == "1547–1553")
        #expect(WebYears.span(-44, -43) == "45–44 BC")
        #expect(WebYears.span(-44, 9) == "45 BC – 9 AD")
        #expect(WebYears.span(2022, 2022) == "2022")
    }

    // MARK: - Hints for a browser

    @Test("a hint loses what names the command line and keeps the rest", arguments: [
        ("Did you mean one of these? Or add it with `chancery actor add`.", nil),
        ("Add it first with `chancery actor add`.", nil),
        ("List letters with `chancery letters` to find the reference.", nil),
        ("Check the order of --date and --received.", nil),
        ("Use two letters, e.g. KH for Cambodia, or a state's name (`chancery actor list --kind state`).",
         "Use two letters, e.g. KH for Cambodia, or a state's name."),
        ("A deleted letter keeps its reference and its history, but no longer takes part in anything; `chancery letter restore X` brings it back.",
         "A deleted letter keeps its reference and its history, but no longer takes part in anything."),
        ("e.g. --member KH --organization ASEAN; `chancery actor show` lists memberships with their ids.", nil),
        ("Fix the XML there (xmllint --noout shows every error) and import again.",
         "Fix the XML there (xmllint --noout shows every error) and import again."),
        ("Write dates in EDTF: 2022-05-12, 2022-05, 2022, 2022-01/2022-03, 2022~, 2022-05?, 202X.",
         "Write dates in EDTF: 2022-05-12, 2022-05, 2022, 2022-01/2022-03, 2022~, 2022-05?, 202X."),
        ("Use a Wikidata id or ISO code, or a more specific name or alias.", "Use a Wikidata id or ISO code, or a more specific name or alias."),
    ] as [(String, String?)])
    func browserHints(hint: String, expected: String?) {
        #expect(WebProblem.browserHint(hint) == expected)
    }

    @Test("advice naming a flag the page has a field for is kept in the page's words")
    func flagsAsFields() {
        let labels = ["since": "From", "until": "To"]
        #expect(WebProblem.browserHint("Swap --since and --until.", fieldLabels: labels) == "Swap “From” and “To”.")
        #expect(WebProblem.browserHint("Swap --since and --until.") == nil)
        // A clause naming a flag the page has no field for is left out whole.
        #expect(WebProblem.browserHint("Give --date (EDTF) or --letter REF.", fieldLabels: ["date": "Date"]) == nil)
    }

    @Test("the names an error lists are read as actors, letters and events")
    func candidates() {
        let actor = ChanceryError(.notFound, "no person named 'Hun Sn'", field: "person")
        #expect(WebProblem.candidate("Hun Sen (person)", error: actor) == .actor(name: "Hun Sen", kind: .person, isoCode: nil))
        #expect(WebProblem.candidate("Cambodia (state, KH, Q424)", error: actor) == .actor(name: "Cambodia", kind: .state, isoCode: "KH"))
        let letter = ChanceryError(.notFound, "no letter with ref 'KH-US'", field: "ref")
        #expect(WebProblem.candidate("KH-US-2022-001 — Reply: full support", error: letter) == .letter(ref: "KH-US-2022-001"))
        let event = ChanceryError(.notFound, "no event 'Summit'", field: "event")
        #expect(WebProblem.candidate("ASEAN-US-SUMMIT-2022 — Special ASEAN–U.S. Summit", error: event) == .event(ref: "ASEAN-US-SUMMIT-2022"))
        #expect(WebProblem.candidate("id 3: Hun Sen — Prime Minister, Cambodia", error: actor) == .other)
    }

    // MARK: - Pages

    @Test("an unknown person in the register's address: the closest names link to the register with the name corrected, no command in sight")
    func unknownPersonInTheRegister() async throws {
        try await Self.open { _, client in
            let page = try await client.call(.get, "/?text=summit&person=Hun%20Sn", conforming: false)
            #expect(page.status == .badRequest)
            let main = Self.main(page.text)
            #expect(Self.commandLine(in: main) == nil, "\(Self.commandLine(in: main) ?? "")")
            #expect(main.contains("no person named &#39;Hun Sn&#39;"))
            #expect(main.contains("<p>Did you mean one of these?</p>"), "\(main)")
            #expect(main.contains(#"<li><a href="/?text=summit&amp;person=Hun+Sen">Hun Sen (person)</a></li>"#), "\(main)")
            // A reader cannot add actors: they may search for the name instead.
            #expect(main.contains(#"<a href="/?text=Hun+Sn">Search the register for “Hun Sn”</a>"#), "\(main)")
            #expect(!main.contains("/actors/new"))

            let nothingClose = try await client.call(.get, "/?person=Zqxv%20Wkjy", conforming: false)
            #expect(nothingClose.status == .badRequest)
            let alone = Self.main(nothingClose.text)
            #expect(Self.commandLine(in: alone) == nil, "\(Self.commandLine(in: alone) ?? "")")
            #expect(alone.contains("no person named &#39;Zqxv Wkjy&#39;"))
            #expect(!alone.contains("Did you mean") && !alone.contains("one of these") && !alone.contains(#"class="candidates""#), "\(alone)")

            let window = try await client.call(.get, "/?since=2023&until=2022", conforming: false)
            let windowMain = Self.main(window.text)
            #expect(window.status == .badRequest && Self.commandLine(in: windowMain) == nil, "\(windowMain)")
            #expect(windowMain.contains("<p>Swap “From” and “To”.</p>"), "\(windowMain)")

            let country = try await client.call(.get, "/?country=Atlantis", conforming: false)
            let countryMain = Self.main(country.text)
            #expect(country.status == .badRequest && Self.commandLine(in: countryMain) == nil, "\(countryMain)")
            #expect(countryMain.contains("Use two letters, e.g. KH for Cambodia, or a state&#39;s name."), "\(countryMain)")
        }
    }

    @Test("a missing letter, actor or event: the page names no command, and the closest ones are links to their pages")
    func notFoundPages() async throws {
        try await Self.open { _, client in
            let nope = try await client.call(.get, "/letters/NOPE", conforming: false)
            #expect(nope.status == .notFound)
            let nopeMain = Self.main(nope.text)
            #expect(Self.commandLine(in: nopeMain) == nil, "\(Self.commandLine(in: nopeMain) ?? "")")
            #expect(nopeMain.contains("no letter with ref &#39;NOPE&#39;") && nopeMain.contains("among the letters, by its subject"))
            #expect(!nopeMain.contains("Did you mean"))
            #expect(nopeMain.contains(#"<a href="/">Back to the register</a>"#))

            let near = try await client.call(.get, "/letters/KH-US-2022-00", conforming: false)
            let nearMain = Self.main(near.text)
            #expect(near.status == .notFound && Self.commandLine(in: nearMain) == nil)
            #expect(nearMain.contains("<p>Did you mean one of these?</p>"), "\(nearMain)")
            #expect(nearMain.contains(#"<li><a href="/letters/KH-US-2022-001">KH-US-2022-001 — "#), "\(nearMain)")

            let actor = try await client.call(.get, "/actors/Hun%20Sn", conforming: false)
            let actorMain = Self.main(actor.text)
            #expect(actor.status == .notFound && Self.commandLine(in: actorMain) == nil, "\(actorMain)")
            #expect(actorMain.contains(#"<li><a href="/actors/Hun%20Sen">Hun Sen (person)</a></li>"#), "\(actorMain)")

            let timeline = try await client.call(.get, "/timeline?person=Hun+Sn", conforming: false)
            let timelineMain = Self.main(timeline.text)
            #expect(timeline.status == .notFound && Self.commandLine(in: timelineMain) == nil, "\(timelineMain)")
            #expect(timelineMain.contains(#"<li><a href="/timeline?person=Hun+Sen">Hun Sen (person)</a></li>"#), "\(timelineMain)")

            let event = try await client.call(.get, "/timeline?event=Nothing+Held+Here", conforming: false)
            let eventMain = Self.main(event.text)
            #expect(event.status == .notFound && Self.commandLine(in: eventMain) == nil, "\(eventMain)")
        }
    }

    @Test("an editor is offered the form that adds the missing actor, filled in; a form lists the closest names without a command")
    func editorsNextSteps() async throws {
        try await WebSignInPageTests.withAccounts { _, client in
            var browser = try await WebLetterFormTests.signedIn(client, as: "editor")
            let page = try await browser.get("/?person=Hun%20Sn")
            let main = Self.main(page.text)
            #expect(Self.commandLine(in: main) == nil)
            #expect(main.contains(#"<a href="/actors/new?name=Hun+Sn&amp;kind=person">Add “Hun Sn” as a new actor</a>"#), "\(main)")
            let form = try await browser.get("/actors/new?name=Hun+Sn&kind=person")
            #expect(form.status == .ok && form.text.contains(#"value="Hun Sn""#))
            #expect(form.text.contains(#"<option value="person" selected>"#), "\(form.text)")

            // On a form the names are text (a link would lose what was typed), beside the field too.
            let blank = try await browser.get("/letters/new")
            let csrf = WebVisitor.csrf(in: blank) ?? ""
            let refused = try await browser.post("/letters/new", WebLetterFormTests.replyFields(csrf: csrf, from: "Hun Sn | Prime Minister"))
            #expect(refused.status == .unprocessableContent)
            let refusedMain = Self.main(refused.text)
            #expect(Self.commandLine(in: refusedMain) == nil, "\(Self.commandLine(in: refusedMain) ?? "")")
            #expect(refusedMain.contains("<p>Did you mean one of these?</p>"), "\(refusedMain)")
            #expect(refusedMain.contains("<li>Hun Sen (person)</li>"), "\(refusedMain)")
            #expect(refusedMain.contains(#"id="from-error">no actor named &#39;Hun Sn&#39;. Did you mean Hun Sen (person)"#), "\(refusedMain)")
            #expect(refusedMain.contains(">Hun Sn | Prime Minister</textarea>"))
        }
    }

    @Test("a reader whose role is too low is told to ask an administrator, not to run a command")
    func notAllowed() async throws {
        try await WebSignInPageTests.withAccounts { _, client in
            var browser = try await WebLetterFormTests.signedIn(client, as: "reader")
            let page = try await browser.get("/letters/new")
            #expect(page.status == .forbidden)
            let main = Self.main(page.text)
            #expect(Self.commandLine(in: main) == nil, "\(main)")
            #expect(main.contains("Ask an administrator to give your account the editor role."))
        }
    }

    @Test("the register table's headings break only between words and its references never, as the stylesheet says")
    func tableStyle() async throws {
        try await Self.open { _, client in
            let css = try await client.call(.get, "/assets/chancery.css", conforming: false).text
            #expect(css.contains("table.letters th { overflow-wrap: normal; }"))
            #expect(css.contains("table.letters td.ref { white-space: nowrap; overflow-wrap: normal; }"))
        }
    }

    @Test("the next steps an error names become links where the web has a page, and nothing where it has none")
    func nextStepsAsLinks() {
        let stale = WebProblem(ChanceryError(.stale, "letter US-KH-2022-001 is at revision 3, not 2", field: "revision",
                                             hint: "Read the letter again for its current revision (its ETag), and retry with it.",
                                             next: [.showLetter(ref: "US-KH-2022-001"), .listTokens, .showActor(name: "Hun Sen")]))
        #expect(stale.actions.map(\.url) == ["/letters/US-KH-2022-001", "/actors/Hun%20Sen"])
        #expect(stale.hint == "Read the letter again for its current revision (its ETag), and retry with it.")
        let missing = WebProblem(ChanceryError(.notFound, "no letter with ref 'X-1'", field: "ref", next: [.listLetters, .listSources]))
        #expect(missing.actions.map(\.url) == ["/sources"])
    }
}
