import ChanceryCore
import ChanceryModel
import Foundation
import HTTPTypes
import HummingbirdTesting
import LibPQClient
import Testing

/// `/sources`: the register of sources, a source's page, and the editors' corrections, as a
/// person signed in meets them.
@Suite("Web source pages")
struct WebSourcePagesTests {
    typealias Accounts = WebSignInPageTests
    typealias Forms = WebLetterFormTests

    static func fields(of page: String, csrf: String, replacing: [String: String] = [:]) -> [(String, String)] {
        let stored = ["kind": "news", "title": "Exchange of Correspondence Between Cambodia’s Prime Minister , 2022 ASEAN Chair and US President Joe Biden",
                      "url": "", "publisher": "", "published": "", "retrieved": "", "excerpt": "An excerpt."]
        let revision = page.range(of: #"name="revision" value="([0-9]+)""#, options: .regularExpression)
            .map { String(page[$0]).filter(\.isNumber) } ?? "1"
        return [("csrf", csrf), ("revision", revision)] + ["kind", "title", "url", "publisher", "published", "retrieved", "excerpt"]
            .map { ($0, replacing[$0] ?? stored[$0] ?? "") }
    }

    @Test("the register of sources filters by text and kind, and a source's page lists the records citing it, linked")
    func listAndPage() async throws {
        try await Accounts.withAccounts { harness, client in
            var browser = try await Forms.signedIn(client, as: "reader")
            let list = try await browser.get("/sources")
            #expect(list.status == .ok && list.text.contains(#"<a href="/sources">Sources</a>"#))
            #expect(list.text.contains(#"<a href="/sources/1">Exchange of Correspondence"#) && list.text.contains("1–1 of 1 source"))
            let poem = try await browser.get("/sources?kind=poem")
            #expect(poem.status == .badRequest && poem.text.contains("unknown kind of source &#39;poem&#39;"), "\(poem.text)")
            let none = try await browser.get("/sources?text=reuters&kind=news")
            #expect(none.status == .ok && none.text.contains("No source matches.") && none.text.contains(#"<option value="news" selected>"#))

            let page = try await browser.get("/sources/1")
            #expect(page.status == .ok && page.text.contains("Cited by 5 records."))
            #expect(page.text.contains(#"<a href="/letters/KH-US-2022-001">KH-US-2022-001</a>"#))
            #expect(page.text.contains(#"<a href="/timeline?event=ASEAN-US-SUMMIT-2022">ASEAN-US-SUMMIT-2022</a>"#))
            #expect(!page.text.contains("Correct this source"), "a reader is offered no correction")
            #expect(page.text.contains(#"<a href="/?source=1">Its letters in the register</a>"#))
            var other = LetterDraft()
            other.from = [ParticipantDraft(name: "Hun Sen")]
            other.to = [ParticipantDraft(name: "Joe Biden")]
            other.date = "2022-07"
            other.subject = "Citing nothing"
            other.ref = "KH-US-2022-090"
            _ = try await LetterService(database: harness.database).add(other)
            let register = try await browser.get("/?source=1")
            #expect(!register.text.contains("KH-US-2022-090"), "a letter citing nothing is left out")
            #expect(register.status == .ok && register.text.contains("3 letters") && register.text.contains(#"href="/letters/US-KH-2022-001""#))
            #expect(register.text.contains("Source: Exchange of Correspondence Between Cambodia’s Prime Minister"), "the filter shows the source's title")
            let unknown = try await browser.get("/?source=The%20Unwritten%20Chronicle")
            #expect(unknown.status == .badRequest && unknown.text.contains("no source"), "\(unknown.text)")
            let letter = try await browser.get("/letters/KH-US-2022-001")
            #expect(letter.text.contains(#"<a href="/sources/1">Exchange of Correspondence"#))
            for missing in ["/sources/999", "/sources/abc", "/sources/0"] {
                #expect(try await browser.get(missing).status == .notFound, "\(missing)")
            }
            #expect(try await browser.get("/sources/1/edit").status == .forbidden)
        }
    }

    @Test("an editor corrects a source: a bad address comes back beside its field with nothing written; a stale form is refused and shows both; a cited source cannot be removed")
    func correct() async throws {
        try await Accounts.withAccounts { harness, client in
            var browser = try await Forms.signedIn(client, as: "editor")
            let form = try await browser.get("/sources/1/edit")
            #expect(form.status == .ok && form.text.contains(#"<select id="kind" name="kind">"#))
            let csrf = WebVisitor.csrf(in: form) ?? ""

            let refused = try await browser.post("/sources/1/edit", Self.fields(of: form.text, csrf: csrf, replacing: ["url": "ftp://example.org/a", "publisher": "Khmer Times"]))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"<p class="field-error" id="url-error">invalid source URL"#), "\(refused.text)")
            #expect(refused.text.contains(#"value="Khmer Times""#))
            #expect(try await SourceService(database: harness.database).show("1").revision == 1, "nothing written")

            let saved = try await browser.post("/sources/1/edit", Self.fields(of: form.text, csrf: csrf, replacing: ["publisher": "Khmer Times", "published": "2022-02"]))
            #expect(saved.status == .seeOther && saved.headers[.location] == "/sources/1")
            let source = try await SourceService(database: harness.database).show("1")
            #expect(source.publisher == "Khmer Times" && source.published?.edtf == "2022-02" && source.excerpt == "An excerpt." && source.revision == 2)
            let letter = try await browser.get("/letters/US-KH-2022-001")
            #expect(letter.text.contains("Khmer Times"))

            let stale = try await browser.post("/sources/1/edit", Self.fields(of: form.text, csrf: csrf, replacing: ["publisher": "AFP"]))
            #expect(stale.status == .conflict && stale.text.contains("someone corrected this source while the form was open"))
            #expect(stale.text.contains(#"value="AFP""#) && stale.text.contains("<dd>Khmer Times</dd>") && stale.text.contains(#"name="revision" value="2""#))
            #expect(try await SourceService(database: harness.database).show("1").publisher == "Khmer Times")

            let forged = try await browser.post("/sources/1/edit", Self.fields(of: form.text, csrf: "forged"))
            #expect(forged.status == .forbidden)

            let linkedOnly = try await browser.post("/sources/1/edit", Self.fields(of: stale.text, csrf: csrf, replacing: ["publisher": "Khmer Times", "url": "https://example.org/article"]))
            #expect(linkedOnly.status == .seeOther)
            let page = try await browser.get("/sources/1")
            #expect(page.text.contains(#"<a href="/invitations/INV-US-2022-001">INV-US-2022-001</a>"#),
                    "an invitation is linked to its own page, not to the source's address")
            #expect(try await browser.get("/sources/1/delete").status == .conflict)
            let removal = try await browser.post("/sources/1/delete", [("csrf", csrf), ("revision", "3")])
            #expect(removal.status == .conflict && removal.text.contains("still in use"))
            #expect(try await SourceService(database: harness.database).list().total == 1)
        }
    }
}
