import ChanceryCore
import ChanceryModel
import Foundation
import HTTPTypes
import HummingbirdTesting
import LibPQClient
import Testing

/// A letter's participants, links and sources changed in the browser, one at a time, with the
/// revision the page showed: nothing is overwritten and a refusal writes nothing.
@Suite("Web letter parts")
struct WebLetterPartsTests {
    typealias Accounts = WebSignInPageTests
    typealias Forms = WebLetterFormTests

    private static func revision(_ page: APIResponse) -> String {
        guard let range = page.text.range(of: #"name="revision" value=""#) else { return "" }
        return String(page.text[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test("an editor adds and removes a participant, a link and a source; each change is one revision, recorded as theirs")
    func addAndRemove() async throws {
        try await Accounts.withAccounts { harness, client in
            var browser = try await Forms.signedIn(client, as: "editor")
            let letter = try await browser.get("/letters/US-ASEAN-2022-001")
            #expect(letter.text.contains(#"<a href="/letters/US-ASEAN-2022-001/parts">Participants, links, sources</a>"#))
            var page = try await browser.get("/letters/US-ASEAN-2022-001/parts")
            #expect(page.status == .ok)
            #expect(page.text.contains("<td>via</td><td>Indonesia</td>"))
            let csrf = WebVisitor.csrf(in: page) ?? ""
            let start = Self.revision(page)
            let lastChange = try await Forms.scalar(harness, "SELECT coalesce(max(id), 0)::text AS value FROM history") ?? "0"

            let added = try await browser.post("/letters/US-ASEAN-2022-001/parts", [
                ("csrf", csrf), ("revision", start), ("action", "add-participant"), ("role", "cc"), ("participant", "Cambodia")])
            #expect(added.status == .seeOther && added.headers[.location] == "/letters/US-ASEAN-2022-001/parts")
            page = try await browser.get("/letters/US-ASEAN-2022-001/parts")
            #expect(page.text.contains("<td>copy to</td><td>Cambodia</td>"))
            #expect(Int(Self.revision(page)) == Int(start)! + 1)

            let linked = try await browser.post("/letters/US-ASEAN-2022-001/parts", [
                ("csrf", csrf), ("revision", Self.revision(page)), ("action", "add-link"), ("link-kind", "refers_to"), ("target", "KH-US-2022-001")])
            #expect(linked.status == .seeOther)
            page = try await browser.get("/letters/US-ASEAN-2022-001/parts")
            #expect(page.text.contains(#"<td>refers to</td><td><a href="/letters/KH-US-2022-001">KH-US-2022-001</a>"#))

            let cited = try await browser.post("/letters/US-ASEAN-2022-001/parts", [
                ("csrf", csrf), ("revision", Self.revision(page)), ("action", "add-source"), ("source-kind", "official_statement"),
                ("source-title", "Readout of the summit"), ("source-url", "https://example.org/readout"), ("source-quote", "")])
            #expect(cited.status == .seeOther)
            let shown = try await browser.get("/letters/US-ASEAN-2022-001")
            #expect(shown.text.contains("Readout of the summit") && shown.text.contains("copy to") == false)
            #expect(shown.text.contains(#"<span class="role">cc</span> <a href="/actors/Cambodia">Cambodia</a>"#))

            page = try await browser.get("/letters/US-ASEAN-2022-001/parts")
            let removed = try await browser.post("/letters/US-ASEAN-2022-001/parts", [
                ("csrf", csrf), ("revision", Self.revision(page)), ("action", "remove-link"), ("link-kind", "refers_to"), ("target", "KH-US-2022-001")])
            #expect(removed.status == .seeOther)
            page = try await browser.get("/letters/US-ASEAN-2022-001/parts")
            #expect(!page.text.contains(#"<td>refers to</td>"#))
            let position = try #require(try await Forms.scalar(harness, """
                SELECT p.position::text AS value FROM letter_participant p JOIN letter l ON l.id = p.letter_id
                WHERE l.ref = 'US-ASEAN-2022-001' AND p.role = 'cc'
                """))
            let uncopied = try await browser.post("/letters/US-ASEAN-2022-001/parts", [
                ("csrf", csrf), ("revision", Self.revision(page)), ("action", "remove-participant"), ("role", "cc"), ("position", position)])
            #expect(uncopied.status == .seeOther)
            page = try await browser.get("/letters/US-ASEAN-2022-001/parts")
            #expect(!page.text.contains("<td>copy to</td>"))
            #expect(Int(Self.revision(page)) == Int(start)! + 5)
            let authors = try await Forms.scalar(harness, """
                SELECT string_agg(DISTINCT changed_by, ',') AS value FROM history
                WHERE table_name IN ('letter_participant', 'letter_link') AND id > \(Int(lastChange)!)
                """)
            #expect(authors == "user:editor")
        }
    }

    @Test("a stale revision, an unknown name or letter, and the last recipient are refused on the page; nothing is written")
    func refusals() async throws {
        try await Accounts.withAccounts { harness, client in
            var browser = try await Forms.signedIn(client, as: "editor")
            let page = try await browser.get("/letters/KH-US-2022-001/parts")
            let csrf = WebVisitor.csrf(in: page) ?? ""
            let revision = Self.revision(page)
            #expect(!page.text.contains(#"aria-label="Remove Joe Biden (to)""#), "the only recipient cannot be removed")

            let unknown = try await browser.post("/letters/KH-US-2022-001/parts", [
                ("csrf", csrf), ("revision", revision), ("action", "add-participant"), ("role", "cc"), ("participant", "Nobody Atall | Envoy")])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains(#"id="participant-error""#) && unknown.text.contains(#"value="Nobody Atall | Envoy""#), "\(unknown.text)")
            let noLetter = try await browser.post("/letters/KH-US-2022-001/parts", [
                ("csrf", csrf), ("revision", revision), ("action", "add-link"), ("link-kind", "reply_to"), ("target", "XX-0000")])
            #expect(noLetter.status == .unprocessableContent && noLetter.text.contains(#"id="target-error""#))
            let lastRecipient = try await browser.post("/letters/KH-US-2022-001/parts", [
                ("csrf", csrf), ("revision", revision), ("action", "remove-participant"), ("role", "recipient"), ("position", "1")])
            #expect(lastRecipient.status == .unprocessableContent && lastRecipient.text.contains("without a recipient"))
            let unchanged = try await Forms.scalar(harness, "SELECT revision::text AS value FROM letter WHERE ref = 'KH-US-2022-001'")
            #expect(unchanged == revision, "nothing written")

            _ = try await LetterService(database: harness.database).update("KH-US-2022-001", ifRevision: Int(revision)!,
                                                                            changes: LetterChanges(subject: "Changed meanwhile"))
            let stale = try await browser.post("/letters/KH-US-2022-001/parts", [
                ("csrf", csrf), ("revision", revision), ("action", "add-participant"), ("role", "cc"), ("participant", "Indonesia")])
            #expect(stale.status == .conflict && stale.text.contains("since this page was opened; nothing was saved"))
            #expect(Self.revision(stale) == String(Int(revision)! + 1), "the page shows the letter as it now is")
            let copies = try await Forms.scalar(harness, """
                SELECT count(*)::text AS value FROM letter_participant p JOIN letter l ON l.id = p.letter_id WHERE l.ref = 'KH-US-2022-001' AND p.role = 'cc'
                """)
            #expect(copies == "0")
            let forged = try await browser.post("/letters/KH-US-2022-001/parts", [
                ("csrf", "forged"), ("revision", String(Int(revision)! + 1)), ("action", "add-participant"), ("role", "cc"), ("participant", "Indonesia")])
            #expect(forged.status == .forbidden)
        }
    }
}
